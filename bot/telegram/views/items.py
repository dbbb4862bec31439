"""Activities: a coordinator's list by section, an activity's card, its history pages."""

from __future__ import annotations

import html
from zoneinfo import ZoneInfo

from bot.domain.catalog import shown_codes
from bot.domain.reports import StatusReport
from bot.domain.statuses import Status
from bot.i18n import Texts
from bot.services.items import (
    Ambiguous,
    Card,
    Found,
    HistoryPage,
    MyItems,
    NoCode,
    Pending,
    Standing,
    UnknownItem,
)
from bot.services.results import Refused
from bot.telegram import keyboards
from bot.telegram.views.common import (
    Screen,
    Ui,
    department_name,
    distinct,
    listing_titles,
    local_date,
    page_groups,
    party_name,
    refused,
    short_date,
    shorten,
    status_name,
)
from bot.telegram.views.office import period_label


def status_line(
    t: Texts, report: StatusReport | None, zone: ZoneInfo, who: str | None = None
) -> str:
    """A side's latest status and its date; `who`: the department that reported it, where
    the side has several on the activity."""
    if report is None:
        return t("items-no-data")
    line = t(
        "items-status",
        icon=Status(report.status).icon,
        status=status_name(t, report.status),
        date=local_date(report.created_at, zone),
    )
    return f"{line} ({html.escape(who)})" if who else line


def my_items(ui: Ui, mine: MyItems | Pending | Refused, page: int = 0) -> Screen | None:
    """The user's activities from their side, paged to fit a phone screen: on top what is
    still owed this quarter, with a button to report each (and one for "no change" on them
    all); then, by section, each activity's status from their side and the other's. None if
    there is no such page."""
    t = ui.t
    if isinstance(mine, Refused):
        return refused(t, mine)
    if isinstance(mine, Pending):
        names = "», «".join(d.name for d in mine.departments)
        return Screen(t("items-pending", departments=names))
    quarter = period_label(t, mine.quarter)
    blocks = _item_blocks(ui, mine, quarter)
    groups = page_groups([text for text, _ in blocks])
    if not 0 <= page < len(groups):
        return None
    shown_blocks = [blocks[n] for n in groups[page]]
    text = "\n\n".join(block for block, _ in shown_blocks)
    first = shown_blocks[0][1]
    if first and not text.startswith(first):  # a roadmap goes on from the last page
        text = f"{first}\n{text}"
    title = t("my-items-title", quarter=quarter)
    if len(groups) > 1:
        title += " " + t("my-items-page", page=page + 1, pages=len(groups))
    head = [title, _owed_block(ui, mine, quarter)] if page == 0 else [title]
    titles = distinct({i.code: i.title for i in mine.items}, OWED_TITLE)
    owed = [code for codes in mine.owed.values() for code in codes]
    on_page = [mine.activities[n].item.code for n in groups[page]]
    markup = keyboards.my_items(
        ui.t,
        titles,
        owed,
        mine.carryable,
        mine.quarter.label,
        page,
        len(groups),
        on_page,
        shown_codes(mine.items),
    )
    return Screen("\n".join(head) + "\n\n" + text, markup)


OWED_TITLE = 28  # characters of an activity's title on its button


def _owed_block(ui: Ui, mine: MyItems, quarter: str) -> str:
    t = ui.t
    if mine.closed is not None:
        years = mine.closed
        if years.start > mine.quarter.year:  # the roadmaps have not begun
            return t("my-items-not-yet", start=str(years.start), quarter=quarter)
        return t("my-items-closed", start=str(years[0]), end=str(years[-1]), quarter=quarter)
    if not mine.owed:
        return t("my-items-all-done", quarter=quarter)
    shown = shown_codes(mine.items)

    def listed(codes: list[str]) -> str:
        return ", ".join(shown.get(code, code) for code in codes)

    if len(mine.owed) == 1:
        [codes] = mine.owed.values()
        return t("my-items-owed", quarter=quarter, codes=listed(codes))
    lines = [t("my-items-owed-by", quarter=quarter)]
    for dep_id, codes in mine.owed.items():
        name = department_name(ui.roadmap, dep_id)
        lines.append(t("my-items-owed-line", department=name, codes=listed(codes)))
    return "\n".join(lines)


def _item_blocks(ui: Ui, mine: MyItems, quarter: str) -> list[tuple[str, str]]:
    """One block per activity, its section's title heading the first of each section; with
    its roadmap's heading (grouped by roadmap when there are several, else empty)."""
    t, roadmap = ui.t, ui.roadmap
    year = mine.quarter.year
    blocks, section = [], None
    grouped = len({s.item.roadmap for s in mine.activities}) > 1  # by roadmap, then section
    shown = shown_codes(mine.items)
    current: int | None = None
    titles = listing_titles({s.item.code: s.item.title for s in mine.activities})
    for standing in mine.activities:
        item = standing.item
        lines = []
        heading = ""
        if grouped:
            entry = roadmap.entry_of(item)
            key = "items-roadmap-head" if entry.open_in(year) else "items-roadmap-closed"
            if entry.roadmap.years.start > year:
                key = "items-roadmap-not-yet"
            heading = t(
                key,
                roadmap=entry.short_name,
                until=str(entry.last_year),
                start=str(entry.roadmap.years.start),
            )
        if grouped and item.roadmap != current:
            current = item.roadmap
            lines.append(heading)
        if item.section != section:
            section = item.section
            title = next((s.title for s in roadmap.sections if s.code == section), "")
            number = section.rpartition("/")[2]
            lines.append(f"<b>{html.escape(number)}. {html.escape(shorten(title, 60))}</b>")
        code = item.label if grouped else shown[item.code]
        lines.append(f"<b>{html.escape(code)}</b> {html.escape(titles[item.code])}")
        closed = mine.closed is not None or not roadmap.is_open(item, year)
        lines.append("   " + _mine_line(t, standing, quarter, ui, year, closed))
        for party in roadmap.parties_of(item):
            if party.id != standing.party and item.executors.get(party.id):
                lines.append("   <i>" + _other_line(t, ui, standing, party.id, year) + "</i>")
        blocks.append(("\n".join(lines), heading))
    return blocks


def _mine_line(
    t: Texts, standing: Standing, quarter: str, ui: Ui, year: int, closed: bool = False
) -> str:
    report = standing.mine
    if report is None:
        return t("items-no-data") if closed else t("my-items-due-none", quarter=quarter)
    if closed:
        key = "my-items-mine"
    elif standing.reported:
        key = "my-items-reported"
    else:
        key = "my-items-done" if standing.done else "my-items-due"
    line = t(
        key,
        quarter=quarter,
        icon=Status(report.status).icon,
        status=status_name(t, report.status),
        date=short_date(report.created_at, ui.zone, year),
    )
    if len(standing.departments) > 1:  # which of the user's departments it was
        line += f" ({html.escape(shorten(department_name(ui.roadmap, report.department_id), 40))})"
    return line


def _other_line(t: Texts, ui: Ui, standing: Standing, party_id: str, year: int) -> str:
    party = party_name(ui.roadmap, party_id)
    report = standing.others.get(party_id)
    if report is None:
        return t("my-items-other-none", party=party)
    return t(
        "my-items-other",
        party=party,
        icon=Status(report.status).icon,
        status=status_name(t, report.status),
        date=short_date(report.created_at, ui.zone, year),
    )


def card(ui: Ui, card: Card | Found) -> Screen:
    t, roadmap, zone = ui.t, ui.roadmap, ui.zone
    if isinstance(card, Refused):
        return refused(t, card)
    if isinstance(card, UnknownItem | NoCode):
        return not_found(ui, card, card.example)
    if isinstance(card, Ambiguous):
        return which_roadmap(ui, card, "card")
    item = card.item
    executors = []
    statuses = []
    for party in roadmap.parties_of(item):
        names = [html.escape(department_name(roadmap, d)) for d in item.executors.get(party.id, [])]
        executors.append(
            f"<i>{html.escape(party.name)}:</i> " + ("; ".join(names) or t("item-no-executors"))
        )
        report = card.latest.get(party.id)
        several = len(item.executors.get(party.id, [])) > 1
        who = (
            shorten(department_name(roadmap, report.department_id), 50)
            if report and several
            else None
        )
        line = f"<i>{html.escape(party.name)}:</i> {status_line(t, report, zone, who)}"
        if report and report.comment:
            line += f"\n   {html.escape(shorten(report.comment, 300))}"
        statuses.append(line)
    title = shorten(item.title, 1500)  # bounded so the card always fits one message
    head = ""
    if roadmap.several:
        head = t("item-roadmap", roadmap=roadmap.entry_of(item).short_name) + "\n"
    text = (
        f"{head}<b>{html.escape(item.label)}</b> {html.escape(title)}\n\n"
        f"<b>{t('item-term')}:</b> {html.escape(item.term)}\n\n"
        f"<b>{t('item-executors')}</b>\n" + "\n".join(executors) + "\n\n"
        f"<b>{t('item-statuses')}</b>\n" + "\n".join(statuses)
    )
    markup = keyboards.item_card(t, item.code, card.can_report, card.can_carry, card.has_list)
    return Screen(text, markup)


def history(ui: Ui, page: HistoryPage | Found) -> Screen:
    t, roadmap, zone = ui.t, ui.roadmap, ui.zone
    if isinstance(page, Refused):
        return refused(t, page)
    if isinstance(page, UnknownItem | NoCode):
        return not_found(ui, page, page.example)
    if isinstance(page, Ambiguous):
        return which_roadmap(ui, page, "hist")
    code = page.item.code
    if not page.reports:
        return Screen(t("history-empty", code=code))
    parts = [t("history-title", code=code, page=page.page, pages=page.pages)]
    for report in page.reports:
        entry = t(
            "history-entry",
            date=local_date(report.created_at, zone),
            party=party_name(roadmap, report.party_id),
            department=shorten(department_name(roadmap, report.department_id), 60),
            author=report.author or "—",
            icon=Status(report.status).icon,
            status=status_name(t, report.status),
            edited="yes" if report.edited_at else "no",
            carried="yes" if report.carried_forward else "no",
        )
        entry = f"#{report.id} {entry}"
        if report.comment:
            entry += f"\n{html.escape(shorten(report.comment, 500))}"
        if report.withdrawn_at is not None:  # kept, struck through: who withdrew it and when
            when = local_date(report.withdrawn_at, zone)
            entry = f"<s>{entry}</s>\n" + t("history-withdrawn", date=when)
        elif report.evidence_kind:
            entry += "\n" + t("history-evidence", kind=report.evidence_kind, id=report.id)
        parts.append(entry)
    markup = keyboards.history(t, code, page.page, page.pages, page.reports, page.changeable)
    return Screen("\n\n".join(parts), markup)


def which_roadmap(ui: Ui, found: Ambiguous, action: str | None, ask: str = "") -> Screen:
    """A code several of the user's roadmaps have: a button for each roadmap's activity.
    `action`: what the tap does (an ItemCD action); None for a `/update` with typed text,
    kept under `ask` until the tap."""
    names = {item.code: ui.roadmap.entry_of(item).short_name for item in found.items}
    if len(set(names.values())) < len(names):  # two roadmaps alike: tell them by number
        names = {
            code: f"№ {ui.roadmap.entry_of(code).number} · {name}" for code, name in names.items()
        }
    lines = [
        f"• <b>{html.escape(names[item.code])}</b>: {html.escape(shorten(item.title, 80))}"
        for item in found.items
    ]
    text = ui.t("items-which-roadmap", code=found.code) + "\n" + "\n".join(lines)
    return Screen(text, keyboards.which_roadmap(names, action, ask))


def not_found(ui: Ui, found: UnknownItem | NoCode, example: str = "4.1") -> Screen:
    """No code given; or the code is not in the roadmap: say so, and list the user's own.
    The example is one of the user's own codes where they have one."""
    t = ui.t
    if isinstance(found, NoCode):
        return Screen(t("item-usage", code=example))
    text = t("item-unknown", code=found.code)
    if found.own:
        text += "\n" + t("item-yours", codes=", ".join(found.own))
    return Screen(text)
