"""Every inline button's callback data, short and typed; all well under 64 bytes."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData


class MenuCD(CallbackData, prefix="m"):
    action: str  # items, report, subs, help, settings


class PartyCD(CallbackData, prefix="pt"):
    party: str
    page: int = 0


class JoinCD(CallbackData, prefix="jn"):
    dep: str


class LeaveCD(CallbackData, prefix="lv"):
    dep: str


class DecideCD(CallbackData, prefix="dc"):
    user: int
    dep: str
    ok: bool


class ItemCD(CallbackData, prefix="it"):
    code: str
    action: str  # card, report, same, hist
    dep: str = ""


class HistCD(CallbackData, prefix="hs"):
    code: str
    page: int


class DraftCD(CallbackData, prefix="dr"):
    """A step of one report dialog; `draft` ties the button to the dialog that showed it."""

    draft: str
    action: str  # dep, status, skip, confirm, cancel
    value: str = ""


class UpdCD(CallbackData, prefix="up"):
    id: int
    action: str  # edit, withdraw, withdraw_yes, file


class SetCD(CallbackData, prefix="st"):
    key: str  # lang, tz, pause, notify
    value: str = ""


class RevokeCD(CallbackData, prefix="rv"):
    user: int
    dep: str


class NudgeCD(CallbackData, prefix="ng"):
    scope: str  # quarter or year
