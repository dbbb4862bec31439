"""`python -m bot remind`: the scheduler's reminder run for one date, from the shell."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from bot.composition import prepare
from bot.domain.clock import SystemClock
from bot.services.reminders import RunSummary
from bot.settings import Settings

OFFICE_ZONE = ZoneInfo("Europe/Moscow")


async def run_remind(
    settings: Settings, token: str | None, day: date | None, *, dry_run: bool
) -> list[str]:
    """What a reminder run on `day` does (a dry run: would do), as lines to print."""
    day = day or SystemClock().now().astimezone(OFFICE_ZONE).date()
    app = await prepare(settings, token)
    try:
        service = app.reminders
        lines = [f"{day.isoformat()}{' (dry run)' if dry_run else ''}"]
        reason = service.inactive_reason(day)
        if reason:
            lines.append(f"note: {reason}")
        summary = await service.run(on_date=day, dry_run=dry_run)
        return lines + summary_lines(summary)
    finally:
        await app.close()


def summary_lines(summary: RunSummary) -> list[str]:
    kinds: dict[str, int] = {}
    for reminder in summary.plan.reminders:
        key = f"{reminder.occasion.kind} {reminder.occasion.log_period}"
        kinds[key] = kinds.get(key, 0) + 1
    lines = [
        f"reminders due: {len(summary.plan.reminders)}"
        + (f" ({', '.join(f'{k}: {n}' for k, n in sorted(kinds.items()))})" if kinds else ""),
        f"already sent before: {summary.already}",
        f"dropped (fell due more than the grace window ago): {len(summary.plan.dropped)}",
    ]
    lines += [f"skipped ({reason}): {n}" for reason, n in sorted(summary.plan.skipped.items())]
    if summary.result is not None:
        counts = sorted(summary.result.counts.items())
        lines.append("sent: " + (", ".join(f"{k} {n}" for k, n in counts) or "none"))
    for reminder in summary.plan.reminders:
        name = summary.names.get(reminder.user_id, "")
        lines.append(
            f"  {reminder.user_id} {name}: {reminder.occasion.kind} "
            f"{reminder.occasion.log_period}: {', '.join(reminder.items)}"
        )
    return lines
