"""The office's roadmaps: a global admin sends a roadmap file (DOCX or its extracted text)
outside any dialog, sees what loading it would do, and confirms with a tap; `/roadmaps`
lists them and prolongs reporting on one. A roadmap file from anyone else is not loaded.

The import waiting for the admin's tap is kept in the dialog's state (in the database), so
it survives a restart; its buttons carry its id, so a button of another import, or of one
already done, loads nothing."""

from __future__ import annotations

import json
import secrets
import tempfile
from pathlib import Path
from typing import Any

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import Message, TelegramObject
from aiogram.utils.callback_answer import CallbackAnswer

from bot.domain.access import Viewer
from bot.domain.roadmap import Roadmap
from bot.services.items import ItemService
from bot.services.roadmaps import (
    LIKELY_ZONES,
    ImportPreview,
    Loaded,
    RoadmapService,
    Unreadable,
    ZoneNeeded,
)
from bot.telegram.callbacks import ImportCD, RoadmapsCD
from bot.telegram.filters import IsAdmin
from bot.telegram.replies import AnyMessage, alert, answer, drop_buttons, show, toast
from bot.telegram.views import Ui
from bot.telegram.views import common as common_views
from bot.telegram.views import office as office_views
from bot.telegram.views import roadmaps as views
from bot.telegram.views import start as start_views

MAX_MB = 20  # the largest file a bot may download from Telegram
ROADMAP_SUFFIXES = (".docx", ".txt")


class RoadmapImport(StatesGroup):
    """A roadmap file read, waiting for the admin: a party's time zone, or the tap to load."""

    zone = State()
    confirm = State()


async def roadmap_file(message: Message) -> bool:
    """A document that may be a roadmap: a .docx, or the extracted-text form."""
    document = message.document
    return document is not None and (document.file_name or "").lower().endswith(ROADMAP_SUFFIXES)


def create_router() -> Router:
    router = Router(name=__name__)
    idle = StateFilter(None, *RoadmapImport.__states__)  # outside any other dialog
    router.message.register(received, roadmap_file, IsAdmin(), idle)
    router.message.register(refused, roadmap_file, ~IsAdmin(), StateFilter(None))
    router.message.register(listing, Command("roadmaps"), IsAdmin())
    router.message.register(admin_only, Command("roadmaps"), ~IsAdmin())  # office members too
    button = router.callback_query.register
    button(zone_chosen, ImportCD.filter(F.action == "tz"), IsAdmin())
    button(load, ImportCD.filter(F.action.in_({"load", "new"})), IsAdmin())
    button(cancel, ImportCD.filter(F.action == "cancel"), IsAdmin())
    button(listing_page, RoadmapsCD.filter(F.action == "page"), IsAdmin())
    button(prolong, RoadmapsCD.filter(F.action.in_({"more", "end"})), IsAdmin())
    button(admin_only, ImportCD.filter(), ~IsAdmin())
    button(admin_only, RoadmapsCD.filter(), ~IsAdmin())
    return router


# --- a roadmap file -------------------------------------------------------------------------


async def received(
    message: Message, bot: Bot, ui: Ui, state: FSMContext, roadmaps: RoadmapService
) -> None:
    """Read the file and show what loading it would do (any import still waiting is
    replaced by this one)."""
    document = message.document
    assert document is not None
    name = document.file_name or "roadmap"
    if (document.file_size or 0) > MAX_MB * 1024 * 1024:
        await answer(message, views.too_big(ui, MAX_MB))
        return
    pending = {"file": document.file_id, "name": name, "zones": {}}
    await read(message, bot, ui, state, roadmaps, pending)


async def read(
    reply_to: AnyMessage,
    bot: Bot,
    ui: Ui,
    state: FSMContext,
    roadmaps: RoadmapService,
    pending: dict[str, Any],
) -> None:
    """Run the importer on the pending file (with the zones given so far) and answer: a
    summary to confirm, the next party's time zone to give, or why it cannot be loaded."""
    pending["id"] = secrets.token_hex(4)
    result = await read_file(bot, roadmaps, pending)
    if result is None:
        await state.clear()
        await answer(reply_to, views.not_downloaded(ui, pending["name"]))
    elif isinstance(result, ZoneNeeded):
        pending["party"] = result.party_id
        await state.set_state(RoadmapImport.zone)
        await state.set_data(pending)
        await answer(reply_to, views.ask_zone(ui, result.name, LIKELY_ZONES, pending["id"]))
    elif isinstance(result, Unreadable):
        await state.clear()
        await answer(reply_to, views.unreadable(ui, pending["name"], result.problem))
    else:
        await offer(reply_to, ui, state, result, pending)


async def read_file(
    bot: Bot, roadmaps: RoadmapService, pending: dict[str, Any]
) -> ImportPreview | Unreadable | ZoneNeeded | None:
    """The pending file, downloaded into a folder of its own, read; None if Telegram would
    not give it."""
    suffix = Path(pending["name"]).suffix.lower()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"roadmap{suffix}"
        try:
            await bot.download(pending["file"], destination=path)
        except TelegramBadRequest:
            return None
        return await roadmaps.read(path, pending["zones"])


async def offer(
    reply_to: AnyMessage,
    ui: Ui,
    state: FSMContext,
    preview: ImportPreview,
    pending: dict[str, Any],
    note: bool = False,
) -> None:
    """The summary with its buttons, the import kept until the admin taps one; an
    unchanged edition has nothing to load."""
    show_ = views.outdated if note else views.summary
    if preview.unchanged:
        await state.clear()
        await answer(reply_to, show_(ui, preview, pending["name"], pending["id"]))
        return
    pending.update(
        roadmap=preview.roadmap.to_json(),
        number=preview.number,
        replacing=preview.replacing,
        as_new=preview.as_new,
    )
    await state.set_state(RoadmapImport.confirm)
    await state.set_data(pending)
    await answer(reply_to, show_(ui, preview, pending["name"], pending["id"]))


async def refused(message: Message, ui: Ui, viewer: Viewer, items: ItemService) -> None:
    """A roadmap file from outside the office: never loaded; the way to attach a file to a
    status report, as anyone's file outside a dialog gets."""
    hint = start_views.unknown_input(ui, None, True, items.example(viewer)).text
    await answer(message, views.not_admin(ui, hint))


# --- the admin's taps ---------------------------------------------------------------------


async def waiting(state: FSMContext, callback_data: ImportCD, step: State) -> dict | None:
    """The import this button belongs to, if it still waits at `step`."""
    if await state.get_state() != step.state:
        return None
    data = await state.get_data()
    return data if data.get("id") == callback_data.id else None


async def zone_chosen(
    _: TelegramObject,
    reply_to: AnyMessage,
    callback_data: ImportCD,
    bot: Bot,
    ui: Ui,
    state: FSMContext,
    roadmaps: RoadmapService,
    callback_answer: CallbackAnswer,
) -> None:
    """The party's zone given: read the same file again with it."""
    pending = await waiting(state, callback_data, RoadmapImport.zone)
    if pending is None or callback_data.zone >= len(LIKELY_ZONES):
        alert(callback_answer, common_views.outdated(ui))
        return
    await drop_buttons(reply_to)
    pending["zones"] = {**pending["zones"], pending.pop("party"): LIKELY_ZONES[callback_data.zone]}
    await read(reply_to, bot, ui, state, roadmaps, pending)


async def load(
    _: TelegramObject,
    reply_to: AnyMessage,
    callback_data: ImportCD,
    ui: Ui,
    viewer: Viewer,
    state: FSMContext,
    roadmaps: RoadmapService,
    callback_answer: CallbackAnswer,
) -> None:
    """Loaded (as the edition it corrects, or as a new roadmap when the admin chose so);
    or, another edition loaded meanwhile, nothing loaded and the diff afresh."""
    pending = await waiting(state, callback_data, RoadmapImport.confirm)
    if pending is None:
        alert(callback_answer, common_views.outdated(ui))
        return
    roadmap = Roadmap.from_dict(json.loads(pending["roadmap"]))
    if callback_data.action == "new" or pending.get("as_new"):
        result = await roadmaps.confirm(roadmap, 0, None, viewer.user_id, as_new=True)
    else:
        number, replacing = pending["number"], pending["replacing"]
        result = await roadmaps.confirm(roadmap, number, replacing, viewer.user_id)
    await drop_buttons(reply_to)
    if isinstance(result, Loaded):
        await state.clear()
        await answer(reply_to, views.loaded(ui, result.entry))
        return
    assert result.preview is not None
    pending["id"] = secrets.token_hex(4)
    await offer(reply_to, ui, state, result.preview, pending, note=True)


async def cancel(
    _: TelegramObject,
    reply_to: AnyMessage,
    callback_data: ImportCD,
    ui: Ui,
    state: FSMContext,
    callback_answer: CallbackAnswer,
) -> None:
    pending = await waiting(state, callback_data, RoadmapImport.confirm)
    pending = pending or await waiting(state, callback_data, RoadmapImport.zone)
    if pending is None:
        alert(callback_answer, common_views.outdated(ui))
        return
    await state.clear()
    await drop_buttons(reply_to)
    await answer(reply_to, views.cancelled(ui))


# --- /roadmaps ------------------------------------------------------------------------------


async def listing(message: Message, ui: Ui, roadmaps: RoadmapService) -> None:
    await answer(message, views.listing(ui, roadmaps.standings(), 0))


async def listing_page(
    _: TelegramObject,
    reply_to: AnyMessage,
    callback_data: RoadmapsCD,
    ui: Ui,
    roadmaps: RoadmapService,
) -> None:
    await show(reply_to, views.listing(ui, roadmaps.standings(), callback_data.page), edit=True)


async def prolong(
    _: TelegramObject,
    reply_to: AnyMessage,
    callback_data: RoadmapsCD,
    ui: Ui,
    roadmaps: RoadmapService,
    callback_answer: CallbackAnswer,
) -> None:
    """One more year of status reports on a roadmap, or its own period only again."""
    number = callback_data.number
    if callback_data.action == "more":
        entry = await roadmaps.prolong_by_year(number, callback_data.year)
    else:
        entry = await roadmaps.end_extension(number)
    if entry is None:
        alert(callback_answer, common_views.outdated(ui))
        return
    toast(callback_answer, views.prolonged(ui, entry))
    await show(reply_to, views.listing(ui, roadmaps.standings(), callback_data.page), edit=True)


async def admin_only(
    event: TelegramObject, ui: Ui, callback_answer: CallbackAnswer | None = None
) -> None:
    if callback_answer is not None:
        alert(callback_answer, office_views.admin_only(ui))
    elif isinstance(event, Message):
        await answer(event, common_views.Screen(office_views.admin_only(ui)))
