"""The roadmaps the bot serves: loaded at start, imported and corrected by the office,
prolonged past their period, each with its own office."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.domain.catalog import Catalog, RoadmapDiff, RoadmapEntry, diff
from bot.domain.clock import Clock, SystemClock
from bot.domain.roadmap import Department, Roadmap, RoadmapError
from bot.importer import (
    ImportFormatError,
    ImportOptions,
    ImportProblem,
    UnknownTimezone,
    import_roadmap,
)
from bot.services.ports import Roadmaps, StoredRoadmap

OFFICE_ZONE = ZoneInfo("Europe/Moscow")
_ATTEMPTS = 5  # numbers a new roadmap tries when others are loaded at the same moment
# the zones offered for a party the importer does not know: Russia's, then neighbours'
LIKELY_ZONES = (
    "Europe/Kaliningrad",
    "Europe/Moscow",
    "Europe/Samara",
    "Asia/Yekaterinburg",
    "Asia/Omsk",
    "Asia/Krasnoyarsk",
    "Asia/Irkutsk",
    "Asia/Yakutsk",
    "Asia/Vladivostok",
    "Asia/Magadan",
    "Asia/Kamchatka",
    "Europe/Minsk",
    "Asia/Almaty",
    "Asia/Tashkent",
    "Asia/Bishkek",
    "Asia/Shanghai",
)


@dataclass(frozen=True, slots=True)
class ImportPreview:
    """What loading a roadmap would do, for the admin to confirm."""

    roadmap: Roadmap  # with its departments mapped onto the ones the bot knows
    number: int  # the number it gets, or the number of the roadmap it corrects
    replaces: RoadmapEntry | None  # the earlier edition it corrects
    diff: RoadmapDiff | None  # against that edition
    recognised: list[Department]  # departments the bot already knows
    replacing: str | None  # the earlier edition's digest, as the admin saw it
    as_new: bool = False  # a new roadmap by the admin's choice, though an edition was found
    # (new, known) departments whose names look alike: likely one, written differently
    look_alike: tuple[tuple[Department, Department], ...] = ()

    @property
    def retires_most(self) -> bool:
        """Would the edition retire more than half of the activities? Then it is likely a
        different agreement between the same parties and years, not a correction."""
        if self.replaces is None or self.diff is None:
            return False
        return 2 * len(self.diff.retired) > len(self.replaces.roadmap.items)

    @property
    def unchanged(self) -> bool:
        return (
            self.diff is not None
            and self.diff.empty
            and self.replaces is not None
            and (self.replaces.roadmap.to_json() == self.roadmap.to_json())
        )


@dataclass(frozen=True, slots=True)
class Loaded:
    entry: RoadmapEntry


@dataclass(frozen=True, slots=True)
class Outdated:
    """Another edition was confirmed since the preview: nothing was loaded. `preview` is
    what loading would do now, for the admin to look at again."""

    preview: ImportPreview | None = None


@dataclass(frozen=True, slots=True)
class Unreadable:
    """The file is not a roadmap the importer can read; `problem` says why, and where."""

    problem: ImportProblem


@dataclass(frozen=True, slots=True)
class ZoneNeeded:
    """A party that is not a federal subject of Russia: its time zone is to be given."""

    party_id: str
    name: str


@dataclass(frozen=True, slots=True)
class RoadmapStanding:
    """One roadmap as /roadmaps lists it: does it take status reports this year?"""

    entry: RoadmapEntry
    year: int  # the office's current year
    successor: RoadmapEntry | None

    @property
    def open(self) -> bool:
        return self.entry.open_in(self.year)

    @property
    def may_prolong(self) -> bool:
        """Is one more year offered? Only once the roadmap's own period is in its last year
        or over: before that, reports are taken anyway."""
        return self.year >= self.entry.roadmap.years.end

    @property
    def extended(self) -> int | None:
        """The year reports are taken until past the roadmap's own period, if any."""
        until = self.entry.active_until
        return until if until is not None and until > self.entry.roadmap.years.end else None


@dataclass(slots=True)
class RoadmapService:
    catalog: Catalog
    store: Roadmaps
    default_until: int | None = None  # ROADMAP_ACTIVE_UNTIL, for roadmap 1 (the file's)
    offices: dict[int, list[int]] = field(default_factory=dict)  # roadmap -> office members
    _digests: dict[int, str] = field(default_factory=dict)
    _fingerprint: str = ""  # of the roadmaps as loaded (see refresh)
    clock: Clock = field(default_factory=SystemClock)
    # one reload at a time: two at once (two admins confirming together) could finish in
    # the other order and leave the catalog as the earlier one read it
    _reloading: asyncio.Lock = field(default_factory=asyncio.Lock, repr=False)

    async def start(self, shipped: Roadmap) -> object:
        """Bring the database's roadmaps up to date and load them into the catalog.

        On the first start (and on a database from before several roadmaps) the shipped
        roadmap becomes roadmap 1. Later, the file keeps roadmap 1 in line with it as long
        as no admin has loaded an edition of it in the bot."""
        stored = await self.store.stored_roadmaps()
        first = next((s for s in stored if s.number == 1), None)
        if first is None:
            await self.store.store_roadmap(1, shipped, source="file")
        elif first.source == "file" and first.roadmap.to_json() != shipped.to_json():
            await self.store.store_roadmap(
                1,
                shipped,
                retired=_retired(first, shipped),
                source="file",
                replacing=first.digest,
            )
        return await self._reload_synced()

    async def refresh(self) -> bool:
        """Load the roadmaps again if they changed in the database since: a roadmap loaded
        with `python -m bot import-roadmap --load`, or by another process on the same
        database, an extension, an office member added or removed. True if they had."""
        if await self.store.roadmaps_fingerprint() == self._fingerprint:
            return False
        await self._reload_synced()
        return True

    async def _reload_synced(self) -> object:
        """Reload, and bring the roadmap tables in line with what was loaded."""
        await self.reload()
        return await self.store.sync_roadmap(self.catalog)

    async def reload(self) -> None:
        async with self._reloading:
            self._fingerprint = await self.store.roadmaps_fingerprint()
            stored = await self.store.stored_roadmaps()
            self.offices = await self.store.all_office_members()
            self._digests = {s.number: s.digest for s in stored}
            self.catalog.replace(
                RoadmapEntry(
                    s.number,
                    s.roadmap,
                    # roadmap 1 keeps the extension from the settings after an admin loads
                    # a corrected edition of it, as long as no admin set one of its own
                    s.active_until
                    if s.active_until is not None
                    else (self.default_until if s.number == 1 else None),
                    s.retired,
                )
                for s in stored
            )

    def preview(self, roadmap: Roadmap, as_new: bool = False) -> ImportPreview:
        """What loading `roadmap` would do: a corrected edition of the roadmap between the
        same parties for the same years, if any, unless `as_new`; else a new roadmap."""
        adopted, recognised = self.catalog.recognise(roadmap)
        alike = tuple(self.catalog.look_alike(adopted))
        earlier = None if as_new else self._edition_of(adopted)
        if earlier is None:
            number = self.catalog.next_number()
            return ImportPreview(
                adopted, number, None, None, recognised, None, as_new, look_alike=alike
            )
        return ImportPreview(
            adopted,
            earlier.number,
            earlier,
            diff(earlier.roadmap, adopted),
            recognised,
            self._digests.get(earlier.number),
            look_alike=alike,
        )

    def _edition_of(self, roadmap: Roadmap) -> RoadmapEntry | None:
        """Of the roadmaps between the same parties for the same years (more than one once
        an admin loads a second agreement as a new roadmap), the one sharing most of its
        activities as they are, then most of their codes; the first, when all are alike."""
        parties = frozenset(p.id for p in roadmap.parties)
        same = [
            e
            for e in self.catalog.entries
            if e.party_ids == parties and e.roadmap.years == roadmap.years
        ]
        titles = {(item.code, item.title) for item in roadmap.items}
        codes = {code for code, _ in titles}

        def likeness(entry: RoadmapEntry) -> tuple[int, int, int]:
            theirs = {(item.code, item.title) for item in entry.roadmap.items}
            return len(titles & theirs), len(codes & {c for c, _ in theirs}), -entry.number

        return max(same, key=likeness, default=None)

    async def read(
        self, source: Path, timezones: dict[str, str] | None = None
    ) -> ImportPreview | Unreadable | ZoneNeeded:
        """Read a roadmap file (its DOCX or extracted text) off the event loop, and preview
        loading it; `timezones` gives parties' zones by party id."""
        options = ImportOptions(timezones=dict(timezones or {}))
        try:
            roadmap = await asyncio.to_thread(import_roadmap, source, options)
        except UnknownTimezone as exc:
            return ZoneNeeded(exc.party_id, exc.name)
        except ImportFormatError as exc:
            return Unreadable(exc.problem)
        try:
            return self.preview(roadmap)
        except RoadmapError as exc:  # mapped onto the bot's departments, it does not hold
            return Unreadable(ImportProblem("invalid", detail={"reason": str(exc)}))

    async def confirm(
        self,
        roadmap: Roadmap,
        number: int,
        replacing: str | None,
        admin_id: int | None,
        as_new: bool = False,
    ) -> Loaded | Outdated:
        """Load `roadmap` as the admin saw it previewed (as roadmap `number`, replacing the
        edition with digest `replacing`); if another edition of it was loaded since, load
        nothing and give the preview afresh. A new roadmap (`as_new`: by the admin's choice,
        though it looked like an edition) takes the next free number."""
        fresh = self.preview(roadmap, as_new)
        if fresh.replacing != replacing or (fresh.replaces is not None and fresh.number != number):
            return Outdated(fresh)
        return await self.load(fresh, admin_id)

    async def load(self, preview: ImportPreview, admin_id: int | None) -> Loaded | Outdated:
        """Load the previewed roadmap, unless another edition was loaded since. A new
        roadmap whose number another admin's took meanwhile takes the next free one."""
        for _ in range(_ATTEMPTS):
            result = await self._load(preview, admin_id)
            if not isinstance(result, Outdated) or preview.replaces is not None:
                return result
            fresh = result.preview
            if fresh is None or fresh.replaces is not None:  # the same agreement, loaded
                return result
            preview = fresh
        return Outdated(self.preview(preview.roadmap, preview.as_new))

    async def _load(self, preview: ImportPreview, admin_id: int | None) -> Loaded | Outdated:
        retired: tuple = ()
        if preview.replaces is not None:
            current = self.catalog.entry(preview.number)
            if current is None:
                return Outdated()
            assert preview.diff is not None
            stored = StoredRoadmap(
                current.number, current.roadmap, current.retired, None, "", "", "", None
            )
            retired = _retired(stored, preview.roadmap)
        saved = await self.store.store_roadmap(
            preview.number,
            preview.roadmap,
            retired=retired,
            source="bot",
            loaded_by=admin_id,
            replacing=preview.replacing,
        )
        if not saved:
            await self.reload()
            return Outdated(self.preview(preview.roadmap, preview.as_new))
        await self._reload_synced()
        entry = self.catalog.entry(preview.number)
        assert entry is not None
        return Loaded(entry)

    async def prolong(self, number: int, year: int | None) -> RoadmapEntry | None:
        """Take reports on roadmap `number` until `year` (None: only its own period)."""
        if self.catalog.entry(number) is None:
            return None
        await self.store.set_active_until(number, year)
        await self._reload_synced()
        return self.catalog.entry(number)

    def standings(self) -> list[RoadmapStanding]:
        """Every roadmap, and whether it takes status reports in the office's current year."""
        year = self._year()
        return [
            RoadmapStanding(entry, year, self.catalog.successor(entry))
            for entry in self.catalog.entries
        ]

    async def prolong_by_year(self, number: int, until: int) -> RoadmapEntry | None:
        """Take reports on roadmap `number` until `until`, one year past its last; a second
        tap on the same button (the same `until`) changes nothing more."""
        entry = self.catalog.entry(number)
        if entry is None or not entry.roadmap.years.end <= until <= entry.last_year + 1:
            return None
        if not RoadmapStanding(entry, self._year(), None).may_prolong:
            return None  # not offered: its period has more than a year to run
        return await self.prolong(number, until)

    async def end_extension(self, number: int) -> RoadmapEntry | None:
        """Reports on roadmap `number` only for its own period again (also over
        ROADMAP_ACTIVE_UNTIL, which a cleared extension would fall back to)."""
        entry = self.catalog.entry(number)
        if entry is None:
            return None
        return await self.prolong(number, entry.roadmap.years.end)

    def _year(self) -> int:
        return self.clock.now().astimezone(OFFICE_ZONE).year

    def office_of(self, user_id: int) -> list[int]:
        """The roadmaps `user_id` is an office member of."""
        return [number for number, members in self.offices.items() if user_id in members]


def _retired(earlier: StoredRoadmap, new: Roadmap) -> tuple:
    """Activities that leave with the new edition join those earlier editions retired;
    any that come back are current again."""
    codes = {item.code for item in new.items}
    gone = [item for item in earlier.roadmap.items if item.code not in codes]
    kept = [item for item in earlier.retired if item.code not in codes]
    seen = {item.code for item in gone}
    return tuple(gone + [item for item in kept if item.code not in seen])
