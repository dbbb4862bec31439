"""Keeping aiogram's parsed-response models alive for the life of the bot.

aiogram parses every Bot API answer with `Response[method.__returning__]`, a pydantic
generic model. pydantic caches such parametrised models only weakly, and a model class sits
in reference cycles, so each full garbage collection frees them and the next answer of that
kind builds its model again: about 4.5 ms of CPU each time, measured on this project's
benchmark machine. In a busy bot, full collections come every few seconds. Holding one strong
reference per method type makes the build happen once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiogram.client.session.middlewares.base import BaseRequestMiddleware
from aiogram.methods.base import Response

if TYPE_CHECKING:
    from aiogram import Bot
    from aiogram.client.session.middlewares.base import NextRequestMiddlewareType
    from aiogram.methods.base import TelegramMethod


class KeepResponseModels(BaseRequestMiddleware):
    def __init__(self) -> None:
        self.kept: dict[type, type] = {}

    async def __call__(
        self, make_request: NextRequestMiddlewareType[Any], bot: Bot, method: TelegramMethod[Any]
    ) -> Any:
        kind = type(method)
        if kind not in self.kept:
            self.kept[kind] = Response[method.__returning__]  # type: ignore[name-defined]
        return await make_request(bot, method)
