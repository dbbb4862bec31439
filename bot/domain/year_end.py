"""The year-end text: what a department did on an activity in a year, as the office sends it
upward in «Информация о ходе выполнения». Compiled from the department's status reports of
the year, then confirmed (or rewritten) by its coordinator."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.domain.periods import Quarter
from bot.domain.reports import StatusReport
from bot.domain.roadmap import Item

# The office's calendar: a report belongs to the year in which it was made in Moscow time.
OFFICE_ZONE = ZoneInfo("Europe/Moscow")
_SENTENCE_END = (".", "!", "?", "…")


@dataclass(frozen=True, slots=True)
class YearText:
    """A year-end text a coordinator confirmed for their department."""

    year: int
    item_code: str
    department_id: str
    text: str
    user_id: int
    author: str
    confirmed_at: datetime
    corrected: bool  # typed by the coordinator rather than the compiled draft


@dataclass(frozen=True, slots=True)
class YearEntry:
    """One activity and one department at the year's end: the draft compiled from the
    year's reports, the latest status, and the confirmed text if there is one."""

    year: int
    item: Item
    department_id: str
    draft: str
    latest: StatusReport | None  # the department's latest standing report up to the year end
    confirmed: YearText | None

    @property
    def text(self) -> str:
        """What the report says: the confirmed text, or else the draft."""
        return self.confirmed.text if self.confirmed is not None else self.draft

    @property
    def stale(self) -> bool:
        """The status is older than the year's last quarter: is it still so?"""
        if self.latest is None:
            return False
        made = self.latest.created_at.astimezone(OFFICE_ZONE).date()
        return made < Quarter(self.year, 4).first

    @property
    def empty(self) -> bool:
        """Nothing reported and nothing written: there is no text to confirm yet."""
        return not self.text


def sentence(text: str) -> str:
    """A comment as a sentence of a document: trimmed, capitalised, with its full stop."""
    text = " ".join(text.split())
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text.endswith(_SENTENCE_END) else text + "."


def compile_draft(reports: Iterable[StatusReport]) -> str:
    """The department's comments of the year, oldest first, each once: a "no change" repeats
    the comment before it and adds nothing; withdrawn reports do not count."""
    seen: set[str] = set()
    sentences = []
    for report in sorted(reports, key=lambda r: (r.created_at, r.id)):
        if not report.standing or report.carried_forward or not report.comment.strip():
            continue
        key = " ".join(report.comment.casefold().split()).rstrip(".!?… ")
        if key in seen:
            continue
        seen.add(key)
        sentences.append(sentence(report.comment))
    return " ".join(sentences)


def year_of(moment: datetime) -> int:
    return moment.astimezone(OFFICE_ZONE).year


def build_entries(
    year: int,
    pairs: Iterable[tuple[Item, str]],
    reports: Iterable[StatusReport],
    latest: dict[tuple[str, str], StatusReport],
    confirmed: dict[tuple[str, str], YearText],
) -> list[YearEntry]:
    """The entries of these (activity, department) pairs: `reports` are the year's,
    `latest` each pair's latest standing report up to the year end, `confirmed` the texts
    confirmed for the year."""
    by_pair: dict[tuple[str, str], list[StatusReport]] = {}
    for report in reports:
        if year_of(report.created_at) == year:
            by_pair.setdefault((report.item_code, report.department_id), []).append(report)
    return [
        YearEntry(
            year,
            item,
            department,
            compile_draft(by_pair.get((item.code, department), [])),
            latest.get((item.code, department)),
            confirmed.get((item.code, department)),
        )
        for item, department in pairs
    ]


def round_year(today: date, years: range) -> int | None:
    """The year whose year-end texts are being gathered on `today`: this year, or in
    January the one just ended; None outside the roadmap's years."""
    year = today.year - 1 if today.month == 1 else today.year
    return year if year in years else None


def report_year(today: date, years: range) -> int:
    """The year an office asks about when it names none: the one being rounded off (in
    January, the one just ended), else the roadmap's year nearest to today."""
    return round_year(today, years) or min(max(today.year, years[0]), years[-1])
