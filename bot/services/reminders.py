"""Reminders: plan who is owed which reminder now (or on a date) and send each exactly once;
the office's nudge goes through the same planner and the same rules."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from bot.domain.access import DEFAULT_ZONE, user_zone
from bot.domain.calendar import (
    DIGEST,
    NUDGE,
    CalendarRules,
    Occasion,
    ReminderCalendar,
    nudge_key,
    nudges_on,
)
from bot.domain.catalog import Catalog
from bot.domain.clock import Clock
from bot.domain.periods import Period, Quarter, parse_period
from bot.domain.planner import (
    DROP,
    SEND,
    Coordinator,
    Plan,
    Reminder,
    Reported,
    Selects,
    plan_reminders,
)
from bot.domain.progress import Gap, find_year_gaps
from bot.domain.scope import Scope, effective
from bot.domain.scope import within as scoped
from bot.services.ports import Memberships, People, ReminderLog, StatusReports, YearTexts

log = logging.getLogger(__name__)

# Reminders missed by more than the grace window are logged as dropped if they fell due
# within this much before it; older ones predate anything an operator would look into.
DROP_LOOKBACK = timedelta(days=31)
# A claim older than this was left by a run that died: another run may take it over.
CLAIM_LEASE = timedelta(minutes=10)


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One reminder to send: its log key (user, kind, period), its text and buttons."""

    user_id: int
    kind: str
    period: str
    text: str
    markup: object | None = None  # the Telegram layer's keyboard, opaque here


@dataclass(slots=True)
class NudgePlan:
    """Who a nudge reminds of what, before it is sent."""

    period: Period
    department: str | None  # None: every department with someone to remind
    reminders: list[Reminder]  # to send: one per person, their owed activities
    already: int  # reminded today for this period already: not again
    skipped: dict[str, int]  # paused, unreachable -> people
    names: dict[int, str]
    key: str = ""  # the reminder log's period for it: a day's, and the department's


@dataclass(slots=True)
class BroadcastResult:
    counts: dict[str, int] = field(default_factory=dict)  # sent, blocked, already, ...
    retry_after: int = 0  # 429 answers received

    def add(self, key: str) -> None:
        self.counts[key] = self.counts.get(key, 0) + 1


class ReminderTexts(Protocol):
    def reminder(
        self, locale: str, occasion: Occasion, items: list[str], carryable: int = 0
    ) -> tuple[str, object]: ...

    def digest(
        self, locale: str, occasion: Occasion, gaps: list[Gap]
    ) -> tuple[str, object | None]: ...


class Broadcast(Protocol):
    """Sends many messages paced under Telegram's limits, each claimed in the reminder log
    first so that it goes out at most once."""

    async def send_all(self, messages: Sequence[Outgoing]) -> BroadcastResult: ...


@dataclass(slots=True)
class RunSummary:
    plan: Plan
    outgoing: list[Outgoing]
    already: int = 0
    result: BroadcastResult | None = None
    planning_seconds: float = 0.0
    names: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CalendarSettings:
    """The reporting calendar's settings (QUARTER_REMINDER_DAYS, REMINDER_HOUR, ...)."""

    rules: CalendarRules


class ReminderService:
    def __init__(
        self,
        roadmap: Catalog,
        calendar: CalendarSettings,
        reports: StatusReports,
        memberships: Memberships,
        people: People,
        reminder_log: ReminderLog,
        texts: ReminderTexts,
        clock: Clock,
        admin_ids: Sequence[int],
        broadcaster: Broadcast | None = None,
        year_texts: YearTexts | None = None,
    ) -> None:
        self.roadmap = roadmap
        self.reports = reports
        self.memberships = memberships
        self.people = people
        self.reminder_log = reminder_log
        self.texts = texts
        self.clock = clock
        self.admin_ids = tuple(admin_ids)
        self.broadcaster = broadcaster
        self.year_texts = year_texts
        self.rules = calendar.rules
        self._calendar: tuple[int, ReminderCalendar] | None = None
        self._background: set[asyncio.Task] = set()
        self._nudging: set[str] = set()  # nudges being sent now, by their key

    @property
    def calendar(self) -> ReminderCalendar:
        """The calendar over every roadmap's years, rebuilt when the office loads one."""
        if self._calendar is None or self._calendar[0] != self.roadmap.version:
            years = self.roadmap.years
            self._calendar = (
                self.roadmap.version,
                ReminderCalendar(self.rules, years.start, years.end),
            )
        return self._calendar[1]

    def inactive_reason(self, day: date) -> str | None:
        """Why no reminders go out on this day, or None while the roadmap runs."""
        if self.calendar.is_active(day):
            return None
        return (
            f"the roadmaps run {self.calendar.first_year}-{self.calendar.last_year}; "
            "an admin can prolong one with /roadmaps (or ROADMAP_ACTIVE_UNTIL for the first)"
        )

    def inactive_years(self) -> tuple[int, int] | None:
        """The years reminders run in, if today is outside them."""
        if self.inactive_reason(self.clock.now().date()) is None:
            return None
        return self.calendar.first_year, self.calendar.last_year

    # --- the scheduled run -----------------------------------------------------------------

    async def run(self, *, on_date: date | None = None, dry_run: bool = False) -> RunSummary:
        """The reminders due now (or on a date, as `python -m bot remind` asks), sent once."""
        started = time.perf_counter()
        plan, digests = await self._plan(self.clock.now(), on_date)
        outgoing = self._messages(plan.reminders, digests)
        logged = await self.reminder_log.logged_reminders(CLAIM_LEASE)
        fresh = [o for o in outgoing if (o.user_id, o.kind, o.period) not in logged]
        summary = RunSummary(
            plan=plan,
            outgoing=fresh,
            already=len(outgoing) - len(fresh),
            planning_seconds=time.perf_counter() - started,
        )
        if dry_run:
            people = await self.people.people(sorted({r.user_id for r in plan.reminders}))
            summary.names = {uid: p.display_name for uid, p in people.items()}
            return summary
        await self._log_dropped(plan.dropped)
        if fresh:
            summary.result = await self._broadcast(fresh)
            log.info("reminders: %s", summary.result.counts)
        return summary

    async def _log_dropped(self, dropped: list[Reminder]) -> None:
        for reminder in dropped:
            occasion = reminder.occasion
            if await self.reminder_log.record_dropped(
                reminder.user_id,
                occasion.kind,
                occasion.log_period,
                "fell due more than the grace window ago",
            ):
                log.info(
                    "dropped %s %s for user %d: fell due on %s, outside the grace window",
                    occasion.kind,
                    occasion.log_period,
                    reminder.user_id,
                    occasion.on,
                )

    async def _broadcast(self, messages: list[Outgoing]) -> BroadcastResult:
        if self.broadcaster is None:
            raise RuntimeError("reminders can only be sent with a bot to send them")
        return await self.broadcaster.send_all(messages)

    def _selects(self, now: datetime, on_date: date | None) -> Selects:
        grace, hour = self.calendar.rules.grace, self.calendar.rules.hour

        def selects(occasion: Occasion, zone: ZoneInfo) -> str | None:
            if on_date is not None:
                return SEND if occasion.on == on_date else None
            fire = occasion.fire_at(zone, hour)
            if fire > now or now - fire > grace + DROP_LOOKBACK:
                return None  # not yet, or long before any downtime worth reporting
            return SEND if now - fire <= grace else DROP

        return selects

    async def _plan(self, now: datetime, on_date: date | None) -> tuple[Plan, dict[int, list[Gap]]]:
        """The reminders due, and for the office's digests who owes what, by year."""
        day = on_date or now.date()
        selects = self._selects(now, on_date)
        reported = await self._reported_since(date(day.year - 1, 1, 1))
        occasions = [o for o in self.calendar.around(day) if o.kind != DIGEST]
        plan = plan_reminders(
            self.roadmap, occasions, await self._coordinators(), reported, selects
        )
        digests = await self._plan_digests(plan, selects, day)
        return plan, digests

    async def _reported_since(self, day: date) -> Reported:
        since = datetime.combine(day, datetime.min.time(), tzinfo=ZoneInfo("UTC"))
        moments = await self.reports.report_moments(since - timedelta(days=1))
        latest = await self.reports.latest_by_department()
        confirmed: list[tuple[str, str, int]] = []
        if self.year_texts is not None:  # the years whose texts a reminder may be about
            for year in range(day.year, self.clock.now().year + 1):
                texts = await self.year_texts.year_texts(year)
                confirmed += [(item, dep, year) for item, dep in texts]
        statuses = {key: report.status for key, report in latest.items()}
        return Reported(moments, statuses, confirmed)

    async def _coordinators(self) -> list[Coordinator]:
        return [
            Coordinator(
                person.id,
                person.locale,
                user_zone(self.roadmap, person.timezone, deps),
                tuple(deps),
                person.reminders_paused_until,
                person.unreachable,
            )
            for person, deps in await self.memberships.reminder_audience()
        ]

    async def _plan_digests(self, plan: Plan, selects: Selects, day: date) -> dict[int, list[Gap]]:
        """After the yearly due date every admin gets who has not confirmed their year-end
        texts, by department (the first page of `/missing <year>`)."""
        people = await self.people.people(list(self.admin_ids))
        gaps: dict[int, list[Gap]] = {}
        for admin_id in self.admin_ids:
            person = people.get(admin_id)
            if person is None:
                continue  # never opened the bot: Telegram would not deliver
            zone = ZoneInfo(person.timezone or DEFAULT_ZONE)
            for occasion in self.calendar.around(day):
                if occasion.kind != DIGEST or selects(occasion, zone) != SEND:
                    continue
                year = occasion.period.first.year
                if year not in gaps:
                    gaps[year] = await self._year_gaps(year)
                owed = sorted({code for gap in gaps[year] for code in gap.items})
                plan.reminders.append(Reminder(admin_id, person.locale, occasion, owed))
        return gaps

    async def _year_gaps(self, year: int) -> list[Gap]:
        texts = await self.year_texts.year_texts(year) if self.year_texts is not None else {}
        coordinators = await self.memberships.coordinators([d.id for d in self.roadmap.departments])
        return find_year_gaps(self.roadmap, texts, coordinators, year)

    def _messages(
        self, reminders: list[Reminder], digests: dict[int, list[Gap]] | None = None
    ) -> list[Outgoing]:
        """Texts and keyboards, built once for everyone with the same language and items."""
        built: dict[tuple, tuple[str, object | None]] = {}
        outgoing = []
        for reminder in reminders:
            occasion = reminder.occasion
            key = (reminder.locale, occasion, tuple(reminder.items), reminder.carryable)
            if key not in built:
                if occasion.kind == DIGEST:
                    gaps = (digests or {}).get(occasion.period.first.year, [])
                    built[key] = self.texts.digest(reminder.locale, occasion, gaps)
                else:
                    built[key] = self.texts.reminder(
                        reminder.locale, occasion, reminder.items, reminder.carryable
                    )
            text, markup = built[key]
            outgoing.append(
                Outgoing(reminder.user_id, occasion.kind, occasion.log_period, text, markup)
            )
        return outgoing

    # --- the office's nudge ----------------------------------------------------------------

    def nudge_period(self, label: str) -> Period | None:
        """The period a nudge button names, if the office may still nudge for it: this
        quarter (a stale preview from the last one is not sent), or one of the roadmap's
        years (their year-end texts)."""
        try:
            period = parse_period(label)
        except ValueError:
            return None
        if isinstance(period, Quarter):
            today = self.clock.now().astimezone(ZoneInfo(DEFAULT_ZONE)).date()
            return period if period == Quarter.of(today) else None
        return period if period.first.year in self.calendar.years() else None

    async def nudge_plan(
        self, period: Period, department: str | None = None, roadmaps: Scope = None
    ) -> NudgePlan | None:
        """Who a nudge would remind now of what they owe for `period` (everyone, or the
        coordinators of one department about its activities): the office's preview.
        `roadmaps`: a roadmap office's own (bot/domain/scope.py), whose departments and
        activities alone the nudge is about.

        The same planner and rules as the scheduled reminders: the paused and unreachable are
        skipped. One nudge a day per person, period, department and office: who got one
        today (for this department, or for all; from this office, or a global admin) is
        counted, not reminded again; another office's nudge, about its own roadmaps, does
        not count. None for a department the roadmap does not have.
        """
        roadmaps = effective(self.roadmap, roadmaps)
        within = None if roadmaps is None else scoped(self.roadmap, roadmaps)
        roadmap = within or self.roadmap
        if department is not None and roadmap.department(department) is None:
            return None
        today = self.clock.now().astimezone(ZoneInfo(DEFAULT_ZONE)).date()
        occasion = Occasion(NUDGE, period, today)
        reported = await self._reported_since(period.first)
        audience = await self._coordinators()
        if within is not None:  # an office's own departments only
            audience = [
                replace(person, departments=deps)
                for person in audience
                if (deps := tuple(d for d in person.departments if within.department(d)))
            ]
        if department is not None:
            audience = [
                replace(person, departments=(department,))
                for person in audience
                if department in person.departments
            ]
        plan = plan_reminders(roadmap, [occasion], audience, reported, lambda o, z: SEND)
        logged = await self.reminder_log.logged_reminders(CLAIM_LEASE)
        reminded = nudges_on(logged, period, today, roadmaps)
        if department is None:  # any nudge today, for any department, counts
            fresh = [r for r in plan.reminders if r.user_id not in {uid for uid, _ in reminded}]
        else:  # this department's today, or one to all
            fresh = [
                r
                for r in plan.reminders
                if (r.user_id, department) not in reminded and (r.user_id, None) not in reminded
            ]
        people = await self.people.people(sorted({r.user_id for r in plan.reminders}))
        return NudgePlan(
            period,
            department,
            fresh,
            len(plan.reminders) - len(fresh),
            dict(plan.skipped),
            {uid: p.display_name for uid, p in people.items()},
            nudge_key(period, today, department, roadmaps),
        )

    async def nudge(
        self,
        admin_id: int,
        plan: NudgePlan,
        on_done: Callable[[BroadcastResult | None], Awaitable[None]] | None = None,
    ) -> bool:
        """Send a previewed nudge, in the background; `on_done` gets the counts when it is
        over (None if sending broke off: the office may press again, and who got it already
        is not sent it twice). Each message is claimed in the reminder log before it goes.
        False, and nothing sent, if the same nudge is being sent already (a double press)."""
        if self.broadcaster is None:
            raise RuntimeError("a nudge can only be sent with a bot to send it")
        if plan.key in self._nudging:
            return False
        self._nudging.add(plan.key)
        outgoing = [
            replace(o, period=plan.key) for o in self._messages(plan.reminders)
        ]  # claimed under the department's key, so another department's nudge still goes
        log.info("nudge by %d for %s: %d to remind", admin_id, plan.key, len(outgoing))

        async def send() -> None:
            result: BroadcastResult | None = None
            try:
                result = await self._broadcast(outgoing)
            except Exception:
                log.exception("nudge by %d for %s broke off", admin_id, plan.key)
            finally:
                self._nudging.discard(plan.key)
            if on_done is not None:
                try:
                    await on_done(result)
                except Exception:  # the office's message could not be updated: logged
                    log.exception("nudge by %d for %s: result not shown", admin_id, plan.key)

        task = asyncio.create_task(send())
        self._background.add(task)
        task.add_done_callback(self._background.discard)
        return True

    async def settled(self) -> None:
        """Wait for nudges still being sent."""
        while self._background:
            await asyncio.gather(*list(self._background), return_exceptions=True)

    async def stop(self, grace: float = 1.0) -> None:
        """At shutdown: nudges still being sent get `grace` seconds, then are cut short (a
        claimed one left unsent is not sent again; the office can nudge again)."""
        pending = list(self._background)
        if not pending:
            return
        _, unfinished = await asyncio.wait(pending, timeout=grace)
        for task in unfinished:
            task.cancel()
        await asyncio.gather(*unfinished, return_exceptions=True)
        if unfinished:
            log.warning("%d nudges were cut short by the shutdown", len(unfinished))
