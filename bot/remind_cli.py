"""`python -m bot remind`: the scheduler's reminder run for one date, from the shell."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from bot.clock import SystemClock
from bot.i18n import Translator
from bot.reminder_service import ReminderService
from bot.roadmap import load_roadmap
from bot.settings import Settings
from storage import Repository, open_database

OFFICE_ZONE = ZoneInfo("Europe/Moscow")


async def run_remind(
    settings: Settings, token: str | None, day: date | None, *, dry_run: bool
) -> list[str]:
    from bot.app import create_bot
    from bot.service import reminder_service

    roadmap = load_roadmap(settings.roadmap_path)
    db = await open_database(settings.database_path)
    clock = SystemClock()
    day = day or clock.now().astimezone(OFFICE_ZONE).date()
    bot = create_bot(token, settings.api_base) if token else None
    try:
        repo = Repository(db, clock)
        await repo.sync_roadmap(roadmap)
        translator = Translator()
        if bot is None:
            service = ReminderService(repo, roadmap, settings, translator, clock, None)
        else:
            service = reminder_service(bot, repo, roadmap, settings, translator, clock)
        lines = [f"{day.isoformat()}{' (dry run)' if dry_run else ''}"]
        reason = service.inactive_reason(day)
        if reason:
            lines.append(f"note: {reason}")
        summary = await service.run(on_date=day, dry_run=dry_run)
        return lines + summary.lines()
    finally:
        if bot is not None:
            await bot.session.close()
        await db.close()
