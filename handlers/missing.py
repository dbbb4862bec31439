"""Who is late, and the office's reminder to them: `/missing` (a quarter, a year, a year's
number), its pages, and the nudge — a preview of who gets what, then sent on confirmation,
then how it went. Global admins, and roadmaps' office members for their roadmaps' departments
only; checked on every update (the office's refusals router answers everyone else)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message, TelegramObject
from aiogram.utils.callback_answer import CallbackAnswer

from bot.domain.access import Viewer
from bot.domain.scope import Scope, covers
from bot.services.office import OfficeService, parse_scope
from bot.services.reminders import BroadcastResult, NudgePlan, ReminderService
from bot.telegram.callbacks import MissingCD, NudgeCD
from bot.telegram.filters import InOffice
from bot.telegram.middlewares import AuditMiddleware, AuditNote
from bot.telegram.replies import AnyMessage, alert, answer, show, toast
from bot.telegram.views import Ui
from bot.telegram.views import common as common_views
from bot.telegram.views import missing as views
from bot.telegram.views import office as office_views


def create_router(office: OfficeService) -> Router:
    router = Router(name=__name__)
    for observer in (router.message, router.callback_query):
        observer.filter(InOffice())
        observer.middleware(AuditMiddleware(office))
    router.message.register(missing, Command("missing"), flags={"audit": "admin.missing"})
    router.callback_query.register(missing_page, MissingCD.filter())
    router.callback_query.register(nudge_preview, NudgeCD.filter(F.action == "ask"))
    router.callback_query.register(
        nudge_send, NudgeCD.filter(F.action == "go"), flags={"audit": "admin.nudge"}
    )
    router.callback_query.register(nudge_cancel, NudgeCD.filter(F.action == "no"))
    return router


async def missing(
    message: Message, command: CommandObject, ui: Ui, office: OfficeService, scope: Scope
) -> None:
    """Who owes what: this quarter (default), this year (`year`), or a year (`2021`)."""
    asked = parse_scope(command.args)
    if asked is None:
        await answer(message, views.usage(ui))
        return
    period = office.period_of(asked, scope)
    if period is None:
        await answer(message, office_views.bad_year(ui, office.years(scope), command="missing"))
        return
    ui = office_views.scoped(ui, scope)
    screen = views.missing(ui, await office.missing(asked, period, scope))
    assert screen is not None, "there is always a first page"
    await answer(message, screen)


async def missing_page(
    _: TelegramObject,
    reply_to: AnyMessage,
    callback_data: MissingCD,
    ui: Ui,
    office: OfficeService,
    scope: Scope,
    callback_answer: CallbackAnswer,
) -> None:
    """Paging edits the list in place, as it stands now."""
    period = office.period_of(callback_data.scope, scope)
    screen = None
    if period is not None:
        result = await office.missing(callback_data.scope, period, scope)
        screen = views.missing(office_views.scoped(ui, scope), result, callback_data.page)
    if screen is None:
        alert(callback_answer, common_views.outdated(ui))
        return
    await show(reply_to, screen, edit=True)


async def nudge_preview(
    _: TelegramObject,
    reply_to: AnyMessage,
    callback_data: NudgeCD,
    ui: Ui,
    reminders: ReminderService,
    scope: Scope,
    callback_answer: CallbackAnswer,
) -> None:
    """Who will get which reminder, in a message of its own, with "send" and "cancel"."""
    plan = await _plan(callback_data, ui, reminders, scope, callback_answer)
    if plan is not None:
        await answer(reply_to, views.nudge_preview(ui, plan))


async def nudge_send(
    _: TelegramObject,
    reply_to: AnyMessage,
    callback_data: NudgeCD,
    ui: Ui,
    viewer: Viewer,
    reminders: ReminderService,
    audit: AuditNote,
    scope: Scope,
    callback_answer: CallbackAnswer,
) -> None:
    """Planned afresh (someone may have reported since the preview), sent in the
    background; the preview becomes the progress, then the result."""
    plan = await _plan(callback_data, ui, reminders, scope, callback_answer)
    if plan is None or not plan.reminders:  # outdated; sent already, or nobody left
        audit.refused = True
        if plan is not None:  # the message shows how it went
            alert(callback_answer, views.nudge_not_sent(ui, plan))
        return

    async def done(result: BroadcastResult | None) -> None:
        await show(reply_to, views.nudge_done(ui, plan, result), edit=True)

    toast(callback_answer, views.nudge_toast(ui, plan))
    await show(reply_to, views.nudge_sending(ui, plan), edit=True)  # before it can be done
    if not await reminders.nudge(viewer.user_id, plan, done):
        audit.refused = True  # a double press: the first one is sending it
        return
    audit.details = f"{plan.period.label} {plan.department or '*'}: {len(plan.reminders)}"


async def nudge_cancel(
    _: TelegramObject,
    reply_to: AnyMessage,
    callback_data: NudgeCD,
    ui: Ui,
    reminders: ReminderService,
    callback_answer: CallbackAnswer,
) -> None:
    """Nothing is planned or sent: the preview says it was cancelled."""
    period = reminders.nudge_period(callback_data.period)
    department = callback_data.dep or None
    if period is None or (department and ui.roadmap.department(department) is None):
        alert(callback_answer, common_views.outdated(ui))
        return
    await show(reply_to, views.nudge_cancelled(ui, period, department), edit=True)


async def _plan(
    callback_data: NudgeCD,
    ui: Ui,
    reminders: ReminderService,
    scope: Scope,
    callback_answer: CallbackAnswer,
) -> NudgePlan | None:
    """The nudge a button names, or None (answered as outdated): a forged button, one left
    from a quarter that is over, or a department outside an office member's roadmaps.
    An office member's nudge to everyone reaches their roadmaps' departments only."""
    period = reminders.nudge_period(callback_data.period)
    department = callback_data.dep or None
    plan = None
    if period is not None and (department is None or covers(ui.roadmap, scope, department)):
        plan = await reminders.nudge_plan(period, department, scope)
    if plan is None:
        alert(callback_answer, common_views.outdated(ui))
    return plan
