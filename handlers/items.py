"""/my_items, item cards (/item 4.1), /history with paging, edit, withdraw and evidence."""

from __future__ import annotations

from typing import Final

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot import keyboards, views
from bot.access import can_view, reporting_departments, user_items
from bot.callbacks import HistCD, ItemCD, MenuCD, UpdCD
from bot.clock import Clock
from bot.i18n import Texts
from bot.reporting import within_edit_window
from bot.roadmap import Item, Roadmap
from handlers.report import start_edit
from handlers.shared import (
    AnyMessage,
    KnownItem,
    Viewer,
    alert,
    approved_and_zone,
    resolve_item,
    send_all,
    show,
)
from storage.repository import Repository, UserProfile

router: Final[Router] = Router(name=__name__)
HISTORY_PAGE = 5


@router.message(Command("my_items"))
async def my_items(
    message: Message, t: Texts, roadmap: Roadmap, repo: Repository, profile: UserProfile
) -> None:
    await show_items(message, t, roadmap, repo, profile)


@router.callback_query(MenuCD.filter(F.action == "items"))
async def menu_items(
    query: CallbackQuery, t: Texts, roadmap: Roadmap, repo: Repository, profile: UserProfile
) -> None:
    if query.message:
        await show_items(query.message, t, roadmap, repo, profile)


async def show_items(
    message: AnyMessage, t: Texts, roadmap: Roadmap, repo: Repository, profile: UserProfile
) -> None:
    approved, zone = await approved_and_zone(repo, roadmap, profile)
    items = user_items(roadmap, approved)
    if not items:
        await message.answer(t("items-none"))
        return
    latest = await repo.latest_updates([item.code for item in items])
    texts = views.items_list(t, roadmap, items, latest, zone, footer=t("items-pick"))
    await send_all(message, texts, keyboards.item_buttons(items, "card"))


@router.message(Command("item"))
async def item_command(
    message: Message,
    command: CommandObject,
    t: Texts,
    roadmap: Roadmap,
    repo: Repository,
    profile: UserProfile,
    is_admin: bool,
) -> None:
    viewer = await Viewer.of(repo, roadmap, profile, is_admin)
    item = await resolve_item(message, t, roadmap, viewer.approved, command.args)
    if item is not None:
        await show_card(message, t, roadmap, repo, viewer, item)


@router.callback_query(ItemCD.filter(F.action == "card"), KnownItem())
async def item_card(
    query: CallbackQuery,
    message: AnyMessage,
    item: Item,
    t: Texts,
    roadmap: Roadmap,
    repo: Repository,
    profile: UserProfile,
    is_admin: bool,
) -> None:
    viewer = await Viewer.of(repo, roadmap, profile, is_admin)
    await show_card(message, t, roadmap, repo, viewer, item)


async def show_card(
    message: AnyMessage, t: Texts, roadmap: Roadmap, repo: Repository, viewer: Viewer, item: Item
) -> None:
    if not can_view(item, viewer.approved, viewer.is_admin):
        await message.answer(t("item-not-allowed", code=item.code))
        return
    latest = (await repo.latest_updates([item.code])).get(item.code, {})
    can_report = bool(reporting_departments(item, viewer.approved))
    await message.answer(
        views.item_card(t, roadmap, item, latest, viewer.zone),
        reply_markup=keyboards.item_card(t, item.code, can_report),
    )


@router.message(Command("history"))
async def history_command(
    message: Message,
    command: CommandObject,
    t: Texts,
    roadmap: Roadmap,
    repo: Repository,
    profile: UserProfile,
    is_admin: bool,
    clock: Clock,
) -> None:
    viewer = await Viewer.of(repo, roadmap, profile, is_admin)
    item = await resolve_item(message, t, roadmap, viewer.approved, command.args)
    if item is not None:
        await show_history(message, t, roadmap, repo, viewer, clock, item, 1, False)


@router.callback_query(ItemCD.filter(F.action == "hist"), KnownItem())
async def history_button(
    query: CallbackQuery,
    message: AnyMessage,
    item: Item,
    t: Texts,
    roadmap: Roadmap,
    repo: Repository,
    profile: UserProfile,
    is_admin: bool,
    clock: Clock,
) -> None:
    viewer = await Viewer.of(repo, roadmap, profile, is_admin)
    await show_history(message, t, roadmap, repo, viewer, clock, item, 1, False)


@router.callback_query(HistCD.filter(), KnownItem())
async def history_page(
    query: CallbackQuery,
    message: AnyMessage,
    callback_data: HistCD,
    item: Item,
    t: Texts,
    roadmap: Roadmap,
    repo: Repository,
    profile: UserProfile,
    is_admin: bool,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    if callback_data.page < 1:
        alert(callback_answer, t("button-outdated"))
        return
    viewer = await Viewer.of(repo, roadmap, profile, is_admin)
    await show_history(message, t, roadmap, repo, viewer, clock, item, callback_data.page, True)


async def show_history(
    message: AnyMessage,
    t: Texts,
    roadmap: Roadmap,
    repo: Repository,
    viewer: Viewer,
    clock: Clock,
    item: Item,
    page: int,
    edit: bool,
) -> None:
    if not can_view(item, viewer.approved, viewer.is_admin):
        await message.answer(t("item-not-allowed", code=item.code))
        return
    updates, total = await repo.history(item.code, (page - 1) * HISTORY_PAGE, HISTORY_PAGE)
    if total == 0:
        await show(message, t("history-empty", code=item.code), None, edit=edit)
        return
    pages = -(-total // HISTORY_PAGE)
    if not updates:  # the page emptied since the button was drawn
        page = pages
        updates, total = await repo.history(item.code, (page - 1) * HISTORY_PAGE, HISTORY_PAGE)
    now = clock.now()
    own = [u for u in updates if u.user_id == viewer.user_id]
    editable = {u.id for u in own if within_edit_window(u.created_at, now)}
    text = views.history_page(t, roadmap, item.code, updates, page, pages, viewer.zone)
    await show(
        message, text, keyboards.history(t, item.code, page, pages, updates, editable), edit=edit
    )


async def own_update(
    query: CallbackQuery,
    callback_data: UpdCD,
    t: Texts,
    repo: Repository,
    profile: UserProfile,
    clock: Clock,
    callback_answer: CallbackAnswer,
):
    """The caller's own update, still within the edit window; None after saying why not."""
    update = await repo.update_by_id(callback_data.id)
    if update is None:
        alert(callback_answer, t("update-gone"))
        return None
    if update.user_id != profile.id or not within_edit_window(update.created_at, clock.now()):
        alert(callback_answer, t("edit-too-late"))
        return None
    return update


@router.callback_query(UpdCD.filter(F.action == "withdraw"))
async def withdraw_ask(
    query: CallbackQuery,
    callback_data: UpdCD,
    t: Texts,
    repo: Repository,
    profile: UserProfile,
    clock: Clock,
    roadmap: Roadmap,
    callback_answer: CallbackAnswer,
) -> None:
    update = await own_update(query, callback_data, t, repo, profile, clock, callback_answer)
    if update is None or query.message is None:
        return
    _, zone = await approved_and_zone(repo, roadmap, profile)
    await query.message.answer(
        t(
            "withdraw-confirm",
            id=update.id,
            code=update.item_code,
            status=views.status_name(t, update.status),
            date=views.local_date(update.created_at, zone),
        ),
        reply_markup=keyboards.withdraw(t, update.id),
    )


@router.callback_query(UpdCD.filter(F.action == "withdraw_yes"))
async def withdraw_do(
    query: CallbackQuery,
    callback_data: UpdCD,
    t: Texts,
    repo: Repository,
    profile: UserProfile,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    update = await own_update(query, callback_data, t, repo, profile, clock, callback_answer)
    if update is None or query.message is None:
        return
    if await repo.withdraw_update(update.id, profile.id):
        await show(query.message, t("withdraw-done", id=update.id), None, edit=True)


@router.callback_query(UpdCD.filter(F.action == "edit"))
async def edit_start(
    query: CallbackQuery,
    callback_data: UpdCD,
    t: Texts,
    repo: Repository,
    profile: UserProfile,
    clock: Clock,
    state: FSMContext,
    callback_answer: CallbackAnswer,
) -> None:
    update = await own_update(query, callback_data, t, repo, profile, clock, callback_answer)
    if update is None or query.message is None:
        return
    await start_edit(query.message, t, state, update)


@router.callback_query(UpdCD.filter(F.action == "file"))
async def evidence(
    query: CallbackQuery,
    callback_data: UpdCD,
    t: Texts,
    repo: Repository,
    roadmap: Roadmap,
    profile: UserProfile,
    is_admin: bool,
    bot: Bot,
    callback_answer: CallbackAnswer,
) -> None:
    update = await repo.update_by_id(callback_data.id)
    item = roadmap.item(update.item_code) if update else None
    if update is None or item is None or not update.evidence_file_id:
        alert(callback_answer, t("update-gone"))
        return
    approved, _ = await approved_and_zone(repo, roadmap, profile)
    if not can_view(item, approved, is_admin):
        alert(callback_answer, t("item-not-allowed", code=item.code))
        return
    if update.evidence_kind == "photo":
        await bot.send_photo(profile.id, update.evidence_file_id, caption=f"#{update.id}")
    else:
        await bot.send_document(profile.id, update.evidence_file_id, caption=f"#{update.id}")
