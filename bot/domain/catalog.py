"""Every roadmap the bot serves, and the one view of them all that the use cases read.

A region's office runs many roadmaps at once, and each is followed by the next when its
period ends. Each roadmap keeps the codes its document prints (4.1). Across roadmaps an
activity is known by its key, `<number>/<code>` (2/4.1), except in roadmap 1, whose
activities keep their bare codes: a database from the days of one roadmap keeps every
reference it holds — status reports, year-end texts, dialogs in progress, buttons already
in people's chats — as it was.

Departments are shared per party: the Committee for Culture of Saint Petersburg is one
department in every roadmap that names it, so its coordinator subscribes once and sees
all of its activities.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from bot.domain.roadmap import Department, Item, Party, Roadmap, Section, YearSpan

_QUOTES = str.maketrans({q: " " for q in "«»\"'„“”‚‘’`"})
_DASHES = str.maketrans({d: "-" for d in "—–‒−"})
# how a party's name is shortened in a roadmap's short name
_SHORTER = (
    ("Санкт-Петербург", "СПб"),
    ("автономный округ", "АО"),
    ("автономная область", "АО"),
    ("область", "обл."),
    ("Республика", "Респ."),
)


def item_key(number: int, code: str) -> str:
    """The activity's key across roadmaps (see the module's docstring)."""
    return code if number == 1 else f"{number}/{code}"


def typed_code(item: Item) -> str:
    """The code that names this activity whatever roadmaps share it: `1/4.1`, `2/4.1`."""
    return f"{item.roadmap}/{item.label}"


def shown_codes(items: Iterable[Item]) -> dict[str, str]:
    """How to show each activity's code among these (one person's list, a reminder): as
    its document prints it (4.1) where no other of them has that code, else with its
    roadmap's number (1/4.1, 2/4.1), the way it can be typed."""
    listed = list(items)
    counts: dict[str, int] = {}
    for item in listed:
        counts[item.label] = counts.get(item.label, 0) + 1
    return {
        item.code: item.label if counts[item.label] == 1 else typed_code(item) for item in listed
    }


def name_key(name: str) -> str:
    """Compare department names loosely: case, ё/е, quotes, dashes and spacing vary."""
    text = name.casefold().replace("ё", "е").translate(_QUOTES).translate(_DASHES)
    return " ".join(text.split())


def short_party(name: str) -> str:
    for long, short in _SHORTER:
        name = name.replace(long, short)
    return name


@dataclass(frozen=True, slots=True)
class RoadmapEntry:
    """One roadmap as the bot keeps it."""

    number: int
    roadmap: Roadmap  # as its document has it, with its own codes
    active_until: int | None = None  # an admin's extension of reporting past the period
    retired: tuple[Item, ...] = ()  # activities earlier editions had and this one has not

    @property
    def short_name(self) -> str:
        """«СПб — Томская обл. 2020-2022»: the name people see in lists and buttons."""
        parties = " — ".join(short_party(p.name) for p in self.roadmap.parties)
        return f"{parties} {self.roadmap.years}"

    @property
    def last_year(self) -> int:
        """The last year status reports are taken for."""
        return max(self.roadmap.years.end, self.active_until or 0)

    @property
    def years(self) -> range:
        """The years reports are taken, and annual reports made, for."""
        return range(self.roadmap.years.start, self.last_year + 1)

    def open_in(self, year: int) -> bool:
        return year in self.years

    @property
    def party_ids(self) -> frozenset[str]:
        return frozenset(p.id for p in self.roadmap.parties)


@dataclass(frozen=True, slots=True)
class RoadmapDiff:
    """What a corrected edition changes in the roadmap it replaces, by activity code."""

    added: list[Item] = field(default_factory=list)
    changed: list[Item] = field(default_factory=list)
    retired: list[Item] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.retired)


def diff(old: Roadmap, new: Roadmap) -> RoadmapDiff:
    before = {item.code: item for item in old.items}
    after = {item.code: item for item in new.items}
    names = {d.id: name_key(d.name) for d in (*old.departments, *new.departments)}

    def executors(item: Item) -> dict[str, list[str]]:
        return {party: sorted(names[d] for d in deps) for party, deps in item.executors.items()}

    def same(a: Item, b: Item) -> bool:
        return (a.title, a.term, a.section, executors(a)) == (
            b.title,
            b.term,
            b.section,
            executors(b),
        )

    return RoadmapDiff(
        added=[item for code, item in after.items() if code not in before],
        changed=[
            item for code, item in after.items() if code in before and not same(before[code], item)
        ],
        retired=[item for code, item in before.items() if code not in after],
    )


class Catalog:
    """All the roadmaps the bot serves, read as one: activities by key, departments and
    parties shared. It is replaced whole, in one step, when the office loads a roadmap, so
    a use case never sees half of a change."""

    def __init__(self, entries: Iterable[RoadmapEntry] = ()) -> None:
        self.version = 0
        self.replace(entries)

    @classmethod
    def single(cls, roadmap: Roadmap, active_until: int | None = None) -> Catalog:
        return cls([RoadmapEntry(1, roadmap, active_until)])

    def replace(self, entries: Iterable[RoadmapEntry]) -> None:
        ordered = sorted(entries, key=lambda e: e.number)
        parties: dict[str, Party] = {}
        departments: dict[str, Department] = {}
        sections: list[Section] = []
        items: list[Item] = []
        retired: dict[str, Item] = {}
        by_item: dict[str, RoadmapEntry] = {}
        for entry in ordered:
            n, roadmap = entry.number, entry.roadmap
            for party in roadmap.parties:
                parties.setdefault(party.id, party)
            for department in roadmap.departments:
                departments.setdefault(department.id, department)
            sections += [replace(s, code=item_key(n, s.code)) for s in roadmap.sections]
            for item in roadmap.items:
                keyed = _keyed(n, item)
                items.append(keyed)
                by_item[keyed.code] = entry
            for item in entry.retired:
                keyed = _keyed(n, item)
                retired[keyed.code] = keyed
                by_item.setdefault(keyed.code, entry)
        if ordered:
            start = min(e.roadmap.years.start for e in ordered)
            end = max(e.last_year for e in ordered)
            title = ordered[0].roadmap.title if len(ordered) == 1 else ""
        else:
            start = end = 0
            title = ""
        merged = Roadmap(
            title=title,
            years=YearSpan(start, end),
            parties=list(parties.values()),
            sections=sections,
            departments=list(departments.values()),
            items=items,
        )
        by_label: dict[str, list[Item]] = {}
        for item in items:
            by_label.setdefault(item.label, []).append(item)
        # one assignment each, no await in between: readers see the old catalog or the new
        self.entries = ordered
        self.merged = merged
        self._entries = {e.number: e for e in ordered}
        self._by_item = by_item
        self._retired = retired
        self._by_label = by_label
        self.version += 1

    # -- read as one roadmap: what the use cases and views read --------------------------

    @property
    def title(self) -> str:
        return self.merged.title

    @property
    def years(self) -> YearSpan:
        return self.merged.years

    @property
    def parties(self) -> list[Party]:
        return self.merged.parties

    @property
    def sections(self) -> list[Section]:
        return self.merged.sections

    @property
    def departments(self) -> list[Department]:
        return self.merged.departments

    @property
    def items(self) -> list[Item]:
        return self.merged.items

    def item(self, key: str) -> Item | None:
        return self.merged.item(key)

    def department(self, dep_id: str) -> Department | None:
        return self.merged.department(dep_id)

    def party(self, party_id: str) -> Party | None:
        return self.merged.party(party_id)

    # -- the roadmaps ---------------------------------------------------------------------

    @property
    def several(self) -> bool:
        return len(self.entries) > 1

    def entry(self, number: int) -> RoadmapEntry | None:
        return self._entries.get(number)

    def entry_of(self, item: Item | str) -> RoadmapEntry:
        key = item if isinstance(item, str) else item.code
        found = self._by_item.get(key)
        if found is None:
            raise KeyError(f"no roadmap has activity {key!r}")
        return found

    def known_item(self, key: str) -> Item | None:
        """The activity, current or retired by a later edition (for history and reports)."""
        return self.merged.item(key) or self._retired.get(key)

    def retired_items(self, number: int) -> list[Item]:
        return [item for item in self._retired.values() if item.roadmap == number]

    def items_of(self, number: int) -> list[Item]:
        return [item for item in self.items if item.roadmap == number]

    def sections_of(self, number: int) -> list[Section]:
        prefix = f"{number}/"
        if number == 1:
            return [s for s in self.sections if "/" not in s.code]
        return [s for s in self.sections if s.code.startswith(prefix)]

    def parties_of(self, item: Item | str) -> list[Party]:
        """The sides of the item's roadmap, in its document's order."""
        return self.entry_of(item).roadmap.parties

    def is_open(self, item: Item | str, year: int) -> bool:
        """Are status reports taken on the item for `year`?"""
        return self.entry_of(item).open_in(year)

    def report_years(self) -> range:
        """Every year some roadmap takes reports, or has an annual report, for."""
        return range(self.years.start, self.years.end + 1)

    def open_entries(self, year: int) -> list[RoadmapEntry]:
        return [e for e in self.entries if e.open_in(year)]

    def successor(self, entry: RoadmapEntry) -> RoadmapEntry | None:
        """The roadmap between the same parties that starts after this one ends."""
        later = [
            e
            for e in self.entries
            if e.party_ids == entry.party_ids and e.roadmap.years.start > entry.roadmap.years.end
        ]
        return min(later, key=lambda e: e.roadmap.years.start, default=None)

    def find(self, text: str) -> list[Item]:
        """Activities a typed code names: `2/4.1` one roadmap's, `4.1` any roadmap's."""
        number, sep, code = text.partition("/")
        if sep:
            found = self.item(item_key(int(number), code)) if number.isdigit() else None
            return [found] if found else []
        return list(self._by_label.get(text, ()))

    def edition_of(self, roadmap: Roadmap) -> RoadmapEntry | None:
        """The roadmap `roadmap` is a corrected edition of: the same parties and period."""
        parties = frozenset(p.id for p in roadmap.parties)
        for entry in self.entries:
            if entry.party_ids == parties and entry.roadmap.years == roadmap.years:
                return entry
        return None

    def recognise(self, roadmap: Roadmap) -> tuple[Roadmap, list[Department]]:
        """`roadmap` with its departments mapped onto the ones the bot knows already (same
        party, same name after normalising case, quotes and spaces), and those it mapped."""
        known = {(d.party, name_key(d.name)): d for d in self.departments}
        mapping: dict[str, str] = {}
        recognised = []
        departments = []
        for department in roadmap.departments:
            same = known.get((department.party, name_key(department.name)))
            if same is not None:
                mapping[department.id] = same.id
                recognised.append(same)
                departments.append(same)
            else:
                taken = self.department(department.id)
                if taken is not None:  # a different name hashed alike: keep both apart
                    new_id = _free_id(department.id, self)
                    mapping[department.id] = new_id
                    department = replace(department, id=new_id)
                departments.append(department)
        items = [
            replace(
                item,
                executors={
                    party: [mapping.get(dep, dep) for dep in deps]
                    for party, deps in item.executors.items()
                },
            )
            for item in roadmap.items
        ]
        parties = [self.party(p.id) or p for p in roadmap.parties]
        adopted = Roadmap(
            roadmap.title, roadmap.years, parties, roadmap.sections, departments, items
        )
        adopted.validate()
        return adopted, recognised

    def look_alike(self, roadmap: Roadmap) -> list[tuple[Department, Department]]:
        """(new department, known one) whose names differ but one begins with the other
        («Комитет по природопользованию» and «Комитет по природопользованию, охране
        окружающей среды…»): likely the same, written differently; the admin is warned."""
        known = list(self.departments)
        found = []
        for department in roadmap.departments:
            if self.department(department.id) is not None:
                continue  # the same department, recognised
            new = name_key(department.name)
            for other in known:
                if other.party != department.party:
                    continue
                old = name_key(other.name)
                short, long = sorted((new, old), key=len)
                if len(short) >= 12 and long.startswith(short) and long[len(short)] in " ,(":
                    found.append((department, other))
                    break
        return found

    def next_number(self) -> int:
        return max(self._entries, default=0) + 1


def _keyed(number: int, item: Item) -> Item:
    return replace(
        item,
        code=item_key(number, item.code),
        section=item_key(number, item.section),
        number=item.code,
        roadmap=number,
    )


def _free_id(dep_id: str, catalog: Catalog) -> str:
    base = re.sub(r"-\d+$", "", dep_id)
    n = 2
    while catalog.department(f"{base}-{n}") is not None:
        n += 1
    return f"{base}-{n}"
