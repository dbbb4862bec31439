"""Running the bot: introduce it to Telegram, receive updates until told to stop, shut down
in order."""

from __future__ import annotations

import asyncio
import gc
import logging
import signal
from collections.abc import Awaitable, Callable

from aiogram.exceptions import TelegramNetworkError, TelegramServerError

from bot.composition import Application, prepare
from bot.settings import Settings
from bot.telegram.commands import register_commands

log = logging.getLogger(__name__)

# Young objects the garbage collector lets pile up before it looks (CPython's default: 700).
GC_YOUNG_THRESHOLD = 5000


def settle_heap() -> None:
    """Keep what start-up built out of the garbage collector's way.

    Importing aiogram and pydantic leaves about 250,000 objects that live as long as the
    process. Each full collection walked all of them: measured in bench/updates.py, 7 full
    collections cost 1.4 s of CPU during a burst of 3,000 updates, about a fifth of the bot's
    time. gc.freeze() moves them to a generation that is never collected (so those collections
    took 30-50 ms in all), and a higher young threshold halves the time spent on the young
    collections. Garbage made later is collected as before.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])


async def _introduce(app: Application) -> bool:
    """getMe (retried while Telegram is unreachable) and the command menu; False if stopped."""
    delay = 1.0
    while True:
        try:
            me = await app.bot.get_me()
            break
        except (TelegramNetworkError, TelegramServerError) as exc:
            log.warning("Telegram is not reachable (%s); retrying in %.0f s", exc, delay)
            if await app.poller.pause(delay):
                return False
            delay = min(delay * 2, 60.0)
    settings = app.settings
    await register_commands(app.bot, app.translator, settings.admin_ids)
    log.info(
        "bot @%s is up: %d activities, %d departments, admins: %d, access: %s",
        me.username,
        len(app.roadmap.items),
        len(app.roadmap.departments),
        len(settings.admin_ids),
        settings.access_mode.value,
    )
    if not settings.admin_ids:
        log.warning("ADMIN_IDS is empty: nobody can approve coordinators or get reports")
    reason = app.reminders.inactive_reason(app.clock.now().date())
    if reason:
        log.warning("reminders are off: %s", reason)
    return True


async def _poll(app: Application) -> None:
    # a webhook left from an earlier deployment would make getUpdates fail with 409
    await app.bot.delete_webhook(drop_pending_updates=False)
    await app.poller.run()


async def serve(
    app: Application,
    on_ready: Callable[[], None] | None = None,
    receive: Callable[[Application], Awaitable[None]] = _poll,
) -> None:
    """Receive updates (long polling by default) until stopped, then shut down in order."""
    try:
        if not await _introduce(app):
            return
        await app.dp.emit_startup(bot=app.bot, **app.dp.workflow_data)
        if on_ready:
            on_ready()
        try:
            await receive(app)
        finally:
            await app.dp.emit_shutdown(bot=app.bot, **app.dp.workflow_data)
    finally:
        await app.close()
        log.info("stopped")


async def run_bot(settings: Settings) -> None:
    """Long polling, or a webhook server when WEBHOOK_URL is set; stops on SIGTERM/SIGINT."""
    app = await prepare(settings, settings.token())
    settle_heap()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, app.poller.stop)
    if settings.webhook_url is None:
        await serve(app)
    else:
        from bot.telegram.webhook import WebhookReceiver

        await serve(app, receive=WebhookReceiver(settings).run)
