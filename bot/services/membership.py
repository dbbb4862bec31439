"""Membership: coordinators ask to join a department, the office approves, rejects or
revokes, coordinators leave; every change with its audit entry, and the people concerned
told. A request goes to the global admins and to the offices of the roadmaps its department
executes in; an office member decides only for those departments (see bot/domain/scope.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Protocol

from bot.domain.access import Viewer
from bot.domain.catalog import Catalog
from bot.domain.clock import Clock
from bot.domain.notices import Notice
from bot.domain.people import (
    AuditRecord,
    Membership,
    Person,
    UserProfile,
    next_request_at,
    revoked_by_office,
)
from bot.domain.roadmap import Department
from bot.domain.scope import Scope, covers, covers_wholly, within
from bot.services.ports import Delivery, EditableDelivery, Memberships, People, RequestMessages


class MembershipTexts(Protocol):
    """Messages about memberships, in the recipient's locale: (HTML text, markup JSON)."""

    def request(
        self, locale: str, requester: Person | None, user_id: int, department: Department
    ) -> tuple[str, str | None]: ...

    def decided(self, locale: str, approved: bool, department: Department) -> str: ...

    def decided_request(self, locale: str, admin_name: str, result: Decided) -> str:
        """An admin's copy of a request once another admin decided it."""
        ...

    def revoked(self, locale: str, department: Department) -> str: ...

    def withdrawn_request(self, locale: str, name: str, department: Department) -> str:
        """An admin's copy of a request its author withdrew before anyone decided it."""
        ...


@dataclass(frozen=True, slots=True)
class Joined:
    department: Department
    status: str  # approved or pending
    changed: bool  # False: the same request again; status says where it stands
    no_admins: bool = False  # pending, but nobody can approve it
    notices: tuple[Notice, ...] = ()  # for the admins, once the user is answered
    user_id: int = 0  # who asked


@dataclass(frozen=True, slots=True)
class TooSoon:
    """A request withdrawn or refused a moment ago: a new one may be made at `after`."""

    department: Department
    after: datetime


@dataclass(frozen=True, slots=True)
class Decided:
    decision: str  # approved or rejected
    department: Department
    member: Person | None
    user_id: int
    notices: tuple[Notice, ...] = ()  # for the member, once the admin is answered
    copies: tuple[RequestCopy, ...] = ()  # the other admins' copies to edit, after that


@dataclass(frozen=True, slots=True)
class RequestCopy:
    """An admin's copy of a request, and what it says once the request is decided."""

    chat_id: int
    message_id: int
    text: str


@dataclass(frozen=True, slots=True)
class Left:
    """Left a department, or withdrew a request for it; the admins' copies of a withdrawn
    request, with what they say now."""

    department: Department
    copies: tuple[RequestCopy, ...] = ()


@dataclass(frozen=True, slots=True)
class PastDecision:
    """A request pressed again once decided: how it went, by whom, when."""

    decision: str  # approved, rejected, revoked (by the office), withdrawn (by the user)
    department: Department
    member: Person | None
    user_id: int
    by: Person | None
    at: datetime


@dataclass(frozen=True, slots=True)
class Revoked:
    department: Department
    member: Person | None
    notices: tuple[Notice, ...] = ()  # for the member, once the admin is answered


@dataclass(frozen=True, slots=True)
class PendingRequest:
    membership: Membership
    department: Department
    person: Person | None


@dataclass(slots=True)
class MembershipService:
    roadmap: Catalog
    memberships: Memberships
    people: People
    delivery: Delivery
    texts: MembershipTexts
    admin_ids: tuple[int, ...]
    approve_at_once: bool  # ACCESS_MODE=open
    clock: Clock
    # with both, each admin's copy of a request is kept, and edited once another decides
    editable: EditableDelivery | None = None
    request_messages: RequestMessages | None = None
    # the office members of the roadmaps a department executes in (RoadmapOffices)
    offices: Callable[[str], list[int]] | None = None

    async def join(self, profile: UserProfile, department: Department) -> Joined | TooSoon:
        previous = await self.memberships.membership(profile.id, department.id)
        after = next_request_at(previous)
        if after is not None and after > self.clock.now():
            return TooSoon(department, after)
        # open mode approves at once, but not someone the office revoked (nor through a link)
        at_once = self.approve_at_once and not revoked_by_office(previous)
        action = "membership.join" if at_once else "membership.request"
        status, changed = await self.memberships.request_membership(
            profile.id,
            department.id,
            at_once,
            AuditRecord(profile.id, action, profile.id, department.id),
        )
        notices: tuple[Notice, ...] = ()
        if changed and status == "pending":
            notices = await self._requests_to_admins(profile.id, department)
        nobody = not self._deciders(department)
        return Joined(department, status, changed, nobody, notices, profile.id)

    async def tell(self, result: Joined | TooSoon | Decided | Revoked | Left | None) -> None:
        """Tell the others a change concerns (the admins, the member): after the person who
        made it has their answer, so they never wait for someone else's chat."""
        if isinstance(result, Joined) and self.editable and self.request_messages:
            await self._send_requests(result, self.editable, self.request_messages)
            return
        for notice in getattr(result, "notices", ()):
            await self.delivery.deliver(notice)
        if isinstance(result, Decided | Left) and self.editable:
            for copy in result.copies:
                await self.editable.replace_text(copy.chat_id, copy.message_id, copy.text)

    async def _send_requests(
        self, joined: Joined, editable: EditableDelivery, kept: RequestMessages
    ) -> None:
        sent = []
        for notice in joined.notices:
            message_id = await editable.deliver_editable(notice)
            if message_id is not None:
                sent.append((notice.chat_id, message_id))
        await kept.keep_request_messages(joined.user_id, joined.department.id, sent)

    async def keep_request_copies(self, shown: list[tuple[int, str, int, int]]) -> None:
        """Requests listed to an admin (/requests): (user, department, chat, message) each,
        edited like the others once one of them is decided."""
        if self.request_messages is None:
            return
        for user_id, department_id, chat_id, message_id in shown:
            await self.request_messages.keep_request_messages(
                user_id, department_id, [(chat_id, message_id)]
            )

    def _deciders(self, department: Department) -> list[int]:
        """Who may decide a request for the department: the global admins, and the office
        members of the roadmaps it executes in."""
        office = self.offices(department.id) if self.offices is not None else []
        return [*self.admin_ids, *(m for m in office if m not in self.admin_ids)]

    def may_decide(self, scope: Scope, department: Department) -> bool:
        """May an office with `scope` approve or reject a request for the department?"""
        return covers(self.roadmap, scope, department.id)

    def may_revoke(self, scope: Scope, department: Department) -> bool:
        """May an office with `scope` revoke the department's coordinators? Only if none of
        the roadmaps the department executes in is outside it: its coordinators report on
        those too, and only a global admin takes them off another office's roadmap."""
        return covers_wholly(self.roadmap, scope, department.id)

    async def _requests_to_admins(self, user_id: int, department: Department) -> tuple[Notice, ...]:
        requester = await self.people.person(user_id)
        deciders = self._deciders(department)
        admins = await self.people.people(deciders)
        notices = []
        for admin_id in deciders:
            admin = admins.get(admin_id)
            locale = admin.locale if admin else "ru"
            text, markup = self.texts.request(locale, requester, user_id, department)
            notices.append(Notice(admin_id, text, markup))
        return tuple(notices)

    async def decide(
        self,
        admin: Viewer,
        user_id: int,
        department: Department,
        approve: bool,
        shown: tuple[int, int] | None = None,
    ) -> Decided | None:
        """None: the request was decided already (by another admin, or a second tap).
        `shown`: (chat, message) the admin decided in, which the caller edits itself."""
        action = "membership.approve" if approve else "membership.reject"
        decision = await self.memberships.decide_membership(
            user_id,
            department.id,
            approve,
            AuditRecord(admin.user_id, action, user_id, department.id),
        )
        if decision is None:
            return None
        member = await self.people.person(user_id)
        notices: tuple[Notice, ...] = ()
        if member is not None:
            text = self.texts.decided(member.locale, decision == "approved", department)
            notices = (Notice(member.id, text),)
        result = Decided(decision, department, member, user_id, notices)
        return replace(result, copies=await self._copies(admin, result, shown))

    async def _copies(
        self, admin: Viewer, result: Decided, shown: tuple[int, int] | None
    ) -> tuple[RequestCopy, ...]:
        if self.request_messages is None:
            return ()
        kept = await self.request_messages.take_request_messages(
            result.user_id, result.department.id
        )
        others = [place for place in kept if place != shown]
        admins = await self.people.people(sorted({chat for chat, _ in others}))
        copies = []
        for chat_id, message_id in others:
            locale = admins[chat_id].locale if chat_id in admins else "ru"
            text = self.texts.decided_request(locale, admin.first_name, result)
            copies.append(RequestCopy(chat_id, message_id, text))
        return tuple(copies)

    async def past_decision(self, user_id: int, department: Department) -> PastDecision | None:
        """How a request no longer pending was settled; None if there was never one."""
        found = await self.memberships.membership(user_id, department.id)
        if found is None or found.decided_at is None or found.status == "pending":
            return None
        decision = found.status
        if decision == "revoked" and found.decided_by in (None, user_id):
            decision = "withdrawn"
        people = await self.people.people([user_id, *filter(None, [found.decided_by])])
        by = people.get(found.decided_by) if found.decided_by is not None else None
        return PastDecision(
            decision, department, people.get(user_id), user_id, by, found.decided_at
        )

    async def revoke(self, admin: Viewer, user_id: int, department: Department) -> Revoked | None:
        """None: not a member (any more)."""
        audit = AuditRecord(admin.user_id, "membership.revoke", user_id, department.id)
        if user_id == admin.user_id:
            audit = AuditRecord(admin.user_id, "membership.leave", user_id, department.id)
        if not await self.memberships.end_membership(user_id, department.id, audit):
            return None
        member = await self.people.person(user_id)
        notices: tuple[Notice, ...] = ()
        if member is not None:
            notices = (Notice(member.id, self.texts.revoked(member.locale, department)),)
        return Revoked(department, member, notices)

    async def leave(self, user_id: int, department: Department) -> Left | None:
        """None: not a member (any more). A request withdrawn before it was decided takes
        the buttons off the admins' copies of it (`tell` edits them)."""
        audit = AuditRecord(user_id, "membership.leave", user_id, department.id)
        if not await self.memberships.end_membership(user_id, department.id, audit):
            return None
        if self.request_messages is None:
            return Left(department)
        kept = await self.request_messages.take_request_messages(user_id, department.id)
        if not kept:
            return Left(department)
        person = await self.people.person(user_id)
        name = person.display_name if person else str(user_id)
        admins = await self.people.people(sorted({chat for chat, _ in kept}))
        copies = tuple(
            RequestCopy(
                chat_id,
                message_id,
                self.texts.withdrawn_request(
                    admins[chat_id].locale if chat_id in admins else "ru", name, department
                ),
            )
            for chat_id, message_id in kept
        )
        return Left(department, copies)

    async def subscriptions(self, user_id: int) -> list[tuple[Membership, Department]]:
        """The user's approved and pending memberships, with their departments."""
        found = []
        for membership in await self.memberships.memberships_of(user_id):
            department = self.roadmap.department(membership.department_id)
            if department is not None and membership.status in ("approved", "pending"):
                found.append((membership, department))
        return found

    async def pending_requests(self, scope: Scope = None) -> list[PendingRequest]:
        """Requests waiting for a decision: every one, or those an office member decides."""
        roadmap = within(self.roadmap, scope)
        pending = await self.memberships.pending_requests()
        people = await self.people.people([m.user_id for m in pending])
        return [
            PendingRequest(m, department, people.get(m.user_id))
            for m in pending
            if (department := roadmap.department(m.department_id)) is not None
        ]

    async def coordinators(self, scope: Scope = None) -> list[tuple[str, Person]]:
        """Every department's approved coordinators, as (department id, person); an office
        member's: of their roadmaps' departments."""
        roadmap = within(self.roadmap, scope)
        return await self.memberships.coordinators([d.id for d in roadmap.departments])
