"""Invite links: the office makes one for a department that has no coordinator and forwards
it there; whoever opens it asks to join that department in one tap. Every link made,
revoked and used is in the audit trail."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.domain.access import Viewer
from bot.domain.catalog import Catalog
from bot.domain.invites import PAYLOAD_PREFIX, Invite, new_token, token_of
from bot.domain.people import AuditRecord, UserProfile
from bot.domain.roadmap import Department
from bot.domain.scope import Scope, covers, within
from bot.services.membership import Joined, MembershipService, TooSoon
from bot.services.ports import Invites, Memberships


class LinkProblem(StrEnum):
    MALFORMED = "malformed"  # not an invite's payload: cut short, or typed by hand
    UNKNOWN = "unknown"  # well-formed, but no such link was ever made
    REVOKED = "revoked"  # the office revoked it (or its department left the roadmap)


@dataclass(frozen=True, slots=True)
class BadLink:
    problem: LinkProblem
    department: Department | None = None  # the department of a revoked link


@dataclass(frozen=True, slots=True)
class Offer:
    """A live link, opened: the department to ask for, and where the user stands."""

    invite: Invite
    department: Department
    status: str | None  # the user's membership there: approved, pending, or None (ask)


@dataclass(frozen=True, slots=True)
class InviteOverview:
    """What /invite shows: departments to invite to, those without a coordinator first, and
    the links already made."""

    without_coordinator: list[Department]
    with_coordinator: list[Department]
    live: list[tuple[Invite, Department]]

    @property
    def departments(self) -> list[Department]:
        return self.without_coordinator + self.with_coordinator


@dataclass(slots=True)
class InviteService:
    roadmap: Catalog
    invites: Invites
    memberships: Memberships
    membership: MembershipService

    @property
    def approve_at_once(self) -> bool:
        """ACCESS_MODE=open: whoever opens a link is a coordinator at once."""
        return self.membership.approve_at_once

    async def overview(self, scope: Scope = None) -> InviteOverview:
        """Every department (an office member's: their roadmaps'), and the live links."""
        departments = within(self.roadmap, scope).departments
        coordinated = {
            dep_id for dep_id, _ in await self.memberships.coordinators([d.id for d in departments])
        }
        return InviteOverview(
            [d for d in departments if d.id not in coordinated],
            [d for d in departments if d.id in coordinated],
            await self.live(scope),
        )

    async def live(self, scope: Scope = None) -> list[tuple[Invite, Department]]:
        """The links that work (an office member's: for their roadmaps' departments)."""
        roadmap = within(self.roadmap, scope)
        return [
            (invite, department)
            for invite in await self.invites.live_invites()
            if (department := roadmap.department(invite.department_id)) is not None
        ]

    def may_invite(self, scope: Scope, department: Department) -> bool:
        return covers(self.roadmap, scope, department.id)

    async def create(self, admin: Viewer, department: Department) -> tuple[Invite, bool]:
        """The department's link, and whether it is new: the live one it has already, if
        any (one live link per department, so the office knows what it sent where)."""
        token = new_token()
        audit = AuditRecord(admin.user_id, "invite.create", None, department.id)
        invite = await self.invites.create_invite(token, department.id, audit)
        return invite, invite.token == token

    async def revoke(
        self, admin: Viewer, invite_id: int, scope: Scope = None
    ) -> tuple[Invite, Department] | None:
        """None: no such live link (revoked already, by this admin or another), or one an
        office member's `scope` does not reach."""
        if scope is not None and all(i.id != invite_id for i, _ in await self.live(scope)):
            return None
        revoked = await self.invites.revoke_invite(
            invite_id, AuditRecord(admin.user_id, "invite.revoke")
        )
        department = self.roadmap.department(revoked.department_id) if revoked else None
        return (revoked, department) if revoked and department else None

    async def open(self, user_id: int, payload: str | None) -> Offer | BadLink:
        """A link opened (/start with its payload): what it offers this user, or what is
        wrong with it."""
        found = await self._live(payload)
        if isinstance(found, BadLink):
            return found
        invite, department = found
        membership = await self.memberships.membership(user_id, department.id)
        status = membership.status if membership else None
        return Offer(invite, department, status if status in ("approved", "pending") else None)

    async def accept(self, profile: UserProfile, token: str) -> Joined | TooSoon | BadLink:
        """The one tap: a request for the link's department (approved at once in open
        mode), counted as the link's use; refused if the link is revoked first."""
        found = await self._live(PAYLOAD_PREFIX + token)
        if isinstance(found, BadLink):
            return found
        invite, department = found
        if not await self.invites.claim_invite(invite.id):  # revoked a moment ago
            return BadLink(LinkProblem.REVOKED, department)
        result = await self.membership.join(profile, department)
        if isinstance(result, Joined) and result.changed:
            audit = AuditRecord(profile.id, "invite.use", profile.id, department.id)
            await self.invites.record_invite_use(invite.id, audit)
        return result

    async def _live(self, payload: str | None) -> tuple[Invite, Department] | BadLink:
        token = token_of(payload)
        if token is None:
            return BadLink(LinkProblem.MALFORMED)
        invite = await self.invites.invite(token)
        if invite is None:
            return BadLink(LinkProblem.UNKNOWN)
        department = self.roadmap.department(invite.department_id)
        if not invite.live or department is None:
            return BadLink(LinkProblem.REVOKED, department)
        return invite, department
