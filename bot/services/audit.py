"""The office's audit trail: the changes made, newest first, a page at a time, filtered by
department or person; a roadmap office's, only the changes about its roadmaps' departments."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.audit import Change, read_entry
from bot.domain.catalog import Catalog
from bot.domain.clock import Clock
from bot.domain.people import Person
from bot.domain.roadmap import Department
from bot.domain.scope import Scope, within
from bot.domain.year_end import OFFICE_ZONE
from bot.services.ports import AuditLog, People

PER_PAGE = 12


@dataclass(frozen=True, slots=True)
class Someone:
    """A person the trail names: as the bot knows them, or only by id."""

    id: int
    person: Person | None


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """What `/audit <text>` matched: departments by name or id, people by name, @username
    or id."""

    text: str
    departments: tuple[Department, ...]
    people: tuple[Someone, ...]
    items: tuple[str, ...] = ()  # an activity's code

    @property
    def matched(self) -> bool:
        return bool(self.departments or self.people or self.items)


@dataclass(frozen=True, slots=True)
class AuditLine:
    change: Change
    actor: Someone
    member: Someone | None  # whom it concerns, if not the actor


@dataclass(frozen=True, slots=True)
class AuditPage:
    lines: list[AuditLine]
    page: int  # 0: the newest
    pages: int
    found: AuditFilter | None  # None: the whole trail
    this_year: int  # in the office's zone: dates of this year go without the year

    @property
    def older(self) -> bool:
        return self.page + 1 < self.pages


@dataclass(slots=True)
class AuditService:
    roadmap: Catalog
    audit_log: AuditLog
    people: People
    clock: Clock

    async def page(self, text: str = "", page: int = 0, scope: Scope = None) -> AuditPage:
        """A page of changes (the last one there is, if asked for one beyond it); with an
        office member's `scope`, of the changes about their roadmaps' departments."""
        this_year = self.clock.now().astimezone(OFFICE_ZONE).year
        found = await self.find(text, scope) if text.strip() else None
        if found is not None and not found.matched:
            return AuditPage([], 0, 0, found, this_year)
        departments = [d.id for d in found.departments] if found else []
        people = [p.id for p in found.people] if found else []
        items = list(found.items) if found else []
        inside = None if scope is None else [d.id for d in within(self.roadmap, scope).departments]
        entries, total = await self.audit_log.audit_changes(
            departments, people, page * PER_PAGE, PER_PAGE, items, inside
        )
        pages = max(1, -(-total // PER_PAGE))
        if page >= pages:
            return await self.page(text, pages - 1, scope)
        changes = [read_entry(entry, self.roadmap) for entry in entries]
        ids = {c.actor_id for c in changes} | {c.member_id for c in changes if c.member_id}
        known = await self.people.people(sorted(ids))
        lines = [
            AuditLine(
                change,
                Someone(change.actor_id, known.get(change.actor_id)),
                Someone(change.member_id, known.get(change.member_id))
                if change.member_id
                else None,
            )
            for change in changes
        ]
        return AuditPage(lines, page, pages, found, this_year)

    async def find(self, text: str, scope: Scope = None) -> AuditFilter:
        """An activity by its code (`4.1`, `4,1`); else departments whose name or id holds
        the text, and people in the trail whose name or @username holds it, or whose id
        it is. An office member's: their roadmaps' activities and departments."""
        roadmap = within(self.roadmap, scope)
        wanted = " ".join(text.split()).casefold()
        item = roadmap.item(wanted.replace(",", "."))
        if item is not None:
            return AuditFilter(" ".join(text.split()), (), (), (item.code,))
        departments = tuple(
            d
            for d in roadmap.departments
            if wanted in d.name.casefold()
            or wanted == d.id.casefold()
            or (not wanted.isdecimal() and wanted in d.id.casefold())
        )
        ids = await self.audit_log.audit_people()
        known = await self.people.people(ids)
        people = tuple(Someone(i, known.get(i)) for i in ids if _is_them(wanted, i, known.get(i)))
        return AuditFilter(" ".join(text.split()), departments, people)


def _is_them(wanted: str, user_id: int, person: Person | None) -> bool:
    if wanted == str(user_id):
        return True
    if person is None:
        return False
    username = (person.username or "").casefold()
    if wanted.startswith("@"):
        return bool(username) and wanted[1:] in username and len(wanted) > 1
    return wanted in person.display_name.casefold() or (bool(username) and wanted in username)
