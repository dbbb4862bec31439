"""Invite links: the office's /invite (departments to invite to, the live links), a link made
ready to forward, and what someone who opens a link sees."""

from __future__ import annotations

import html

from bot.domain.invites import Invite
from bot.domain.roadmap import Department
from bot.domain.scope import department_parties
from bot.services.invites import BadLink, InviteOverview, LinkProblem, Offer
from bot.services.membership import Joined, TooSoon
from bot.telegram import keyboards
from bot.telegram.views import membership
from bot.telegram.views.common import Screen, Ui, local_date, party_name

DEPARTMENTS_PER_PAGE = keyboards.DEPARTMENTS_PER_PAGE
LINKS_PER_PAGE = 5


def link(username: str, invite: Invite) -> str:
    """The deep link: opening it sends /start with the invite's payload."""
    return f"https://t.me/{username}?start={invite.payload}"


def _pages(count: int, per_page: int) -> int:
    return max(1, -(-count // per_page))


def overview(ui: Ui, found: InviteOverview, username: str) -> list[Screen]:
    """/invite: the live links (if any), then the departments to make a link for."""
    answer = [links(ui, found.live, username, 0)] if found.live else []
    picker = departments(ui, found, 0)
    assert picker is not None  # page 0 always exists
    return [*answer, picker]


def departments(ui: Ui, found: InviteOverview, page: int) -> Screen | None:
    """A page of departments, those without a coordinator first; None: no such page."""
    t, roadmap = ui.t, ui.roadmap
    listed = found.departments
    pages = _pages(len(listed), DEPARTMENTS_PER_PAGE)
    if not 0 <= page < pages:
        return None
    first = page * DEPARTMENTS_PER_PAGE
    shown = listed[first : first + DEPARTMENTS_PER_PAGE]
    alone = {d.id for d in found.without_coordinator}
    linked = {invite.department_id for invite, _ in found.live}
    lines = [t("invite-choose", without=len(found.without_coordinator), page=page + 1, pages=pages)]
    party = None
    for number, dep in enumerate(shown, first + 1):
        if dep.party != party:  # the side heads its departments on the page
            party = dep.party
            lines.append(f"<b>{html.escape(party_name(roadmap, party))}</b>")
        mark = "⚪" if dep.id in alone else "👤"
        if dep.id in linked:
            mark += "🔗"
        lines.append(f"{number}. {mark} {html.escape(dep.name)}")
    lines.append(t("invite-legend"))
    return Screen("\n".join(lines), keyboards.invite_departments(t, shown, first + 1, page, pages))


def links(ui: Ui, live: list[tuple[Invite, Department]], username: str, page: int) -> Screen:
    """A page of the live links (the last, if there are fewer pages now), each with its
    department, when it was made, how many asked through it, and a button to revoke it."""
    t, roadmap = ui.t, ui.roadmap
    if not live:
        return Screen(t("invite-links-none"))
    pages = _pages(len(live), LINKS_PER_PAGE)
    page = max(0, min(page, pages - 1))
    shown = live[page * LINKS_PER_PAGE : (page + 1) * LINKS_PER_PAGE]
    blocks = [t("invite-links-title", page=page + 1, pages=pages)]
    for invite, dep in shown:
        blocks.append(
            f"<b>{html.escape(dep.name)}</b> ({html.escape(party_name(roadmap, dep.party))})\n"
            f"{html.escape(link(username, invite))}\n"
            + t(
                "invite-link-made",
                date=local_date(invite.created_at, ui.zone),
                uses=invite.uses,
            )
        )
    buttons = [(invite.id, dep.name) for invite, dep in shown]
    return Screen("\n\n".join(blocks), keyboards.invite_links(t, buttons, page, pages))


def created(
    ui: Ui, invite: Invite, new: bool, department: Department, username: str, at_once: bool
) -> list[Screen]:
    """For the clerk: the link is ready (or the one made before is still live); then the
    message to forward to the department."""
    t, roadmap = ui.t, ui.roadmap
    party = party_name(roadmap, department.party)
    note = t(
        "invite-created",
        department=department.name,
        party=party,
        new="yes" if new else "no",
        mode="open" if at_once else "approval",
        uses=invite.uses,
        date=local_date(invite.created_at, ui.zone),
    )
    forward = t(
        "invite-forward",
        parties=_parties(ui, department),
        department=department.name,
        party=party,
        link=link(username, invite),
    )
    return [Screen(note), Screen(forward)]


def already_revoked(ui: Ui) -> str:
    return ui.t("invite-already-revoked")


def revoke_ask(ui: Ui, department: Department, invite_id: int, page: int) -> Screen:
    return Screen(
        ui.t("invite-revoke-ask", department=department.name),
        keyboards.invite_revoke_ask(ui.t, invite_id, page),
    )


def revoked(ui: Ui, department: Department) -> str:
    """A pop-up: plain text, not HTML."""
    return keyboards.label(ui.t, "invite-revoked-done", department=department.name)


def offer(ui: Ui, found: Offer, at_once: bool) -> Screen:
    """A link opened: one tap to ask for its department; or where the user stands there."""
    t, roadmap = ui.t, ui.roadmap
    department = found.department
    if found.status == "approved":
        return Screen(t("subscribe-already-approved", department=department.name))
    if found.status == "pending":
        return Screen(t("subscribe-already-pending", department=department.name))
    mode = "open" if at_once else "approval"
    text = t(
        "invite-offer",
        department=department.name,
        party=party_name(roadmap, department.party),
        parties=_parties(ui, department),
        mode=mode,
    )
    return Screen(text, keyboards.invite_join(t, found.invite.token, at_once))


def _parties(ui: Ui, department: Department) -> str:
    """The sides of the roadmaps the department executes in: whose bot it is invited to."""
    return " — ".join(p.name for p in department_parties(ui.roadmap, department.id))


def bad_link(ui: Ui, found: BadLink) -> Screen:
    """What is wrong with the link, and the usual way in: choose the department yourself."""
    t, roadmap = ui.t, ui.roadmap
    if found.problem is LinkProblem.REVOKED and found.department is not None:
        text = t("invite-revoked", department=found.department.name)
    elif found.problem is LinkProblem.MALFORMED:
        text = t("invite-malformed")
    else:  # never made, or made for a department the roadmap no longer has
        text = t("invite-unknown")
    return Screen(f"{text}\n\n{t('invite-choose-yourself')}", keyboards.parties(roadmap))


def accepted(ui: Ui, result: Joined | TooSoon | BadLink) -> list[Screen]:
    if isinstance(result, BadLink):
        return [bad_link(ui, result)]
    return membership.joined(ui, result)
