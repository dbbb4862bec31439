"""The annual report as documents: DOCX laid out like the roadmap, XLSX for sorting."""

from __future__ import annotations

import asyncio
import re
from datetime import date, datetime
from functools import cache
from io import BytesIO

import xlsxwriter
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from bot.domain.annual import REPORT_ZONE, AnnualReport
from bot.domain.roadmap import Item
from bot.domain.year_end import YearEntry
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


# characters XML (and so a DOCX) cannot hold: C0 controls other than tab and line breaks
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _printable(text: str) -> str:
    """A text as a DOCX can hold it: a stray control character typed (or pasted) into a
    comment must not make the whole year's report fail."""
    return _UNPRINTABLE.sub("", text)


def _local_date(moment: datetime) -> date:
    return moment.astimezone(REPORT_ZONE).date()


def _department(report: AnnualReport, dep_id: str) -> str:
    department = report.roadmap.department(dep_id)
    return department.name if department else dep_id


def _printed(key: str) -> str:
    """A section's or activity's code as its roadmap's document prints it: `2/4` -> `4`."""
    return key.rpartition("/")[2]


def _code(report: AnnualReport, key: str) -> str:
    item = report.roadmap.known_item(key)
    return item.label if item is not None else _printed(key)


def _status(entry: YearEntry) -> str:
    """«Выполняется (на 15.12.2021)», or «нет данных»."""
    latest = entry.latest
    if latest is None:
        return status_ru(None)
    return f"{status_ru(latest.status)} (на {_local(latest.created_at)})"


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _side_cell(cell, report: AnnualReport, entries: list[YearEntry], several: bool) -> None:
    """What a side did on the activity, as the clerk signs it: per department (named when
    the side has several), the year-end text as written, a draft not yet confirmed marked
    so, and the status with its date."""
    paragraphs = cell.paragraphs
    first = True

    def paragraph():
        nonlocal first
        if first:
            first = False
            return paragraphs[0]
        return cell.add_paragraph()

    if not entries:
        paragraph().add_run(status_ru(None))
        return
    for entry in entries:
        if several:
            paragraph().add_run(_department(report, entry.department_id)).bold = True
        text = paragraph()
        text.add_run(_printable(entry.text) or status_ru(None))
        if entry.text and entry.confirmed is None:
            text.add_run(" (не подтверждено)").italic = True
        status = paragraph().add_run(f"Статус: {_status(entry)}")
        status.italic = True
        status.font.size = Pt(9)


def render_docx(report: AnnualReport) -> bytes:
    """Laid out like the roadmap itself: landscape, a row per activity under its section,
    «Информация о выполнении» split by side as the roadmap splits its executors."""
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
    columns = 3 + len(parties)
    widths = [1.2, 7.5, 2.4, *[8.3] * len(parties)]
    table = document.add_table(rows=2, cols=columns)
    table.style = "Table Grid"
    top, sub = table.rows[0].cells, table.rows[1].cells
    for index, text in enumerate(("№ п/п", "Наименование мероприятия", "Срок исполнения")):
        merged = top[index].merge(sub[index])
        merged.text = text
    info = top[3].merge(top[-1])
    info.text = "Информация о выполнении"
    for cell, party in zip(sub[3:], parties, strict=True):
        cell.text = f"от {_genitive(party.name)}"
    for row in table.rows[:2]:
        _repeat_header(row)
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                for run in paragraph.runs:
                    run.bold = True
    sections = {s.code: s for s in roadmap.sections}
    current = None
    for entry in report.items:
        item = entry.item
        if item.section != current:
            current = item.section
            row = table.add_row().cells
            merged = row[0].merge(row[-1])
            number = _printed(current)
            merged.text = f"{number}. {sections[current].title}" if current in sections else number
            merged.paragraphs[0].runs[0].bold = True
        row = table.add_row().cells
        row[0].text = f"{item.label}."
        row[1].text = item.title
        row[2].text = item.term
        for cell, party in zip(row[3:], parties, strict=True):
            several = len(item.executors.get(party.id, [])) > 1
            _side_cell(cell, report, entry.side(party.id), several)
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


_SUMMARY_HEADER = (
    ("№", 7),
    ("Раздел", 30),
    ("Мероприятие", 50),
    ("Срок", 12),
    ("Сторона", 16),
    ("Ведомство", 36),
    ("Итоги года", 70),
    ("Подтверждено", 13),
    ("Кем подтверждено", 18),
    ("Статус", 14),
    ("Дата статуса", 13),
)
_LOG_HEADER = (
    ("Дата", 11),
    ("№", 7),
    ("Сторона", 18),
    ("Ведомство", 45),
    ("Автор", 20),
    ("Статус", 14),
    ("Комментарий", 60),
    ("Вложение", 10),
    ("Без изменений", 9),
    ("Отозван", 11),
)


def render_xlsx(report: AnnualReport) -> bytes:
    """A row per activity and side with its year-end text and status (dates as dates); a
    second sheet with every report of the year, "no change" and withdrawn ones marked.

    Written with XlsxWriter: a format is made once and passed with each cell, and a string
    is always written as a string, never read as a formula (10,000 reports in ~0.5 s; the
    same sheets took openpyxl ~2 s, see bench/report.py).
    """
    roadmap = report.roadmap
    sections = {s.code: f"{_printed(s.code)}. {s.title}" for s in roadmap.sections}
    buffer = BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    formats = _Formats(book)

    sheet = _sheet(book, formats, "Итоги года", _SUMMARY_HEADER)
    row_index = 0
    for entry in report.items:
        item = entry.item
        for party in roadmap.parties:
            if not item.executors.get(party.id):
                continue
            found: list[YearEntry | None] = list(entry.side(party.id)) or [None]
            for year_entry in found:
                row_index += 1
                row = _summary_row(report, sections, item, party.name, year_entry)
                _write(sheet, formats, row_index, row, wrap=None)
    sheet.autofilter(0, 0, row_index, len(_SUMMARY_HEADER) - 1)

    log = _sheet(book, formats, "Отчёты", _LOG_HEADER)
    for row_index, status_report in enumerate(report.reports, start=1):
        side = roadmap.party(status_report.party_id)
        withdrawn = status_report.withdrawn_at
        row = [
            _local_date(status_report.created_at),
            _code(report, status_report.item_code),
            side.name if side else status_report.party_id,
            _department(report, status_report.department_id),
            status_report.author,
            status_ru(status_report.status),
            status_report.comment,
            {"document": "документ", "photo": "фото"}.get(status_report.evidence_kind or "", ""),
            "да" if status_report.carried_forward else "",
            _local_date(withdrawn) if withdrawn else None,
        ]
        # wrapping every cell of a 10,000-row log costs more than it gives: long text only
        _write(log, formats, row_index, row, wrap={3, 6})
    log.autofilter(0, 0, len(report.reports), len(_LOG_HEADER) - 1)
    book.close()
    return buffer.getvalue()


def _summary_row(
    report: AnnualReport,
    sections: dict[str, str],
    item: Item,
    party: str,
    entry: YearEntry | None,
) -> list[object]:
    section = sections.get(item.section, _printed(item.section))
    row: list[object] = [item.label, section, item.title, item.term]
    if entry is None:
        return [*row, party, None, status_ru(None), None, None, status_ru(None), None]
    confirmed = entry.confirmed
    latest = entry.latest
    return [
        *row,
        party,
        _department(report, entry.department_id),
        entry.text or None,
        ("да, свой текст" if confirmed.corrected else "да") if confirmed else "нет",
        confirmed.author if confirmed else None,
        status_ru(latest.status if latest else None),
        _local_date(latest.created_at) if latest else None,
    ]


class _Formats:
    """The cell formats, made once per workbook."""

    def __init__(self, book: xlsxwriter.Workbook) -> None:
        top = {"valign": "top"}
        self.header = book.add_format(
            {**top, "bold": True, "bg_color": "#DDEBF7", "text_wrap": True}
        )
        self.plain = book.add_format(top)
        self.text = book.add_format({**top, "text_wrap": True})
        self.date = book.add_format({**top, "num_format": "DD.MM.YYYY"})
        # shown exactly as typed, and still not a formula after someone edits the cell
        self.quoted = book.add_format({**top, "text_wrap": True, "quote_prefix": True})


def _sheet(book, formats: _Formats, title: str, header: tuple[tuple[str, int], ...]):
    """A sheet with its column widths and a bold header that stays on screen."""
    sheet = book.add_worksheet(title)
    for index, (name, width) in enumerate(header):
        sheet.set_column(index, index, width)
        sheet.write_string(0, index, name, formats.header)
    sheet.freeze_panes(1, 0)
    return sheet


# A cell a spreadsheet might take for a formula if it were typed in: =, +, -, @, tab, CR.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _write(sheet, formats: _Formats, row: int, values: list[object], wrap: set[int] | None) -> None:
    """A row whose texts come from people: every one is written as a string (never a
    formula); dates as dates (they sort and filter as dates); text wrapped in `wrap`
    columns (all if None)."""
    for column, value in enumerate(values):
        if value is None:
            continue
        if isinstance(value, date):
            sheet.write_datetime(row, column, value, formats.date)
        elif not isinstance(value, str):
            sheet.write(row, column, value, formats.plain)
        elif value.startswith(_FORMULA_START):
            sheet.write_string(row, column, value, formats.quoted)
        elif wrap is None or column in wrap:
            sheet.write_string(row, column, value, formats.text)
        else:
            sheet.write_string(row, column, value, formats.plain)


async def render_both(report: AnnualReport) -> tuple[bytes, bytes]:
    """DOCX and XLSX, built off the event loop (a large year takes a while), side by side."""
    docx, xlsx = await asyncio.gather(
        asyncio.to_thread(render_docx, report), asyncio.to_thread(render_xlsx, report)
    )
    return docx, xlsx
