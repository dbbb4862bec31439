"""Writes small DOCX files with one table, for importer tests on layouts we do not ship."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


class Span:
    """A cell merged across `columns` grid columns."""

    def __init__(self, columns: int, text: str) -> None:
        self.columns = columns
        self.text = text


class Below:
    """The lower part of a vertically merged cell."""


def _paragraph(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def _cell(cell: object) -> str:
    props = ""
    if isinstance(cell, Span):
        props, cell = f'<w:tcPr><w:gridSpan w:val="{cell.columns}"/></w:tcPr>', cell.text
    elif isinstance(cell, Below):
        return "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"
    paragraphs = cell if isinstance(cell, list) else [cell]
    body = "".join(_paragraph(p) for p in paragraphs) or "<w:p/>"
    return f"<w:tc>{props}{body}</w:tc>"


def write_docx(path: Path, title: str, rows: list[list[object]]) -> Path:
    table = "".join("<w:tr>" + "".join(_cell(c) for c in row) + "</w:tr>" for row in rows)
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_W}><w:body>'
        f"{_paragraph(title)}<w:tbl>{table}</w:tbl></w:body></w:document>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", document)
    return path
