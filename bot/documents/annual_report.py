"""The annual report as documents: DOCX laid out like the roadmap, XLSX for sorting."""

from __future__ import annotations

import asyncio
from datetime import datetime
from functools import cache
from io import BytesIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from bot.domain.annual import REPORT_ZONE, AnnualReport, ItemYear
from bot.i18n import Texts, Translator


@cache
def _russian() -> Texts:
    """The report is an official Russian document: its words come from ru.ftl, as the bot's."""
    return Translator().for_locale("ru")


def status_ru(status: str | None) -> str:
    t = _russian()
    return t(f"status-{status}") if status else t("items-no-data")


def _local(moment: datetime) -> str:
    day = moment.astimezone(REPORT_ZONE)
    return f"{day.day:02}.{day.month:02}.{day.year}"


def _department(report: AnnualReport, dep_id: str) -> str:
    department = report.roadmap.department(dep_id)
    return department.name if department else dep_id


def progress_text(report: AnnualReport, entry: ItemYear) -> str:
    """«Информация о выполнении»: each side's reports of the year, dated, by department."""
    blocks = []
    for party in report.roadmap.parties:
        reports = entry.by_party.get(party.id, [])
        if not reports:
            blocks.append(f"{party.name}: {status_ru(None)}")
            continue
        lines = [f"{party.name}:"]
        for status_report in reports:
            department = _department(report, status_report.department_id)
            line = (
                f"{_local(status_report.created_at)}, {department}: "
                f"{status_ru(status_report.status)}"
            )
            if status_report.comment:
                line += f". {status_report.comment}"
            lines.append(line)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def render_docx(report: AnnualReport) -> bytes:
    """Laid out like the roadmap itself: landscape, one row per activity, section rows."""
    roadmap = report.roadmap
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(10)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(f"Информация о ходе выполнения за {report.year} год\n").bold = True
    title.add_run(roadmap.title).bold = True
    parties = roadmap.parties
    headers = [
        "№ п/п",
        "Наименование мероприятия",
        *[f"Ответственные исполнители от {_genitive(p.name)}" for p in parties],
        "Срок исполнения",
        "Статус на конец года",
        "Информация о выполнении",
    ]
    widths = [1.2, 6.0, *[3.6] * len(parties), 2.2, 2.8, 7.0]
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    _repeat_header(table.rows[0])
    sections = {s.code: s for s in roadmap.sections}
    current = None
    for entry in report.items:
        item = entry.item
        if item.section != current:
            current = item.section
            row = table.add_row().cells
            merged = row[0].merge(row[-1])
            merged.text = (
                f"{current}. {sections[current].title}" if current in sections else current
            )
            merged.paragraphs[0].runs[0].bold = True
        row = table.add_row().cells
        statuses = [
            f"{p.name}: {status_ru(u.status if (u := entry.last(p.id)) else None)}" for p in parties
        ]
        values = [
            f"{item.code}.",
            item.title,
            *[
                "\n".join(_department(report, d) for d in item.executors.get(p.id, []))
                for p in parties
            ],
            item.term,
            "\n".join(statuses),
            progress_text(report, entry),
        ]
        for cell, text in zip(row, values, strict=True):
            cell.text = text
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = Cm(width)
    footer = document.add_paragraph()
    footer.add_run(f"Сформировано {_local(report.generated)}").italic = True
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _genitive(name: str) -> str:
    from bot.importer.regions import find_region

    region = find_region(name)
    return region.genitive if region else name


def render_xlsx(report: AnnualReport) -> bytes:
    """One row per activity with each side's status; a second sheet with every status report."""
    roadmap = report.roadmap
    book = Workbook()
    sheet = book.active
    sheet.title = "Мероприятия"
    headers = ["№", "Раздел", "Мероприятие", "Срок"]
    for party in roadmap.parties:
        headers += [f"{party.name}: статус", f"{party.name}: дата", f"{party.name}: комментарий"]
    sheet.append(headers)
    for entry in report.items:
        item = entry.item
        row: list[object] = [item.code, item.section, item.title, item.term]
        for party in roadmap.parties:
            last = entry.last(party.id)
            row += [
                status_ru(last.status if last else None),
                _local(last.created_at) if last else None,
                (last.comment or None) if last else None,
            ]
        _append(sheet, row)
    widths = [7, 8, 60, 14] + [14, 11, 45] * len(roadmap.parties)
    _style(sheet, widths)

    log = book.create_sheet("Отчёты")
    log.append(["Дата", "№", "Сторона", "Ведомство", "Автор", "Статус", "Комментарий", "Вложение"])
    for status_report in report.reports:
        side = roadmap.party(status_report.party_id)
        _append(
            log,
            [
                _local(status_report.created_at),
                status_report.item_code,
                side.name if side else status_report.party_id,
                _department(report, status_report.department_id),
                status_report.author,
                status_ru(status_report.status),
                status_report.comment,
                {"document": "документ", "photo": "фото"}.get(
                    status_report.evidence_kind or "", ""
                ),
            ],
        )
    _style(log, [11, 7, 18, 45, 20, 14, 60, 10], wrap={4, 7})
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


_WRAP = Alignment(wrap_text=True, vertical="top")

# A cell a spreadsheet might take for a formula if it were typed in: =, +, -, @, tab, CR.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _append(sheet, row: list[object]) -> None:
    """Add a row whose texts come from people: every one is data, never a formula.

    openpyxl stores a string beginning with "=" as a formula; such a cell (and any text a
    spreadsheet could read as one) is written as a string with Excel's quote prefix, so it
    shows exactly as typed and is not evaluated, now or after the file is edited.
    """
    sheet.append(row)
    for cell in sheet[sheet.max_row]:
        value = cell.value
        if isinstance(value, str) and value.startswith(_FORMULA_START):
            cell.data_type = "s"
            cell.quotePrefix = True


def _style(sheet, widths: list[int], wrap: set[int] | None = None) -> None:
    """Bold header, widths, frozen header and filters; long text wrapped in `wrap` columns
    (all when None): styling every cell of a 10,000-row log costs more than it gives."""
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for cell in sheet[1]:
        cell.font, cell.fill = bold, fill
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in sheet.iter_rows():
        for cell in row:
            if wrap is None or cell.column in wrap or cell.row == 1:
                cell.alignment = _WRAP
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


async def render_both(report: AnnualReport) -> tuple[bytes, bytes]:
    """DOCX and XLSX, built off the event loop (a large year takes a while), side by side."""
    docx, xlsx = await asyncio.gather(
        asyncio.to_thread(render_docx, report), asyncio.to_thread(render_xlsx, report)
    )
    return docx, xlsx
