"""The coordinating office: the annual report, requests, members, who is late, progress,
the audit trail. The router lets admins (ADMIN_IDS) in, checked on every update; the
refusals router answers everyone else."""

from __future__ import annotations

import asyncio

from aiogram import Bot, Router
from aiogram.enums import ChatAction
from aiogram.filters import Command, CommandObject
from aiogram.types import BufferedInputFile, Message, TelegramObject
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.chat_action import ChatActionSender

from bot.documents.annual_report import render_both
from bot.documents.chart import render_chart
from bot.domain.access import Viewer
from bot.domain.roadmap import Department
from bot.services.annual_report import AnnualReportService
from bot.services.membership import MembershipService
from bot.services.office import OfficeService, parse_scope
from bot.services.reminders import ReminderService
from bot.telegram.callbacks import DecideCD, NudgeCD, RevokeCD
from bot.telegram.commands import ADMIN_COMMANDS
from bot.telegram.filters import IsAdmin, KnownDepartment
from bot.telegram.middlewares import AuditMiddleware, AuditNote
from bot.telegram.replies import AnyMessage, alert, answer, show, toast
from bot.telegram.views import Ui
from bot.telegram.views import common as common_views
from bot.telegram.views import membership as membership_views
from bot.telegram.views import office as views


def create_router(office: OfficeService) -> Router:
    router = Router(name=__name__)
    for observer in (router.message, router.callback_query):
        observer.filter(IsAdmin())
        observer.middleware(AuditMiddleware(office))
    router.message.register(report, Command("report"), flags={"audit": "admin.report"})
    router.message.register(requests, Command("requests"), flags={"audit": "admin.requests"})
    router.callback_query.register(decide, DecideCD.filter(), KnownDepartment())
    router.message.register(members, Command("members"), flags={"audit": "admin.members"})
    router.callback_query.register(revoke, RevokeCD.filter(), KnownDepartment())
    router.message.register(audit, Command("audit"))
    router.message.register(missing, Command("missing"), flags={"audit": "admin.missing"})
    router.callback_query.register(nudge, NudgeCD.filter(), flags={"audit": "admin.nudge"})
    router.message.register(stats, Command("stats"), flags={"audit": "admin.stats"})
    return router


def create_refusals_router() -> Router:
    """Everyone else who sends an office command or presses an office button is told so."""
    router = Router(name=f"{__name__}.refusals")
    for observer in (router.message, router.callback_query):
        observer.filter(~IsAdmin())
    router.message.register(admin_only, Command(*(name for name, _ in ADMIN_COMMANDS)))
    for button in (DecideCD, RevokeCD, NudgeCD):
        router.callback_query.register(admin_only, button.filter())
    return router


async def admin_only(event: TelegramObject, ui: Ui, callback_answer: CallbackAnswer | None = None):
    if callback_answer is not None:
        alert(callback_answer, views.admin_only(ui))
    elif isinstance(event, Message):
        await answer(event, common_views.Screen(views.admin_only(ui)))


async def report(
    message: Message,
    command: CommandObject,
    ui: Ui,
    annual: AnnualReportService,
    bot: Bot,
    audit: AuditNote,
) -> None:
    """The annual report as DOCX and XLSX, built while the chat shows "sending a file"."""
    year = annual.year_asked(command.args)
    if year is None:
        audit.refused = True
        await answer(message, views.bad_year(ui, annual.years()))
        return
    audit.details = str(year)
    async with ChatActionSender(
        bot=bot, chat_id=message.chat.id, action=ChatAction.UPLOAD_DOCUMENT
    ):
        data = await annual.load(year)
        docx, xlsx = await render_both(data)
    caption = views.report_caption(ui, data)
    await message.answer_document(
        BufferedInputFile(docx, f"roadmap-report-{year}.docx"), caption=caption
    )
    await message.answer_document(BufferedInputFile(xlsx, f"roadmap-report-{year}.xlsx"))


async def requests(message: Message, ui: Ui, membership: MembershipService) -> None:
    await answer(message, membership_views.requests(ui, await membership.pending_requests()))


async def decide(
    _: TelegramObject,
    reply_to: AnyMessage,
    callback_data: DecideCD,
    department: Department,
    ui: Ui,
    viewer: Viewer,
    membership: MembershipService,
    callback_answer: CallbackAnswer,
) -> None:
    """The request's message shows the decision, and loses its buttons."""
    result = await membership.decide(viewer, callback_data.user, department, callback_data.ok)
    if result is None:
        alert(callback_answer, membership_views.already_decided(ui))
        return
    await show(reply_to, membership_views.decided(ui, viewer.first_name, result), edit=True)
    await membership.tell(result)


async def members(message: Message, ui: Ui, membership: MembershipService) -> None:
    await answer(message, membership_views.members(ui, await membership.coordinators()))


async def revoke(
    _: TelegramObject,
    callback_data: RevokeCD,
    department: Department,
    ui: Ui,
    viewer: Viewer,
    membership: MembershipService,
    callback_answer: CallbackAnswer,
) -> None:
    result = await membership.revoke(viewer, callback_data.user, department)
    if result is None:
        alert(callback_answer, common_views.outdated(ui))
        return
    toast(callback_answer, membership_views.revoked_alert(ui, department, result.member))
    await membership.tell(result)


async def audit(message: Message, ui: Ui, office: OfficeService) -> None:
    await answer(message, views.audit(ui, await office.audit_trail()))


async def missing(
    message: Message, command: CommandObject, ui: Ui, office: OfficeService, audit: AuditNote
) -> None:
    scope = parse_scope(command.args)
    if scope is None:
        audit.refused = True
        await answer(message, views.missing_usage(ui))
        return
    audit.details = scope
    await answer(message, views.missing(ui, await office.missing(scope)))


async def nudge(
    _: TelegramObject,
    callback_data: NudgeCD,
    ui: Ui,
    viewer: Viewer,
    office: OfficeService,
    reminders: ReminderService,
    audit: AuditNote,
    callback_answer: CallbackAnswer,
) -> None:
    """Remind everyone who still owes a report for the period, now, in the background."""
    if parse_scope(callback_data.scope) != callback_data.scope:
        alert(callback_answer, common_views.outdated(ui))
        audit.refused = True
        return
    period = office.current_period(callback_data.scope)
    count = await reminders.nudge(viewer.user_id, period)
    audit.details = f"{period.label}: {count}"
    toast(callback_answer, views.nudge_started(ui, count))


async def stats(message: Message, ui: Ui, office: OfficeService, bot: Bot) -> None:
    """Counts by side and by section, then the chart (drawn off the event loop)."""
    result = await office.stats()
    await answer(message, views.stats(ui, result))
    async with ChatActionSender(bot=bot, chat_id=message.chat.id, action=ChatAction.UPLOAD_PHOTO):
        png = await asyncio.to_thread(
            render_chart, ui.roadmap, result.by_section, views.chart_labels(ui)
        )
    await message.answer_photo(BufferedInputFile(png, "progress.png"))
