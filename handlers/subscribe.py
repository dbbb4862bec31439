"""Coordinators join departments; admins approve or reject; /unsubscribe leaves one."""

from __future__ import annotations

import html
import logging
from typing import Final

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot import keyboards
from bot.callbacks import DecideCD, JoinCD, LeaveCD, MenuCD, PartyCD
from bot.i18n import Texts, Translator
from bot.roadmap import Roadmap
from bot.sender import deliver
from bot.settings import AccessMode, Settings
from bot.views import party_name
from handlers.shared import AnyMessage, alert, show
from storage.people import Person
from storage.repository import Repository, UserProfile

router: Final[Router] = Router(name=__name__)
log = logging.getLogger(__name__)


@router.message(Command("subscribe"))
async def subscribe(message: Message, t: Texts, roadmap: Roadmap) -> None:
    await message.answer(t("subscribe-choose-party"), reply_markup=keyboards.parties(roadmap))


@router.callback_query(MenuCD.filter(F.action == "join"))
async def menu_join(query: CallbackQuery, t: Texts, roadmap: Roadmap) -> None:
    if query.message:
        await query.message.answer(
            t("subscribe-choose-party"), reply_markup=keyboards.parties(roadmap)
        )


@router.callback_query(PartyCD.filter())
async def choose_department(
    query: CallbackQuery,
    callback_data: PartyCD,
    t: Texts,
    roadmap: Roadmap,
    callback_answer: CallbackAnswer,
) -> None:
    party = roadmap.party(callback_data.party)
    departments = [d for d in roadmap.departments if d.party == callback_data.party]
    per_page = keyboards.DEPARTMENTS_PER_PAGE
    pages = max(1, -(-len(departments) // per_page))
    if party is None or not 0 <= callback_data.page < pages or query.message is None:
        alert(callback_answer, t("button-outdated"))
        return
    first = callback_data.page * per_page
    lines = [
        t("subscribe-choose-department", party=party.name, page=callback_data.page + 1, pages=pages)
    ]
    lines += [
        f"{n}. {d.name}" for n, d in enumerate(departments[first : first + per_page], first + 1)
    ]
    text = lines[0] + "\n" + "\n".join(html.escape(line) for line in lines[1:])
    # paging edits the list in place; choosing a side opens a new list
    await show(
        query.message,
        text,
        keyboards.department_page(t, departments, party.id, callback_data.page),
        edit=_is_department_list(query.message),
    )


def _is_department_list(message: AnyMessage) -> bool:
    markup = message.reply_markup if isinstance(message, Message) else None
    return markup is not None and any(
        (button.callback_data or "").startswith(JoinCD.__prefix__)
        for row in markup.inline_keyboard
        for button in row
    )


@router.callback_query(JoinCD.filter())
async def join(
    query: CallbackQuery,
    callback_data: JoinCD,
    t: Texts,
    roadmap: Roadmap,
    repo: Repository,
    settings: Settings,
    profile: UserProfile,
    bot: Bot,
    translator: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    department = roadmap.department(callback_data.dep)
    if department is None or query.message is None:
        alert(callback_answer, t("button-outdated"))
        return
    open_mode = settings.access_mode is AccessMode.OPEN
    status, changed = await repo.request_membership(profile.id, department.id, open_mode)
    if not changed:
        key = "subscribe-already-approved" if status == "approved" else "subscribe-already-pending"
        await query.message.answer(t(key, department=department.name))
        return
    if status == "approved":
        await query.message.answer(t("subscribe-approved", department=department.name))
        return
    await query.message.answer(t("subscribe-pending", department=department.name))
    if not settings.admin_ids:
        await query.message.answer(t("subscribe-no-admins"))
    person = await repo.person(profile.id)
    for admin_id in settings.admin_ids:
        await notify_admin(bot, repo, translator, admin_id, person, department.id, roadmap)


def describe(person: Person | None, user_id: int) -> str:
    if person is None:
        return f"id {user_id}"
    handle = f" @{person.username}" if person.username else ""
    return f"{person.display_name}{handle} (id {person.id})"


async def notify_admin(
    bot: Bot,
    repo: Repository,
    translator: Translator,
    admin_id: int,
    person: Person | None,
    dep_id: str,
    roadmap: Roadmap,
) -> None:
    admin = await repo.person(admin_id)
    t = translator.for_user(
        admin.language if admin else None, admin.telegram_language if admin else None
    )
    department = roadmap.department(dep_id)
    assert department is not None
    text = t(
        "admin-request",
        user=describe(person, person.id if person else 0),
        department=department.name,
        party=party_name(roadmap, department.party),
    )
    await deliver(
        bot,
        repo,
        admin_id,
        text,
        reply_markup=keyboards.decision(t, person.id if person else 0, dep_id),
    )


@router.callback_query(DecideCD.filter())
async def decide(
    query: CallbackQuery,
    callback_data: DecideCD,
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
    if department is None or query.message is None:
        alert(callback_answer, t("button-outdated"))
        return
    decided = await repo.decide_membership(
        callback_data.user, department.id, callback_data.ok, profile.id
    )
    if decided is None:
        alert(callback_answer, t("admin-already-decided"))
        return
    member = await repo.person(callback_data.user)
    await show(
        query.message,
        t(
            "admin-decided",
            decision=decided,
            admin=profile.first_name,
            user=describe(member, callback_data.user),
            department=department.name,
        ),
        None,
        edit=True,
    )
    if member is not None:
        member_t = translator.for_user(member.language, member.telegram_language)
        key = "member-approved" if decided == "approved" else "member-rejected"
        await deliver(bot, repo, member.id, member_t(key, department=department.name))


@router.message(Command("unsubscribe"))
async def unsubscribe(
    message: Message, t: Texts, roadmap: Roadmap, repo: Repository, profile: UserProfile
) -> None:
    await show_subscriptions(message, t, roadmap, repo, profile, leave_prompt=True)


@router.callback_query(MenuCD.filter(F.action == "subs"))
async def menu_subscriptions(
    query: CallbackQuery, t: Texts, roadmap: Roadmap, repo: Repository, profile: UserProfile
) -> None:
    if query.message:
        await show_subscriptions(query.message, t, roadmap, repo, profile)


async def show_subscriptions(
    message: AnyMessage,
    t: Texts,
    roadmap: Roadmap,
    repo: Repository,
    profile: UserProfile,
    leave_prompt: bool = False,
) -> None:
    memberships = [
        m for m in await repo.memberships_of(profile.id) if m.status in ("approved", "pending")
    ]
    departments = [roadmap.department(m.department_id) for m in memberships]
    leavable = [d for d in departments if d is not None]
    if not memberships:
        text = t("unsubscribe-none") if leave_prompt else t("subs-none")
    else:
        lines = [t("unsubscribe-choose") if leave_prompt else t("subs-title")]
        lines += [
            t("subs-line", department=d.name, status=m.status)
            for m, d in zip(memberships, departments, strict=True)
            if d
        ]
        text = "\n".join(lines)
    await message.answer(text, reply_markup=keyboards.subscriptions(t, leavable))


@router.callback_query(LeaveCD.filter())
async def leave(
    query: CallbackQuery,
    callback_data: LeaveCD,
    t: Texts,
    roadmap: Roadmap,
    repo: Repository,
    profile: UserProfile,
    callback_answer: CallbackAnswer,
) -> None:
    department = roadmap.department(callback_data.dep)
    if department is None or query.message is None:
        alert(callback_answer, t("button-outdated"))
        return
    if not await repo.leave_department(profile.id, department.id):
        alert(callback_answer, t("button-outdated"))
        return
    await query.message.answer(t("unsubscribe-done", department=department.name))
