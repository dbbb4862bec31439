"""The year-end round as a coordinator sees it: one card per activity with the text the
annual report will carry, confirmed with a tap or written anew."""

from __future__ import annotations

import html

from bot.domain.statuses import Status
from bot.domain.year_end import YearEntry
from bot.services.results import Refused
from bot.services.year_end import Confirmed, TextEmpty, TextTooLong, YearRound
from bot.telegram import keyboards
from bot.telegram.views.common import (
    Screen,
    Ui,
    department_name,
    local_date,
    refused,
    shorten,
    status_name,
)

CARD_TITLE = 300  # characters of the activity's title on a card


def card(ui: Ui, found: YearRound, entry: YearEntry, note: str = "") -> Screen:
    """The text the report will carry for one activity and department, its status (an old
    one flagged), and what can be done: confirm, correct, update the status, next."""
    t, zone = ui.t, ui.zone
    item = entry.item
    done = sum(1 for e in found.entries if e.confirmed is not None)
    lines = []
    if note:
        lines += [note, ""]
    lines.append(
        t(
            "year-card-head",
            year=str(found.year),
            position=found.position(entry),
            total=len(found.entries),
            done=done,
        )
    )
    lines.append(f"<b>{html.escape(item.code)}</b> {html.escape(shorten(item.title, CARD_TITLE))}")
    lines.append(t("year-card-from", department=department_name(ui.roadmap, entry.department_id)))
    latest = entry.latest
    if latest is None:
        lines.append(t("year-card-status-none"))
    else:
        status = Status(latest.status)
        lines.append(
            t(
                "year-card-status",
                icon=status.icon,
                status=status_name(t, status.value),
                date=local_date(latest.created_at, zone),
            )
        )
    if entry.confirmed is not None:
        confirmed = entry.confirmed
        lines.append(
            t(
                "year-card-confirmed",
                name=confirmed.author,
                date=local_date(confirmed.confirmed_at, zone),
            )
        )
    elif latest is not None and entry.stale:
        lines.append(
            t(
                "year-card-stale",
                date=local_date(latest.created_at, zone),
                status=status_name(t, latest.status),
            )
        )
    if entry.text:
        lines.append(t("year-card-text"))
        lines.append(f"<blockquote>{html.escape(shorten(entry.text, 2000))}</blockquote>")
    else:
        lines.append(t("year-card-empty", year=str(found.year)))
    markup = keyboards.year_card(
        t,
        found.year,
        item.code,
        entry.department_id,
        confirmable=bool(entry.text),
        confirmed=entry.confirmed is not None,
    )
    return Screen("\n".join(lines), markup)


def first(ui: Ui, found: YearRound | Refused) -> Screen:
    """`/year`: the first text still to confirm, or, all confirmed, the list."""
    if isinstance(found, Refused):
        return refused(ui.t, found)
    entry = found.after(None)
    return card(ui, found, entry) if entry is not None else overview(ui, found)


def overview(ui: Ui, found: YearRound) -> Screen:
    """Every text of the year: confirmed or not, a tap to open each."""
    t = ui.t
    left = found.unconfirmed
    if left:
        codes = ", ".join(e.item.code for e in left)
        text = t("year-left", year=str(found.year), codes=codes, count=len(left))
    else:
        text = t("year-all-done", year=str(found.year))
    entries = [(e.item.code, e.department_id, e.confirmed is not None) for e in found.entries]
    return Screen(text, keyboards.year_list(t, found.year, entries))


def confirmed(ui: Ui, result: Confirmed) -> Screen:
    """Saved: the next text to check, or, none left, the thanks and the list."""
    t = ui.t
    code = result.entry.item.code
    note = t("year-saved", code=code) if result.changed else t("year-saved-already", code=code)
    following = result.round.after(result.entry)
    if following is None:
        return Screen(
            note + "\n\n" + overview(ui, result.round).text, overview(ui, result.round).markup
        )
    return card(ui, result.round, following, note)


def problem(ui: Ui, result: TextEmpty | TextTooLong | Refused) -> Screen:
    t = ui.t
    if isinstance(result, Refused):
        return refused(t, result)
    if isinstance(result, TextEmpty):
        return Screen(t("year-empty-confirm"))
    return Screen(t("year-too-long", length=result.length, limit=result.limit))


def ask_text(ui: Ui, entry: YearEntry) -> Screen:
    t = ui.t
    key = "year-ask-fix" if entry.text else "year-ask-write"
    text = t(key, code=entry.item.code, year=str(entry.year))
    if entry.text:
        text += f"\n<blockquote>{html.escape(shorten(entry.text, 2000))}</blockquote>"
    return Screen(text)


def too_long(ui: Ui, year: int, code: str, department: str, length: int, tail: str) -> Screen:
    t = ui.t
    return Screen(
        t("year-too-long-keep", length=length, limit=2000, tail=tail),
        keyboards.year_too_long(t, year, code, department),
    )


def round_started(ui: Ui, year: int) -> Screen:
    return Screen(ui.t("year-round-start", year=str(year)), keyboards.year_start(ui.t, year))
