"""Joining and leaving departments; the office's requests and members lists."""

from __future__ import annotations

import html
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from aiogram.types import InaccessibleMessage, Message

from bot.domain.access import DEFAULT_ZONE
from bot.domain.catalog import Catalog
from bot.domain.people import Membership, Person
from bot.domain.roadmap import Department, Party
from bot.i18n import Texts, Translator
from bot.services.membership import Decided, Joined, PastDecision, PendingRequest, TooSoon
from bot.telegram import keyboards
from bot.telegram.callbacks import JoinCD
from bot.telegram.views.common import (
    PHONE_CHARS,
    PHONE_LINES,
    Screen,
    Ui,
    party_name,
)

MAX_REQUESTS_LISTED = 20
MAX_REVOKE_BUTTONS = 90  # per page of /members; Telegram takes 100 buttons


def choose_party(ui: Ui) -> Screen:
    t, roadmap = ui.t, ui.roadmap
    return Screen(t("subscribe-choose-party"), keyboards.parties(roadmap))


def department_page(ui: Ui, party: Party, page: int) -> Screen | None:
    """One page of a side's departments to choose from; None if there is no such page."""
    t, roadmap = ui.t, ui.roadmap
    departments = [d for d in roadmap.departments if d.party == party.id]
    per_page = keyboards.DEPARTMENTS_PER_PAGE
    pages = max(1, -(-len(departments) // per_page))
    if not 0 <= page < pages:
        return None
    first = page * per_page
    head = t("subscribe-choose-department", party=party.name, page=page + 1, pages=pages)
    lines = [
        html.escape(f"{n}. {d.name}")
        for n, d in enumerate(departments[first : first + per_page], first + 1)
    ]
    return Screen(
        head + "\n" + "\n".join(lines),
        keyboards.department_page(t, departments, party.id, page),
    )


def is_department_list(message: Message | InaccessibleMessage) -> bool:
    """Is this the list of departments (to page it in place), or another message?"""
    markup = message.reply_markup if isinstance(message, Message) else None
    return markup is not None and any(
        (button.callback_data or "").startswith(JoinCD.__prefix__)
        for row in markup.inline_keyboard
        for button in row
    )


def joined(ui: Ui, result: Joined | TooSoon) -> list[Screen]:
    t = ui.t
    name = result.department.name
    if isinstance(result, TooSoon):
        when = result.after.astimezone(ui.zone)
        return [Screen(t("subscribe-too-soon", department=name, time=f"{when:%d.%m.%Y %H:%M}"))]
    if not result.changed:
        key = (
            "subscribe-already-approved"
            if result.status == "approved"
            else ("subscribe-already-pending")
        )
        return [Screen(t(key, department=name))]
    if result.status == "approved":
        return [Screen(t("subscribe-approved", department=name))]
    answer = [Screen(t("subscribe-pending", department=name))]
    if result.no_admins:
        answer.append(Screen(t("subscribe-no-admins")))
    return answer


def subscriptions(ui: Ui, found: list[tuple[Membership, Department]], leave_prompt: bool) -> Screen:
    t = ui.t
    if not found:
        text = t("unsubscribe-none") if leave_prompt else t("subs-none")
    else:
        lines = [t("unsubscribe-choose") if leave_prompt else t("subs-title")]
        lines += [t("subs-line", department=d.name, status=m.status) for m, d in found]
        text = "\n".join(lines)
    return Screen(text, keyboards.subscriptions(t, [d for _, d in found]))


def leave_ask(ui: Ui, department: Department) -> Screen:
    t = ui.t
    text = t("unsubscribe-ask", department=department.name)
    return Screen(text, keyboards.leave_confirm(t, department.id))


def left(ui: Ui, department: Department) -> Screen:
    t = ui.t
    return Screen(t("unsubscribe-done", department=department.name))


def describe(person: Person | None, user_id: int) -> str:
    if person is None:
        return f"id {user_id}"
    handle = f" @{person.username}" if person.username else ""
    return f"{person.display_name}{handle} (id {person.id})"


def request(ui: Ui, pending: PendingRequest) -> Screen:
    t, roadmap = ui.t, ui.roadmap
    department = pending.department
    return Screen(
        t(
            "admin-request",
            user=describe(pending.person, pending.membership.user_id),
            department=department.name,
            party=party_name(roadmap, department.party),
        ),
        keyboards.decision(t, pending.membership.user_id, department.id),
    )


def requests(ui: Ui, pending: list[PendingRequest]) -> list[tuple[Screen, PendingRequest | None]]:
    """A message per request (with the request it shows, so the copy can be kept), and one
    saying how many more there are."""
    t = ui.t
    if not pending:
        return [(Screen(t("requests-none")), None)]
    answer: list[tuple[Screen, PendingRequest | None]] = [
        (request(ui, p), p) for p in pending[:MAX_REQUESTS_LISTED]
    ]
    if len(pending) > MAX_REQUESTS_LISTED:
        more = Screen(t("requests-more", count=len(pending) - MAX_REQUESTS_LISTED))
        answer.append((more, None))
    return answer


def already_decided(ui: Ui, past: PastDecision) -> str:
    """A pop-up for a late press (plain text, not HTML): who decided the request, and when."""
    return keyboards.label(
        ui.t,
        "admin-already-decided",
        decision=past.decision,
        admin=past.by.display_name if past.by else "—",
        time=f"{past.at.astimezone(ui.zone):%d.%m.%Y %H:%M}",
    )


def settled(ui: Ui, past: PastDecision) -> Screen:
    """The request's message once pressed late: how it was settled, without buttons."""
    t = ui.t
    return Screen(
        t(
            "admin-request-settled",
            decision=past.decision,
            admin=past.by.display_name if past.by else "—",
            time=f"{past.at.astimezone(ui.zone):%d.%m.%Y %H:%M}",
            user=describe(past.member, past.user_id),
            department=past.department.name,
        )
    )


def decided(ui: Ui, admin_name: str, result: Decided) -> Screen:
    t = ui.t
    return Screen(
        t(
            "admin-decided",
            decision=result.decision,
            admin=admin_name,
            user=describe(result.member, result.user_id),
            department=result.department.name,
        )
    )


def member(t: Texts, person: Person) -> str:
    name = html.escape(person.display_name)
    return f"{name} {t('members-unreachable')}" if person.unreachable else name


@dataclass(slots=True)
class MembersPage:
    lines: list[str]  # side headers and one line per department
    departments: list[str]  # the ids of the departments listed
    revocable: list[tuple[str, Person]]  # the coordinators listed, as (department id, person)
    chars: int = 0


def member_pages(ui: Ui, coordinators: list[tuple[str, Person]]) -> list[MembersPage]:
    """Every department by side with its coordinators, cut into pages that fit a phone; a
    side's name heads each page it is on."""
    t, roadmap = ui.t, ui.roadmap
    by_dep: dict[str, list[Person]] = {}
    for dep_id, person in coordinators:
        by_dep.setdefault(dep_id, []).append(person)
    found = [MembersPage([], [], [])]
    for party in roadmap.parties:
        header = f"\n<b>{html.escape(party.name)}</b>"
        for department in (d for d in roadmap.departments if d.party == party.id):
            people = by_dep.get(department.id, [])
            names = ", ".join(member(t, p) for p in people) or t("members-nobody")
            line = f"• {html.escape(department.name)}: {names}"
            page = found[-1]
            if page.lines and (
                page.chars + len(header) + len(line) > PHONE_CHARS
                or len(page.lines) + 2 > PHONE_LINES
            ):
                page = MembersPage([], [], [])
                found.append(page)
            if header not in page.lines:
                page.lines.append(header)
                page.chars += len(header) + 1
            page.lines.append(line)
            page.chars += len(line) + 1
            page.departments.append(department.id)
            page.revocable.extend((department.id, p) for p in people)
    return found


def members(ui: Ui, coordinators: list[tuple[str, Person]], page: int = 0) -> Screen:
    """A page of /members (the last one if there are fewer pages now), with a button to
    revoke each coordinator on it."""
    t, roadmap = ui.t, ui.roadmap
    pages = member_pages(ui, coordinators)
    page = max(0, min(page, len(pages) - 1))
    shown = pages[page]
    head = t("members-title")
    if len(pages) > 1:
        head += " " + t("members-page", page=page + 1, pages=len(pages))
    revocable = shown.revocable[:MAX_REVOKE_BUTTONS]
    return Screen(
        "\n".join([head, *shown.lines]),
        keyboards.members(t, roadmap, revocable, page, len(pages)),
    )


def members_with(ui: Ui, coordinators: list[tuple[str, Person]], dep_id: str) -> Screen:
    """The page of /members that lists this department."""
    return members(ui, coordinators, page_of(ui, coordinators, dep_id))


def page_of(ui: Ui, coordinators: list[tuple[str, Person]], dep_id: str) -> int:
    """The page of /members that lists this department (the first, if none does)."""
    pages = member_pages(ui, coordinators)
    return next((n for n, page in enumerate(pages) if dep_id in page.departments), 0)


def revoke_ask(
    ui: Ui, coordinators: list[tuple[str, Person]], user_id: int, department: Department
) -> Screen | None:
    """Revoke this coordinator's access? None if they are not one (any more)."""
    t = ui.t
    person = next((p for dep, p in coordinators if dep == department.id and p.id == user_id), None)
    if person is None:
        return None
    page = page_of(ui, coordinators, department.id)
    return Screen(
        t("members-revoke-ask", user=describe(person, user_id), department=department.name),
        keyboards.revoke_confirm(t, user_id, department.id, page),
    )


def revoked_alert(ui: Ui, department: Department, person: Person | None) -> str:
    t = ui.t
    return t(
        "members-revoked",
        user=person.display_name if person else "",
        department=department.name,
    )


class MembershipViews:
    """Messages to the people a membership change concerns, in their own language."""

    def __init__(self, translator: Translator, roadmap: Catalog) -> None:
        self.translator = translator
        self.roadmap = roadmap

    def request(
        self, locale: str, requester: Person | None, user_id: int, department: Department
    ) -> tuple[str, str | None]:
        ui = Ui(self.translator.for_locale(locale), self.roadmap, ZoneInfo(DEFAULT_ZONE))
        pending = PendingRequest(
            Membership(user_id, department.id, "pending"), department, requester
        )
        screen = request(ui, pending)
        assert screen.markup is not None
        return screen.text, screen.markup.model_dump_json(exclude_none=True)

    def decided(self, locale: str, approved: bool, department: Department) -> str:
        t = self.translator.for_locale(locale)
        key = "member-approved" if approved else "member-rejected"
        return t(key, department=department.name)

    def decided_request(self, locale: str, admin_name: str, result: Decided) -> str:
        ui = Ui(self.translator.for_locale(locale), self.roadmap, ZoneInfo(DEFAULT_ZONE))
        return decided(ui, admin_name, result).text

    def revoked(self, locale: str, department: Department) -> str:
        t = self.translator.for_locale(locale)
        return t("member-revoked", department=department.name)

    def withdrawn_request(self, locale: str, name: str, department: Department) -> str:
        t = self.translator.for_locale(locale)
        return t("admin-request-withdrawn", name=name, department=department.name)
