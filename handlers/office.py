"""The coordinating office: the annual report, who is late, progress (the audit trail is
handlers/audit.py, requests and members handlers/members.py, invite links handlers/invites.py).
The router lets admins (ADMIN_IDS) in, checked on every update; the refusals router answers
everyone else, for the buttons of those other office modules too."""

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
from bot.services.annual_report import AnnualReportService
from bot.services.office import OfficeService
from bot.telegram.callbacks import (
    INVITE_BUTTONS,
    AuditCD,
    DecideCD,
    MembersCD,
    MissingCD,
    NudgeCD,
    RevokeCD,
    RevokeYesCD,
)
from bot.telegram.commands import ADMIN_COMMANDS
from bot.telegram.filters import IsAdmin
from bot.telegram.middlewares import AuditMiddleware, AuditNote
from bot.telegram.replies import alert, answer
from bot.telegram.views import Ui
from bot.telegram.views import common as common_views
from bot.telegram.views import office as views


def create_router(office: OfficeService) -> Router:
    router = Router(name=__name__)
    for observer in (router.message, router.callback_query):
        observer.filter(IsAdmin())
        observer.middleware(AuditMiddleware(office))
    router.message.register(report, Command("report"), flags={"audit": "admin.report"})
    router.message.register(stats, Command("stats"), flags={"audit": "admin.stats"})
    return router


def create_refusals_router() -> Router:
    """Everyone else who sends an office command or presses an office button is told so."""
    router = Router(name=f"{__name__}.refusals")
    for observer in (router.message, router.callback_query):
        observer.filter(~IsAdmin())
    router.message.register(admin_only, Command(*(name for name, _ in ADMIN_COMMANDS)))
    for button in (DecideCD, RevokeCD, NudgeCD, MissingCD, AuditCD):
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


async def stats(message: Message, ui: Ui, office: OfficeService, bot: Bot) -> None:
    """Counts by side and by section, then the chart (drawn off the event loop)."""
    result = await office.stats()
    await answer(message, views.stats(ui, result))
    async with ChatActionSender(bot=bot, chat_id=message.chat.id, action=ChatAction.UPLOAD_PHOTO):
        png = await asyncio.to_thread(
            render_chart, ui.roadmap, result.by_section, views.chart_labels(ui)
        )
    await message.answer_photo(BufferedInputFile(png, "progress.png"))
