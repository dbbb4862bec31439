"""The office's side of membership: requests to decide, the coordinators by department, and
revoking one's access (asked first). Global admins (ADMIN_IDS), and roadmaps' office members
for their roadmaps' departments; checked on every update; the office's refusals router answers
everyone else."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message, TelegramObject
from aiogram.utils.callback_answer import CallbackAnswer

from bot.domain.access import Viewer
from bot.domain.roadmap import Department
from bot.domain.scope import Scope
from bot.services.membership import MembershipService
from bot.services.office import OfficeService
from bot.telegram.callbacks import DecideCD, MembersCD, RevokeCD, RevokeYesCD
from bot.telegram.filters import InOffice, KnownDepartment
from bot.telegram.middlewares import AuditMiddleware
from bot.telegram.replies import AnyMessage, alert, answer, show, toast
from bot.telegram.views import Ui
from bot.telegram.views import common as common_views
from bot.telegram.views import membership as views
from bot.telegram.views import office as office_views


def create_router(office: OfficeService) -> Router:
    router = Router(name=__name__)
    for observer in (router.message, router.callback_query):
        observer.filter(InOffice())
        observer.middleware(AuditMiddleware(office))
    router.message.register(requests, Command("requests"), flags={"audit": "admin.requests"})
    router.callback_query.register(decide, DecideCD.filter(), KnownDepartment())
    router.message.register(members, Command("members"), flags={"audit": "admin.members"})
    router.callback_query.register(members_page, MembersCD.filter())
    router.callback_query.register(revoke_ask, RevokeCD.filter(), KnownDepartment())
    router.callback_query.register(revoke, RevokeYesCD.filter(), KnownDepartment())
    return router


async def requests(message: Message, ui: Ui, membership: MembershipService, scope: Scope) -> None:
    """Each request with its buttons (an office member's: for their roadmaps' departments);
    kept, so that a decision taken on another copy of it edits this one too."""
    shown = []
    for screen, request in views.requests(ui, await membership.pending_requests(scope)):
        sent = await message.answer(screen.text, reply_markup=screen.markup)
        if request is not None and screen.markup is not None:
            user_id, dep_id = request.membership.user_id, request.department.id
            shown.append((user_id, dep_id, sent.chat.id, sent.message_id))
    await membership.keep_request_copies(shown)


async def decide(
    _: TelegramObject,
    reply_to: AnyMessage,
    callback_data: DecideCD,
    department: Department,
    ui: Ui,
    viewer: Viewer,
    membership: MembershipService,
    scope: Scope,
    callback_answer: CallbackAnswer,
) -> None:
    """The request's message shows the decision and loses its buttons; so do the other
    admins' copies of it. A late press says who decided it, and when. An office member
    decides only for their roadmaps' departments."""
    if not membership.may_decide(scope, department):
        alert(callback_answer, office_views.not_yours(ui))
        return
    user_id, shown = callback_data.user, (reply_to.chat.id, reply_to.message_id)
    result = await membership.decide(viewer, user_id, department, callback_data.ok, shown)
    if result is None:
        past = await membership.past_decision(user_id, department)
        if past is None:
            alert(callback_answer, common_views.outdated(ui))
            return
        alert(callback_answer, views.already_decided(ui, past))
        if isinstance(reply_to, Message):
            await show(reply_to, views.settled(ui, past), edit=True)
        return
    await show(reply_to, views.decided(ui, viewer.first_name, result), edit=True)
    await membership.tell(result)


async def members(message: Message, ui: Ui, membership: MembershipService, scope: Scope) -> None:
    coordinators = await membership.coordinators(scope)
    await answer(message, views.members(office_views.scoped(ui, scope), coordinators))


async def members_page(
    _: TelegramObject,
    reply_to: AnyMessage,
    callback_data: MembersCD,
    ui: Ui,
    membership: MembershipService,
    scope: Scope,
) -> None:
    """A page of /members, in place; also where "cancel" on a revocation leads back to."""
    coordinators = await membership.coordinators(scope)
    ui = office_views.scoped(ui, scope)
    await show(reply_to, views.members(ui, coordinators, callback_data.page), edit=True)


async def revoke_ask(
    _: TelegramObject,
    reply_to: AnyMessage,
    callback_data: RevokeCD,
    department: Department,
    ui: Ui,
    membership: MembershipService,
    scope: Scope,
    callback_answer: CallbackAnswer,
) -> None:
    """Revoking takes a new request and an approval to undo: asked first, in place. An
    office member revokes only for a department of their roadmaps alone."""
    if not _may_revoke(ui, membership, scope, department, callback_answer):
        return
    ui = office_views.scoped(ui, scope)
    coordinators = await membership.coordinators(scope)
    screen = views.revoke_ask(ui, coordinators, callback_data.user, department)
    if screen is None:  # not a coordinator any more: the list as it is now
        alert(callback_answer, common_views.outdated(ui))
        screen = views.members_with(ui, coordinators, department.id)
    await show(reply_to, screen, edit=True)


async def revoke(
    _: TelegramObject,
    reply_to: AnyMessage,
    callback_data: RevokeYesCD,
    department: Department,
    ui: Ui,
    viewer: Viewer,
    membership: MembershipService,
    scope: Scope,
    callback_answer: CallbackAnswer,
) -> None:
    """Revoked: the list comes back in place, without them."""
    if not _may_revoke(ui, membership, scope, department, callback_answer):
        return
    result = await membership.revoke(viewer, callback_data.user, department)
    if result is None:
        alert(callback_answer, common_views.outdated(ui))
    else:
        toast(callback_answer, views.revoked_alert(ui, department, result.member))
    ui = office_views.scoped(ui, scope)
    coordinators = await membership.coordinators(scope)
    await show(reply_to, views.members_with(ui, coordinators, department.id), edit=True)
    await membership.tell(result)


def _may_revoke(
    ui: Ui,
    membership: MembershipService,
    scope: Scope,
    department: Department,
    callback_answer: CallbackAnswer,
) -> bool:
    """Refused with why: not the office's department, or one other roadmaps' too."""
    if not membership.may_decide(scope, department):
        alert(callback_answer, office_views.not_yours(ui))
        return False
    if not membership.may_revoke(scope, department):
        alert(callback_answer, office_views.revoke_shared(ui))
        return False
    return True
