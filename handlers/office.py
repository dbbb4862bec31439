"""The coordinating office: the annual report, who is late, progress (the audit trail is
handlers/audit.py, requests and members handlers/members.py, invite links handlers/invites.py).
The router lets global admins (ADMIN_IDS) and roadmaps' office members in (each seeing their
own roadmaps), checked on every update; the refusals router answers everyone else, for the
buttons of those other office modules too."""

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
from bot.domain.scope import Scope
from bot.services.annual_report import AnnualReportService
from bot.services.office import OfficeService
from bot.telegram.callbacks import (
    INVITE_BUTTONS,
    AnnualCD,
    AuditCD,
    DecideCD,
    MembersCD,
    MissingCD,
    NudgeCD,
    RevokeCD,
    RevokeYesCD,
)
from bot.telegram.commands import ADMIN_COMMANDS
from bot.telegram.filters import InOffice
from bot.telegram.middlewares import AuditMiddleware, AuditNote
from bot.telegram.replies import AnyMessage, alert, answer
from bot.telegram.views import Ui
from bot.telegram.views import common as common_views
from bot.telegram.views import office as views


def create_router(office: OfficeService) -> Router:
    router = Router(name=__name__)
    for observer in (router.message, router.callback_query):
        observer.filter(InOffice())
        observer.middleware(AuditMiddleware(office))
    router.message.register(report, Command("report"), flags={"audit": "admin.report"})
    router.callback_query.register(
        report_chosen, AnnualCD.filter(), flags={"audit": "admin.report"}
    )
    router.message.register(stats, Command("stats"), flags={"audit": "admin.stats"})
    return router


def create_refusals_router() -> Router:
    """Everyone else who sends an office command or presses an office button is told so."""
    router = Router(name=f"{__name__}.refusals")
    for observer in (router.message, router.callback_query):
        observer.filter(~InOffice())
    router.message.register(admin_only, Command(*(name for name, _ in ADMIN_COMMANDS)))
    for button in (DecideCD, RevokeCD, NudgeCD, MissingCD, AuditCD, AnnualCD):
        router.callback_query.register(admin_only, button.filter())
    for other in (RevokeYesCD, MembersCD, *INVITE_BUTTONS):  # handlers/members.py, invites.py
        router.callback_query.register(admin_only, other.filter())
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
    scope: Scope,
    bot: Bot,
    audit: AuditNote,
) -> None:
    """`/report [year]`: the roadmap's annual report; with several roadmaps the office's,
    asked which first (those that have the year typed)."""
    asked = annual.asked(scope, command.args)
    number, year = asked.number, asked.year
    if number is None or year is None:
        audit.refused = True  # or recorded once the roadmap is chosen
        if asked.choices:
            await answer(message, views.report_which(ui, asked.choices, year))
        else:
            await answer(message, views.bad_year(ui, asked.years))
        return
    await _send_report(message, ui, annual, bot, audit, number, year)


async def report_chosen(
    _: TelegramObject,
    reply_to: AnyMessage,
    callback_data: AnnualCD,
    ui: Ui,
    annual: AnnualReportService,
    scope: Scope,
    bot: Bot,
    audit: AuditNote,
    callback_answer: CallbackAnswer,
) -> None:
    """The roadmap tapped: its report for the year typed, or its default year."""
    number = callback_data.roadmap
    year = annual.year_asked(str(callback_data.year or ""), number)
    if number not in {e.number for e in annual.roadmaps(scope)} or year is None:
        audit.refused = True
        alert(callback_answer, common_views.outdated(ui))
        return
    await _send_report(reply_to, ui, annual, bot, audit, number, year)


async def _send_report(
    reply_to: AnyMessage,
    ui: Ui,
    annual: AnnualReportService,
    bot: Bot,
    audit: AuditNote,
    number: int,
    year: int,
) -> None:
    """DOCX and XLSX, built while the chat shows "sending a file"."""
    audit.details = str(year) if number == 1 else f"{year} roadmap-{number}"
    async with ChatActionSender(
        bot=bot, chat_id=reply_to.chat.id, action=ChatAction.UPLOAD_DOCUMENT
    ):
        data = await annual.load(year, number)
        docx, xlsx = await render_both(data)
    caption = views.report_caption(ui, data)
    name = f"roadmap-report-{year}" if number == 1 else f"roadmap-{number}-report-{year}"
    await bot.send_document(
        reply_to.chat.id, BufferedInputFile(docx, f"{name}.docx"), caption=caption
    )
    await bot.send_document(reply_to.chat.id, BufferedInputFile(xlsx, f"{name}.xlsx"))


async def stats(message: Message, ui: Ui, office: OfficeService, scope: Scope, bot: Bot) -> None:
    """Counts by side and by section, then the chart (drawn off the event loop): of the
    office's own roadmaps."""
    ui = views.scoped(ui, scope)
    result = await office.stats(scope)
    await answer(message, views.stats(ui, result))
    async with ChatActionSender(bot=bot, chat_id=message.chat.id, action=ChatAction.UPLOAD_PHOTO):
        png = await asyncio.to_thread(
            render_chart, ui.roadmap, result.by_section, views.chart_labels(ui)
        )
    await message.answer_photo(BufferedInputFile(png, "progress.png"))
