"""The coordinating office's commands; every one re-checks ADMIN_IDS on each call."""

from __future__ import annotations

import asyncio
import html
from datetime import date, datetime
from typing import Final
from zoneinfo import ZoneInfo

from aiogram import Bot, Router
from aiogram.enums import ChatAction
from aiogram.filters import Command, CommandObject
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.chat_action import ChatActionSender

from bot import keyboards, views
from bot.broadcast import Outgoing
from bot.callbacks import NudgeCD, RevokeCD
from bot.clock import Clock
from bot.i18n import Texts, Translator
from bot.progress import CATEGORIES, NO_DATA, find_gaps, render_chart, status_counts
from bot.reminder_service import ReminderService
from bot.reminders import Reported
from bot.report import (
    load_year_report,
    parse_year,
    render_docx,
    render_xlsx,
    report_years,
)
from bot.reporting import Status, quarter_of, quarter_span
from bot.roadmap import Roadmap
from bot.sender import deliver
from bot.settings import Settings
from handlers.shared import alert, send_all
from handlers.subscribe import describe
from storage.people import Person
from storage.repository import Repository, UserProfile

router: Final[Router] = Router(name=__name__)
OFFICE_ZONE = ZoneInfo("Europe/Moscow")  # the coordinating office's calendar
MAX_LISTED = 20
MAX_BUTTONS = 90
_BACKGROUND: set[asyncio.Task] = set()


@router.message(Command("report"))
async def report(
    message: Message,
    command: CommandObject,
    t: Texts,
    roadmap: Roadmap,
    repo: Repository,
    settings: Settings,
    is_admin: bool,
    clock: Clock,
    bot: Bot,
    profile: UserProfile,
) -> None:
    if await refused(message, t, is_admin):
        return
    years = report_years(roadmap, settings.roadmap_active_until)
    now = clock.now()
    default = now.year if now.year in years else years[-1]
    year = parse_year(command.args, years, default)
    if year is None:
        await message.answer(t("report-bad-year", start=str(years[0]), end=str(years[-1])))
        return
    await repo.audit(profile.id, "admin.report", details=str(year))
    async with ChatActionSender(
        bot=bot, chat_id=message.chat.id, action=ChatAction.UPLOAD_DOCUMENT
    ):
        data = await load_year_report(repo, roadmap, year, now)
        # building a large year takes a while: off the event loop, so others are not kept waiting
        docx, xlsx = await asyncio.gather(
            asyncio.to_thread(render_docx, data), asyncio.to_thread(render_xlsx, data)
        )
    await message.answer_document(
        BufferedInputFile(docx, f"roadmap-report-{year}.docx"),
        caption=t("report-caption", year=str(year), updates=len(data.updates)),
    )
    await message.answer_document(BufferedInputFile(xlsx, f"roadmap-report-{year}.xlsx"))


async def refused(message: Message, t: Texts, is_admin: bool) -> bool:
    """True (after saying so) if the caller is not in ADMIN_IDS; checked on every call."""
    if not is_admin:
        await message.answer(t("admin-only"))
    return not is_admin


@router.message(Command("requests"))
async def requests(
    message: Message,
    t: Texts,
    roadmap: Roadmap,
    repo: Repository,
    is_admin: bool,
    profile: UserProfile,
) -> None:
    if await refused(message, t, is_admin):
        return
    await repo.audit(profile.id, "admin.requests")
    pending = await repo.pending_requests()
    if not pending:
        await message.answer(t("requests-none"))
        return
    people = await repo.people([m.user_id for m in pending])
    for membership in pending[:MAX_LISTED]:
        department = roadmap.department(membership.department_id)
        if department is None:
            continue
        await message.answer(
            t(
                "admin-request",
                user=describe(people.get(membership.user_id), membership.user_id),
                department=department.name,
                party=views.party_name(roadmap, department.party),
            ),
            reply_markup=keyboards.decision(t, membership.user_id, department.id),
        )
    if len(pending) > MAX_LISTED:
        await message.answer(t("requests-more", count=len(pending) - MAX_LISTED))


@router.message(Command("members"))
async def members(
    message: Message,
    t: Texts,
    roadmap: Roadmap,
    repo: Repository,
    is_admin: bool,
    profile: UserProfile,
) -> None:
    if await refused(message, t, is_admin):
        return
    await repo.audit(profile.id, "admin.members")
    coordinators = await repo.coordinators([d.id for d in roadmap.departments])
    by_dep: dict[str, list[Person]] = {}
    for dep_id, person in coordinators:
        by_dep.setdefault(dep_id, []).append(person)
    blocks = [t("members-title")]
    for party in roadmap.parties:
        lines = [f"<b>{html.escape(party.name)}</b>"]
        for department in (d for d in roadmap.departments if d.party == party.id):
            people = by_dep.get(department.id, [])
            names = ", ".join(_member(t, p) for p in people) or t("members-nobody")
            lines.append(f"• {html.escape(department.name)}: {names}")
        blocks.append("\n".join(lines))
    revocable = [(dep_id, p) for dep_id, p in coordinators][:MAX_BUTTONS]
    await send_all(
        message,
        views.split_blocks(blocks),
        keyboards.revoke(t, roadmap, revocable) if revocable else None,
    )


def _member(t: Texts, person: Person) -> str:
    name = html.escape(person.display_name)
    return f"{name} {t('members-unreachable')}" if person.unreachable else name


@router.callback_query(RevokeCD.filter())
async def revoke(
    query: CallbackQuery,
    callback_data: RevokeCD,
    t: Texts,
    roadmap: Roadmap,
    repo: Repository,
    is_admin: bool,
    profile: UserProfile,
    bot: Bot,
    translator: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    if not is_admin:
        alert(callback_answer, t("admin-only"))
        return
    department = roadmap.department(callback_data.dep)
    if department is None or not await repo.leave_department(
        callback_data.user, department.id, by=profile.id
    ):
        alert(callback_answer, t("button-outdated"))
        return
    member = await repo.person(callback_data.user)
    callback_answer.text = t(
        "members-revoked", user=member.display_name if member else "", department=department.name
    )
    if member is not None:
        member_t = translator.for_user(member.language, member.telegram_language)
        await deliver(bot, repo, member.id, member_t("member-revoked", department=department.name))


@router.message(Command("audit"))
async def audit(message: Message, t: Texts, repo: Repository, is_admin: bool) -> None:
    if await refused(message, t, is_admin):
        return
    entries = await repo.recent_audit(20)
    if not entries:
        await message.answer(t("audit-none"))
        return
    people = await repo.people(
        sorted({e.actor_id for e in entries} | {e.subject_id for e in entries if e.subject_id})
    )
    lines = [t("audit-title")]
    for entry in entries:
        actor = people.get(entry.actor_id)
        subject = people.get(entry.subject_id) if entry.subject_id else None
        line = (
            f"{entry.created_at.astimezone(OFFICE_ZONE):%d.%m.%Y %H:%M} · "
            f"{html.escape(actor.display_name if actor else str(entry.actor_id))} · "
            f"{html.escape(entry.action)}"
        )
        if subject is not None and entry.subject_id != entry.actor_id:
            line += f" · {html.escape(subject.display_name)}"
        if entry.details:
            line += f" · {html.escape(entry.details)}"
        lines.append(line)
    await send_all(message, views.split_blocks(["\n".join(lines)]))


def _period(scope: str, now: datetime) -> tuple[str, tuple[date, date], str]:
    """(label key args, covered dates, log period) of the current quarter or year."""
    today = now.astimezone(OFFICE_ZONE).date()
    if scope == "year":
        return str(today.year), (date(today.year, 1, 1), date(today.year, 12, 31)), str(today.year)
    year, quarter = quarter_of(today)
    return f"{year}-Q{quarter}", quarter_span(year, quarter), f"{year}-Q{quarter}"


async def gaps_for(repo: Repository, roadmap: Roadmap, scope: str, now: datetime):
    label, covers, _ = _period(scope, now)
    since = datetime.combine(covers[0], datetime.min.time(), tzinfo=OFFICE_ZONE)
    reported = Reported(await repo.update_moments(since))
    coordinators = await repo.coordinators([d.id for d in roadmap.departments])
    return label, covers, find_gaps(roadmap, reported, covers, OFFICE_ZONE, coordinators)


@router.message(Command("missing"))
async def missing(
    message: Message,
    command: CommandObject,
    t: Texts,
    roadmap: Roadmap,
    repo: Repository,
    is_admin: bool,
    clock: Clock,
    profile: UserProfile,
) -> None:
    if await refused(message, t, is_admin):
        return
    scope = (command.args or "quarter").strip().lower()
    scope = {"квартал": "quarter", "год": "year"}.get(scope, scope)
    if scope not in ("quarter", "year"):
        await message.answer(t("missing-usage"))
        return
    await repo.audit(profile.id, "admin.missing", details=scope)
    label, covers, gaps = await gaps_for(repo, roadmap, scope, clock.now())
    head = t(
        "missing-title",
        period=_label(t, label),
        start=f"{covers[0]:%d.%m.%Y}",
        end=f"{covers[1]:%d.%m.%Y}",
    )
    if not gaps:
        await message.answer(head + "\n\n" + t("missing-none"))
        return
    blocks = [head]
    for gap in gaps:
        who = (
            ", ".join(_member(t, p) for p in gap.coordinators)
            if gap.coordinators
            else t("members-nobody")
        )
        blocks.append(
            f"<b>{html.escape(gap.department.name)}</b>\n"
            f"{t('missing-items')}: {', '.join(gap.items)}\n{t('missing-who')}: {who}"
        )
    await send_all(message, views.split_blocks(blocks), keyboards.nudge(t, scope))


def _label(t: Texts, label: str) -> str:
    if "-Q" in label:
        year, quarter = label.split("-Q")
        return t("quarter", quarter=int(quarter), year=year)
    return t("year-label", year=label)


@router.callback_query(NudgeCD.filter())
async def nudge(
    query: CallbackQuery,
    callback_data: NudgeCD,
    t: Texts,
    roadmap: Roadmap,
    repo: Repository,
    is_admin: bool,
    clock: Clock,
    profile: UserProfile,
    reminders: ReminderService,
    translator: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    if not is_admin:
        alert(callback_answer, t("admin-only"))
        return
    if callback_data.scope not in ("quarter", "year") or reminders.broadcaster is None:
        alert(callback_answer, t("button-outdated"))
        return
    now = clock.now()
    label, _, gaps = await gaps_for(repo, roadmap, callback_data.scope, now)
    today = now.astimezone(OFFICE_ZONE).date()
    items_of: dict[int, list[str]] = {}
    people: dict[int, Person] = {}
    for gap in gaps:
        for person in gap.coordinators:
            paused = person.reminders_paused_until and person.reminders_paused_until >= today
            if person.unreachable or paused:
                continue
            people[person.id] = person
            items_of.setdefault(person.id, [])
            items_of[person.id] += [c for c in gap.items if c not in items_of[person.id]]
    outgoing = []
    for user_id, codes in items_of.items():
        person = people[user_id]
        user_t = translator.for_user(person.language, person.telegram_language)
        lines = views.item_lines(roadmap, codes)
        text = views.split_blocks(
            [
                user_t("nudge-text", period=_label(user_t, label)),
                "\n".join(lines),
                user_t("remind-footer"),
            ]
        )[0]
        # one nudge per person, period and day: a second tap the same day sends nothing
        outgoing.append(
            Outgoing(
                user_id,
                "nudge",
                f"{label}@{today.isoformat()}",
                text,
                keyboards.report_buttons(codes),
            )
        )
    await repo.audit(profile.id, "admin.nudge", details=f"{label}: {len(outgoing)}")
    task = asyncio.create_task(reminders.broadcaster.send_all(outgoing))
    _BACKGROUND.add(task)
    task.add_done_callback(_BACKGROUND.discard)
    callback_answer.text = t("nudge-started", count=len(outgoing))


@router.message(Command("stats"))
async def stats(
    message: Message,
    t: Texts,
    roadmap: Roadmap,
    repo: Repository,
    is_admin: bool,
    bot: Bot,
    profile: UserProfile,
) -> None:
    if await refused(message, t, is_admin):
        return
    await repo.audit(profile.id, "admin.stats")
    latest = await repo.latest_updates()
    by_section, by_party = status_counts(roadmap, latest)
    labels = {c: t(f"status-{c}") if c != NO_DATA else t("items-no-data") for c in CATEGORIES}
    icons = {c: Status(c).icon if c != NO_DATA else "∅" for c in CATEGORIES}

    def line(counts) -> str:
        return " ".join(f"{icons[c]}{counts[c]}" for c in CATEGORIES)

    blocks = [
        t("stats-title"),
        t("stats-legend", legend=", ".join(f"{icons[c]} {labels[c]}" for c in CATEGORIES)),
    ]
    blocks.append(
        "\n".join(f"<b>{html.escape(p.name)}</b>: {line(by_party[p.id])}" for p in roadmap.parties)
    )
    blocks.append(
        "\n".join(
            f"{html.escape(s.code)}. {html.escape(views.shorten(s.title, 40))}:"
            f" {line(by_section[s.code])}"
            for s in roadmap.sections
        )
    )
    await send_all(message, views.split_blocks(blocks))
    async with ChatActionSender(bot=bot, chat_id=message.chat.id, action=ChatAction.UPLOAD_PHOTO):
        png = await asyncio.to_thread(
            render_chart, roadmap, by_section, labels, t("stats-chart-title")
        )
    await message.answer_photo(BufferedInputFile(png, "progress.png"))
