"""Reads the extracted-text form of a roadmap: tab-separated cells with <p>/<b> tags."""

from __future__ import annotations

import html
import re

from bot.importer.table import Cell, RawRow, RawTable, clean

_PARAGRAPH = re.compile(r"</?p\s*>", re.IGNORECASE)
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")


def parse_cell(raw: str) -> Cell:
    """Paragraphs of one cell: <p> blocks, or the whole text where there are none."""
    paragraphs = []
    for chunk in _PARAGRAPH.split(raw):
        text = clean(html.unescape(_TAG.sub("", _BREAK.sub(" ", chunk))))
        if text:
            paragraphs.append(text)
    return paragraphs


def _title(lines: list[str]) -> str:
    """The last paragraph before the table, with Markdown bold and line breaks removed."""
    block: list[str] = []
    for line in reversed(lines):
        if line.strip():
            block.insert(0, line)
        elif block:
            break
    return clean(" ".join(block).replace("**", ""))


def read_text(content: str) -> RawTable:
    lines = content.splitlines()
    first_row = next((n for n, line in enumerate(lines) if "\t" in line), None)
    if first_row is None:
        return RawTable(title=_title(lines), rows=[])
    rows = [
        RawRow("line", number, cells=[parse_cell(cell) for cell in line.split("\t")])
        for number, line in enumerate(lines[first_row:], start=first_row + 1)
        if line.strip()
    ]
    return RawTable(title=_title(lines[:first_row]), rows=rows)
