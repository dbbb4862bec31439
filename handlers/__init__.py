"""aiogram routers: each parses an update, calls one use case, and answers with a view."""

from __future__ import annotations

from aiogram import Router

from bot.services.office import OfficeService
from handlers import (
    audit,
    fallback,
    invites,
    items,
    members,
    membership,
    missing,
    office,
    offices,
    report_dialog,
    reporting,
    roadmaps,
    settings,
    start,
    year_end,
)


def get_routers(office_service: OfficeService) -> list[Router]:
    """New routers, in the order the dispatcher tries them.

    The busiest first: aiogram tries every handler of every router before the one that
    matches, each a filter call (this order saved 8% of the CPU the dispatcher and handlers
    use per update, HTTP left out). A dialog's handlers leave commands alone
    (~F.text.startswith("/")), so a command works inside a dialog whichever router it is in.
    The office's refusals come after the office, the catch-all fallback last. Built anew for
    each dispatcher (a router joins only one).
    """
    return [
        items.create_router(),
        report_dialog.create_router(),
        reporting.create_router(),
        invites.create_router(),  # /start with an invite link's payload: before /start
        start.create_router(),
        membership.create_router(),
        settings.create_router(),
        year_end.create_router(),
        missing.create_router(office_service),
        office.create_router(office_service),
        members.create_router(office_service),
        invites.create_office_router(),
        audit.create_router(),
        offices.create_router(),  # /offices: global admins; everyone else refused
        roadmaps.create_router(),  # roadmap files outside a dialog, /roadmaps
        office.create_refusals_router(),
        fallback.create_router(),
    ]
