"""What every view shares: a screen (text and buttons), names, dates, long texts."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardMarkup

from bot.domain.catalog import Catalog
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
    roadmap: Catalog
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
    return Screen(t(refusal.reason.value, code=refusal.code, **dict(refusal.args)))


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip(" ,;.") + "…"


def shared_start(one: str, other: str) -> int:
    """How many characters two texts begin with alike."""
    # halving on slices compared in C: sibling titles share 60 characters and more, which a
    # loop over them character by character took most of a reminder run's time to compare
    alike, unlike = 0, min(len(one), len(other)) + 1
    while unlike - alike > 1:
        middle = (alike + unlike) // 2
        if one[:middle] == other[:middle]:
            alike = middle
        else:
            unlike = middle
    return alike


def distinct(texts: dict[str, str], width: int, head: int = 0) -> dict[str, str]:
    """Each text cut to `width`, so that texts sharing a long beginning (5.2 and 5.3 both
    start "Содействие участию молодежи и специалистов по работе с молодежью Томской…")
    show where they differ: "…в Петербургском международном…", "…в международных…".
    With `head`, that many characters of the beginning are kept before the part that
    differs: "Содействие участию… в Петербургском международном…"."""
    labels = {}
    shared_most = _shared_with_others(texts)
    for key, text in texts.items():
        shared = shared_most[key]
        if len(text) > width and shared >= width - 12:  # the label would be mostly shared
            start = text.rfind(" ", 0, shared) + 1  # from the word where they part
            lead = ""
            if head:
                cut = text.rfind(" ", 0, head)
                lead = text[: cut if cut > 0 else head].rstrip(" ,;") + "… "
            labels[key] = (lead or "…") + shorten(text[start:], width - len(lead or "…"))
        else:
            labels[key] = shorten(text, width)
    return labels


def _shared_with_others(texts: dict[str, str]) -> dict[str, int]:
    """Key -> the longest beginning its text shares with any other's. In sorted order a
    text shares the most with a neighbour (whatever it shares with one further on, it
    shares with every text between), so n - 1 comparisons do instead of n²."""
    order = sorted(texts, key=texts.__getitem__)
    most = dict.fromkeys(texts, 0)
    for one, other in pairwise(order):
        shared = shared_start(texts[one], texts[other])
        most[one] = max(most[one], shared)
        most[other] = max(most[other], shared)
    return most


# Telegram's own limit is 4,096 characters; people read on a phone. A list longer than this
# is paged.
PHONE_CHARS = 1200
PHONE_LINES = 25


def pages(blocks: list[str], chars: int = PHONE_CHARS, lines: int = PHONE_LINES) -> list[str]:
    """Blocks joined with blank lines into pages that fit a phone screen; a block is never
    split between pages (a block larger than a page makes a page of its own)."""
    return ["\n\n".join(blocks[i] for i in group) for group in page_groups(blocks, chars, lines)]


def page_groups(
    blocks: list[str], chars: int = PHONE_CHARS, lines: int = PHONE_LINES
) -> list[list[int]]:
    """Which blocks go on each page, by index (see `pages`)."""
    found: list[list[int]] = []
    current: list[int] = []
    size = height = 0
    for n, block in enumerate(blocks):
        extra, rows = len(block) + 2 * bool(current), block.count("\n") + 1 + bool(current)
        if current and (size + extra > chars or height + rows > lines):
            found.append(current)
            current, size, height = [], 0, 0
            extra, rows = len(block), block.count("\n") + 1
        current.append(n)
        size += extra
        height += rows
    if current:
        found.append(current)
    return found


def short_date(moment: datetime, zone: ZoneInfo, this_year: int) -> str:
    """25.09 within the current year, 25.09.2020 before it."""
    day = moment.astimezone(zone)
    if day.year == this_year:
        return f"{day.day:02}.{day.month:02}"
    return f"{day.day:02}.{day.month:02}.{day.year}"


def local_date(moment: datetime, zone: ZoneInfo) -> str:
    day = moment.astimezone(zone)
    return f"{day.day:02}.{day.month:02}.{day.year}"  # strftime("%d.%m.%Y"), in half the time


def status_name(t: Texts, status: str) -> str:
    return t(f"status-{Status(status).value}")


def department_name(roadmap: Catalog, dep_id: str) -> str:
    department = roadmap.department(dep_id)
    return department.name if department else dep_id


def party_name(roadmap: Catalog, party_id: str) -> str:
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


def item_lines(
    roadmap: Catalog,
    codes: list[str],
    width: int = SHORT_TITLE,
    shown: dict[str, str] | None = None,
) -> list[str]:
    """One line per activity for reminders and nudges: bold code (as `shown`, see
    catalog.shown_codes), a shortened title that tells it from the others."""
    titles = listing_titles({c: item.title for c in codes if (item := roadmap.item(c))}, width)
    shown = shown or {}
    return [
        f"<b>{html.escape(shown.get(code, code))}</b> {html.escape(titles.get(code, ''))}"
        for code in codes
    ]


def listing_titles(titles: dict[str, str], width: int = SHORT_TITLE) -> dict[str, str]:
    """Titles for a list: shortened, with siblings' shared beginnings cut in the middle."""
    return distinct(titles, width, head=width // 3)
