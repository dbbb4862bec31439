"""Reads a roadmap table from a DOCX file, resolving merged header and section cells."""

from __future__ import annotations

import re
import zipfile
from xml.etree import ElementTree

from bot.importer.table import Cell, RawRow, RawTable, clean

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARTY_HEADER = re.compile(r"^от\s+\S", re.IGNORECASE)


class DocxReadError(ValueError):
    """The file is not a DOCX document we can open."""


def _paragraph_text(paragraph: ElementTree.Element) -> str:
    parts = []
    for node in paragraph.iter():
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.tag in (f"{_W}tab", f"{_W}br", f"{_W}cr"):
            parts.append(" ")
    return clean("".join(parts))


def _cell(tc: ElementTree.Element) -> Cell:
    return [text for p in tc.iter(f"{_W}p") if (text := _paragraph_text(p))]


def _row_cells(tr: ElementTree.Element) -> list[Cell]:
    """Cells of a row laid on the grid: a merged cell once, then empty cells for its span."""
    cells: list[Cell] = []
    for tc in tr.findall(f"{_W}tc"):
        props = tc.find(f"{_W}tcPr")
        span = 1
        continued = False
        if props is not None:
            grid_span = props.find(f"{_W}gridSpan")
            if grid_span is not None:
                span = int(grid_span.get(f"{_W}val", "1"))
            v_merge = props.find(f"{_W}vMerge")
            continued = v_merge is not None and v_merge.get(f"{_W}val") != "restart"
        cells.append([] if continued else _cell(tc))
        cells.extend([] for _ in range(span - 1))
    return cells


def _has_party_header(rows: list[list[Cell]]) -> bool:
    return any(_PARTY_HEADER.match(clean(" ".join(cell))) for cells in rows[:3] for cell in cells)


def read_docx(path: str) -> RawTable:
    try:
        with zipfile.ZipFile(path) as archive:
            xml = archive.read("word/document.xml")
        body = ElementTree.fromstring(xml).find(f"{_W}body")
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as exc:
        raise DocxReadError(f"{path} is not a readable DOCX document ({exc})") from exc
    if body is None:
        raise DocxReadError(f"{path} has no document body")
    title = ""
    rows: list[RawRow] = []
    columns = 0
    for block in body:
        if block.tag == f"{_W}p" and not rows:
            title = _paragraph_text(block) or title
        elif block.tag == f"{_W}tbl":
            table_rows = [_row_cells(tr) for tr in block.findall(f"{_W}tr")]
            if not rows and not _has_party_header(table_rows):
                continue  # a signature block or the like, laid out as a table
            if rows and len(table_rows[0]) != columns:
                break  # a different table after the roadmap
            columns = len(table_rows[0]) if table_rows else columns
            offset = len(rows)
            rows.extend(
                RawRow(where=f"table row {offset + n}", cells=cells)
                for n, cells in enumerate(table_rows, start=1)
            )
    return RawTable(title=title, rows=rows)
