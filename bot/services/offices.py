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
PEOPLE_PER_PAGE = 8  # to pick a new office member from


class Mistake(StrEnum):
    """What is wrong with a typed `/offices …`."""

    NO_NUMBER = "no-number"  # `add 3001`: the roadmap's number left out
    NO_ACTION = "no-action"  # `2`: neither add nor remove
    BAD_ACTION = "bad-action"  # `2 invite 3001`
    BAD_ID = "bad-id"  # `2 add Иван`: not a Telegram id
    NO_ID = "no-id"  # `2 remove`: whom
    TOO_MANY = "too-many"  # `2 add 3001 3002`


@dataclass(frozen=True, slots=True)
class OfficeCommand:
    """`/offices 2 add 123456789`; `user_id` None: `2 add`, pick from people who wrote."""

    number: int
    action: str  # add or remove
    user_id: int | None = None


def parse_change(text: str) -> OfficeCommand | Mistake:
    """`2 add 123456789` -> (2, add, 123456789), `2 add` -> (2, add, None); else what is
    wrong with it."""
    words = text.split()
    if not words or not _count(words[0], 100_000):
        return Mistake.NO_NUMBER
    if len(words) == 1:
        return Mistake.NO_ACTION
    action = ACTIONS.get(words[1].lower())
    if action is None:
        return Mistake.BAD_ACTION
    if len(words) == 2:
        return OfficeCommand(int(words[0]), action) if action == "add" else Mistake.NO_ID
    if len(words) > 3:
        return Mistake.TOO_MANY
    if not _count(words[2], 2**53):
        return Mistake.BAD_ID
    return OfficeCommand(int(words[0]), action, int(words[2]))


def _count(word: str, limit: int) -> bool:
    return word.isascii() and word.isdigit() and 0 < int(word) <= limit


class OfficeTexts(Protocol):
    def welcome(self, locale: str, added: RoadmapEntry, entries: list[RoadmapEntry]) -> str:
        """To a new office member: the roadmap they were added to, all those they are in the
        office of, what they can do."""
        ...


@dataclass(frozen=True, slots=True)
class Office:
    """A roadmap and its office members, in the order they were added."""

    entry: RoadmapEntry
    members: list[tuple[int, Person | None]]


@dataclass(frozen=True, slots=True)
class Candidates:
    """A page of the people who wrote to the bot, for an admin to add to a roadmap's office
    (`members`: those in it already)."""

    entry: RoadmapEntry
    people: list[Person]
    page: int
    more: bool  # a next page
    members: frozenset[int]


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

    async def candidates(self, number: int, page: int = 0) -> Candidates | None:
        """A page of people to add to roadmap `number`'s office, the most recently seen
        first; None if there is no such roadmap."""
        entry = self.roadmaps.catalog.entry(number)
        if entry is None:
            return None
        page = max(0, page)
        found = await self.people.recent_people(PEOPLE_PER_PAGE + 1, page * PEOPLE_PER_PAGE)
        members = frozenset(self.roadmaps.offices.get(number, []))
        more = len(found) > PEOPLE_PER_PAGE
        return Candidates(entry, found[:PEOPLE_PER_PAGE], page, more, members)

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
        notice = Notice(user_id, self.texts.welcome(person.locale, entry, mine))
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
