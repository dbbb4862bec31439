"""Turns a raw roadmap table into validated roadmap data."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from bot.domain.roadmap import Department, Item, Party, Roadmap, RoadmapError, Section, YearSpan
from bot.importer.docx_source import DocxReadError, read_docx
from bot.importer.regions import find_region
from bot.importer.table import Cell, RawRow, RawTable, clean
from bot.importer.text_source import read_text

_ITEM_CODE = re.compile(r"^(\d+(?:\.\d+)+)\.?$")
_SECTION_ROW = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(\S.*)$")
_PARTY = re.compile(r"^от\s+(.+)$", re.IGNORECASE)
_TITLE_PERIOD = re.compile(r"((?:19|20)\d\d)\s*(?:[-–—]|по|до)\s*((?:19|20)\d\d)")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_TRANSLIT = str.maketrans(
    {
        "а": "a",
        "б": "b",
        "в": "v",
        "г": "g",
        "д": "d",
        "е": "e",
        "ё": "e",
        "ж": "zh",
        "з": "z",
        "и": "i",
        "й": "y",
        "к": "k",
        "л": "l",
        "м": "m",
        "н": "n",
        "о": "o",
        "п": "p",
        "р": "r",
        "с": "s",
        "т": "t",
        "у": "u",
        "ф": "f",
        "х": "kh",
        "ц": "ts",
        "ч": "ch",
        "ш": "sh",
        "щ": "shch",
        "ъ": "",
        "ы": "y",
        "ь": "",
        "э": "e",
        "ю": "yu",
        "я": "ya",
    }
)


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """Why a source is not a roadmap, for a text in the reader's language: its `kind`, the
    row it is in (`place` "line" or "table row", and its number) and what it found there
    (`detail`: the quoted cell, an activity's code, ...). Never the file's path."""

    kind: str
    place: str | None = None
    row: int | None = None
    detail: dict[str, str] = field(default_factory=dict)


class ImportFormatError(ValueError):
    """The source cannot be read as a roadmap. The message (English, for the command line)
    names the row; `problem` says the same in parts."""

    def __init__(
        self, message: str, kind: str = "invalid", row: RawRow | None = None, **detail: str
    ) -> None:
        super().__init__(message)
        place, number = (row.place, row.number) if row is not None else (None, None)
        self.problem = ImportProblem(kind, place, number, detail)

    def located(self, where: object) -> None:
        """Lead the message by the file the problem is in."""
        self.args = (f"{where}: {self.args[0]}",)


class UnknownTimezone(ImportFormatError):
    """A party that is not a federal subject of Russia: its time zone must be given."""

    def __init__(self, message: str, party_id: str, name: str) -> None:
        super().__init__(message, "zone", party=name)
        self.party_id = party_id
        self.name = name


@dataclass(slots=True)
class ImportOptions:
    # party id or header name -> IANA zone, overriding the table of federal subjects
    timezones: dict[str, str] = field(default_factory=dict)
    period: YearSpan | None = None


@dataclass(slots=True)
class _Columns:
    code: int
    title: int
    term: int | None
    parties: list[tuple[int, Party]]


@dataclass(slots=True)
class _Draft:
    row: RawRow
    code: str
    section: str
    title: Cell
    term: Cell
    executors: dict[str, Cell]


def import_roadmap(source: str | Path, options: ImportOptions | None = None) -> Roadmap:
    """Read a roadmap from a .docx file or its extracted-text form."""
    options = options or ImportOptions()
    path = Path(source)
    try:
        if path.suffix.lower() == ".docx":
            table = read_docx(str(path))
        else:
            table = read_text(path.read_text(encoding="utf-8-sig"))
    except DocxReadError as exc:
        raise ImportFormatError(f"{path}: cannot read: {exc}", exc.kind) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFormatError(f"{path}: cannot read: {exc}", "not-text") from exc
    try:
        return build_roadmap(table, options)
    except ImportFormatError as exc:
        exc.located(path)
        raise


def build_roadmap(table: RawTable, options: ImportOptions) -> Roadmap:
    header_end, columns = _read_header(table.rows, options)
    sections: list[Section] = []
    drafts: list[_Draft] = []
    width = len(table.rows[header_end - 1].cells)
    for row in table.rows[header_end:]:
        if row.is_empty():
            continue
        if len(row.cells) != width:
            raise ImportFormatError(
                f"{row.where}: expected {width} cells, found {len(row.cells)}",
                "cells",
                row,
                expected=str(width),
                found=str(len(row.cells)),
                cell=_first_text(row),
            )
        _read_row(row, columns, sections, drafts)
    if not drafts:
        raise ImportFormatError("no activities found under the table header", "no-activities")
    parties = [party for _, party in columns.parties]
    departments, items = _resolve_executors(parties, drafts)
    roadmap = Roadmap(
        title=table.title,
        years=options.period or _period(table.title, items),
        parties=parties,
        sections=sections,
        departments=departments,
        items=items,
    )
    try:
        roadmap.validate()
    except RoadmapError as exc:
        raise ImportFormatError(str(exc), "invalid", reason=str(exc)) from exc
    return roadmap


def _read_header(rows: list[RawRow], options: ImportOptions) -> tuple[int, _Columns]:
    """Find the header rows (up to the one naming the parties) and each column's role."""
    end, row, party_cols = 0, None, list[int]()
    while not party_cols:
        if end >= min(len(rows), 10):
            raise ImportFormatError(
                "no table header with executor columns such as «от Томской области» found",
                "no-table",
            )
        row = rows[end]
        end += 1
        party_cols = [i for i in range(len(row.cells)) if _PARTY.match(row.text(i))]
    assert row is not None
    header = rows[:end]
    labels = [" ".join(r.text(i) for r in header).casefold() for i in range(len(row.cells))]

    def find(*words: str, default: int | None) -> int | None:
        return next(
            (i for i, label in enumerate(labels) if any(w in label for w in words)), default
        )

    parties = [(i, _party(row.text(i), row.where, options)) for i in party_cols]
    seen: dict[str, Party] = {}
    for _, party in parties:
        if party.id in seen:
            raise ImportFormatError(
                f"{row.where}: the same party is named in two columns",
                "same-party",
                row,
                party=party.name,
            )
        seen[party.id] = party
    code = find("№", "п/п", "номер", default=0)
    title = find("наименование", "мероприяти", default=1)
    term = find("срок", default=None)
    assert code is not None and title is not None
    return end, _Columns(code=code, title=title, term=term, parties=parties)


def _party(header: str, where: str, options: ImportOptions) -> Party:
    name = _PARTY.match(header).group(1)  # type: ignore[union-attr]
    region = find_region(name)
    party_id = region.id if region else _slug(name)
    zone = options.timezones.get(party_id) or options.timezones.get(name)
    if region is None and zone is None:
        raise UnknownTimezone(
            f"{where}: «{name}» is not a federal subject of Russia; give its time zone "
            f"with --timezone {party_id}=Area/City",
            party_id,
            name,
        )
    if region is None:
        assert zone is not None
        return Party(id=party_id, name=name, timezone=zone)
    return Party(id=party_id, name=region.name, timezone=zone or region.timezone)


def _read_row(
    row: RawRow, columns: _Columns, sections: list[Section], drafts: list[_Draft]
) -> None:
    code_text = row.text(columns.code)
    filled = [i for i in range(len(row.cells)) if row.text(i)]
    section = _SECTION_ROW.match(code_text)
    if filled == [columns.code] and section and not _ITEM_CODE.match(code_text):
        code = section.group(1)
        if any(s.code == code for s in sections):
            raise ImportFormatError(
                f"{row.where}: section {code} appears twice", "duplicate-section", row, code=code
            )
        sections.append(Section(code=code, title=section.group(2)))
        return
    item_code = _ITEM_CODE.match(code_text)
    if item_code:
        code = item_code.group(1)
        owner = _owning_section(code, sections)
        if owner is None:
            raise ImportFormatError(
                f"{row.where}: activity {code} does not belong to the section above it",
                "outside-section",
                row,
                code=code,
            )
        if any(d.code == code for d in drafts):
            raise ImportFormatError(
                f"{row.where}: activity {code} appears twice", "duplicate", row, code=code
            )
        drafts.append(
            _Draft(
                row=row,
                code=code,
                section=owner.code,
                title=list(row.cells[columns.title]),
                term=list(row.cells[columns.term]) if columns.term is not None else [],
                executors={party.id: list(row.cells[i]) for i, party in columns.parties},
            )
        )
        return
    if code_text:
        raise ImportFormatError(
            f"{row.where}: cannot read «{code_text[:60]}» as an activity "
            "number (such as 1.2) or a section heading (such as 3. …)",
            "bad-row",
            row,
            cell=_quoted(code_text),
        )
    if not drafts:
        raise ImportFormatError(
            f"{row.where}: text found before the first numbered activity",
            "before-first",
            row,
            cell=_first_text(row),
        )
    # A row with no number continues the activity above it after a page break.
    last = drafts[-1]
    _continue(last.title, row.cells[columns.title])
    if columns.term is not None:
        _continue(last.term, row.cells[columns.term])
    for i, party in columns.parties:
        _continue(last.executors[party.id], row.cells[i])


def _quoted(text: str, limit: int = 60) -> str:
    """A cell's text as an error quotes it: its beginning, cut at a word."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;.") + "…"


def _first_text(row: RawRow) -> str:
    return _quoted(next((row.text(i) for i in range(len(row.cells)) if row.text(i)), ""))


def _owning_section(code: str, sections: list[Section]) -> Section | None:
    """The deepest section numbering `code`, provided no other section came in between."""
    if not sections:
        return None
    latest = sections[-1]
    owner = max(
        (s for s in sections if code.startswith(s.code + ".")),
        key=lambda s: len(s.code),
        default=None,
    )
    if owner is None or not (latest is owner or latest.code.startswith(owner.code + ".")):
        return None
    return owner


def _continue(cell: Cell, more: Cell) -> None:
    """Append a cell's continuation: a fragment that ended mid-name is joined, not split."""
    if not more:
        return
    if cell and not cell[-1].endswith((";", ".")):
        cell[-1] = f"{cell[-1]} {more[0]}"
        more = more[1:]
    cell.extend(more)


def _names(cell: Cell) -> list[str]:
    """Executor names: one per paragraph or per ';', trailing separators dropped."""
    return [name for paragraph in cell for part in paragraph.split(";") if (name := clean(part))]


def _key(name: str) -> str:
    return clean(name).casefold().replace("ё", "е")


def _resolve_executors(
    parties: list[Party], drafts: list[_Draft]
) -> tuple[list[Department], list[Item]]:
    departments: dict[str, Department] = {}
    seen: dict[tuple[str, str], str] = {}
    items = []
    for draft in drafts:
        executors: dict[str, list[str]] = {}
        for party in parties:
            ids = []
            for name in _names(draft.executors[party.id]):
                key = (party.id, _key(name))
                if key not in seen:
                    digest = hashlib.sha1(key[1].encode()).hexdigest()[:6]
                    seen[key] = f"{party.id}-{digest}"
                    departments[seen[key]] = Department(seen[key], party.id, name)
                if seen[key] not in ids:
                    ids.append(seen[key])
            executors[party.id] = ids
        if not any(executors.values()):
            raise ImportFormatError(
                f"{draft.row.where}: activity {draft.code} names no executors",
                "no-executors",
                draft.row,
                code=draft.code,
            )
        items.append(
            Item(
                code=draft.code,
                section=draft.section,
                title=clean(" ".join(draft.title)),
                term=clean(" ".join(draft.term)),
                executors=executors,
            )
        )
    order = {party.id: n for n, party in enumerate(parties)}
    ordered = sorted(departments.values(), key=lambda dep: order[dep.party])
    return ordered, items


def _period(title: str, items: list[Item]) -> YearSpan:
    found = _TITLE_PERIOD.search(title)
    if found:
        return YearSpan(int(found.group(1)), int(found.group(2)))
    years = [int(y) for y in _YEAR.findall(title)]
    if not years:
        years = [int(y) for item in items for y in _YEAR.findall(item.term)]
    if not years:
        raise ImportFormatError(
            "cannot tell the roadmap's years: neither the title nor the terms name a year; "
            "give them with --period 2023-2025",
            "no-period",
        )
    return YearSpan(min(years), max(years))


def _slug(name: str) -> str:
    text = name.casefold().translate(_TRANSLIT)
    # short: department ids (party-xxxxxx) travel in callback data, 64 bytes at most
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:20].strip("-") or "party"
