"""The coordinating office's screens: who is late, progress, the report."""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import replace
from zoneinfo import ZoneInfo

from bot.documents.chart import ChartLabels
from bot.domain.annual import AnnualReport
from bot.domain.catalog import RoadmapEntry
from bot.domain.periods import Period, Quarter
from bot.domain.progress import CATEGORIES, NO_DATA
from bot.domain.scope import Scope, within
from bot.domain.statuses import Status
from bot.i18n import Texts
from bot.services.office import Stats
from bot.telegram import keyboards
from bot.telegram.views.common import Screen, Ui, screens, shorten, split_blocks

OFFICE_ZONE = ZoneInfo("Europe/Moscow")


def admin_only(ui: Ui) -> str:
    t = ui.t
    return t("admin-only")


def not_yours(ui: Ui) -> str:
    """An office member's tap about a department outside their roadmaps."""
    t = ui.t
    return t("office-not-yours")


def revoke_shared(ui: Ui) -> str:
    """An office member's revocation for a department that works on other roadmaps too."""
    t = ui.t
    return t("office-revoke-shared")


def scoped(ui: Ui, scope: Scope) -> Ui:
    """The reader's Ui over what their office sees: an office member's roadmaps only (their
    departments, sides and sections in lists), everything for a global admin."""
    return ui if scope is None else replace(ui, roadmap=within(ui.roadmap, scope))


def period_label(t: Texts, period: Period) -> str:
    if isinstance(period, Quarter):
        return t("quarter", quarter=period.number, year=str(period.year))
    return t("year-label", year=period.label)


def category_labels(t: Texts) -> dict[str, str]:
    return {c: t(f"status-{c}") if c != NO_DATA else t("items-no-data") for c in CATEGORIES}


def stats(ui: Ui, result: Stats) -> list[Screen]:
    """Counts by side, then by section; where the office sees several roadmaps, roadmap by
    roadmap under its short name (a side of two roadmaps is counted in each apart), sections
    by their codes as the documents print them."""
    t, roadmap = ui.t, ui.roadmap
    labels = category_labels(t)
    icons = {c: Status(c).icon if c != NO_DATA else "∅" for c in CATEGORIES}

    def line(counts: Counter) -> str:
        return " ".join(f"{icons[c]}{counts[c]}" for c in CATEGORIES)

    blocks = [
        t("stats-title", date=f"{result.as_of:%d.%m.%Y}" if result.as_of else ""),
        t("stats-legend", legend=", ".join(f"{icons[c]} {labels[c]}" for c in CATEGORIES)),
    ]
    for entry in roadmap.entries:
        by_party = result.by_party.get(entry.number, {})
        sides = [
            f"<b>{html.escape(p.name)}</b>: {line(by_party.get(p.id, Counter()))}"
            for p in entry.roadmap.parties
        ]
        if roadmap.several:
            sides.insert(0, f"🗺 <b>{html.escape(entry.short_name)}</b>")
        blocks.append("\n".join(sides))
        blocks.append(
            "\n".join(
                f"{html.escape(printed(s.code))}. {html.escape(shorten(s.title, 40))}:"
                f" {line(result.by_section.get(s.code, Counter()))}"
                for s in roadmap.sections_of(entry.number)
            )
        )
    return screens(split_blocks([block for block in blocks if block]))


def printed(key: str) -> str:
    """A section's (or activity's) code as its document prints it: 1 for roadmap 2's 2/1."""
    number, sep, code = key.partition("/")
    return code if sep and number.isdigit() else key


def bad_year(ui: Ui, years: range, command: str = "report") -> Screen:
    """A year outside the roadmap's: the years there are, in an example of `command`."""
    t = ui.t
    return Screen(t("report-bad-year", start=str(years[0]), end=str(years[-1]), command=command))


def report_caption(ui: Ui, report: AnnualReport) -> str:
    """How many reports the year had, and how much of its year-end text is confirmed: is
    it ready to send upward as it is? Where the bot serves several roadmaps, whose."""
    t = ui.t
    confirmed, total = report.texts
    caption = t(
        "report-caption",
        year=str(report.year),
        updates=report.standing,
        confirmed=confirmed,
        total=total,
    )
    if not ui.roadmap.several or len(report.roadmap.entries) != 1:
        return caption
    name = report.roadmap.entries[0].short_name
    return f"{t('report-caption-roadmap', roadmap=name)}\n{caption}"


def report_which(ui: Ui, entries: list[RoadmapEntry], year: int | None) -> Screen:
    """/report with several roadmaps: which one, a button each (`year`: the one typed)."""
    t = ui.t
    text = t("report-which-year", year=str(year)) if year else t("report-which")
    choices = [(e.number, e.short_name) for e in entries]
    return Screen(text, keyboards.report_roadmaps(choices, year or 0))


def chart_labels(ui: Ui) -> ChartLabels:
    t = ui.t
    return ChartLabels(
        title=t("stats-chart-title"),
        x_axis=t("stats-chart-x"),
        y_axis=t("stats-chart-y"),
        categories=category_labels(t),
    )
