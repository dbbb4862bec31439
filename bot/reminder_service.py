"""Works out the reminders due now (or on a date) and sends them through the broadcaster."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot import keyboards
from bot.access import DEFAULT_ZONE, user_zone
from bot.broadcast import CLAIM_LEASE, Broadcaster, BroadcastResult, Outgoing
from bot.clock import Clock
from bot.i18n import Translator, pick_locale
from bot.reminders import (
    CalendarRules,
    Coordinator,
    Occasion,
    Plan,
    Reminder,
    ReminderCalendar,
    Reported,
    plan_reminders,
)
from bot.roadmap import Roadmap
from bot.settings import Settings
from bot.views import item_lines, split_blocks
from storage.repository import Repository

log = logging.getLogger(__name__)

# Reminders missed by more than the grace window are logged as dropped if they fell due
# within this much before it; older ones predate anything an operator would look into.
DROP_LOOKBACK = timedelta(days=31)


def calendar_for(settings: Settings, roadmap: Roadmap) -> ReminderCalendar:
    month, day = (int(x) for x in settings.annual_report_due.split("-"))
    rules = CalendarRules(
        quarter_days=settings.quarter_reminder_days,
        hour=settings.reminder_hour,
        annual_due=(month, day),
        annual_days=tuple(settings.annual_reminder_days),
        grace=timedelta(days=settings.reminder_grace_days),
    )
    last = max(roadmap.period.end, settings.roadmap_active_until or roadmap.period.end)
    return ReminderCalendar(rules, roadmap.period.start, last)


@dataclass(slots=True)
class RunSummary:
    plan: Plan
    outgoing: list[Outgoing]
    already: int = 0
    result: BroadcastResult | None = None
    planning_seconds: float = 0.0
    names: dict[int, str] = field(default_factory=dict)

    def lines(self) -> list[str]:
        kinds: dict[str, int] = {}
        for reminder in self.plan.reminders:
            key = f"{reminder.occasion.kind} {reminder.occasion.period}"
            kinds[key] = kinds.get(key, 0) + 1
        head = [
            f"reminders due: {len(self.plan.reminders)}"
            + (f" ({', '.join(f'{k}: {n}' for k, n in sorted(kinds.items()))})" if kinds else ""),
            f"already sent before: {self.already}",
            f"dropped (fell due more than the grace window ago): {len(self.plan.dropped)}",
        ]
        head += [f"skipped ({reason}): {n}" for reason, n in sorted(self.plan.skipped.items())]
        if self.result is not None:
            head.append(
                "sent: " + ", ".join(f"{k} {n}" for k, n in sorted(self.result.counts.items()))
                or "none"
            )
        for reminder in self.plan.reminders:
            name = self.names.get(reminder.user_id, "")
            head.append(
                f"  {reminder.user_id} {name}: {reminder.occasion.kind} "
                f"{reminder.occasion.period}: {', '.join(reminder.items)}"
            )
        return head


class ReminderService:
    def __init__(
        self,
        repo: Repository,
        roadmap: Roadmap,
        settings: Settings,
        translator: Translator,
        clock: Clock,
        broadcaster: Broadcaster | None,
    ) -> None:
        self.repo = repo
        self.roadmap = roadmap
        self.settings = settings
        self.translator = translator
        self.clock = clock
        self.broadcaster = broadcaster
        self.calendar = calendar_for(settings, roadmap)

    def inactive_reason(self, day: date) -> str | None:
        """Why no reminders go out on this day, or None while the roadmap runs."""
        if self.calendar.is_active(day):
            return None
        return (
            f"the roadmap runs {self.calendar.first_year}-{self.calendar.last_year}; "
            "set ROADMAP_ACTIVE_UNTIL if it was prolonged"
        )

    async def run(self, *, on_date: date | None = None, dry_run: bool = False) -> RunSummary:
        started = time.perf_counter()
        now = self.clock.now()
        plan = await self._plan(now, on_date)
        outgoing = self._messages(plan.reminders)
        logged = await self.repo.logged_reminders(CLAIM_LEASE)
        fresh = [o for o in outgoing if (o.user_id, o.kind, o.period) not in logged]
        summary = RunSummary(
            plan=plan,
            outgoing=fresh,
            already=len(outgoing) - len(fresh),
            planning_seconds=time.perf_counter() - started,
        )
        if dry_run:
            people = await self.repo.people(sorted({r.user_id for r in plan.reminders}))
            summary.names = {uid: p.display_name for uid, p in people.items()}
            return summary
        for reminder in plan.dropped:
            occasion = reminder.occasion
            if await self.repo.record_dropped(
                reminder.user_id,
                occasion.kind,
                occasion.period,
                "fell due more than the grace window ago",
            ):
                log.info(
                    "dropped %s %s for user %d: fell due on %s, outside the grace window",
                    occasion.kind,
                    occasion.period,
                    reminder.user_id,
                    occasion.on,
                )
        if fresh:
            if self.broadcaster is None:
                raise RuntimeError("reminders can only be sent with a bot to send them")
            summary.result = await self.broadcaster.send_all(fresh)
            log.info("reminders: %s", summary.result.counts)
        return summary

    async def _plan(self, now: datetime, on_date: date | None) -> Plan:
        grace = self.calendar.rules.grace
        hour = self.calendar.rules.hour

        def selects(occasion: Occasion, zone: ZoneInfo) -> str | None:
            if on_date is not None:
                return "send" if occasion.on == on_date else None
            fire = occasion.fire_at(zone, hour)
            if fire > now or now - fire > grace + DROP_LOOKBACK:
                return None  # not yet, or long before any downtime worth reporting
            return "send" if now - fire <= grace else "drop"

        day = on_date or now.date()
        since = datetime(day.year - 1, 1, 1, tzinfo=ZoneInfo("UTC")) - timedelta(days=1)
        reported = Reported(await self.repo.update_moments(since))
        audience = await self.repo.reminder_audience()
        coordinators = [
            Coordinator(
                person.id,
                pick_locale(person.language, person.telegram_language),
                user_zone(self.roadmap, person.timezone, deps),
                tuple(deps),
                person.reminders_paused_until,
                person.unreachable,
            )
            for person, deps in audience
        ]
        plan = plan_reminders(self.roadmap, self.calendar, coordinators, reported, selects, day)
        await self._plan_digests(plan, reported, selects, day)
        return plan

    async def _plan_digests(self, plan: Plan, reported: Reported, selects, day: date) -> None:
        """After the yearly due date every admin gets the list of who has not reported."""
        people = await self.repo.people(list(self.settings.admin_ids))
        for admin_id in self.settings.admin_ids:
            person = people.get(admin_id)
            if person is None:
                continue  # never opened the bot: Telegram would not deliver
            zone = ZoneInfo(person.timezone or DEFAULT_ZONE)
            for occasion in self.calendar.around(day):
                if occasion.kind != "digest" or selects(occasion, zone) != "send":
                    continue
                missing = [
                    item.code
                    for item in self.roadmap.items
                    if not all(
                        any(reported.within(item.code, dep, occasion.covers, zone) for dep in deps)
                        for deps in item.executors.values()
                        if deps
                    )
                ]
                plan.reminders.append(
                    Reminder(
                        admin_id,
                        pick_locale(person.language, person.telegram_language),
                        occasion,
                        missing,
                    )
                )

    def _messages(self, reminders: list[Reminder]) -> list[Outgoing]:
        """Texts and keyboards, built once for everyone with the same language and items."""
        built: dict[tuple, Outgoing] = {}
        outgoing = []
        for reminder in reminders:
            occasion = reminder.occasion
            key = (reminder.locale, occasion.kind, occasion.period, tuple(reminder.items))
            if key not in built:
                built[key] = self._message(reminder)
            template = built[key]
            outgoing.append(
                Outgoing(
                    reminder.user_id, occasion.kind, occasion.period, template.text, template.markup
                )
            )
        return outgoing

    def _message(self, reminder: Reminder) -> Outgoing:
        t = self.translator.for_locale(reminder.locale)
        occasion = reminder.occasion
        due = occasion.due.strftime("%d.%m.%Y") if occasion.due else ""
        if occasion.kind == "quarterly":
            year, quarter = occasion.period.split("-Q")
            head = t(
                "remind-quarterly",
                quarter=t("quarter", quarter=int(quarter), year=year),
                end=occasion.covers[1].strftime("%d.%m.%Y"),
            )
        elif occasion.kind.startswith("annual-"):
            head = t(
                "remind-annual",
                year=occasion.period,
                due=due,
                days=int(occasion.kind.split("-")[1]),
            )
        elif occasion.kind == "overdue":
            head = t("remind-overdue", year=occasion.period, due=due)
        else:
            return self._digest(reminder, t, due)
        lines = item_lines(self.roadmap, reminder.items)
        text = split_blocks([head, "\n".join(lines), t("remind-footer")])[0]
        return Outgoing(
            reminder.user_id,
            occasion.kind,
            occasion.period,
            text,
            keyboards.report_buttons(reminder.items),
        )

    def _digest(self, reminder: Reminder, t, due: str) -> Outgoing:
        occasion = reminder.occasion
        if not reminder.items:
            text = t("digest-complete", year=occasion.period)
        else:
            lines = item_lines(self.roadmap, reminder.items, width=50)
            text = split_blocks(
                [
                    t("digest-head", year=occasion.period, due=due, count=len(reminder.items)),
                    "\n".join(lines),
                    t("digest-footer"),
                ]
            )[0]
        return Outgoing(reminder.user_id, occasion.kind, occasion.period, text)
