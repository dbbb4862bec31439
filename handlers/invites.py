"""Invite links. Everyone: opening one (/start with its payload), and the one tap that asks to
join its department. The office (global admins, and roadmaps' office members for their
roadmaps' departments): /invite, making a link, revoking one; the office's refusals router
answers everyone else."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import Message, TelegramObject
from aiogram.utils.callback_answer import CallbackAnswer

from bot.domain.access import Viewer
from bot.domain.people import UserProfile
from bot.domain.roadmap import Department
from bot.domain.scope import Scope
from bot.services.invites import BadLink, InviteService
from bot.services.membership import MembershipService
from bot.telegram.callbacks import (
    InviteJoinCD,
    InviteLinksCD,
    InviteNewCD,
    InviteOpenCD,
    InvitePickCD,
    InviteRevokeCD,
    InviteRevokeYesCD,
)
from bot.telegram.filters import InOffice, KnownDepartment
from bot.telegram.replies import AnyMessage, alert, answer, show, toast
from bot.telegram.views import Ui
from bot.telegram.views import common as common_views
from bot.telegram.views import invites as views
from bot.telegram.views import office as office_views


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(opened, CommandStart(deep_link=True))
    router.callback_query.register(accept, InviteJoinCD.filter())
    return router


def create_office_router() -> Router:
    router = Router(name=f"{__name__}.office")
    for observer in (router.message, router.callback_query):
        observer.filter(InOffice())
    router.message.register(overview, Command("invite"))
    router.callback_query.register(departments_page, InvitePickCD.filter())
    router.callback_query.register(departments_page, InviteOpenCD.filter())
    router.callback_query.register(create, InviteNewCD.filter(), KnownDepartment())
    router.callback_query.register(links_page, InviteLinksCD.filter())
    router.callback_query.register(revoke_ask, InviteRevokeCD.filter())
    router.callback_query.register(revoke, InviteRevokeYesCD.filter())
    return router


async def bot_username(bot: Bot) -> str:
    """The bot's @username for t.me links: asked of Telegram once, then kept by aiogram."""
    return (await bot.me()).username or ""


async def opened(
    message: Message, command: CommandObject, ui: Ui, viewer: Viewer, invites: InviteService
) -> None:
    """A link opened: the department and one button to ask for it; or why not."""
    found = await invites.open(viewer.user_id, command.args)
    if isinstance(found, BadLink):
        await answer(message, views.bad_link(ui, found))
        return
    await answer(message, views.offer(ui, found, invites.approve_at_once))


async def accept(
    _: TelegramObject,
    reply_to: AnyMessage,
    callback_data: InviteJoinCD,
    ui: Ui,
    profile: UserProfile,
    invites: InviteService,
    membership: MembershipService,
) -> None:
    """The one tap: the offer becomes the answer (so it cannot be tapped twice)."""
    result = await invites.accept(profile, callback_data.token)
    first, *rest = views.accepted(ui, result)
    await show(reply_to, first, edit=True)
    await answer(reply_to, rest)
    if not isinstance(result, BadLink):
        await membership.tell(result)


async def overview(
    message: Message, ui: Ui, invites: InviteService, scope: Scope, bot: Bot
) -> None:
    found = await invites.overview(scope)
    ui = office_views.scoped(ui, scope)
    await answer(message, views.overview(ui, found, await bot_username(bot)))


async def departments_page(
    _: TelegramObject,
    reply_to: AnyMessage,
    callback_data: InvitePickCD | InviteOpenCD,
    ui: Ui,
    invites: InviteService,
    scope: Scope,
    callback_answer: CallbackAnswer,
) -> None:
    found = await invites.overview(scope)
    screen = views.departments(office_views.scoped(ui, scope), found, callback_data.page)
    if screen is None:
        alert(callback_answer, common_views.outdated(ui))
        return
    await show(reply_to, screen, edit=isinstance(callback_data, InvitePickCD))


async def create(
    _: TelegramObject,
    reply_to: AnyMessage,
    department: Department,
    ui: Ui,
    viewer: Viewer,
    invites: InviteService,
    scope: Scope,
    bot: Bot,
    callback_answer: CallbackAnswer,
) -> None:
    """The link, ready to forward (the department's live one, if it has one already)."""
    if not invites.may_invite(scope, department):
        alert(callback_answer, office_views.not_yours(ui))
        return
    invite, new = await invites.create(viewer, department)
    username, at_once = await bot_username(bot), invites.approve_at_once
    await answer(reply_to, views.created(ui, invite, new, department, username, at_once))


async def links_page(
    _: TelegramObject,
    reply_to: AnyMessage,
    callback_data: InviteLinksCD,
    ui: Ui,
    invites: InviteService,
    scope: Scope,
    bot: Bot,
) -> None:
    live = await invites.live(scope)
    screen = views.links(
        office_views.scoped(ui, scope), live, await bot_username(bot), callback_data.page
    )
    await show(reply_to, screen, edit=True)


async def revoke_ask(
    _: TelegramObject,
    reply_to: AnyMessage,
    callback_data: InviteRevokeCD,
    ui: Ui,
    invites: InviteService,
    scope: Scope,
    callback_answer: CallbackAnswer,
) -> None:
    """A link already forwarded cannot be taken back: asked first, in place."""
    live = await invites.live(scope)
    found = next(((i, d) for i, d in live if i.id == callback_data.id), None)
    if found is None:
        alert(callback_answer, views.already_revoked(ui))
        return
    await show(
        reply_to, views.revoke_ask(ui, found[1], callback_data.id, callback_data.page), edit=True
    )


async def revoke(
    _: TelegramObject,
    reply_to: AnyMessage,
    callback_data: InviteRevokeYesCD,
    ui: Ui,
    viewer: Viewer,
    invites: InviteService,
    scope: Scope,
    bot: Bot,
    callback_answer: CallbackAnswer,
) -> None:
    """The link stops working; the list of links comes back in place, without it."""
    revoked = await invites.revoke(viewer, callback_data.id, scope)
    if revoked is None:
        alert(callback_answer, views.already_revoked(ui))
    else:
        toast(callback_answer, views.revoked(ui, revoked[1]))
    live = await invites.live(scope)
    ui = office_views.scoped(ui, scope)
    screen = views.links(ui, live, await bot_username(bot), callback_data.page)
    await show(reply_to, screen, edit=True)
