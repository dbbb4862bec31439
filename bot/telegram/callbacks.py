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
    user: Id
    dep: str


class NudgeCD(CallbackData, prefix="ng"):
    scope: str  # quarter or year


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
