"""/audit: the office's trail of changes, in sentences, filtered and paged; global admins
see all of it, a roadmap's office members the changes about their roadmaps' departments (the
office's refusals router answers everyone else)."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message

from bot.domain.scope import Scope
from bot.services.audit import AuditService
from bot.telegram.callbacks import AuditCD, fit_filter
from bot.telegram.filters import InOffice
from bot.telegram.replies import AnyMessage, answer, show
from bot.telegram.views import Ui
from bot.telegram.views import audit as views


def create_router() -> Router:
    router = Router(name=__name__)
    for observer in (router.message, router.callback_query):
        observer.filter(InOffice())
    router.message.register(audit, Command("audit"))
    router.callback_query.register(audit_page, AuditCD.filter())
    return router


async def audit(
    message: Message, command: CommandObject, ui: Ui, audit_trail: AuditService, scope: Scope
) -> None:
    """`/audit`, `/audit культур`, `/audit @anna`: the newest changes (that concern them)."""
    page = await audit_trail.page(fit_filter(command.args), scope=scope)
    await answer(message, views.trail(ui, page))


async def audit_page(
    _: CallbackQuery,
    reply_to: AnyMessage,
    callback_data: AuditCD,
    ui: Ui,
    audit_trail: AuditService,
    scope: Scope,
) -> None:
    """Earlier or later changes, in place of the page shown."""
    page = await audit_trail.page(fit_filter(callback_data.q), callback_data.page, scope)
    await show(reply_to, views.trail(ui, page), edit=True)
