"""The roadmaps the bot serves: loaded at start, imported and corrected by the office,
prolonged past their period, each with its own office."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.domain.catalog import Catalog, RoadmapDiff, RoadmapEntry, diff
from bot.domain.roadmap import Department, Roadmap
from bot.services.ports import Roadmaps, StoredRoadmap


@dataclass(frozen=True, slots=True)
class ImportPreview:
    """What loading a roadmap would do, for the admin to confirm."""

    roadmap: Roadmap  # with its departments mapped onto the ones the bot knows
    number: int  # the number it gets, or the number of the roadmap it corrects
    replaces: RoadmapEntry | None  # the earlier edition it corrects
    diff: RoadmapDiff | None  # against that edition
    recognised: list[Department]  # departments the bot already knows
    replacing: str | None  # the earlier edition's digest, as the admin saw it

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
    """Another edition was confirmed since the preview: nothing was loaded."""


@dataclass(slots=True)
class RoadmapService:
    catalog: Catalog
    store: Roadmaps
    default_until: int | None = None  # ROADMAP_ACTIVE_UNTIL, for the roadmap from the file
    offices: dict[int, list[int]] = field(default_factory=dict)  # roadmap -> office members
    _digests: dict[int, str] = field(default_factory=dict)

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
        await self.reload()
        return await self.store.sync_roadmap(self.catalog)

    async def reload(self) -> None:
        stored = await self.store.stored_roadmaps()
        self.offices = await self.store.all_office_members()
        self._digests = {s.number: s.digest for s in stored}
        self.catalog.replace(
            RoadmapEntry(
                s.number,
                s.roadmap,
                s.active_until
                if s.active_until is not None
                else (self.default_until if s.source == "file" else None),
                s.retired,
            )
            for s in stored
        )

    def preview(self, roadmap: Roadmap) -> ImportPreview:
        adopted, recognised = self.catalog.recognise(roadmap)
        earlier = self.catalog.edition_of(adopted)
        if earlier is None:
            return ImportPreview(adopted, self.catalog.next_number(), None, None, recognised, None)
        return ImportPreview(
            adopted,
            earlier.number,
            earlier,
            diff(earlier.roadmap, adopted),
            recognised,
            self._digests.get(earlier.number),
        )

    async def load(self, preview: ImportPreview, admin_id: int | None) -> Loaded | Outdated:
        """Load the previewed roadmap, unless another edition was loaded since."""
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
        await self.reload()
        if not saved:
            return Outdated()
        await self.store.sync_roadmap(self.catalog)
        entry = self.catalog.entry(preview.number)
        assert entry is not None
        return Loaded(entry)

    async def prolong(self, number: int, year: int | None) -> RoadmapEntry | None:
        """Take reports on roadmap `number` until `year` (None: only its own period)."""
        if self.catalog.entry(number) is None:
            return None
        await self.store.set_active_until(number, year)
        await self.reload()
        await self.store.sync_roadmap(self.catalog)
        return self.catalog.entry(number)

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
