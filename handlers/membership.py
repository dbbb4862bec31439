"""Coordinators join departments and leave them."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import Message, TelegramObject
from aiogram.utils.callback_answer import CallbackAnswer

from bot.domain.access import Viewer
from bot.domain.people import UserProfile
from bot.domain.roadmap import Department, Party
from bot.services.membership import MembershipService
from bot.telegram.callbacks import JoinCD, LeaveCD, MenuCD, PartyCD
from bot.telegram.filters import KnownDepartment, KnownParty
from bot.telegram.replies import AnyMessage, alert, answer, show
from bot.telegram.views import Ui
from bot.telegram.views import common as common_views
from bot.telegram.views import membership as views


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(choose_party, Command("subscribe"))
    router.callback_query.register(choose_party, MenuCD.filter(F.action == "join"))
    router.callback_query.register(department_page, PartyCD.filter(), KnownParty())
    router.callback_query.register(join, JoinCD.filter(), KnownDepartment())
    router.message.register(leave_list, Command("unsubscribe"))
    router.callback_query.register(subscriptions, MenuCD.filter(F.action == "subs"))
    router.callback_query.register(leave_ask, LeaveCD.filter(~F.go), KnownDepartment())
    router.callback_query.register(leave, LeaveCD.filter(F.go), KnownDepartment())
    return router


async def choose_party(_: TelegramObject, reply_to: AnyMessage, ui: Ui) -> None:
    await answer(reply_to, views.choose_party(ui))


async def department_page(
    _: TelegramObject,
    reply_to: AnyMessage,
    callback_data: PartyCD,
    party: Party,
    ui: Ui,
    callback_answer: CallbackAnswer,
) -> None:
    """Paging edits the list in place; choosing a side opens a new list."""
    screen = views.department_page(ui, party, callback_data.page)
    if screen is None:
        alert(callback_answer, common_views.outdated(ui))
        return
    await show(reply_to, screen, edit=views.is_department_list(reply_to))


async def join(
    _: TelegramObject,
    reply_to: AnyMessage,
    department: Department,
    ui: Ui,
    profile: UserProfile,
    membership: MembershipService,
) -> None:
    result = await membership.join(profile, department)
    await answer(reply_to, views.joined(ui, result))
    await membership.tell(result)


async def leave_list(
    message: Message, ui: Ui, viewer: Viewer, membership: MembershipService
) -> None:
    found = await membership.subscriptions(viewer.user_id)
    await answer(message, views.subscriptions(ui, found, leave_prompt=True))


async def subscriptions(
    _: TelegramObject, reply_to: AnyMessage, ui: Ui, viewer: Viewer, membership: MembershipService
) -> None:
    found = await membership.subscriptions(viewer.user_id)
    await answer(reply_to, views.subscriptions(ui, found, leave_prompt=False))


async def leave_ask(
    _: TelegramObject, reply_to: AnyMessage, department: Department, ui: Ui
) -> None:
    """Leaving takes a new request and the office's approval to undo: asked first."""
    await show(reply_to, views.leave_ask(ui, department), edit=True)


async def leave(
    _: TelegramObject,
    reply_to: AnyMessage,
    department: Department,
    ui: Ui,
    viewer: Viewer,
    membership: MembershipService,
    callback_answer: CallbackAnswer,
) -> None:
    result = await membership.leave(viewer.user_id, department)
    if result is None:
        alert(callback_answer, common_views.outdated(ui))
        return
    await show(reply_to, views.left(ui, department), edit=True)
    await membership.tell(result)  # a withdrawn request's copies lose their buttons
