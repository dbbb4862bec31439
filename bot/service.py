"""Running the bot: open the database, sync the roadmap, poll until told to stop."""

from __future__ import annotations

import asyncio
import gc
import logging
import signal
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

from aiogram import Bot, Dispatcher
from aiogram.exceptions import TelegramNetworkError, TelegramServerError

from bot.app import create_bot, create_dispatcher
from bot.broadcast import Broadcaster
from bot.clock import Clock, SystemClock
from bot.commands import register_commands
from bot.i18n import Translator
from bot.outbox import Outbox
from bot.pacing import RateLimiter
from bot.polling import Poller
from bot.reminder_service import ReminderService
from bot.roadmap import Roadmap, load_roadmap
from bot.scheduler import ReminderScheduler
from bot.settings import Settings
from storage import Repository, open_database

log = logging.getLogger(__name__)

# Telegram keeps undelivered updates for 24 hours; a week of ids is a safe margin.
PROCESSED_UPDATES_KEPT = timedelta(days=7)

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


@dataclass(slots=True)
class RunningBot:
    bot: Bot
    dp: Dispatcher
    repo: Repository
    roadmap: Roadmap
    poller: Poller
    reminders: ReminderService
    outbox: Outbox


async def prepare(
    settings: Settings, token: str, *, api_base: str | None = None, clock: Clock | None = None
) -> RunningBot:
    """Everything up to the first poll: roadmap, database, bot, dispatcher."""
    clock = clock or SystemClock()
    roadmap = load_roadmap(settings.roadmap_path)
    db = await open_database(settings.database_path)
    try:
        repo = Repository(db, clock)
        log.info("%s", (await repo.sync_roadmap(roadmap)).summary())
        await repo.forget_processed_updates(PROCESSED_UPDATES_KEPT)
    except BaseException:
        await db.close()
        raise
    bot = create_bot(token, api_base if api_base is not None else settings.api_base)
    translator = Translator()
    limiter = RateLimiter(settings.send_rate)  # one budget for all the bot's broadcasting
    reminders = reminder_service(bot, repo, roadmap, settings, translator, clock, limiter)
    outbox = Outbox(bot, repo, limiter, clock)
    dp = create_dispatcher(
        settings=settings,
        repo=repo,
        roadmap=roadmap,
        translator=translator,
        clock=clock,
        reminders=reminders,
        outbox=outbox,
    )
    scheduler = ReminderScheduler(reminders)
    dp.startup.register(scheduler.start)
    dp.startup.register(outbox.start)
    dp.shutdown.register(scheduler.shutdown)
    dp.shutdown.register(outbox.stop)
    return RunningBot(
        bot=bot,
        dp=dp,
        repo=repo,
        roadmap=roadmap,
        poller=Poller(bot, dp),
        reminders=reminders,
        outbox=outbox,
    )


def reminder_service(
    bot: Bot,
    repo: Repository,
    roadmap: Roadmap,
    settings: Settings,
    translator: Translator,
    clock: Clock,
    limiter: RateLimiter | None = None,
) -> ReminderService:
    broadcaster = Broadcaster(bot, repo, limiter or RateLimiter(settings.send_rate))
    return ReminderService(repo, roadmap, settings, translator, clock, broadcaster)


async def _introduce(running: RunningBot) -> bool:
    """getMe (retried while Telegram is unreachable) and the command menu; False if stopped."""
    delay = 1.0
    while True:
        try:
            me = await running.bot.get_me()
            break
        except (TelegramNetworkError, TelegramServerError) as exc:
            log.warning("Telegram is not reachable (%s); retrying in %.0f s", exc, delay)
            if await running.poller.pause(delay):
                return False
            delay = min(delay * 2, 60.0)
    await register_commands(running.bot, running.dp["translator"], running.dp["settings"].admin_ids)
    log.info(
        "bot @%s is up: %d activities, %d departments, admins: %d, access: %s",
        me.username,
        len(running.roadmap.items),
        len(running.roadmap.departments),
        len(running.dp["settings"].admin_ids),
        running.dp["settings"].access_mode.value,
    )
    if not running.dp["settings"].admin_ids:
        log.warning("ADMIN_IDS is empty: nobody can approve coordinators or get reports")
    reason = running.reminders.inactive_reason(running.reminders.clock.now().date())
    if reason:
        log.warning("reminders are off: %s", reason)
    return True


async def _poll(running: RunningBot) -> None:
    # a webhook left from an earlier deployment would make getUpdates fail with 409
    await running.bot.delete_webhook(drop_pending_updates=False)
    await running.poller.run()


async def serve(
    running: RunningBot,
    on_ready: Callable[[], None] | None = None,
    receive: Callable[[RunningBot], Awaitable[None]] = _poll,
) -> None:
    """Receive updates (long polling by default) until stopped, then shut down in order."""
    try:
        if not await _introduce(running):
            return
        await running.dp.emit_startup(bot=running.bot, **running.dp.workflow_data)
        if on_ready:
            on_ready()
        try:
            await receive(running)
        finally:
            await running.dp.emit_shutdown(bot=running.bot, **running.dp.workflow_data)
    finally:
        await running.bot.session.close()
        await running.repo.db.close()
        log.info("stopped")


async def run_bot(settings: Settings) -> None:
    """Long polling, or a webhook server when WEBHOOK_URL is set; stops on SIGTERM/SIGINT."""
    running = await prepare(settings, settings.token())
    settle_heap()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, running.poller.stop)
    if settings.webhook_url is None:
        await serve(running)
    else:
        from bot.webhook import WebhookReceiver

        await serve(running, receive=WebhookReceiver(settings).run)
