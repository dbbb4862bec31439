"""aiogram routers of the bot, in the order the dispatcher tries them."""

from __future__ import annotations

from aiogram import Router

from handlers import common, fallback


def get_routers() -> list[Router]:
    routers = [common.router, fallback.router]  # the catch-all fallback must stay last
    for router in routers:
        # Module-level routers remember the dispatcher they joined; each test (and the
        # sandbox) builds a new dispatcher, so release them from the previous one.
        router._parent_router = None
    return routers
