"""/settings: language, time zone, pausing reminders (vacation), counterpart notices."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Final

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot import keyboards
from bot.callbacks import MenuCD, SetCD
from bot.clock import Clock
from bot.i18n import LOCALES, Texts, Translator
from bot.roadmap import Roadmap
from handlers.shared import AnyMessage, alert, approved_and_zone, show
from storage.repository import Repository, UserProfile

router: Final[Router] = Router(name=__name__)
MAX_PAUSE_DAYS = 366
_DATE = re.compile(r"^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})\s*$|^\s*(\d{4})-(\d{2})-(\d{2})\s*$")


class SettingsFlow(StatesGroup):
    pause_until = State()


def zone_choices(roadmap: Roadmap) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for party in roadmap.parties:
        seen.setdefault(party.timezone, party.name)
    return [(name, zone) for zone, name in seen.items()]


async def render(
    message: AnyMessage,
    t: Texts,
    roadmap: Roadmap,
    repo: Repository,
    profile: UserProfile,
    clock: Clock,
    edit: bool = False,
) -> None:
    person = await repo.person(profile.id)
    assert person is not None
    _, zone = await approved_and_zone(repo, roadmap, profile)
    today = clock.now().astimezone(zone).date()
    until = person.reminders_paused_until
    paused = until is not None and until >= today
    zone_label = person.timezone or f"{t('tz-auto')} ({zone.key})"
    text = t(
        "settings-text",
        language=t("language-name"),
        timezone=zone_label,
        paused="yes" if paused else "no",
        until=until.strftime("%d.%m.%Y") if until is not None and paused else "",
        notices="yes" if person.notify_counterpart else "no",
    )
    markup = keyboards.settings(t, zone_choices(roadmap), paused, person.notify_counterpart)
    await show(message, text, markup, edit=edit)


@router.message(Command("settings"))
async def settings_command(
    message: Message,
    t: Texts,
    roadmap: Roadmap,
    repo: Repository,
    profile: UserProfile,
    clock: Clock,
) -> None:
    await render(message, t, roadmap, repo, profile, clock)


@router.callback_query(MenuCD.filter(F.action == "settings"))
async def settings_menu(
    query: CallbackQuery,
    t: Texts,
    roadmap: Roadmap,
    repo: Repository,
    profile: UserProfile,
    clock: Clock,
) -> None:
    if query.message:
        await render(query.message, t, roadmap, repo, profile, clock)


@router.callback_query(SetCD.filter())
async def change(
    query: CallbackQuery,
    callback_data: SetCD,
    t: Texts,
    roadmap: Roadmap,
    repo: Repository,
    profile: UserProfile,
    clock: Clock,
    state: FSMContext,
    translator: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    key, value = callback_data.key, callback_data.value
    valid_zones = {zone for _, zone in zone_choices(roadmap)}
    if query.message is None:
        return
    if key == "lang" and value in LOCALES:
        await repo.set_user_setting(profile.id, "language", value)
        t = translator.for_locale(value)
    elif key == "tz" and (value in valid_zones or value == ""):
        await repo.set_user_setting(profile.id, "timezone", value or None)
    elif key == "notify" and value in ("on", "off"):
        await repo.set_user_setting(profile.id, "notify_counterpart", int(value == "on"))
    elif key == "pause" and value == "date":
        await state.set_state(SettingsFlow.pause_until)
        await query.message.answer(t("settings-ask-date"))
        return
    elif key == "pause" and value in ("off", "14", "30"):
        _, zone = await approved_and_zone(repo, roadmap, profile)
        today = clock.now().astimezone(zone).date()
        until = None if value == "off" else today + timedelta(days=int(value))
        await repo.set_user_setting(profile.id, "reminders_paused_until", until)
    else:
        alert(callback_answer, t("button-outdated"))
        return
    callback_answer.text = t("settings-saved")
    fresh = await repo.person(profile.id)
    assert fresh is not None
    profile = UserProfile(
        profile.id, profile.first_name, fresh.language, profile.telegram_language, fresh.timezone
    )
    t = translator.for_user(fresh.language, fresh.telegram_language)
    await render(query.message, t, roadmap, repo, profile, clock, edit=True)


def parse_date(text: str) -> date | None:
    match = _DATE.match(text)
    if not match:
        return None
    try:
        if match.group(1):
            return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        return date(int(match.group(4)), int(match.group(5)), int(match.group(6)))
    except ValueError:
        return None


@router.message(SettingsFlow.pause_until, F.text, ~F.text.startswith("/"))
async def pause_until(
    message: Message,
    t: Texts,
    roadmap: Roadmap,
    repo: Repository,
    profile: UserProfile,
    clock: Clock,
    state: FSMContext,
) -> None:
    _, zone = await approved_and_zone(repo, roadmap, profile)
    today = clock.now().astimezone(zone).date()
    until = parse_date(message.text or "")
    if until is None or not today < until <= today + timedelta(days=MAX_PAUSE_DAYS):
        await message.answer(t("settings-bad-date"))
        return
    await repo.set_user_setting(profile.id, "reminders_paused_until", until)
    await state.clear()
    await message.answer(t("settings-saved"))
    await render(message, t, roadmap, repo, profile, clock)


@router.message(SettingsFlow.pause_until, ~F.text)
async def pause_not_text(message: Message, t: Texts) -> None:
    await message.answer(t("settings-bad-date"))
