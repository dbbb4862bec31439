"""Each roadmap's own office: the people (typically each party's coordinating department)
who approve its coordinators and see its reports. Global admins (ADMIN_IDS) add and remove
them; who is in which office is read from RoadmapService.offices on every update, so a
change holds at once."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from bot.domain.catalog import RoadmapEntry
from bot.domain.notices import Notice
from bot.domain.people import AuditRecord, Person
from bot.domain.scope import Scope, department_roadmaps
from bot.services.ports import AuditLog, Delivery, People
from bot.services.roadmaps import RoadmapService

# audit actions; details "roadmap: 2" (the trail reads the number after the colon)
ADDED, REMOVED = "office.add", "office.remove"


ACTIONS = {"add": "add", "remove": "remove", "добавить": "add", "убрать": "remove"}


def parse_change(text: str) -> tuple[int, str, int] | None:
    """`2 add 123456789` -> (2, "add", 123456789); None if it is not that."""
    words = text.split()
    if len(words) != 3:
        return None
    number, action, user = words
    if not (_count(number, 100_000) and _count(user, 2**53)) or action.lower() not in ACTIONS:
        return None
    return int(number), ACTIONS[action.lower()], int(user)


def _count(word: str, limit: int) -> bool:
    return word.isascii() and word.isdigit() and 0 < int(word) <= limit


class OfficeTexts(Protocol):
    def welcome(self, locale: str, entries: list[RoadmapEntry]) -> str:
        """To a new office member: the roadmaps they are in the office of, what they can do."""
        ...


@dataclass(frozen=True, slots=True)
class Office:
    """A roadmap and its office members, in the order they were added."""

    entry: RoadmapEntry
    members: list[tuple[int, Person | None]]


class Outcome(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    ALREADY = "already"  # added: a member already
    NOT_MEMBER = "not_member"  # removed: not a member (any more)
    NO_ROADMAP = "no_roadmap"
    UNKNOWN_PERSON = "unknown_person"  # has not opened the bot: cannot be written to


@dataclass(frozen=True, slots=True)
class OfficeChange:
    outcome: Outcome
    number: int
    user_id: int
    entry: RoadmapEntry | None = None
    person: Person | None = None
    notices: tuple[Notice, ...] = ()  # for the new member, once the admin is answered


@dataclass(slots=True)
class RoadmapOffices:
    roadmaps: RoadmapService
    people: People
    audit_log: AuditLog
    delivery: Delivery
    texts: OfficeTexts
    admin_ids: frozenset[int]

    def scope_of(self, user_id: int) -> Scope:
        """None for a global admin; else the roadmaps `user_id` is in the office of (none:
        not in any office)."""
        if user_id in self.admin_ids:
            return None
        catalog = self.roadmaps.catalog
        return frozenset(n for n in self.roadmaps.office_of(user_id) if catalog.entry(n))

    def in_office(self, user_id: int) -> bool:
        """A global admin, or in some roadmap's office."""
        scope = self.scope_of(user_id)
        return scope is None or bool(scope)

    def roadmap_names(self, user_id: int) -> tuple[str, ...]:
        """The short names of the roadmaps `user_id` is in the office of (for /start)."""
        catalog = self.roadmaps.catalog
        numbers = sorted(self.roadmaps.office_of(user_id))
        return tuple(e.short_name for n in numbers if (e := catalog.entry(n)) is not None)

    def members_for(self, department_id: str) -> list[int]:
        """The office members of the roadmaps the department executes in."""
        numbers = department_roadmaps(self.roadmaps.catalog, department_id)
        found: list[int] = []
        for number in sorted(numbers):
            found += [m for m in self.roadmaps.offices.get(number, []) if m not in found]
        return found

    async def offices(self) -> list[Office]:
        entries = self.roadmaps.catalog.entries
        offices = self.roadmaps.offices
        known = await self.people.people(
            sorted({m for e in entries for m in offices.get(e.number, [])})
        )
        return [Office(e, [(m, known.get(m)) for m in offices.get(e.number, [])]) for e in entries]

    async def add(self, admin_id: int, number: int, user_id: int) -> OfficeChange:
        entry = self.roadmaps.catalog.entry(number)
        if entry is None:
            return OfficeChange(Outcome.NO_ROADMAP, number, user_id)
        person = await self.people.person(user_id)
        if person is None:
            return OfficeChange(Outcome.UNKNOWN_PERSON, number, user_id, entry)
        if not await self.roadmaps.store.add_office_member(number, user_id, admin_id):
            return OfficeChange(Outcome.ALREADY, number, user_id, entry, person)
        await self.audit_log.audit(AuditRecord(admin_id, ADDED, user_id, f"roadmap: {number}"))
        await self.roadmaps.reload()
        mine = [
            e for n in self.roadmaps.office_of(user_id) if (e := self.roadmaps.catalog.entry(n))
        ]
        notice = Notice(user_id, self.texts.welcome(person.locale, mine))
        return OfficeChange(Outcome.ADDED, number, user_id, entry, person, (notice,))

    async def remove(self, admin_id: int, number: int, user_id: int) -> OfficeChange:
        entry = self.roadmaps.catalog.entry(number)
        if entry is None:
            return OfficeChange(Outcome.NO_ROADMAP, number, user_id)
        person = await self.people.person(user_id)
        if not await self.roadmaps.store.remove_office_member(number, user_id):
            return OfficeChange(Outcome.NOT_MEMBER, number, user_id, entry, person)
        await self.audit_log.audit(AuditRecord(admin_id, REMOVED, user_id, f"roadmap: {number}"))
        await self.roadmaps.reload()
        return OfficeChange(Outcome.REMOVED, number, user_id, entry, person)

    async def tell(self, change: OfficeChange) -> None:
        """The new member's welcome: after the admin has their answer."""
        for notice in change.notices:
            await self.delivery.deliver(notice)
