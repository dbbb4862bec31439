"""Composition: builds the Bot and the Dispatcher, for the entry point and the tests alike."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.fsm.storage.base import BaseEventIsolation
from aiogram.fsm.storage.memory import SimpleEventIsolation
from aiogram.utils.callback_answer import CallbackAnswerMiddleware

from bot.clock import Clock, SystemClock
from bot.i18n import Translator
from bot.middlewares import ProcessedUpdateMiddleware, UserContextMiddleware
from bot.response_models import KeepResponseModels
from bot.retry import RetryMiddleware
from bot.roadmap import Roadmap
from bot.session import FormSession
from bot.settings import Settings
from handlers import get_routers
from handlers.errors import on_error
from storage.fsm import SQLiteStorage
from storage.repository import Repository

if TYPE_CHECKING:  # the reminder service imports the app's modules itself
    from bot.outbox import Outbox
    from bot.reminder_service import ReminderService


def create_bot(token: str, api_base: str | None = None) -> Bot:
    """A Bot sending HTML by default, to Telegram or to the Bot API server at `api_base`."""
    session = FormSession(api=TelegramAPIServer.from_base(api_base)) if api_base else FormSession()
    session.middleware(KeepResponseModels())
    session.middleware(RetryMiddleware())
    return Bot(token, session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML))


def create_dispatcher(
    *,
    settings: Settings,
    repo: Repository,
    roadmap: Roadmap,
    translator: Translator | None = None,
    clock: Clock | None = None,
    events_isolation: BaseEventIsolation | None = None,
    reminders: ReminderService | None = None,
    outbox: Outbox | None = None,
) -> Dispatcher:
    dp = Dispatcher(
        storage=SQLiteStorage(repo),
        events_isolation=events_isolation or SimpleEventIsolation(),
        settings=settings,
        repo=repo,
        roadmap=roadmap,
        translator=translator or Translator(),
        clock=clock or SystemClock(),
        reminders=reminders,
        outbox=outbox,
    )
    dp.update.outer_middleware(ProcessedUpdateMiddleware(repo))
    user_context = UserContextMiddleware(repo, dp["translator"], settings.admin_ids)
    dp.message.outer_middleware(user_context)
    dp.callback_query.outer_middleware(user_context)
    dp.callback_query.middleware(CallbackAnswerMiddleware())
    dp.errors.register(on_error)
    dp.include_routers(*get_routers())
    return dp
