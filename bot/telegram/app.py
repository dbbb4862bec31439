"""The Bot and the Dispatcher, built from the use cases by the composition root."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage
from aiogram.utils.callback_answer import CallbackAnswerMiddleware

from bot.domain.catalog import Catalog
from bot.i18n import Translator
from bot.services.ports import DialogStore, ProcessedUpdates
from bot.telegram.dialog_storage import DatabaseStorage
from bot.telegram.isolation import ReleasingIsolation
from bot.telegram.middlewares import (
    AnsweringMiddleware,
    ProcessedUpdateMiddleware,
    UserContextMiddleware,
)
from bot.telegram.response_models import KeepResponseModels
from bot.telegram.retry import ReplyDeferral, RetryMiddleware
from bot.telegram.session import FormSession
from handlers import get_routers
from handlers.errors import on_error

if TYPE_CHECKING:
    from bot.composition import Services


def create_bot(
    token: str, api_base: str | None = None, deferral: ReplyDeferral | None = None
) -> Bot:
    """A Bot sending HTML by default, to Telegram or to the Bot API server at `api_base`;
    with `deferral`, a reply to a chat flood-waited for long goes to the outbox."""
    session = FormSession(api=TelegramAPIServer.from_base(api_base)) if api_base else FormSession()
    session.middleware(KeepResponseModels())
    session.middleware(RetryMiddleware(deferral))
    return Bot(token, session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML))


class DispatcherStore(DialogStore, ProcessedUpdates, Protocol):
    """What the dispatcher keeps in the database: dialogs, and the updates it handled."""


def create_dispatcher(
    *,
    services: Services,
    roadmap: Catalog,
    translator: Translator,
    store: DispatcherStore,
    events_isolation: BaseEventIsolation | None = None,
    storage: BaseStorage | None = None,
) -> Dispatcher:
    """Handlers get the use cases by name (`items`, `reporting`, ...), and per update the
    sender's `viewer`, `profile`, `ui` and `t` from the middleware. Dialogs are kept in the
    database unless `storage` says where (Redis, shared by several replicas)."""
    dp = Dispatcher(
        storage=storage or DatabaseStorage(store),
        events_isolation=events_isolation or ReleasingIsolation(),
        roadmap=roadmap,
        translator=translator,
        people=services.people,
        items=services.items,
        no_change=services.no_change,
        reporting=services.reporting,
        membership=services.membership,
        invites=services.invites,
        office=services.office,
        audit_trail=services.audit,
        annual=services.annual,
        year_end=services.year_end,
        reminders=services.reminders,
        roadmaps=services.roadmaps,
        offices=services.offices,
    )
    dp.update.outer_middleware(AnsweringMiddleware())
    dp.update.outer_middleware(ProcessedUpdateMiddleware(store))
    user_context = UserContextMiddleware(services.people, translator, roadmap)
    dp.message.outer_middleware(user_context)
    dp.callback_query.outer_middleware(user_context)
    dp.callback_query.middleware(CallbackAnswerMiddleware())
    dp.errors.register(on_error)
    dp.include_routers(*get_routers(services.office))
    return dp
