"""Webhook mode: an aiohttp server Telegram posts updates to, checked by a secret token."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from aiogram import Bot
from aiogram.methods import TelegramMethod
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web

from bot.settings import Settings
from bot.telegram.middlewares import Redelivery

if TYPE_CHECKING:
    from bot.composition import Application

log = logging.getLogger(__name__)


class _RequestHandler(SimpleRequestHandler):
    """aiogram's handler, but an update another replica is handling now is answered 503:
    Telegram delivers it again later (so it is not lost if that replica dies with it)."""

    async def _handle_request(self, bot: Bot, request: web.Request) -> web.Response:
        redelivery = Redelivery()
        result: TelegramMethod[Any] | None = await self.dispatcher.feed_webhook_update(
            bot,
            await request.json(loads=bot.session.json_loads),
            **self.data,
            redelivery=redelivery,
        )
        if redelivery.wanted:
            return web.Response(status=503, headers={"Retry-After": "5"})
        return web.Response(body=self._build_response_writer(bot=bot, result=result))


class WebhookReceiver:
    """Serves WEBHOOK_URL's path on WEBHOOK_LISTEN:WEBHOOK_PORT until the bot is stopped."""

    def __init__(self, settings: Settings) -> None:
        assert settings.webhook_url is not None and settings.webhook_secret is not None
        self.url = str(settings.webhook_url)
        self.path = urlsplit(self.url).path or "/"
        self.secret = settings.webhook_secret.get_secret_value()
        self.host = settings.webhook_listen
        self.port = settings.webhook_port
        self.bound_port: int | None = None
        self.listening = asyncio.Event()  # set once Telegram knows where to post

    async def run(self, app: Application) -> None:
        web_app = web.Application()
        # answered only after the update is handled: if the bot dies mid-way, Telegram
        # sends it again, and the processed-update log keeps that to exactly once
        _RequestHandler(
            dispatcher=app.dp,
            bot=app.bot,
            handle_in_background=False,
            secret_token=self.secret,
        ).register(web_app, path=self.path)
        runner = web.AppRunner(web_app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port)
        await site.start()
        self.bound_port = runner.addresses[0][1]  # the port bound, where WEBHOOK_PORT is 0
        try:
            await app.bot.set_webhook(
                self.url,
                secret_token=self.secret,
                drop_pending_updates=False,
                allowed_updates=app.dp.resolve_used_update_types(),
            )
            log.info("webhook mode: listening on %s:%d%s", self.host, self.bound_port, self.path)
            self.listening.set()
            await app.poller.stopping.wait()
        finally:
            await runner.cleanup()  # waits for requests in flight
