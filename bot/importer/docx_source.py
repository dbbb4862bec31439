"""Reads a roadmap table from a DOCX file, resolving merged header and section cells."""

from __future__ import annotations

import re
import zipfile
import zlib
from xml.etree import ElementTree

from bot.importer.table import Cell, RawRow, RawTable, clean

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARTY_HEADER = re.compile(r"^от\s+\S", re.IGNORECASE)


MAX_DOCUMENT_MB = 50  # the largest document.xml unpacked: a roadmap's is well under 1 MB


class DocxReadError(ValueError):
    """The file is not a DOCX document we can open; `kind` says why: not-docx (not a zip,
    or no document in it), too-large, encrypted, compression (a method zipfile lacks)."""

    def __init__(self, message: str, kind: str = "not-docx") -> None:
        super().__init__(message)
        self.kind = kind


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


def _document_xml(path: str) -> bytes:
    """The archive's word/document.xml, read only if it is of a sane size, unencrypted and
    packed in a way zipfile reads (a crafted archive may claim gigabytes)."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("word/document.xml")
        if info.flag_bits & 0x1:
            raise DocxReadError(f"{path} is encrypted (password-protected)", "encrypted")
        if info.file_size > MAX_DOCUMENT_MB * 1024 * 1024:
            raise DocxReadError(
                f"{path}: its document is {info.file_size // (1024 * 1024)} MB unpacked, "
                f"more than {MAX_DOCUMENT_MB} MB",
                "too-large",
            )
        try:
            return archive.read(info)
        except NotImplementedError as exc:  # a RuntimeError too: caught before those
            raise DocxReadError(
                f"{path} is packed in an unsupported way ({exc})", "compression"
            ) from exc
        except RuntimeError as exc:  # encrypted, though its flag did not say so
            raise DocxReadError(f"{path} is encrypted ({exc})", "encrypted") from exc


def read_docx(path: str) -> RawTable:
    try:
        body = ElementTree.fromstring(_document_xml(path)).find(f"{_W}body")
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, zlib.error, EOFError) as exc:
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
                RawRow("table row", offset + n, cells)
                for n, cells in enumerate(table_rows, start=1)
            )
    return RawTable(title=title, rows=rows)
