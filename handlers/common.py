"""/start, /help, /cancel and the main menu buttons."""

from __future__ import annotations

from typing import Final

from aiogram import F, Router
from aiogram.filters import Command, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot import keyboards
from bot.callbacks import MenuCD
from bot.clock import Clock
from bot.i18n import Texts
from bot.reminder_service import ReminderService
from bot.roadmap import Roadmap
from storage.repository import Repository, UserProfile

router: Final[Router] = Router(name=__name__)


def parties_line(roadmap: Roadmap) -> str:
    return " — ".join(party.name for party in roadmap.parties)


@router.message(CommandStart())
async def start(
    message: Message,
    t: Texts,
    roadmap: Roadmap,
    repo: Repository,
    profile: UserProfile,
    reminders: ReminderService,
    clock: Clock,
    is_admin: bool,
) -> None:
    greeting = t(
        "start-greeting",
        name=profile.first_name,
        parties=parties_line(roadmap),
        start=str(roadmap.period.start),
        end=str(roadmap.period.end),
    )
    text = f"{greeting}\n\n{t('start-about')}"
    if reminders.inactive_reason(clock.now().date()):
        calendar = reminders.calendar
        text += "\n\n" + t(
            "reminders-inactive", start=str(calendar.first_year), end=str(calendar.last_year)
        )
    await message.answer(text, reply_markup=keyboards.main_menu(t))
    memberships = await repo.memberships_of(profile.id)
    if is_admin:
        await message.answer(t("start-admin"))
    elif not memberships:
        await message.answer(t("start-no-department"), reply_markup=keyboards.parties(roadmap))
    elif not any(m.status == "approved" for m in memberships):
        await message.answer(t("start-pending"))


@router.message(Command("help"))
async def help_command(message: Message, t: Texts, roadmap: Roadmap) -> None:
    await message.answer(help_text(t, roadmap))


def help_text(t: Texts, roadmap: Roadmap) -> str:
    return t(
        "help-text",
        roadmap=roadmap.title,
        items=len(roadmap.items),
        departments=len(roadmap.departments),
    )


@router.message(Command("cancel"))
async def cancel(message: Message, t: Texts, state: FSMContext) -> None:
    if await state.get_state() is None:
        await message.answer(t("cancel-nothing"))
        return
    await state.clear()
    await message.answer(t("cancelled"))


@router.callback_query(MenuCD.filter(F.action == "help"))
async def menu_help(query: CallbackQuery, t: Texts, roadmap: Roadmap) -> None:
    if query.message:
        await query.message.answer(help_text(t, roadmap))
