"""Telegram's HTML parse mode, checked as strictly as the real Bot API checks it."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from bot.telegram.limits import MAX_CAPTION, MAX_TEXT

__all__ = ["MAX_CAPTION", "MAX_TEXT", "Entity", "EntityParseError", "parse_html", "utf16_len"]

_ENTITY_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_TAG = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)"
    r"((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?)*)\s*>"
)
_ATTR = re.compile(r"([a-zA-Z-]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?")
_SPECIAL = re.compile(r"[<>&]")
_ENTITY = re.compile(r"&(lt|gt|amp|quot|#\d{1,7}|#x[0-9a-fA-F]{1,6});")


class EntityParseError(ValueError):
    """Worded like Telegram's 400 answer."""


@dataclass(frozen=True, slots=True)
class Entity:
    type: str
    offset: int  # in UTF-16 code units, as Telegram counts
    length: int


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def parse_html(text: str) -> tuple[str, list[Entity]]:
    """Plain text and entities of an HTML-mode message, or EntityParseError."""
    plain: list[str] = []
    length = 0
    stack: list[tuple[str, int]] = []
    entities: list[Entity] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "<":
            match = _TAG.match(text, i)
            if match is None:
                raise EntityParseError(
                    "Can't parse entities: unsupported start tag at byte offset "
                    f"{_byte_offset(text, i)}"
                )
            closing, name, attrs = match.group(1), match.group(2).lower(), match.group(3)
            if name not in _ENTITY_TYPES:
                raise EntityParseError(
                    f'Can\'t parse entities: unsupported start tag "{name}" at byte offset '
                    f"{_byte_offset(text, i)}"
                )
            if closing:
                if not stack or stack[-1][0] != name:
                    raise EntityParseError(
                        f'Can\'t parse entities: unexpected end tag "{name}" at byte offset '
                        f"{_byte_offset(text, i)}"
                    )
                _, start = stack.pop()
                if length > start:
                    entities.append(Entity(_ENTITY_TYPES[name], start, length - start))
            else:
                _check_attrs(name, attrs, _byte_offset(text, i))
                stack.append((name, length))
            i = match.end()
        elif char == "&":
            match = _ENTITY.match(text, i)
            if match is None:
                raise EntityParseError(
                    "Can't parse entities: unsupported HTML entity at byte offset "
                    f"{_byte_offset(text, i)} (escape & as &amp;)"
                )
            decoded = html.unescape(match.group(0))
            plain.append(decoded)
            length += utf16_len(decoded)
            i = match.end()
        elif char == ">":
            raise EntityParseError(
                "Can't parse entities: unexpected > at byte offset "
                f"{_byte_offset(text, i)} (escape it as &gt;)"
            )
        else:
            # plain text up to the next markup character, taken in one piece
            special = _SPECIAL.search(text, i)
            end = special.start() if special else len(text)
            chunk = text[i:end]
            plain.append(chunk)
            length += utf16_len(chunk)
            i = end
    if stack:
        raise EntityParseError(
            "Can't parse entities: can't find end tag corresponding to start tag "
            f'"{stack[-1][0]}"'
        )
    return "".join(plain), sorted(entities, key=lambda e: (e.offset, -e.length))


def _check_attrs(name: str, attrs: str, offset: int) -> None:
    found = {key.lower(): (value or "").strip("\"'") for key, value in _ATTR.findall(attrs)}
    if name == "a" and not found.get("href"):
        raise EntityParseError(f"Can't parse entities: a tag without href at byte offset {offset}")
    if name == "span" and found.get("class") != "tg-spoiler":
        raise EntityParseError(
            f'Can\'t parse entities: unsupported start tag "span" at byte offset {offset}'
        )
