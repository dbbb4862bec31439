"""Inline keyboards: plain functions returning markup, labels from the user's texts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import chain, repeat

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.catalog import Catalog
from bot.domain.people import Person
from bot.domain.reports import StatusReport
from bot.domain.roadmap import Department, Item
from bot.domain.statuses import Status
from bot.i18n import Html, Texts
from bot.telegram.callbacks import (
    AnnualCD,
    AuditCD,
    DecideCD,
    DraftCD,
    HistCD,
    ImportCD,
    InviteJoinCD,
    InviteLinksCD,
    InviteNewCD,
    InviteOpenCD,
    InvitePickCD,
    InviteRevokeCD,
    InviteRevokeYesCD,
    ItemCD,
    JoinCD,
    LeaveCD,
    MembersCD,
    MenuCD,
    MissingCD,
    MyItemsCD,
    NudgeCD,
    OfficeAddCD,
    OfficeCD,
    PartyCD,
    RevokeCD,
    RevokeYesCD,
    RoadmapsCD,
    SameAllCD,
    SetCD,
    UpdCD,
    WhichCD,
    YearCD,
)
from bot.telegram.views.common import BUTTON_LABEL, shorten

DEPARTMENTS_PER_PAGE = 8
MAX_ROW = 8  # Telegram shows at most 8 buttons in a row


class Keyboard:
    """Callback buttons laid out in rows, like aiogram's InlineKeyboardBuilder.

    The builder deep-copies its pydantic buttons on every call; building markup directly
    is about ten times cheaper, and keyboards go with nearly every answer the bot sends.
    """

    __slots__ = ("_buttons", "_sizes")

    def __init__(self) -> None:
        self._buttons: list[InlineKeyboardButton] = []
        self._sizes: tuple[int, ...] = (MAX_ROW,)

    def button(self, *, text: str, callback_data: CallbackData) -> None:
        self._buttons.append(InlineKeyboardButton(text=text, callback_data=callback_data.pack()))

    def adjust(self, *sizes: int) -> None:
        """Row sizes in order; the last one repeats for the buttons left over."""
        if not sizes or any(not 1 <= size <= MAX_ROW for size in sizes):
            raise ValueError(f"row sizes must be 1..{MAX_ROW}, got {sizes}")
        self._sizes = sizes

    def as_markup(self) -> InlineKeyboardMarkup:
        rows: list[list[InlineKeyboardButton]] = []
        buttons = iter(self._buttons)
        for size in chain(self._sizes, repeat(self._sizes[-1])):
            row = [button for _, button in zip(range(size), buttons, strict=False)]
            if not row:
                break
            rows.append(row)
        return InlineKeyboardMarkup(inline_keyboard=rows)


def label(t: Texts, key: str, **args: object) -> str:
    """A button's text: plain text, not HTML, so names and titles are not escaped."""
    return t(key, **{k: Html(v) if isinstance(v, str) else v for k, v in args.items()})


def office_menu(t: Texts) -> InlineKeyboardMarkup:
    """The office's daily questions, a tap each: who is late this quarter, whose year-end
    texts are missing, the coordinators, invite links."""
    kb = Keyboard()
    kb.button(text=t("office-menu-missing"), callback_data=MissingCD(scope="quarter", page=0))
    kb.button(text=t("office-menu-year"), callback_data=MissingCD(scope="year", page=0))
    kb.button(text=t("office-menu-members"), callback_data=MembersCD(page=0))
    kb.button(text=t("office-menu-invite"), callback_data=InviteOpenCD())
    kb.adjust(2, 2)
    return kb.as_markup()


def main_menu(t: Texts) -> InlineKeyboardMarkup:
    kb = Keyboard()
    for action in ("items", "report", "subs", "settings", "help"):
        kb.button(text=t(f"menu-{action}"), callback_data=MenuCD(action=action))
    kb.adjust(2, 2, 1)
    return kb.as_markup()


def parties(roadmap: Catalog) -> InlineKeyboardMarkup:
    kb = Keyboard()
    for party in roadmap.parties:
        kb.button(text=party.name, callback_data=PartyCD(party=party.id))
    kb.adjust(1 if len(roadmap.parties) <= 6 else 2)  # many roadmaps: many regions
    return kb.as_markup()


def department_page(
    t: Texts, departments: list[Department], party: str, page: int
) -> InlineKeyboardMarkup:
    kb = Keyboard()
    start = page * DEPARTMENTS_PER_PAGE
    for number, dep in enumerate(departments[start : start + DEPARTMENTS_PER_PAGE], start + 1):
        kb.button(
            text=f"{number}. {shorten(dep.name, BUTTON_LABEL)}", callback_data=JoinCD(dep=dep.id)
        )
    sizes = [1] * len(departments[start : start + DEPARTMENTS_PER_PAGE])
    nav = 0
    if page > 0:
        kb.button(text=t("page-prev"), callback_data=PartyCD(party=party, page=page - 1))
        nav += 1
    if start + DEPARTMENTS_PER_PAGE < len(departments):
        kb.button(text=t("page-next"), callback_data=PartyCD(party=party, page=page + 1))
        nav += 1
    kb.adjust(*sizes, nav or 1)
    return kb.as_markup()


def decision(t: Texts, user_id: int, dep_id: str) -> InlineKeyboardMarkup:
    kb = Keyboard()
    kb.button(text=t("admin-approve"), callback_data=DecideCD(user=user_id, dep=dep_id, ok=True))
    kb.button(text=t("admin-reject"), callback_data=DecideCD(user=user_id, dep=dep_id, ok=False))
    kb.adjust(2)
    return kb.as_markup()


def subscriptions(t: Texts, leavable: list[Department]) -> InlineKeyboardMarkup:
    kb = Keyboard()
    for dep in leavable:
        kb.button(
            text=label(t, "subs-leave", department=shorten(dep.name, BUTTON_LABEL)),
            callback_data=LeaveCD(dep=dep.id),
        )
    kb.button(text=t("subs-join"), callback_data=MenuCD(action="join"))
    kb.adjust(1)
    return kb.as_markup()


def leave_confirm(t: Texts, department: str) -> InlineKeyboardMarkup:
    kb = Keyboard()
    kb.button(text=t("btn-leave-yes"), callback_data=LeaveCD(dep=department, go=True))
    kb.button(text=t("btn-leave-no"), callback_data=MenuCD(action="subs"))
    kb.adjust(2)
    return kb.as_markup()


def item_buttons(items: list[Item], action: str) -> InlineKeyboardMarkup:
    kb = Keyboard()
    for item in items:
        kb.button(text=item.code, callback_data=ItemCD(code=item.code, action=action))
    kb.adjust(5)
    return kb.as_markup()


def pick_items(
    t: Texts, titles: dict[str, str], shown: dict[str, str] | None = None
) -> InlineKeyboardMarkup:
    """An activity to report on: its code (as `shown`, see catalog.shown_codes) and a title
    that tells it from its siblings."""
    kb = Keyboard()
    for code, title in titles.items():
        kb.button(
            text=label(t, "btn-report-item", code=(shown or {}).get(code, code), title=title),
            callback_data=ItemCD(code=code, action="report"),
        )
    kb.adjust(1)
    return kb.as_markup()


def which_roadmap(
    labels: dict[str, str], action: str | None, ask: str = ""
) -> InlineKeyboardMarkup:
    """One button per roadmap that has the typed code; `action` an ItemCD action, or None
    for a `/update` whose typed text waits for the choice."""
    kb = Keyboard()
    for code, text in labels.items():
        data: CallbackData = (
            ItemCD(code=code, action=action) if action else WhichCD(code=code, ask=ask)
        )
        kb.button(text=text, callback_data=data)
    kb.adjust(1)
    return kb.as_markup()


def carry_all(t: Texts, quarter: str, count: int) -> InlineKeyboardMarkup:
    kb = Keyboard()
    kb.button(
        text=t("btn-same-all-yes", count=count),
        callback_data=SameAllCD(quarter=quarter, go=True),
    )
    kb.button(text=t("btn-cancel"), callback_data=MenuCD(action="items"))
    kb.adjust(1)
    return kb.as_markup()


OWED_BUTTONS = 8  # report buttons on /my_items; the rest are in /update's list
ALL_CARDS = 40  # without the page's activities given, a card button each up to this many


def my_items(
    t: Texts,
    titles: dict[str, str],
    owed: list[str],
    carryable: int,
    quarter: str,
    page: int,
    pages: int,
    on_page: Sequence[str] | None = None,
    shown: dict[str, str] | None = None,
) -> InlineKeyboardMarkup:
    """A button to report each of the first activities still owed (and one to /update's
    list for the rest), one for "no change" on them all (when several have a status to
    carry), the cards of the activities on this page (`on_page`), and the pages. Codes
    are labelled as `shown` (see catalog.shown_codes).

    Telegram refuses a markup of more than 100 buttons: a coordinator of a committee in
    all 50 roadmaps (240 activities) gets a few dozen, not a card button for each."""
    kb = Keyboard()
    sizes: list[int] = []
    shown = shown or {}
    for code in owed[:OWED_BUTTONS]:
        kb.button(
            text=label(t, "btn-report-item", code=shown.get(code, code), title=titles[code]),
            callback_data=ItemCD(code=code, action="report"),
        )
        sizes.append(1)
    if len(owed) > OWED_BUTTONS:
        kb.button(
            text=t("btn-report-more", count=len(owed) - OWED_BUTTONS),
            callback_data=MenuCD(action="report"),
        )
        sizes.append(1)
    if carryable >= 2:
        kb.button(text=t("btn-same-all", count=carryable), callback_data=SameAllCD(quarter=quarter))
        sizes.append(1)
    cards = list(on_page) if on_page is not None else _page_share(list(titles), page, pages)
    for code in cards:
        kb.button(
            text=f"📄 {shown.get(code, code)}", callback_data=ItemCD(code=code, action="card")
        )
    sizes += [5] * -(-len(cards) // 5)
    nav = 0
    if page > 0:
        kb.button(text=t("page-prev"), callback_data=MyItemsCD(page=page - 1))
        nav += 1
    if page + 1 < pages:
        kb.button(text=t("page-next"), callback_data=MyItemsCD(page=page + 1))
        nav += 1
    kb.adjust(*sizes, nav or 1)
    return kb.as_markup()


def _page_share(codes: list[str], page: int, pages: int) -> list[str]:
    """The cards for a page when the view does not say which activities it shows: all of
    a short list, else an even share of a long one, in order."""
    if len(codes) <= ALL_CARDS:
        return codes
    share = -(-len(codes) // max(pages, 1))
    return codes[page * share : (page + 1) * share]


def item_actions(t: Texts, code: str) -> InlineKeyboardMarkup:
    """Report on an activity, or open its card."""
    kb = Keyboard()
    kb.button(
        text=label(t, "btn-report-code", code=code),
        callback_data=ItemCD(code=code, action="report"),
    )
    kb.button(text=label(t, "btn-card", code=code), callback_data=ItemCD(code=code, action="card"))
    kb.adjust(2)
    return kb.as_markup()


def item_card(
    t: Texts, code: str, can_report: bool, can_carry: bool = False, back: bool = True
) -> InlineKeyboardMarkup:
    """Report; "no change" (when the user's side has a status to repeat); history; back to
    the user's list (when they have one)."""
    kb = Keyboard()
    sizes = []
    if can_report:
        kb.button(text=t("btn-report"), callback_data=ItemCD(code=code, action="report"))
        if can_carry:
            kb.button(text=t("btn-same"), callback_data=ItemCD(code=code, action="same"))
        sizes.append(2 if can_carry else 1)
    kb.button(text=t("btn-history"), callback_data=ItemCD(code=code, action="hist"))
    if back:
        kb.button(text=t("btn-back"), callback_data=MenuCD(action="items"))
    sizes.append(2 if back else 1)
    kb.adjust(*sizes)
    return kb.as_markup()


def choose_department(
    code: str,
    departments: list[Department],
    action: str,
    draft: str = "",
    names: dict[str, str] | None = None,
) -> InlineKeyboardMarkup:
    kb = Keyboard()
    for dep in departments:
        label = names[dep.id] if names else shorten(dep.name, BUTTON_LABEL)
        if draft:
            kb.button(text=label, callback_data=DraftCD(draft=draft, action="dep", value=dep.id))
        else:
            kb.button(text=label, callback_data=ItemCD(code=code, action=action, dep=dep.id))
    kb.adjust(1)
    return kb.as_markup()


def statuses(t: Texts, draft: str, first: list[Status] | None = None) -> InlineKeyboardMarkup:
    """The five statuses; those a misspelt word most likely meant come `first`, one a row."""
    kb = Keyboard()
    likely = first or []
    for status in [*likely, *(s for s in Status if s not in likely)]:
        kb.button(
            text=f"{status.icon} {t(f'status-{status.value}')}",
            callback_data=DraftCD(draft=draft, action="status", value=status.value),
        )
    kb.button(text=t("btn-cancel"), callback_data=DraftCD(draft=draft, action="cancel"))
    rest = len(Status) - len(likely)
    kb.adjust(*([1] * len(likely)), *([2] * (rest // 2)), *([1] * (rest % 2)), 1)
    return kb.as_markup()


def comment_step(t: Texts, draft: str, keep: bool, optional: bool) -> InlineKeyboardMarkup:
    """Keep an edited report's comment, go on without one (where the status allows), cancel.
    Each button has an action of its own: a late tap on one never acts as another."""
    kb = Keyboard()
    if keep:
        kb.button(text=t("btn-keep-comment"), callback_data=DraftCD(draft=draft, action="keep"))
    if optional:
        kb.button(
            text=t("btn-skip-comment"), callback_data=DraftCD(draft=draft, action="nocomment")
        )
    kb.button(text=t("btn-cancel"), callback_data=DraftCD(draft=draft, action="cancel"))
    kb.adjust(2)
    return kb.as_markup()


def too_long(t: Texts, draft: str) -> InlineKeyboardMarkup:
    kb = Keyboard()
    kb.button(text=t("btn-shorten"), callback_data=DraftCD(draft=draft, action="shorten"))
    kb.button(text=t("btn-cancel"), callback_data=DraftCD(draft=draft, action="cancel"))
    kb.adjust(1)
    return kb.as_markup()


def file_step(t: Texts, draft: str) -> InlineKeyboardMarkup:
    """Back to the summary without a file: only the file is given up, never the report."""
    kb = Keyboard()
    kb.button(text=t("btn-skip-evidence"), callback_data=DraftCD(draft=draft, action="nofile"))
    return kb.as_markup()


def confirm(
    t: Texts,
    draft: str,
    label: str = "btn-confirm",
    files: bool = True,
    has_file: bool = False,
    restore: bool = False,
) -> InlineKeyboardMarkup:
    """Confirm (or try again to save); attach (or replace) a file; cancel; and, when a
    comment was replaced, bring the earlier one back."""
    kb = Keyboard()
    kb.button(text=t(label), callback_data=DraftCD(draft=draft, action="confirm"))
    if files:
        attach = "btn-replace-file" if has_file else "btn-attach"
        kb.button(text=t(attach), callback_data=DraftCD(draft=draft, action="attach"))
    kb.button(text=t("btn-cancel"), callback_data=DraftCD(draft=draft, action="cancel"))
    if restore:
        kb.button(
            text=t("btn-restore-comment"), callback_data=DraftCD(draft=draft, action="restore")
        )
    kb.adjust(1, 2, 1) if files else kb.adjust(2, 1)
    return kb.as_markup()


def history(
    t: Texts, code: str, page: int, pages: int, reports: list[StatusReport], editable: set[int]
) -> InlineKeyboardMarkup | None:
    kb = Keyboard()
    sizes = []
    for report in reports:
        row = 0
        if report.evidence_kind and report.standing:
            kb.button(
                text=t("btn-file", id=report.id), callback_data=UpdCD(id=report.id, action="file")
            )
            row += 1
        if report.id in editable:
            kb.button(
                text=t("btn-edit", id=report.id), callback_data=UpdCD(id=report.id, action="edit")
            )
            kb.button(
                text=t("btn-withdraw", id=report.id),
                callback_data=UpdCD(id=report.id, action="withdraw"),
            )
            row += 2
        if row:
            sizes.append(row)
    nav = 0
    if page > 1:
        kb.button(text=t("page-prev"), callback_data=HistCD(code=code, page=page - 1))
        nav += 1
    if page < pages:
        kb.button(text=t("page-next"), callback_data=HistCD(code=code, page=page + 1))
        nav += 1
    if nav:
        sizes.append(nav)
    if not sizes:
        return None
    kb.adjust(*sizes)
    return kb.as_markup()


def withdraw(t: Texts, report_id: int) -> InlineKeyboardMarkup:
    kb = Keyboard()
    kb.button(text=t("btn-withdraw-yes"), callback_data=UpdCD(id=report_id, action="withdraw_yes"))
    kb.button(text=t("btn-withdraw-no"), callback_data=UpdCD(id=report_id, action="withdraw_no"))
    kb.adjust(2)
    return kb.as_markup()


def open_item(t: Texts, code: str) -> InlineKeyboardMarkup:
    kb = Keyboard()
    kb.button(text=label(t, "btn-open", code=code), callback_data=ItemCD(code=code, action="card"))
    return kb.as_markup()


def settings(
    t: Texts, zones: list[tuple[str, str]], paused: bool, notices: bool
) -> InlineKeyboardMarkup:
    kb = Keyboard()
    kb.button(text="Русский", callback_data=SetCD(key="lang", value="ru"))
    kb.button(text="English", callback_data=SetCD(key="lang", value="en"))
    kb.button(text=t("btn-tz-auto"), callback_data=SetCD(key="tz", value=""))
    for name, zone in zones:
        kb.button(text=label(t, "btn-tz", zone=name), callback_data=SetCD(key="tz", value=zone))
    if paused:
        kb.button(text=t("btn-resume"), callback_data=SetCD(key="pause", value="off"))
    else:
        kb.button(text=t("btn-pause-2w"), callback_data=SetCD(key="pause", value="14"))
        kb.button(text=t("btn-pause-1m"), callback_data=SetCD(key="pause", value="30"))
    kb.button(text=t("btn-pause-date"), callback_data=SetCD(key="pause", value="date"))
    kb.button(
        text=t("btn-notices-off" if notices else "btn-notices-on"),
        callback_data=SetCD(key="notify", value="off" if notices else "on"),
    )
    kb.adjust(2, 1, max(len(zones), 1), 1 if paused else 2, 1, 1)
    return kb.as_markup()


def members(
    t: Texts, roadmap: Catalog, revocable: list[tuple[str, Person]], page: int, pages: int
) -> InlineKeyboardMarkup | None:
    """A page of /members: a button to revoke each coordinator listed, and the pages."""
    kb = Keyboard()
    for dep_id, person in revocable:
        dep = roadmap.department(dep_id)
        member = shorten(f"{person.display_name} — {dep.name if dep else dep_id}", BUTTON_LABEL)
        kb.button(
            text=label(t, "btn-revoke", member=member),
            callback_data=RevokeCD(user=person.id, dep=dep_id),
        )
    nav = _pages(kb, t, page, pages, lambda n: MembersCD(page=n))
    if not revocable and not nav:
        return None
    kb.adjust(*([1] * len(revocable)), nav or 1)
    return kb.as_markup()


def revoke_confirm(t: Texts, user_id: int, dep_id: str, page: int) -> InlineKeyboardMarkup:
    kb = Keyboard()
    kb.button(text=t("btn-revoke-yes"), callback_data=RevokeYesCD(user=user_id, dep=dep_id))
    kb.button(text=t("btn-cancel"), callback_data=MembersCD(page=page))
    kb.adjust(2)
    return kb.as_markup()


def invite_departments(
    t: Texts, departments: list[Department], first: int, page: int, pages: int
) -> InlineKeyboardMarkup:
    """A page of departments to make an invite link for, numbered from `first`."""
    kb = Keyboard()
    for number, dep in enumerate(departments, first):
        kb.button(
            text=f"{number}. {shorten(dep.name, BUTTON_LABEL)}",
            callback_data=InviteNewCD(dep=dep.id),
        )
    nav = _pages(kb, t, page, pages, lambda n: InvitePickCD(page=n))
    kb.adjust(*([1] * len(departments)), nav or 1)
    return kb.as_markup()


def invite_links(
    t: Texts, links: list[tuple[int, str]], page: int, pages: int
) -> InlineKeyboardMarkup | None:
    """A button to revoke each live link on the page, by its department's name; the pages."""
    kb = Keyboard()
    for invite_id, name in links:
        kb.button(
            text=label(t, "btn-invite-revoke", department=shorten(name, BUTTON_LABEL)),
            callback_data=InviteRevokeCD(id=invite_id, page=page),
        )
    nav = _pages(kb, t, page, pages, lambda n: InviteLinksCD(page=n))
    if not links and not nav:
        return None
    kb.adjust(*([1] * len(links)), nav or 1)
    return kb.as_markup()


def invite_revoke_ask(t: Texts, invite_id: int, page: int) -> InlineKeyboardMarkup:
    kb = Keyboard()
    kb.button(
        text=t("btn-invite-revoke-yes"), callback_data=InviteRevokeYesCD(id=invite_id, page=page)
    )
    kb.button(text=t("btn-cancel"), callback_data=InviteLinksCD(page=page))
    kb.adjust(2)
    return kb.as_markup()


def invite_join(t: Texts, token: str, at_once: bool) -> InlineKeyboardMarkup:
    kb = Keyboard()
    kb.button(
        text=t("btn-invite-join", mode="open" if at_once else "approval"),
        callback_data=InviteJoinCD(token=token),
    )
    return kb.as_markup()


def _pages(kb: Keyboard, t: Texts, page: int, pages: int, to: Callable[[int], CallbackData]) -> int:
    """◀️ and ▶️ to the neighbouring pages, where there are such; how many were added."""
    nav = 0
    if page > 0:
        kb.button(text=t("page-prev"), callback_data=to(page - 1))
        nav += 1
    if page + 1 < pages:
        kb.button(text=t("page-next"), callback_data=to(page + 1))
        nav += 1
    return nav


def missing(
    t: Texts,
    scope: str,
    period: str,
    departments: list[tuple[str, str]],
    chaseable: int,
    people: int,
    page: int,
    pages: int,
    invite: bool = False,
) -> InlineKeyboardMarkup:
    """A reminder for each department on the page that has someone to remind (its name as
    short as tells it from the others), one for all of them (when there are several), an
    invite for those without a coordinator (when the page lists them), and the pages."""
    kb = Keyboard()
    sizes: list[int] = []
    for dep_id, name in departments:
        kb.button(
            text=label(t, "btn-nudge-department", department=name),
            callback_data=NudgeCD(period=period, dep=dep_id),
        )
        sizes.append(1)
    if chaseable > 1:
        kb.button(text=t("btn-nudge-all", count=people), callback_data=NudgeCD(period=period))
        sizes.append(1)
    if invite:
        kb.button(text=t("btn-missing-invite"), callback_data=InviteOpenCD())
        sizes.append(1)
    nav = 0
    if page > 0:
        kb.button(text=t("page-prev"), callback_data=MissingCD(scope=scope, page=page - 1))
        nav += 1
    if page + 1 < pages:
        kb.button(text=t("page-next"), callback_data=MissingCD(scope=scope, page=page + 1))
        nav += 1
    kb.adjust(*sizes, nav or 1)
    return kb.as_markup()


def nudge_confirm(
    t: Texts, period: str, department: str | None, count: int
) -> InlineKeyboardMarkup:
    kb = Keyboard()
    dep = department or ""
    kb.button(
        text=t("btn-nudge-send", count=count),
        callback_data=NudgeCD(period=period, dep=dep, action="go"),
    )
    kb.button(text=t("btn-cancel"), callback_data=NudgeCD(period=period, dep=dep, action="no"))
    kb.adjust(1, 1)
    return kb.as_markup()


def report_buttons(
    t: Texts,
    titles: dict[str, str],
    quarter: str | None = None,
    carryable: int = 0,
    shown: dict[str, str] | None = None,
) -> InlineKeyboardMarkup:
    """One tap from a reminder into the report of each activity (its code, as `shown`, and
    a title that tells it from its siblings); and, for a quarter's reminder where several
    have an earlier status, "no change" on those."""
    kb = Keyboard()
    for code, title in titles.items():
        kb.button(
            text=label(t, "btn-report-item", code=(shown or {}).get(code, code), title=title),
            callback_data=ItemCD(code=code, action="report"),
        )
    if quarter is not None and carryable:  # one or several: a tap, not the status dialog
        same = t("btn-same-all", count=carryable) if carryable > 1 else t("btn-same-one")
        kb.button(text=same, callback_data=SameAllCD(quarter=quarter))
    kb.adjust(1)
    return kb.as_markup()


def year_card(t: Texts, year: int, code: str, dep: str, *, confirmable: bool, confirmed: bool):
    """A year-end text: confirm it (when there is one, not yet confirmed), correct or write
    it, update the status, go on to the next."""
    kb = Keyboard()
    sizes = []
    if confirmable and not confirmed:
        kb.button(
            text=t("btn-year-ok"), callback_data=YearCD(year=year, action="ok", code=code, dep=dep)
        )
    fix = "btn-year-fix" if confirmable or confirmed else "btn-year-write"
    kb.button(text=t(fix), callback_data=YearCD(year=year, action="fix", code=code, dep=dep))
    sizes.append(2 if confirmable and not confirmed else 1)
    kb.button(text=t("btn-year-status"), callback_data=ItemCD(code=code, action="report", dep=dep))
    kb.button(
        text=t("btn-year-next"), callback_data=YearCD(year=year, action="next", code=code, dep=dep)
    )
    sizes.append(2)
    kb.button(text=t("btn-year-list"), callback_data=YearCD(year=year, action="list"))
    sizes.append(1)
    kb.adjust(*sizes)
    return kb.as_markup()


def year_list(t: Texts, year: int, entries: list[tuple[str, str, bool]]) -> InlineKeyboardMarkup:
    """A button for each year-end text: ✅ confirmed, ⏳ not yet."""
    kb = Keyboard()
    for code, dep, done in entries:
        mark = "✅" if done else "⏳"
        kb.button(
            text=f"{mark} {code}",
            callback_data=YearCD(year=year, action="open", code=code, dep=dep),
        )
    kb.adjust(4)
    return kb.as_markup()


def year_start(t: Texts, year: int) -> InlineKeyboardMarkup:
    kb = Keyboard()
    kb.button(text=t("btn-year-start"), callback_data=YearCD(year=year, action="open"))
    return kb.as_markup()


def year_too_long(t: Texts, year: int, code: str, dep: str) -> InlineKeyboardMarkup:
    kb = Keyboard()
    kb.button(
        text=t("btn-shorten"), callback_data=YearCD(year=year, action="short", code=code, dep=dep)
    )
    kb.button(
        text=t("btn-cancel"), callback_data=YearCD(year=year, action="open", code=code, dep=dep)
    )
    kb.adjust(1)
    return kb.as_markup()


def audit_pages(t: Texts, page: int, older: bool, text: str) -> InlineKeyboardMarkup | None:
    """«← Earlier» to older changes, «Later →» back to newer ones; the filter goes along."""
    kb = Keyboard()
    if older:
        kb.button(text=t("btn-audit-older"), callback_data=AuditCD(page=page + 1, q=text))
    if page > 0:
        kb.button(text=t("btn-audit-newer"), callback_data=AuditCD(page=page - 1, q=text))
    return kb.as_markup() if older or page > 0 else None


def roadmap_import(t: Texts, pending: str, or_new: int | None = None) -> InlineKeyboardMarkup:
    """Load the roadmap the admin sent, or not; `or_new`: the number of the roadmap it
    would replace, when loading it as a new roadmap instead is offered too."""
    kb = Keyboard()
    if or_new is None:
        kb.button(text=t("roadmaps-btn-load"), callback_data=ImportCD(id=pending, action="load"))
        kb.button(text=t("btn-cancel"), callback_data=ImportCD(id=pending, action="cancel"))
        kb.adjust(2)
        return kb.as_markup()
    replace = t("roadmaps-btn-replace", number=or_new)
    kb.button(text=t("roadmaps-btn-new"), callback_data=ImportCD(id=pending, action="new"))
    kb.button(text=replace, callback_data=ImportCD(id=pending, action="load"))
    kb.button(text=t("btn-cancel"), callback_data=ImportCD(id=pending, action="cancel"))
    kb.adjust(1)
    return kb.as_markup()


def roadmap_zones(t: Texts, pending: str, labels: list[str]) -> InlineKeyboardMarkup:
    """A button per likely time zone of a party (in the order the import offers them)."""
    kb = Keyboard()
    for n, text in enumerate(labels):
        kb.button(text=text, callback_data=ImportCD(id=pending, action="tz", zone=n))
    kb.button(text=t("btn-cancel"), callback_data=ImportCD(id=pending, action="cancel"))
    kb.adjust(*[2] * (len(labels) // 2), *[1] * (len(labels) % 2), 1)
    return kb.as_markup()


def roadmaps(
    t: Texts, rows: list[tuple[int, int | None, bool]], page: int, pages: int
) -> InlineKeyboardMarkup:
    """Per roadmap on the page (number, the year one more year of reports would reach if
    that is offered, extended or not): prolong by a year, end the extension; then pages."""
    kb = Keyboard()
    sizes = []
    for number, more, extended in rows:
        if more is not None:
            kb.button(
                text=t("roadmaps-btn-more", number=number, year=str(more)),
                callback_data=RoadmapsCD(page=page, action="more", number=number, year=more),
            )
        if extended:
            kb.button(
                text=t("roadmaps-btn-end", number=number),
                callback_data=RoadmapsCD(page=page, action="end", number=number),
            )
        sizes += [1] * ((more is not None) + extended)  # one to a row: the labels are long
    nav = _pages(kb, t, page, pages, lambda to: RoadmapsCD(page=to))
    kb.adjust(*sizes, nav or 1)
    return kb.as_markup()


# -- roadmap offices (handlers/offices.py, /report in handlers/office.py) ----------------


def report_roadmaps(roadmaps: list[tuple[int, str]], year: int) -> InlineKeyboardMarkup:
    """/report's choice of roadmap: (number, short name) each, one to a row."""
    kb = Keyboard()
    for number, name in roadmaps:
        kb.button(
            text=shorten(name, BUTTON_LABEL), callback_data=AnnualCD(roadmap=number, year=year)
        )
    kb.adjust(1)
    return kb.as_markup()


def office_members(
    t: Texts, members: list[tuple[int, int, str]], page: int, pages: int
) -> InlineKeyboardMarkup | None:
    """/offices: «✖️ Иван Петров — из офиса № 2» for each (roadmap, user, name) on the
    page, one to a row; then the pages."""
    kb = Keyboard()
    for number, user_id, name in members:
        kb.button(
            text=label(t, "offices-btn-remove", name=shorten(name, 26), number=number),
            callback_data=OfficeCD(page=page, roadmap=number, user=user_id),
        )
    nav = _pages(kb, t, page, pages, lambda to: OfficeCD(page=to))
    if not members and not nav:
        return None
    kb.adjust(*[1] * len(members), nav or 1)
    return kb.as_markup()


def office_candidates(
    t: Texts, number: int, people: list[tuple[int, str]], page: int, more: bool
) -> InlineKeyboardMarkup:
    """`/offices 2 add`: a button for each (user, name) on the page, one to a row; then the
    pages."""
    kb = Keyboard()
    for user_id, name in people:
        kb.button(
            text=shorten(name, BUTTON_LABEL),
            callback_data=OfficeAddCD(roadmap=number, page=page, user=user_id),
        )
    pages = page + 2 if more else page + 1
    nav = _pages(kb, t, page, pages, lambda to: OfficeAddCD(roadmap=number, page=to))
    kb.adjust(*[1] * len(people), nav or 1)
    return kb.as_markup()
