"""The office's roadmaps: what a roadmap file would load, and the list of those loaded."""

from __future__ import annotations

import html
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain.catalog import RoadmapEntry
from bot.domain.roadmap import Item
from bot.i18n import Html, Texts
from bot.importer import ImportProblem
from bot.importer.docx_source import MAX_DOCUMENT_MB
from bot.services.roadmaps import ImportPreview, RoadmapStanding
from bot.telegram import keyboards
from bot.telegram.views.common import Screen, Ui

TITLE = 200  # characters of a roadmap's title in the summary
NAMES_SHOWN = 3  # departments named of those the bot knows already, at most
NAMES_LENGTH = 160  # characters those names take, at most (whole names: one at least)
CODES_SHOWN = 25  # activity codes listed per kind of change
PER_PAGE = 5  # roadmaps on a page of /roadmaps


def summary(ui: Ui, preview: ImportPreview, file_name: str, pending: str, note: str = "") -> Screen:
    """What the file holds and what loading it would do: a new roadmap with its number, or
    a corrected edition with what it changes; the buttons to load it or not."""
    t = ui.t
    roadmap = preview.roadmap
    lines = [note, ""] if note else []
    lines.append(t("roadmaps-file", file=file_name))
    lines.append(f"<i>{html.escape(clip(roadmap.title, TITLE))}</i>")
    parties = " — ".join(
        f"{html.escape(p.name)} ({html.escape(p.timezone)})" for p in roadmap.parties
    )
    lines.append(t("roadmaps-parties", parties=Html(parties)))
    lines.append(t("roadmaps-period", period=str(roadmap.years)))
    lines.append(
        t(
            "roadmaps-counts",
            sections=len(roadmap.sections),
            items=len(roadmap.items),
            departments=len(roadmap.departments),
        )
    )
    lines.append(_recognised(t, preview))
    if preview.look_alike:  # likely one department, written differently: worth a look
        pairs = [
            f"«{html.escape(clip(new.name, 60))}» ≈ «{html.escape(clip(old.name, 60))}»"
            for new, old in preview.look_alike[:NAMES_SHOWN]
        ]
        lines.append(t("roadmaps-look-alike", count=len(preview.look_alike)))
        lines += [f"• {pair}" for pair in pairs]
    lines.append("")
    name = RoadmapEntry(preview.number, roadmap).short_name
    if preview.replaces is None:
        lines.append(t("roadmaps-new", number=preview.number, name=name))
    elif preview.unchanged:
        lines.append(t("roadmaps-unchanged", number=preview.number, name=name))
        return Screen("\n".join(lines))
    else:
        lines.append(t("roadmaps-edition", number=preview.number, name=name))
        lines += _diff_lines(t, preview)
    if preview.retires_most:
        assert preview.replaces is not None and preview.diff is not None
        lines += [
            "",
            t(
                "roadmaps-retires-most",
                retired=len(preview.diff.retired),
                total=len(preview.replaces.roadmap.items),
                number=preview.number,
            ),
        ]
        markup = keyboards.roadmap_import(t, pending, or_new=preview.number)
        return Screen("\n".join(lines), markup)
    return Screen("\n".join(lines), keyboards.roadmap_import(t, pending))


def _recognised(t: Texts, preview: ImportPreview) -> str:
    known = preview.recognised
    if not known:
        return t("roadmaps-recognised-none")
    shown = [clip(known[0].name, NAMES_LENGTH)]
    for department in known[1:NAMES_SHOWN]:
        if sum(len(name) + 2 for name in shown) + len(department.name) > NAMES_LENGTH:
            break
        shown.append(department.name)
    names = "; ".join(shown)
    more = len(known) - len(shown)
    if more > 0:
        names += " " + t("roadmaps-and-more", count=more)
    return t("roadmaps-recognised", count=len(known), names=names)


def clip(text: str, limit: int) -> str:
    """`text`, or as many of its first words as fit in `limit` characters, with "…"."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    words = cut.rsplit(" ", 1)[0] if " " in cut.strip() else cut[: limit - 1]
    return words.rstrip(" ,;.:—-«(") + "…"


def _codes(t: Texts, items: list[Item]) -> str:
    codes = ", ".join(item.code for item in items[:CODES_SHOWN])
    more = len(items) - CODES_SHOWN
    return codes + (" " + t("roadmaps-and-more", count=more) if more > 0 else "")


def _diff_lines(t: Texts, preview: ImportPreview) -> list[str]:
    changes = preview.diff
    assert changes is not None
    lines = []
    for key, items in (
        ("roadmaps-added", changes.added),
        ("roadmaps-changed", changes.changed),
        ("roadmaps-retired", changes.retired),
    ):
        if items:
            lines.append(t(key, count=len(items), codes=_codes(t, items)))
    if changes.empty:  # the same activities; the title, a section or a party's zone differ
        lines.append(t("roadmaps-same-items"))
    return lines


def outdated(ui: Ui, preview: ImportPreview, file_name: str, pending: str) -> Screen:
    """Another edition was loaded while the admin looked: nothing loaded, the new diff (or,
    the same roadmap loaded by another admin, nothing to load)."""
    note = "roadmaps-outdated-loaded" if preview.unchanged else "roadmaps-outdated"
    return summary(ui, preview, file_name, pending, ui.t(note))


def loaded(ui: Ui, entry: RoadmapEntry) -> Screen:
    t = ui.t
    return Screen(
        t(
            "roadmaps-loaded",
            number=entry.number,
            name=entry.short_name,
            items=len(entry.roadmap.items),
        )
    )


def unreadable(ui: Ui, file_name: str, problem: ImportProblem) -> Screen:
    """Why the file is not a roadmap, in the admin's language: the row and the cell."""
    t = ui.t
    detail: dict[str, str] = dict(problem.detail)
    if problem.row is not None:
        place = "table" if problem.place == "table row" else "line"
        detail["where"] = Html(t("roadmaps-row", place=place, row=str(problem.row)))
    if problem.kind == "too-large":
        detail["limit"] = str(MAX_DOCUMENT_MB)
    reason = t(f"roadmaps-error-{problem.kind}", **detail)
    return Screen(t("roadmaps-unreadable", file=file_name, reason=Html(reason)))


def too_big(ui: Ui, limit_mb: int) -> Screen:
    return Screen(ui.t("roadmaps-too-big", limit=limit_mb))


def not_downloaded(ui: Ui, file_name: str) -> Screen:
    return Screen(ui.t("roadmaps-not-downloaded", file=file_name))


def cancelled(ui: Ui) -> Screen:
    return Screen(ui.t("roadmaps-cancelled"))


def not_admin(ui: Ui, hint: str) -> Screen:
    """A roadmap file from someone not in the office: not loaded; how to attach a file."""
    return Screen(ui.t("roadmaps-not-admin") + "\n\n" + hint)


def ask_zone(ui: Ui, party: str, zones: tuple[str, ...], pending: str) -> Screen:
    """The party's time zone, a tap among the likely ones."""
    t = ui.t
    labels = [zone_label(zone) for zone in zones]
    return Screen(t("roadmaps-ask-zone", party=party), keyboards.roadmap_zones(t, pending, labels))


def zone_label(zone: str) -> str:
    """Asia/Vladivostok → "Vladivostok UTC+10" (the offset of a winter day)."""
    offset = datetime(2024, 1, 15, tzinfo=ZoneInfo(zone)).utcoffset()
    hours = int(offset.total_seconds() // 3600) if offset is not None else 0
    city = zone.rpartition("/")[2].replace("_", " ")
    return f"{city} UTC{hours:+d}"


def listing(ui: Ui, standings: list[RoadmapStanding], page: int) -> Screen:
    """/roadmaps: every roadmap, whether it takes reports now, paged; buttons to prolong
    each by a year, and to end an extension."""
    t = ui.t
    count = max(1, -(-len(standings) // PER_PAGE))
    page = min(max(page, 0), count - 1)
    shown = standings[page * PER_PAGE : (page + 1) * PER_PAGE]
    blocks = [
        t(
            "roadmaps-list-head",
            total=len(standings),
            first=page * PER_PAGE + 1,
            last=page * PER_PAGE + len(shown),
        )
    ]
    blocks += [_standing(t, standing) for standing in shown]
    rows = [
        (s.entry.number, s.entry.last_year + 1 if s.may_prolong else None, s.extended is not None)
        for s in shown
    ]
    if count == 1 and not any(more or extended for _, more, extended in rows):
        return Screen("\n\n".join(blocks))
    return Screen("\n\n".join(blocks), keyboards.roadmaps(t, rows, page, count))


def _standing(t: Texts, standing: RoadmapStanding) -> str:
    entry = standing.entry
    lines = [
        t("roadmaps-list-name", number=entry.number, name=entry.short_name),
        t(
            "roadmaps-list-period",
            period=str(entry.roadmap.years),
            items=len(entry.roadmap.items),
        ),
    ]
    if standing.open:
        lines.append(t("roadmaps-list-open"))
    elif standing.year < entry.roadmap.years.start:
        lines.append(t("roadmaps-list-later", year=str(entry.roadmap.years.start)))
    else:
        lines.append(t("roadmaps-list-closed", year=str(entry.last_year + 1)))
        if standing.successor is not None:
            lines.append(t("roadmaps-list-successor", name=standing.successor.short_name))
    if standing.extended is not None:
        lines.append(t("roadmaps-list-extended", year=str(standing.extended)))
    return "\n".join(lines)


def prolonged(ui: Ui, entry: RoadmapEntry) -> str:
    """The pop-up after a prolong or an end of extension."""
    return ui.t("roadmaps-prolonged", number=entry.number, year=str(entry.last_year))
