"""The roadmap as plain data: parties, sections, departments, items, and its JSON form."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class RoadmapError(ValueError):
    """The roadmap file is missing, unreadable or inconsistent."""


@dataclass(frozen=True, slots=True)
class Party:
    id: str
    name: str
    timezone: str


@dataclass(frozen=True, slots=True)
class Section:
    code: str
    title: str


@dataclass(frozen=True, slots=True)
class Department:
    id: str
    party: str
    name: str


@dataclass(frozen=True, slots=True)
class Item:
    code: str
    section: str
    title: str
    term: str
    executors: dict[str, list[str]] = field(hash=False)
    # in a bot serving several roadmaps (see bot.domain.catalog): the code as the document
    # numbers it, and the roadmap's number; `code` is then the key unique across roadmaps
    number: str = field(default="", compare=False)
    roadmap: int = field(default=1, compare=False)

    @property
    def label(self) -> str:
        """The code as its roadmap's document prints it."""
        return self.number or self.code

    def departments(self) -> list[str]:
        """Executor department ids of every party, in document order."""
        return [dep for deps in self.executors.values() for dep in deps]


@dataclass(frozen=True, slots=True)
class YearSpan:
    """The years a roadmap was signed for, both included (2020-2022)."""

    start: int
    end: int

    def __iter__(self) -> Iterator[int]:
        return iter(range(self.start, self.end + 1))

    def __contains__(self, year: object) -> bool:
        return isinstance(year, int) and self.start <= year <= self.end

    def __str__(self) -> str:
        return f"{self.start}-{self.end}"


@dataclass(frozen=True, slots=True)
class Roadmap:
    title: str
    years: YearSpan
    parties: list[Party]
    sections: list[Section]
    departments: list[Department]
    items: list[Item]
    _index: dict[tuple[str, str], object] = field(
        init=False, repr=False, compare=False, hash=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        for kind, rows in (
            ("item", self.items),
            ("department", self.departments),
            ("party", self.parties),
        ):
            for row in rows:
                key = row.code if isinstance(row, Item) else row.id
                self._index.setdefault((kind, key), row)

    def item(self, code: str) -> Item | None:
        return self._index.get(("item", code))  # type: ignore[return-value]

    def department(self, dep_id: str) -> Department | None:
        return self._index.get(("department", dep_id))  # type: ignore[return-value]

    def party(self, party_id: str) -> Party | None:
        return self._index.get(("party", party_id))  # type: ignore[return-value]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("_index")
        for item in data["items"]:  # the catalog's bookkeeping, not the document's
            del item["number"], item["roadmap"]
        # the file keeps its own word for the span of years
        return {"title": data.pop("title"), "period": data.pop("years"), **data}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Roadmap:
        try:
            roadmap = cls(
                title=str(raw["title"]),
                years=YearSpan(int(raw["period"]["start"]), int(raw["period"]["end"])),
                parties=[Party(p["id"], p["name"], p["timezone"]) for p in raw["parties"]],
                sections=[Section(s["code"], s["title"]) for s in raw["sections"]],
                departments=[
                    Department(d["id"], d["party"], d["name"]) for d in raw["departments"]
                ],
                items=[
                    Item(
                        i["code"],
                        i["section"],
                        i["title"],
                        i["term"],
                        {party: list(deps) for party, deps in i["executors"].items()},
                    )
                    for i in raw["items"]
                ],
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise RoadmapError(f"roadmap data is malformed: {exc!r}") from exc
        roadmap.validate()
        return roadmap

    def validate(self) -> None:
        """Raise RoadmapError if references or codes do not add up."""
        if self.years.start > self.years.end:
            raise RoadmapError(f"period {self.years} is reversed")
        parties = _unique("party", [p.id for p in self.parties])
        for party in self.parties:
            try:
                ZoneInfo(party.timezone)
            except (ZoneInfoNotFoundError, ValueError) as exc:
                raise RoadmapError(
                    f"party {party.id}: unknown time zone {party.timezone!r}"
                ) from exc
        sections = _unique("section", [s.code for s in self.sections])
        departments = _unique("department", [d.id for d in self.departments])
        _unique("item", [i.code for i in self.items])
        for dep in self.departments:
            if dep.party not in parties:
                raise RoadmapError(f"department {dep.id}: unknown party {dep.party!r}")
        by_id = {dep.id: dep for dep in self.departments}
        for item in self.items:
            if item.section not in sections:
                raise RoadmapError(f"item {item.code}: unknown section {item.section!r}")
            if not item.departments():
                raise RoadmapError(f"item {item.code}: no executors")
            for party_id, dep_ids in item.executors.items():
                for dep_id in dep_ids:
                    if dep_id not in departments or by_id[dep_id].party != party_id:
                        raise RoadmapError(
                            f"item {item.code}: unknown {party_id} executor {dep_id!r}"
                        )


def _unique(kind: str, keys: list[str]) -> set[str]:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            raise RoadmapError(f"{kind} {key!r} appears twice")
        seen.add(key)
    return seen


def load_roadmap(path: str | Path) -> Roadmap:
    """Read and validate a roadmap JSON file."""
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise RoadmapError(f"roadmap file {path} not found") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RoadmapError(f"roadmap file {path} is not readable JSON: {exc}") from exc
    if not isinstance(raw, dict):
        raise RoadmapError(f"roadmap file {path} does not hold an object")
    return Roadmap.from_dict(raw)
