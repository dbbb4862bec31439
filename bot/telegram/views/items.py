"""Activities: a coordinator's list by section, an activity's card, its history pages."""

from __future__ import annotations

import html
from zoneinfo import ZoneInfo

from bot.domain.reports import StatusReport
from bot.domain.roadmap import Roadmap
from bot.domain.statuses import Status
from bot.i18n import Texts
from bot.services.items import Card, Found, HistoryPage, MyItems, NoCode, UnknownItem
from bot.services.results import Refused
from bot.telegram import keyboards
from bot.telegram.views.common import (
    SHORT_TITLE,
    Screen,
    Ui,
    department_name,
    local_date,
    party_name,
    refused,
    screens,
    shorten,
    split_blocks,
    status_name,
)


def status_line(t: Texts, roadmap: Roadmap, report: StatusReport | None, zone: ZoneInfo) -> str:
    if report is None:
        return t("items-no-data")
    return t(
        "items-status",
        icon=Status(report.status).icon,
        status=status_name(t, report.status),
        date=local_date(report.created_at, zone),
        party=party_name(roadmap, report.party_id),
    )


def my_items(ui: Ui, mine: MyItems | Refused) -> list[Screen]:
    """The user's activities grouped by section, each with its latest status; as few messages
    as fit Telegram's limit (usually one), the buttons to open each under the last."""
    t, roadmap, zone = ui.t, ui.roadmap, ui.zone
    if isinstance(mine, Refused):
        return [refused(t, mine)]
    blocks = [t("items-title")]
    for section in roadmap.sections:
        items = [item for item in mine.items if item.section == section.code]
        if not items:
            continue
        lines = [f"<b>{html.escape(section.code)}. {html.escape(section.title)}</b>"]
        for item in items:
            reports = mine.latest.get(item.code, {})
            newest = max(reports.values(), key=lambda r: r.created_at, default=None)
            lines.append(
                f"<b>{html.escape(item.code)}</b> "
                f"{html.escape(shorten(item.title, SHORT_TITLE))}\n"
                f"   {status_line(t, roadmap, newest, zone)}"
            )
        blocks.append("\n".join(lines))
    blocks.append(t("items-pick"))
    return screens(split_blocks(blocks), keyboards.item_buttons(mine.items, "card"))


def card(ui: Ui, card: Card | Found) -> Screen:
    t, roadmap, zone = ui.t, ui.roadmap, ui.zone
    if isinstance(card, Refused):
        return refused(t, card)
    if isinstance(card, UnknownItem | NoCode):
        return not_found(ui, card)
    item = card.item
    executors = []
    statuses = []
    for party in roadmap.parties:
        names = [html.escape(department_name(roadmap, d)) for d in item.executors.get(party.id, [])]
        executors.append(
            f"<i>{html.escape(party.name)}:</i> " + ("; ".join(names) or t("item-no-executors"))
        )
        report = card.latest.get(party.id)
        line = f"<i>{html.escape(party.name)}:</i> {status_line(t, roadmap, report, zone)}"
        if report and report.comment:
            line += f"\n   {html.escape(shorten(report.comment, 300))}"
        statuses.append(line)
    title = shorten(item.title, 1500)  # bounded so the card always fits one message
    text = (
        f"<b>{html.escape(item.code)}</b> {html.escape(title)}\n\n"
        f"<b>{t('item-term')}:</b> {html.escape(item.term)}\n\n"
        f"<b>{t('item-executors')}</b>\n" + "\n".join(executors) + "\n\n"
        f"<b>{t('item-statuses')}</b>\n" + "\n".join(statuses)
    )
    return Screen(text, keyboards.item_card(t, item.code, card.can_report))


def history(ui: Ui, page: HistoryPage | Found) -> Screen:
    t, roadmap, zone = ui.t, ui.roadmap, ui.zone
    if isinstance(page, Refused):
        return refused(t, page)
    if isinstance(page, UnknownItem | NoCode):
        return not_found(ui, page)
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
        if report.evidence_kind:
            entry += "\n" + t("history-evidence", kind=report.evidence_kind, id=report.id)
        parts.append(entry)
    markup = keyboards.history(t, code, page.page, page.pages, page.reports, page.changeable)
    return Screen("\n\n".join(parts), markup)


def not_found(ui: Ui, found: UnknownItem | NoCode) -> Screen:
    """No code given; or the code is not in the roadmap: say so, and list the user's own."""
    t = ui.t
    if isinstance(found, NoCode):
        return Screen(t("item-usage"))
    text = t("item-unknown", code=found.code)
    if found.own:
        text += "\n" + t("item-yours", codes=", ".join(found.own))
    return Screen(text)
