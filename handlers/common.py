"""/start and /help: what the bot is for, in the user's language."""

from __future__ import annotations

from typing import Final

from aiogram import Router
from aiogram.filters import Command, CommandStart
from aiogram.types import Message

from bot.i18n import Texts
from bot.roadmap import Roadmap

router: Final[Router] = Router(name=__name__)


def parties_line(roadmap: Roadmap) -> str:
    return " — ".join(party.name for party in roadmap.parties)


@router.message(CommandStart())
async def start(message: Message, t: Texts, roadmap: Roadmap) -> None:
    name = message.from_user.first_name if message.from_user else ""
    greeting = t(
        "start-greeting",
        name=name,
        parties=parties_line(roadmap),
        start=str(roadmap.period.start),
        end=str(roadmap.period.end),
    )
    await message.answer(f"{greeting}\n\n{t('start-about')}")


@router.message(Command("help"))
async def help_command(message: Message, t: Texts, roadmap: Roadmap) -> None:
    await message.answer(
        t(
            "help-text",
            roadmap=roadmap.title,
            items=len(roadmap.items),
            departments=len(roadmap.departments),
        )
    )
