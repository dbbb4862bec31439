"""A bare aiogram echo bot, the baseline bench/updates.py compares the roadmap bot with.

    python bench/echo_bot.py [--settled]

--settled gives it the roadmap bot's garbage-collector setting (bot.telegram.runner.settle_heap),
for a like-for-like comparison: the setting speeds up any aiogram bot, this one included.
"""

from __future__ import annotations

import asyncio
import os
import sys

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import Message


async def main() -> None:
    session = AiohttpSession(api=TelegramAPIServer.from_base(os.environ["TELEGRAM_API_URL"]))
    bot = Bot(os.environ["BOT_TOKEN"], session=session)
    dp = Dispatcher()

    @dp.message()
    async def echo(message: Message) -> None:
        await message.answer(message.text or "?")

    if "--settled" in sys.argv[1:]:
        from bot.telegram.runner import settle_heap

        settle_heap()
    await dp.start_polling(bot, handle_signals=True)


if __name__ == "__main__":
    asyncio.run(main())
