"""What every view shares: a screen (text and buttons), names, dates, long texts."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardMarkup

from bot.domain.roadmap import Roadmap
from bot.domain.statuses import Status
from bot.i18n import Texts
from bot.services.results import Refused
from bot.telegram.limits import MAX_TEXT

SHORT_TITLE = 70
BUTTON_LABEL = 38


@dataclass(frozen=True, slots=True)
class Ui:
    """What a view needs to render for one reader: their texts, the roadmap, their zone."""

    t: Texts
    roadmap: Roadmap
    zone: ZoneInfo


@dataclass(frozen=True, slots=True)
class Screen:
    """One message: HTML text and its buttons."""

    text: str
    markup: InlineKeyboardMarkup | None = None


def screens(texts: list[str], markup: InlineKeyboardMarkup | None = None) -> list[Screen]:
    """Several messages in order; the buttons go with the last."""
    return [Screen(text, markup if n == len(texts) else None) for n, text in enumerate(texts, 1)]


def outdated(ui: Ui) -> str:
    """A pop-up for a button that no longer means anything: a step passed, a page gone."""
    return ui.t("button-outdated")


def refused(t: Texts, refusal: Refused) -> Screen:
    return Screen(t(refusal.reason.value, code=refusal.code))


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


def item_lines(roadmap: Roadmap, codes: list[str], width: int = SHORT_TITLE) -> list[str]:
    """One line per activity for reminders and nudges: bold code, shortened title."""
    lines = []
    for code in codes:
        item = roadmap.item(code)
        title = shorten(item.title, width) if item else ""
        lines.append(f"<b>{html.escape(code)}</b> {html.escape(title)}")
    return lines
