"""Every inline button's callback data, short and typed; all well under 64 bytes.

Numbers are bounded: a crafted button with a number too large for the database (or a page
that cannot exist) does not unpack, and is answered as outdated like any unknown button.
"""

from __future__ import annotations

from typing import Annotated

from aiogram.filters.callback_data import CallbackData
from pydantic import Field

# SQLite's integers are 64-bit; Telegram's user ids fit in 52 bits
Id = Annotated[int, Field(ge=0, le=2**53)]
Page = Annotated[int, Field(ge=0, le=100_000)]


class MenuCD(CallbackData, prefix="m"):
    action: str  # items, report, subs, help, settings


class PartyCD(CallbackData, prefix="pt"):
    party: str
    page: Page = 0


class JoinCD(CallbackData, prefix="jn"):
    dep: str


class LeaveCD(CallbackData, prefix="lv"):
    dep: str
    go: bool = False  # the answer "yes" to "leave it?"; without it, the question


class DecideCD(CallbackData, prefix="dc"):
    user: Id
    dep: str
    ok: bool


class ItemCD(CallbackData, prefix="it"):
    code: str
    action: str  # card, report, same, hist
    dep: str = ""


class WhichCD(CallbackData, prefix="wh"):
    """The roadmap meant by a code several have (`/update 4.1 …`): the typed rest is kept
    in the chat's dialog data until the tap, under `ask`, so an older question's button
    cannot take a later message's text."""

    code: str
    ask: str


class HistCD(CallbackData, prefix="hs"):
    code: str
    page: Page


class DraftCD(CallbackData, prefix="dr"):
    """A step of one report dialog; `draft` ties the button to the dialog that showed it."""

    draft: str
    action: str  # dep, status, skip, confirm, cancel
    value: str = ""


class UpdCD(CallbackData, prefix="up"):
    id: Id
    action: str  # edit, withdraw, withdraw_yes, file


class SetCD(CallbackData, prefix="st"):
    key: str  # lang, tz, pause, notify
    value: str = ""


class RevokeCD(CallbackData, prefix="rv"):
    """A coordinator's access to revoke: asked first (RevokeYesCD does it)."""

    user: Id
    dep: str


class RevokeYesCD(CallbackData, prefix="ry"):
    user: Id
    dep: str


class MembersCD(CallbackData, prefix="mb"):
    """A page of /members (also "cancel" on the question whether to revoke)."""

    page: Page


class InvitePickCD(CallbackData, prefix="ip"):
    """A page of the departments to make an invite link for."""

    page: Page


class InviteOpenCD(CallbackData, prefix="io"):
    """The departments to invite, in a message of its own (from another list: /missing)."""

    page: Page = 0


class InviteNewCD(CallbackData, prefix="in"):
    dep: str


class InviteLinksCD(CallbackData, prefix="il"):
    """A page of the live invite links."""

    page: Page


class InviteRevokeCD(CallbackData, prefix="ix"):
    id: Id
    page: Page = 0  # the page of links to show again after


class InviteRevokeYesCD(CallbackData, prefix="iy"):
    """ "Yes, revoke" the link: asked first, since a forwarded link cannot be taken back."""

    id: Id
    page: Page = 0


class InviteJoinCD(CallbackData, prefix="ij"):
    """The one tap of an invite link: ask to join its department."""

    token: str


# the office's invite buttons (InviteJoinCD is everyone's)
INVITE_BUTTONS = (
    InvitePickCD,
    InviteOpenCD,
    InviteNewCD,
    InviteLinksCD,
    InviteRevokeCD,
    InviteRevokeYesCD,
)


class MissingCD(CallbackData, prefix="ms"):
    """A page of /missing: its scope (quarter, year or a year's number) and page."""

    scope: str
    page: Page


class NudgeCD(CallbackData, prefix="ng"):
    """The office's reminder: ask (a preview of who gets what), go, or cancel; for one
    department, or (dep "") every department that can be chased."""

    period: str  # 2021-Q1 or 2021
    dep: str = ""
    action: str = "ask"  # ask, go, no


class MyItemsCD(CallbackData, prefix="mi"):
    """A page of /my_items."""

    page: Page


class SameAllCD(CallbackData, prefix="sa"):
    """No change for every activity still owed this quarter: ask, then do."""

    quarter: str  # the quarter's label: a button of a past quarter is outdated
    go: bool = False


Year = Annotated[int, Field(ge=1900, le=2200)]


class YearCD(CallbackData, prefix="ye"):
    """The year-end round: open (the first to check, or one), confirm, correct, next."""

    year: Year
    action: str  # open, ok, fix, next, short, list
    code: str = ""
    dep: str = ""


AUDIT_FILTER_BYTES = 48  # "au:100000:" and the filter's UTF-8 bytes stay under 64


class AuditCD(CallbackData, prefix="au"):
    """A page of /audit (0: the newest) and its filter, as fit_filter leaves it."""

    page: Page
    q: str = ""


def fit_filter(text: str | None) -> str:
    """An /audit filter as its buttons can carry it: one line, no ":" (the separator), cut
    at a character to AUDIT_FILTER_BYTES; the first page uses it too, so all pages agree."""
    words = " ".join((text or "").replace(":", " ").split())
    cut = words.encode()[:AUDIT_FILTER_BYTES].decode(errors="ignore")
    return cut.rstrip()


class ImportCD(CallbackData, prefix="ri"):
    """A roadmap import waiting for the admin: load it, cancel, or give a party's time zone
    (`zone`: its place among the zones offered). `id` ties the button to the import that
    showed it: a button of another, or of one done, is outdated."""

    id: str
    action: str  # load, cancel, tz
    zone: Page = 0


class RoadmapsCD(CallbackData, prefix="rl"):
    """/roadmaps: a page; or take reports on roadmap `number` until `year` (more), or only
    for its own period again (end)."""

    page: Page
    action: str = "page"  # page, more, end
    number: Page = 0
    year: Page = 0


class AnnualCD(CallbackData, prefix="ar"):
    """/report where several roadmaps are the office's: the roadmap chosen, and the year
    typed with the command (0: the roadmap's default)."""

    roadmap: Page
    year: Annotated[int, Field(ge=0, le=2200)] = 0


class OfficeCD(CallbackData, prefix="of"):
    """/offices: take `user` out of roadmap `roadmap`'s office, the list then on `page`;
    `user` 0: only show `page`."""

    page: Page
    roadmap: Page = 0
    user: Id = 0


class OfficeAddCD(CallbackData, prefix="oa"):
    """`/offices 2 add`: add `user` to roadmap `roadmap`'s office; `user` 0: show `page` of
    the people who wrote to the bot."""

    roadmap: Page
    page: Page = 0
    user: Id = 0
