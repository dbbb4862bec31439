"""Rendering roadmap data into message texts (HTML), for the handlers to send."""

from __future__ import annotations

import html
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.i18n import Html, Texts
from bot.limits import MAX_TEXT
from bot.reporting import Status
from bot.roadmap import Item, Roadmap
from storage.updates import StatusUpdate

SHORT_TITLE = 70
BUTTON_LABEL = 38


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip(" ,;.") + "…"


def local_date(moment: datetime, zone: ZoneInfo) -> str:
    day = moment.astimezone(zone)
    return f"{day.day:02}.{day.month:02}.{day.year}"  # strftime("%d.%m.%Y"), in half the time


def status_name(t: Texts, status: str) -> str:
    return t(f"status-{Status(status).value}")


def department_name(roadmap: Roadmap, dep_id: str) -> str:
    department = roadmap.department(dep_id)
    return department.name if department else dep_id


def party_name(roadmap: Roadmap, party_id: str) -> str:
    party = roadmap.party(party_id)
    return party.name if party else party_id


def status_line(t: Texts, roadmap: Roadmap, update: StatusUpdate | None, zone: ZoneInfo) -> str:
    if update is None:
        return t("items-no-data")
    return t(
        "items-status",
        icon=Status(update.status).icon,
        status=status_name(t, update.status),
        date=local_date(update.created_at, zone),
        party=party_name(roadmap, update.party_id),
    )


def items_list(
    t: Texts,
    roadmap: Roadmap,
    items: list[Item],
    latest: dict[str, dict[str, StatusUpdate]],
    zone: ZoneInfo,
    footer: str | None = None,
) -> list[str]:
    """The user's items grouped by section, then `footer`; as few messages as fit Telegram's
    limit (usually one)."""
    blocks = [t("items-title")]
    for section in roadmap.sections:
        mine = [item for item in items if item.section == section.code]
        if not mine:
            continue
        lines = [f"<b>{html.escape(section.code)}. {html.escape(section.title)}</b>"]
        for item in mine:
            updates = latest.get(item.code, {})
            newest = max(updates.values(), key=lambda u: u.created_at, default=None)
            lines.append(
                f"<b>{html.escape(item.code)}</b> "
                f"{html.escape(shorten(item.title, SHORT_TITLE))}\n"
                f"   {status_line(t, roadmap, newest, zone)}"
            )
        blocks.append("\n".join(lines))
    if footer:
        blocks.append(footer)
    return split_blocks(blocks)


def split_blocks(blocks: list[str], limit: int = MAX_TEXT) -> list[str]:
    """Join blocks with blank lines into as few messages as fit Telegram's limit."""
    messages: list[str] = []
    current = ""
    for block in blocks:
        while len(block) > limit:  # a single block too large: cut it at a line break
            cut = block.rfind("\n", 0, limit)
            cut = cut if cut > 0 else limit
            if current:
                messages.append(current)
                current = ""
            messages.append(block[:cut])
            block = block[cut:].lstrip("\n")
        candidate = f"{current}\n\n{block}" if current else block
        if len(candidate) > limit:
            messages.append(current)
            candidate = block
        current = candidate
    if current:
        messages.append(current)
    return messages


def item_card(
    t: Texts, roadmap: Roadmap, item: Item, latest: dict[str, StatusUpdate], zone: ZoneInfo
) -> str:
    executors = []
    statuses = []
    for party in roadmap.parties:
        names = [html.escape(department_name(roadmap, d)) for d in item.executors.get(party.id, [])]
        executors.append(
            f"<i>{html.escape(party.name)}:</i> " + ("; ".join(names) or t("item-no-executors"))
        )
        update = latest.get(party.id)
        line = f"<i>{html.escape(party.name)}:</i> {status_line(t, roadmap, update, zone)}"
        if update and update.comment:
            line += f"\n   {html.escape(shorten(update.comment, 300))}"
        statuses.append(line)
    title = shorten(item.title, 1500)  # bounded so the card always fits one message
    return (
        f"<b>{html.escape(item.code)}</b> {html.escape(title)}\n\n"
        f"<b>{t('item-term')}:</b> {html.escape(item.term)}\n\n"
        f"<b>{t('item-executors')}</b>\n" + "\n".join(executors) + "\n\n"
        f"<b>{t('item-statuses')}</b>\n" + "\n".join(statuses)
    )


def history_page(
    t: Texts,
    roadmap: Roadmap,
    code: str,
    updates: list[StatusUpdate],
    page: int,
    pages: int,
    zone: ZoneInfo,
) -> str:
    parts = [t("history-title", code=code, page=page, pages=pages)]
    for update in updates:
        entry = t(
            "history-entry",
            date=local_date(update.created_at, zone),
            party=party_name(roadmap, update.party_id),
            department=shorten(department_name(roadmap, update.department_id), 60),
            author=update.author or "—",
            icon=Status(update.status).icon,
            status=status_name(t, update.status),
            edited="yes" if update.edited_at else "no",
            carried="yes" if update.carried_forward else "no",
        )
        entry = f"#{update.id} {entry}"
        if update.comment:
            entry += f"\n{html.escape(shorten(update.comment, 500))}"
        if update.evidence_kind:
            entry += "\n" + t("history-evidence", kind=update.evidence_kind, id=update.id)
        parts.append(entry)
    return "\n\n".join(parts)


def item_lines(roadmap: Roadmap, codes: list[str], width: int = 70) -> list[str]:
    """One line per activity for reminders and nudges: bold code, shortened title."""
    lines = []
    for code in codes:
        item = roadmap.item(code)
        title = shorten(item.title, width) if item else ""
        lines.append(f"<b>{html.escape(code)}</b> {html.escape(title)}")
    return lines


def html_arg(text: str) -> Html:
    """Mark text that is already safe HTML, to pass into a translated message."""
    return Html(text)
