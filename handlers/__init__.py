"""aiogram routers of the bot, in the order the dispatcher tries them."""

from __future__ import annotations

from aiogram import Router

from handlers import admin, common, fallback, items, report, subscribe, user_settings


def get_routers() -> list[Router]:
    # commands first, so they work inside a dialog; the catch-all fallback last
    routers = [
        common.router,
        subscribe.router,
        items.router,
        report.router,
        user_settings.router,
        admin.router,
        fallback.router,
    ]
    for router in routers:
        # Module-level routers remember the dispatcher they joined; each test (and the
        # sandbox) builds a new dispatcher, so release them from the previous one.
        router._parent_router = None
    return routers
