"""Steps the coordinator scenarios share: joining a department, getting approved."""

from __future__ import annotations

from bot.sandbox.emulator.client import BotClient
from tests.conftest import ADMIN_ID
from tests.e2e.live import LiveBot

CULTURE_SPB = "Комитет по культуре"
CULTURE_TOMSK = "Департамент по культуре"


async def request_department(user: BotClient, party: str, department: str) -> None:
    """/subscribe, pick the side, page until the department shows, tap it."""
    await user.send("/subscribe")
    await user.click(party)
    for _ in range(5):
        listing = user.last_with_buttons()
        if any(department in b["text"] for b in listing.buttons()):
            await user.click(department, listing)
            return
        await user.click("▶️", listing)
    raise AssertionError(f"{department} not found in the list")


async def admin_ready(live: LiveBot) -> BotClient:
    """The admin has opened the bot (Telegram lets a bot write only to such users)."""
    admin = live.user(ADMIN_ID, "Ольга", "ru")
    if not live.emulator.user_messages.get((ADMIN_ID, 1)):
        await admin.send("/start")
    return admin


async def approve_last_request(live: LiveBot) -> None:
    admin = await admin_ready(live)
    request = admin.last_with_buttons()
    assert request.text.startswith("🆕")
    await admin.click("Одобрить", request)


async def coordinator(
    live: LiveBot,
    user_id: int,
    party: str,
    department: str,
    name: str = "Анна",
    language: str = "ru",
) -> BotClient:
    await admin_ready(live)
    user = live.user(user_id, name, language)
    await request_department(user, party, department)
    await approve_last_request(live)
    return user
