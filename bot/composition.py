"""The composition root: settings → database → repository → use cases → bot and dispatcher.

Every way of running the bot builds it here: long polling and webhook mode, the `remind`
and `report` commands, the sandbox, the tests.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from aiogram import Bot, Dispatcher
from aiogram.types import Update

from bot.domain.calendar import CalendarRules
from bot.domain.catalog import Catalog
from bot.domain.clock import Clock, SystemClock
from bot.domain.notices import Notice
from bot.domain.people import pick_locale
from bot.domain.roadmap import load_roadmap
from bot.i18n import Translator
from bot.scheduler import Leadership, ReminderScheduler
from bot.services.annual_report import AnnualReportService
from bot.services.audit import AuditService
from bot.services.invites import InviteService
from bot.services.items import ItemService
from bot.services.membership import MembershipService
from bot.services.no_change import NoChangeService
from bot.services.office import OfficeService
from bot.services.offices import RoadmapOffices
from bot.services.people import PeopleService
from bot.services.ports import Delivery
from bot.services.reminders import CalendarSettings, ReminderService
from bot.services.reporting import ReportingService
from bot.services.roadmaps import RoadmapService
from bot.services.year_end import YearEndService
from bot.settings import AccessMode, Settings
from bot.telegram.app import create_bot, create_dispatcher
from bot.telegram.broadcast import Broadcaster
from bot.telegram.editable import EditableTelegramDelivery
from bot.telegram.housekeeping import tidy
from bot.telegram.outbox import Outbox
from bot.telegram.pacing import RateLimiter
from bot.telegram.polling import Poller, chat_key
from bot.telegram.redis_state import RedisUnavailable, SharedState, connect_redis
from bot.telegram.retry import ReplyBudget, ReplyDeferral
from bot.telegram.views.membership import MembershipViews
from bot.telegram.views.offices import OfficeViews
from bot.telegram.views.reminders import ReminderViews
from bot.telegram.views.reporting import NoticeViews
from storage import Repository, Store, open_database

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Services:
    """The use cases."""

    people: PeopleService
    items: ItemService
    no_change: NoChangeService
    reporting: ReportingService
    membership: MembershipService
    invites: InviteService
    office: OfficeService
    audit: AuditService
    annual: AnnualReportService
    year_end: YearEndService
    reminders: ReminderService
    roadmaps: RoadmapService
    offices: RoadmapOffices


class Offline:
    """Delivery where there is no bot (the `report` command, a dry run): nothing is sent."""

    async def deliver(self, notice: Notice) -> bool:
        log.warning("no bot to deliver a message to %d", notice.chat_id)
        return False


@dataclass(slots=True)
class Telegram:
    """What talks to Telegram: the bot, the dispatcher, the poller, the background senders."""

    bot: Bot
    dp: Dispatcher
    poller: Poller
    outbox: Outbox
    scheduler: ReminderScheduler
    shared: SharedState | None = None  # REDIS_URL: what the replicas share


@dataclass(slots=True)
class Application:
    settings: Settings
    clock: Clock
    roadmap: Catalog
    db: Store
    repo: Repository
    translator: Translator
    services: Services
    telegram: Telegram | None = None

    # the parts the runner and the tests reach for most
    @property
    def reminders(self) -> ReminderService:
        return self.services.reminders

    @property
    def bot(self) -> Bot:
        return self._telegram.bot

    @property
    def dp(self) -> Dispatcher:
        return self._telegram.dp

    @property
    def poller(self) -> Poller:
        return self._telegram.poller

    @property
    def outbox(self) -> Outbox:
        return self._telegram.outbox

    @property
    def _telegram(self) -> Telegram:
        if self.telegram is None:
            raise RuntimeError("this application was built without a bot")
        return self.telegram

    async def close(self) -> None:
        if self.telegram is not None:
            await self.telegram.bot.session.close()
            if self.telegram.shared is not None:
                await self.telegram.shared.close()
        await self.db.close()


def calendar_settings(settings: Settings) -> CalendarSettings:
    month, day = (int(x) for x in settings.annual_report_due.split("-"))
    rules = CalendarRules(
        quarter_days=settings.quarter_reminder_days,
        hour=settings.reminder_hour,
        annual_due=(month, day),
        annual_days=tuple(settings.annual_reminder_days),
        grace=timedelta(days=settings.reminder_grace_days),
        round_days=settings.year_end_round_days,
    )
    return CalendarSettings(rules)


def build_services(
    settings: Settings,
    roadmaps: RoadmapService,
    repo: Repository,
    translator: Translator,
    clock: Clock,
    *,
    delivery: Delivery,
    broadcaster: Broadcaster | None = None,
    outbox: Outbox | None = None,
) -> Services:
    admins = tuple(settings.admin_ids)
    roadmap = roadmaps.catalog
    offices = RoadmapOffices(
        roadmaps, repo, repo, delivery, OfficeViews(translator, roadmap), frozenset(admins)
    )
    membership = MembershipService(
        roadmap,
        repo,
        repo,
        delivery,
        MembershipViews(translator, roadmap),
        admins,
        approve_at_once=settings.access_mode is AccessMode.OPEN,
        clock=clock,
        editable=delivery if isinstance(delivery, EditableTelegramDelivery) else None,
        request_messages=repo,
        offices=offices.members_for,
    )
    return Services(
        people=PeopleService(roadmap, repo, repo, frozenset(admins), clock),
        items=ItemService(roadmap, repo, repo, clock),
        no_change=NoChangeService(roadmap, repo, clock),
        reporting=ReportingService(
            roadmap,
            repo,
            repo,
            NoticeViews(translator, roadmap),
            clock,
            notices_queued=outbox.wake if outbox else lambda: None,
        ),
        membership=membership,
        invites=InviteService(roadmap, repo, repo, membership),
        office=OfficeService(
            roadmap,
            repo,
            repo,
            repo,
            repo,
            repo,
            clock,
            calendar_settings(settings).rules,
            repo,
        ),
        audit=AuditService(roadmap, repo, repo, clock),
        annual=AnnualReportService(roadmap, repo, repo, clock),
        year_end=YearEndService(roadmap, repo, repo, repo, clock),
        reminders=ReminderService(
            roadmap,
            calendar_settings(settings),
            repo,
            repo,
            repo,
            repo,
            ReminderViews(translator, roadmap),
            clock,
            admins,
            broadcaster,
            year_texts=repo,
        ),
        roadmaps=roadmaps,
        offices=offices,
    )


async def overflowed(update: Update, translator: Translator, repo: Repository, outbox: Outbox):
    """Tell a sender whose lane is full that messages are being skipped (via the outbox:
    such a chat is most likely flood-waited)."""
    user = getattr(update.event, "from_user", None)
    locale = pick_locale(None, user.language_code if user else None)
    await repo.queue_notices(
        [Notice(chat_key(update), translator.get(locale, "too-many-messages"))]
    )
    outbox.wake()


async def open_storage(
    settings: Settings, clock: Clock
) -> tuple[RoadmapService, Store, Repository]:
    """The roadmaps, and the database migrated and in line with them. The shipped roadmap
    (ROADMAP_PATH) becomes roadmap 1 on the first start."""
    shipped = load_roadmap(settings.roadmap_path)
    db = await open_database(settings.database)
    try:
        repo = Repository(db, clock)
        roadmaps = RoadmapService(Catalog(), repo, settings.roadmap_active_until, clock=clock)
        log.info("%s", await roadmaps.start(shipped))
        await tidy(repo)
    except BaseException:
        await db.close()
        raise
    return roadmaps, db, repo


async def prepare(
    settings: Settings,
    token: str | None,
    *,
    api_base: str | None = None,
    clock: Clock | None = None,
) -> Application:
    """Everything up to the first Telegram update; with no token, everything but the bot."""
    clock = clock or SystemClock()
    roadmaps, db, repo = await open_storage(settings, clock)
    roadmap = roadmaps.catalog
    translator = Translator()
    if token is None:
        services = build_services(settings, roadmaps, repo, translator, clock, delivery=Offline())
        return Application(settings, clock, roadmap, db, repo, translator, services)
    deferral = ReplyDeferral(repo, clock)
    bot = create_bot(token, api_base if api_base is not None else settings.api_base, deferral)
    try:  # several replicas: dialogs, locks and the send budget shared through Redis
        redis_url = settings.redis_url.get_secret_value() if settings.redis_url else None
        shared = await connect_redis(redis_url, bot.id, settings.send_rate) if redis_url else None
    except RedisUnavailable:
        await bot.session.close()
        await db.close()
        raise
    # one budget for all the bot's sending (with Redis, for all the replicas together)
    limiter = RateLimiter(
        settings.send_rate,
        shared=shared.budget if shared else None,
        space_replies=settings.reply_spacing,
    )
    bot.session.middleware(ReplyBudget(limiter))  # replies take theirs first
    outbox = Outbox(bot, repo, limiter, clock)
    delivery = EditableTelegramDelivery(bot, repo, limiter)
    broadcaster = Broadcaster(bot, repo, limiter, clock)
    deferral.queued = delivery.queued = broadcaster.queued = outbox.wake
    services = build_services(
        settings,
        roadmaps,
        repo,
        translator,
        clock,
        delivery=delivery,
        broadcaster=broadcaster,
        outbox=outbox,
    )
    dp = create_dispatcher(
        services=services,
        roadmap=roadmap,
        translator=translator,
        store=repo,
        storage=shared.storage if shared else None,
        events_isolation=shared.isolation if shared else None,
    )
    scheduler = ReminderScheduler(
        services.reminders,
        lambda: tidy(repo),
        refresh=services.roadmaps.refresh,
        leadership=Leadership(repo, timedelta(seconds=settings.leader_lease_seconds)),
    )
    dp.startup.register(scheduler.start)
    dp.startup.register(outbox.start)
    dp.shutdown.register(scheduler.shutdown)
    dp.shutdown.register(outbox.stop)
    dp.shutdown.register(services.reminders.stop)
    poller = Poller(bot, dp, repo)
    poller.on_overflow = lambda update: overflowed(update, translator, repo, outbox)
    telegram = Telegram(bot, dp, poller, outbox, scheduler, shared)
    return Application(settings, clock, roadmap, db, repo, translator, services, telegram)
