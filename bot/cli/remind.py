"""`python -m bot remind`: the scheduler's reminder run for one date, from the shell."""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.cli import CliError
from bot.composition import prepare
from bot.domain.calendar import DIGEST, OVERDUE, QUARTERLY, YEAR_END, Occasion, ReminderCalendar
from bot.domain.clock import Clock, SystemClock
from bot.logging_setup import redact_url
from bot.services.reminders import Outgoing, RunSummary
from bot.settings import Settings
from storage.db import is_postgres

OFFICE_ZONE = ZoneInfo("Europe/Moscow")
_TAG = re.compile(r"<[^>]+>")


def database_file(settings: Settings) -> str:
    """The database the run reads, as an absolute path (a PostgreSQL URL without its
    password); an error if there is none, since opening a missing file would create an empty
    database and find nobody to remind."""
    if is_postgres(settings.database):
        return redact_url(settings.database)
    given = Path(settings.database)
    path = given.absolute()
    if path.is_file() and path.stat().st_size > 0:
        return str(path)
    where = (
        f"; a relative path is read from the current folder ({Path.cwd()}), and cron starts "
        "in your home folder: cd to the bot's folder first, or give an absolute path"
        if not given.is_absolute()
        else ""
    )
    if path.is_dir():
        problem = "is a folder, not a database file"
    elif path.is_file():  # SQLite would take an empty file for a new database
        problem = "is an empty file, not the bot's database"
    else:
        problem = "does not exist"
    raise CliError(
        f"the database {path} {problem}. remind reads the bot's database and will not "
        f"create an empty one: give its path with --db PATH or DATABASE_PATH in .env{where}"
    )


async def run_remind(
    settings: Settings,
    token: str | None,
    day: date | None,
    *,
    dry_run: bool,
    clock: Clock | None = None,
) -> list[str]:
    """What a reminder run on `day` does (a dry run: would do), as lines to print."""
    path = database_file(settings)
    clock = clock or SystemClock()
    day = day or clock.now().astimezone(OFFICE_ZONE).date()
    app = await prepare(settings, token, clock=clock)
    try:
        service = app.reminders
        lines = [f"{day.isoformat()}{' (dry run)' if dry_run else ''}", f"database: {path}"]
        reason = service.inactive_reason(day)
        if reason:
            lines.append(f"note: {reason}")
        summary = await service.run(on_date=day, dry_run=dry_run)
        lines += calendar_lines(service.calendar, day, bool(summary.outgoing))
        if dry_run:
            lines += sample_lines(summary)
        lines += recipient_lines(summary) + summary_lines(summary)
        if dry_run:
            lines.append("dry run: no reminder was sent or recorded")
        return lines
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
    if summary.plan.superseded:
        lines.append(
            "superseded (owed two the same day, one gets only the most urgent): "
            f"{len(summary.plan.superseded)}"
        )
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


# --- what falls due when -----------------------------------------------------------------


def describe(occasion: Occasion) -> str:
    """An occasion in the words of the office's sysadmin."""
    year = occasion.period.label
    due = occasion.due.strftime("%d.%m.%Y") if occasion.due else ""
    if occasion.kind == QUARTERLY:
        return f"quarterly reminder for {year}"
    if occasion.kind == YEAR_END:
        return f"year-end round for {year} (coordinators confirm the annual report's texts)"
    if occasion.kind == OVERDUE:
        return f"overdue reminder for {year} (the annual report was due {due})"
    if occasion.kind == DIGEST:
        return f"the office's digest for {year} (to the admins)"
    if occasion.days_before_due is not None:
        return f"annual report reminder for {year}, {occasion.days_before_due} days before {due}"
    return f"{occasion.kind} {occasion.log_period}"


def next_occasions(calendar: ReminderCalendar, day: date) -> list[Occasion]:
    """The occasions of the first reminder date after `day`, within the calendar's years."""
    for year in range(max(day.year, calendar.first_year), calendar.last_year + 1):
        later = [o for o in calendar.occasions(year) if o.on > day]
        if later:
            return [o for o in later if o.on == later[0].on]
    return []


def calendar_lines(calendar: ReminderCalendar, day: date, sending: bool) -> list[str]:
    """What falls due on `day`; when nothing is to go out, when the next reminder falls."""
    today = [o for o in calendar.occasions(day.year) if o.on == day]
    if today:
        lines = [f"falls due on {day.isoformat()}: " + "; ".join(map(describe, today))]
    else:
        lines = [f"no reminder falls due on {day.isoformat()}"]
    if sending:
        return lines
    if today:
        lines.append("nobody is to get it: everyone has reported, is paused, or has it already")
    upcoming = next_occasions(calendar, day)
    if upcoming:
        on = upcoming[0].on.isoformat()
        lines.append(f"next reminder: {on}: " + "; ".join(map(describe, upcoming)))
    else:
        lines.append(
            f"no reminder falls due after {day.isoformat()} within the roadmaps' years "
            f"({calendar.first_year}-{calendar.last_year}; /roadmaps in the bot extends them)"
        )
    return lines


# --- the messages as their recipients read them ------------------------------------------


def plain_text(text: str) -> str:
    """A message's HTML as it reads on screen: tags dropped, entities turned back."""
    return html.unescape(_TAG.sub("", text))


def button_lines(markup: object) -> list[str]:
    rows = getattr(markup, "inline_keyboard", None) or []
    return ["  ".join(f"[ {button.text} ]" for button in row) for row in rows]


def _recipients(summary: RunSummary) -> dict[tuple[str, str], dict[str, list[Outgoing]]]:
    """The messages not sent before, by (kind, period) and then by language."""
    locales = {
        (r.user_id, r.occasion.kind, r.occasion.log_period): r.locale
        for r in summary.plan.reminders
    }
    grouped: dict[tuple[str, str], dict[str, list[Outgoing]]] = {}
    for message in summary.outgoing:
        locale = locales.get((message.user_id, message.kind, message.period), "?")
        by_locale = grouped.setdefault((message.kind, message.period), {})
        by_locale.setdefault(locale, []).append(message)
    return grouped


def sample_lines(summary: RunSummary) -> list[str]:
    """One message per kind and language, as its recipient will read it."""
    lines: list[str] = []
    for (kind, period), by_locale in sorted(_recipients(summary).items()):
        for locale, messages in sorted(by_locale.items()):
            first = messages[0]
            name = summary.names.get(first.user_id, "")
            who = f"{name} ({first.user_id})" if name else str(first.user_id)
            others = f", one of {len(messages)}" if len(messages) > 1 else ""
            lines += ["", f"=== {kind} {period}, {locale}: the message to {who}{others} ==="]
            lines += plain_text(first.text).splitlines() + button_lines(first.markup)
    if lines:
        lines.append("")
    return lines


def recipient_lines(summary: RunSummary) -> list[str]:
    """How many get each kind (not counting those who have it already), by language."""
    parts = []
    for (kind, period), by_locale in sorted(_recipients(summary).items()):
        total = sum(map(len, by_locale.values()))
        split = ", ".join(f"{loc} {len(msgs)}" for loc, msgs in sorted(by_locale.items()))
        parts.append(f"{kind} {period}: {total} ({split})")
    return [f"recipients: {'; '.join(parts) or 'none'}"]
