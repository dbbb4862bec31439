"""The coordinating office's commands; every one re-checks ADMIN_IDS on each call."""

from __future__ import annotations

import asyncio
from typing import Final

from aiogram import Bot, Router
from aiogram.enums import ChatAction
from aiogram.filters import Command, CommandObject
from aiogram.types import BufferedInputFile, Message
from aiogram.utils.chat_action import ChatActionSender

from bot.clock import Clock
from bot.i18n import Texts
from bot.report import (
    load_year_report,
    parse_year,
    render_docx,
    render_xlsx,
    report_years,
)
from bot.roadmap import Roadmap
from bot.settings import Settings
from storage.repository import Repository

router: Final[Router] = Router(name=__name__)


@router.message(Command("report"))
async def report(
    message: Message,
    command: CommandObject,
    t: Texts,
    roadmap: Roadmap,
    repo: Repository,
    settings: Settings,
    is_admin: bool,
    clock: Clock,
    bot: Bot,
) -> None:
    if not is_admin:
        await message.answer(t("admin-only"))
        return
    years = report_years(roadmap, settings.roadmap_active_until)
    now = clock.now()
    default = now.year if now.year in years else years[-1]
    year = parse_year(command.args, years, default)
    if year is None:
        await message.answer(t("report-bad-year", start=str(years[0]), end=str(years[-1])))
        return
    async with ChatActionSender(
        bot=bot, chat_id=message.chat.id, action=ChatAction.UPLOAD_DOCUMENT
    ):
        data = await load_year_report(repo, roadmap, year, now)
        # building a large year takes a while: off the event loop, so others are not kept waiting
        docx, xlsx = await asyncio.gather(
            asyncio.to_thread(render_docx, data), asyncio.to_thread(render_xlsx, data)
        )
    await message.answer_document(
        BufferedInputFile(docx, f"roadmap-report-{year}.docx"),
        caption=t("report-caption", year=str(year), updates=len(data.updates)),
    )
    await message.answer_document(BufferedInputFile(xlsx, f"roadmap-report-{year}.xlsx"))
