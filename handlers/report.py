"""Reporting progress: the dialog (status, comment, evidence, confirm), /update, No change."""

from __future__ import annotations

import logging
import secrets
from typing import Any, Final

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message, Update
from aiogram.utils.callback_answer import CallbackAnswer

from bot import keyboards, views
from bot.access import counterpart_departments, reporting_departments, user_items
from bot.callbacks import DraftCD, ItemCD, MenuCD
from bot.clock import Clock
from bot.i18n import Texts, Translator, pick_locale
from bot.outbox import Outbox
from bot.reporting import (
    COMMENT_LIMIT,
    QuickUpdateError,
    Status,
    parse_quick_update,
    quarter_of,
    within_edit_window,
)
from bot.roadmap import Item, Roadmap
from handlers.shared import (
    AnyMessage,
    KnownItem,
    alert,
    approved_and_zone,
    drop_buttons,
    resolve_item,
)
from storage.outbox import Notice
from storage.repository import Repository, UserProfile
from storage.updates import Evidence, StatusUpdate

router: Final[Router] = Router(name=__name__)
log = logging.getLogger(__name__)


class ReportFlow(StatesGroup):
    department = State()
    status = State()
    comment = State()
    evidence = State()
    confirm = State()


# --- starting a report ---------------------------------------------------------------------


@router.message(Command("update"))
async def update_command(
    message: Message,
    command: CommandObject,
    t: Texts,
    roadmap: Roadmap,
    repo: Repository,
    profile: UserProfile,
    state: FSMContext,
    event_update: Update,
    outbox: Outbox | None,
    translator: Translator,
) -> None:
    approved, zone = await approved_and_zone(repo, roadmap, profile)
    args = (command.args or "").strip()
    if not args:
        await pick_item(message, t, roadmap, approved)
        return
    item = await resolve_item(message, t, roadmap, approved, args)
    if item is None:
        return
    if len(args.split()) == 1:
        await start_report(message, t, roadmap, approved, state, item)
        return
    try:
        quick = parse_quick_update(args)
    except QuickUpdateError as exc:
        await message.answer(
            t(str(exc)) + ("\n\n" + t("update-usage") if str(exc) != "update-usage" else "")
        )
        return
    if len(quick.comment) > COMMENT_LIMIT:
        await message.answer(
            t("report-comment-too-long", length=len(quick.comment), limit=COMMENT_LIMIT)
        )
        return
    if quick.status.needs_comment and not quick.comment:
        await message.answer(
            t(
                "report-ask-comment-required",
                status=t(f"status-{quick.status.value}"),
                limit=COMMENT_LIMIT,
            )
        )
        return
    deps = reporting_departments(item, approved)
    if not deps:
        await message.answer(t("report-not-allowed", code=item.code))
        return
    if len(deps) > 1:
        await start_report(
            message,
            t,
            roadmap,
            approved,
            state,
            item,
            preset={"status": quick.status.value, "comment": quick.comment},
        )
        return
    await save_and_announce(
        message,
        t,
        roadmap,
        repo,
        outbox,
        translator,
        profile,
        zone,
        item=item,
        dep=deps[0],
        status=quick.status,
        comment=quick.comment,
        evidence=None,
        client_key=f"tg:{event_update.update_id}",
    )


@router.callback_query(MenuCD.filter(F.action == "report"))
async def menu_report(
    query: CallbackQuery, t: Texts, roadmap: Roadmap, repo: Repository, profile: UserProfile
) -> None:
    approved, _ = await approved_and_zone(repo, roadmap, profile)
    if query.message:
        await pick_item(query.message, t, roadmap, approved)


async def pick_item(message: AnyMessage, t: Texts, roadmap: Roadmap, approved: list[str]) -> None:
    items = user_items(roadmap, approved)
    if not items:
        await message.answer(t("items-none"))
        return
    await message.answer(
        t("report-pick-item"), reply_markup=keyboards.item_buttons(items, "report")
    )


@router.callback_query(ItemCD.filter(F.action == "report"), KnownItem())
async def report_button(
    query: CallbackQuery,
    message: AnyMessage,
    item: Item,
    t: Texts,
    roadmap: Roadmap,
    repo: Repository,
    profile: UserProfile,
    state: FSMContext,
) -> None:
    approved, _ = await approved_and_zone(repo, roadmap, profile)
    await start_report(message, t, roadmap, approved, state, item)


async def start_report(
    message: AnyMessage,
    t: Texts,
    roadmap: Roadmap,
    approved: list[str],
    state: FSMContext,
    item: Item,
    preset: dict[str, Any] | None = None,
) -> None:
    deps = reporting_departments(item, approved)
    if not deps:
        await message.answer(t("report-not-allowed", code=item.code))
        return
    draft = secrets.token_hex(4)
    await state.set_data({"draft": draft, "item": item.code, "deps": deps, **(preset or {})})
    if len(deps) > 1:
        await state.set_state(ReportFlow.department)
        departments = [d for d in (roadmap.department(x) for x in deps) if d]
        await message.answer(
            t("report-choose-department", code=item.code),
            reply_markup=keyboards.choose_department(item.code, departments, "report", draft),
        )
        return
    await state.update_data(dep=deps[0])
    await ask_status(message, t, roadmap, state)


async def start_edit(
    message: AnyMessage, t: Texts, state: FSMContext, update: StatusUpdate
) -> None:
    draft = secrets.token_hex(4)
    await state.set_data(
        {
            "draft": draft,
            "item": update.item_code,
            "edit": update.id,
            "dep": update.department_id,
            "deps": [update.department_id],
        }
    )
    await state.set_state(ReportFlow.status)
    await message.answer(
        t("edit-start", id=update.id, code=update.item_code),
        reply_markup=keyboards.statuses(t, draft),
    )


async def ask_status(message: AnyMessage, t: Texts, roadmap: Roadmap, state: FSMContext) -> None:
    data = await state.get_data()
    if "status" in data:  # a one-message /update that only needed the department
        await ask_confirm(message, t, roadmap, state)
        return
    await state.set_state(ReportFlow.status)
    item = roadmap.item(data["item"])
    assert item is not None
    await message.answer(
        t(
            "report-choose-status",
            code=item.code,
            title=views.shorten(item.title, 300),
            department=views.department_name(roadmap, data["dep"]),
        ),
        reply_markup=keyboards.statuses(t, data["draft"]),
    )


async def ask_confirm(message: AnyMessage, t: Texts, roadmap: Roadmap, state: FSMContext) -> None:
    await state.set_state(ReportFlow.confirm)
    data = await state.get_data()
    item = roadmap.item(data["item"])
    assert item is not None
    evidence = data.get("evidence")
    if evidence is None:
        attached = t("evidence-none")
    elif evidence["kind"] == "photo":
        attached = t("evidence-photo")
    else:
        attached = t("evidence-document", name=evidence.get("name") or "")
    status = Status(data["status"])
    await message.answer(
        t(
            "report-confirm",
            code=item.code,
            title=views.shorten(item.title, 300),
            department=views.department_name(roadmap, data["dep"]),
            icon=status.icon,
            status=t(f"status-{status.value}"),
            comment=data.get("comment") or t("comment-none"),
            evidence=attached,
        ),
        reply_markup=keyboards.confirm(t, data["draft"]),
    )


# --- dialog steps --------------------------------------------------------------------------

STEP_STATES = {
    "dep": (ReportFlow.department,),
    "status": (ReportFlow.status,),
    "skip": (ReportFlow.comment, ReportFlow.evidence),
    "confirm": (ReportFlow.confirm,),
    "cancel": tuple(ReportFlow.__states__),
}


async def current_step(state: FSMContext, callback_data: DraftCD) -> dict[str, Any] | None:
    """The dialog's data if this button belongs to it and to the step it is at."""
    data = await state.get_data()
    current = await state.get_state()
    allowed = {s.state for s in STEP_STATES.get(callback_data.action, ())}
    if data.get("draft") != callback_data.draft or current not in allowed:
        return None
    return data


@router.callback_query(DraftCD.filter())
async def dialog_button(
    query: CallbackQuery,
    callback_data: DraftCD,
    t: Texts,
    roadmap: Roadmap,
    repo: Repository,
    profile: UserProfile,
    state: FSMContext,
    outbox: Outbox | None,
    translator: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    data = await current_step(state, callback_data)
    if data is None or query.message is None:
        alert(callback_answer, t("button-outdated"))
        return
    message = query.message
    action = callback_data.action
    if action in ("cancel", "confirm"):
        await drop_buttons(message)
    if action == "cancel":
        await state.clear()
        await message.answer(t("cancelled"))
    elif action == "dep":
        if callback_data.value not in data["deps"]:
            alert(callback_answer, t("button-outdated"))
            return
        await state.update_data(dep=callback_data.value)
        await ask_status(message, t, roadmap, state)
    elif action == "status":
        await choose_status(message, t, state, callback_data.value, callback_answer)
    elif action == "skip":
        if await state.get_state() == ReportFlow.comment.state:
            await after_comment(message, t, roadmap, state, "")
        else:
            await ask_confirm(message, t, roadmap, state)
    elif action == "confirm":
        await confirm(message, t, roadmap, repo, outbox, translator, profile, state, clock, data)


async def choose_status(
    message: AnyMessage, t: Texts, state: FSMContext, value: str, callback_answer: CallbackAnswer
) -> None:
    try:
        status = Status(value)
    except ValueError:
        alert(callback_answer, t("button-outdated"))
        return
    await state.update_data(status=status.value)
    await state.set_state(ReportFlow.comment)
    draft = (await state.get_data())["draft"]
    name = t(f"status-{status.value}")
    if status.needs_comment:
        text, skip = t("report-ask-comment-required", status=name, limit=COMMENT_LIMIT), None
    else:
        text, skip = t("report-ask-comment", status=name, limit=COMMENT_LIMIT), "btn-skip-comment"
    await message.answer(text, reply_markup=keyboards.draft_step(t, draft, skip))


@router.message(ReportFlow.comment, F.text, ~F.text.startswith("/"))
async def comment_text(message: Message, t: Texts, roadmap: Roadmap, state: FSMContext) -> None:
    text = (message.text or "").strip()
    if len(text) > COMMENT_LIMIT:
        await message.answer(t("report-comment-too-long", length=len(text), limit=COMMENT_LIMIT))
        return
    if not text:
        await message.answer(t("send-text-please"))
        return
    await after_comment(message, t, roadmap, state, text)


async def after_comment(
    message: AnyMessage, t: Texts, roadmap: Roadmap, state: FSMContext, comment: str
) -> None:
    data = await state.get_data()
    if not comment and Status(data["status"]).needs_comment:
        await message.answer(
            t(
                "report-ask-comment-required",
                status=t(f"status-{data['status']}"),
                limit=COMMENT_LIMIT,
            )
        )
        return
    await state.update_data(comment=comment)
    if data.get("edit"):
        await ask_confirm(message, t, roadmap, state)
        return
    await state.set_state(ReportFlow.evidence)
    await message.answer(
        t("report-ask-evidence"),
        reply_markup=keyboards.draft_step(t, data["draft"], "btn-skip-evidence"),
    )


@router.message(ReportFlow.comment, ~F.text)
async def comment_not_text(message: Message, t: Texts) -> None:
    await message.answer(t("send-text-please"))


@router.message(ReportFlow.evidence, F.document | F.photo)
async def evidence_file(message: Message, t: Texts, roadmap: Roadmap, state: FSMContext) -> None:
    if message.document:
        evidence = {
            "kind": "document",
            "file_id": message.document.file_id,
            "name": message.document.file_name,
        }
    else:
        assert message.photo
        evidence = {"kind": "photo", "file_id": message.photo[-1].file_id, "name": None}
    await state.update_data(evidence=evidence)
    await ask_confirm(message, t, roadmap, state)


@router.message(ReportFlow.evidence, ~F.text.startswith("/"))
async def evidence_other(message: Message, t: Texts) -> None:
    await message.answer(t("report-send-file"))


@router.message(ReportFlow.department, ~F.text.startswith("/"))
@router.message(ReportFlow.status, ~F.text.startswith("/"))
@router.message(ReportFlow.confirm, ~F.text.startswith("/"))
async def use_the_buttons(message: Message, t: Texts) -> None:
    await message.answer(t("use-buttons"))


# --- saving --------------------------------------------------------------------------------


async def confirm(
    message: AnyMessage,
    t: Texts,
    roadmap: Roadmap,
    repo: Repository,
    outbox: Outbox | None,
    translator: Translator,
    profile: UserProfile,
    state: FSMContext,
    clock: Clock,
    data: dict[str, Any],
) -> None:
    item = roadmap.item(data["item"])
    approved, zone = await approved_and_zone(repo, roadmap, profile)
    status = Status(data["status"])
    if item is None:
        await state.clear()
        await message.answer(t("button-outdated"))
        return
    if data.get("edit"):
        update = await repo.update_by_id(data["edit"])
        await state.clear()
        if (
            update is None
            or update.user_id != profile.id
            or not within_edit_window(update.created_at, clock.now())
        ):
            await message.answer(t("edit-too-late"))
            return
        await repo.edit_update(update.id, profile.id, status.value, data.get("comment", ""))
        await message.answer(
            t("edit-saved", id=update.id, code=item.code, status=t(f"status-{status.value}"))
        )
        return
    if data["dep"] not in reporting_departments(item, approved):
        await state.clear()  # membership revoked while the dialog was open
        await message.answer(t("report-not-allowed", code=item.code))
        return
    raw = data.get("evidence")
    evidence = Evidence(raw["kind"], raw["file_id"], raw.get("name")) if raw else None
    await state.clear()
    await save_and_announce(
        message,
        t,
        roadmap,
        repo,
        outbox,
        translator,
        profile,
        zone,
        item=item,
        dep=data["dep"],
        status=status,
        comment=data.get("comment", ""),
        evidence=evidence,
        client_key=f"d:{profile.id}:{data['draft']}",
    )


async def save_and_announce(
    message: AnyMessage,
    t: Texts,
    roadmap: Roadmap,
    repo: Repository,
    outbox: Outbox | None,
    translator: Translator,
    profile: UserProfile,
    zone,
    *,
    item: Item,
    dep: str,
    status: Status,
    comment: str,
    evidence: Evidence | None,
    client_key: str,
) -> None:
    """Save the report with its notices to the other side, then confirm it to the reporter.

    The notices are queued in the report's own transaction (only if the report is new) and
    sent by the outbox, paced, so a reporter never waits for a dozen counterparts' messages.
    """
    notices = await counterpart_notices(
        repo, translator, roadmap, item, dep, profile.id, status, comment
    )
    update_id, created = await repo.add_update(
        item_code=item.code,
        department_id=dep,
        user_id=profile.id,
        status=status.value,
        comment=comment,
        client_key=client_key,
        evidence=evidence,
        notices=notices,
    )
    if created and notices and outbox is not None:
        outbox.wake()
    saved = await repo.update_by_id(update_id)
    when = views.local_date(saved.created_at, zone) if saved else ""
    await message.answer(
        t(
            "report-saved",
            code=item.code,
            status=t(f"status-{status.value}"),
            department=views.department_name(roadmap, dep),
            date=when,
        )
    )


async def counterpart_notices(
    repo: Repository,
    translator: Translator,
    roadmap: Roadmap,
    item: Item,
    dep: str,
    author_id: int,
    status: Status,
    comment: str,
) -> list[Notice]:
    """What to tell the other side's coordinators of this item about this report."""
    department = roadmap.department(dep)
    if department is None:
        return []
    built: dict[str, tuple[str, str]] = {}  # locale -> (text, markup): the same for everyone

    def build(locale: str) -> tuple[str, str]:
        t = translator.for_locale(locale)
        text = t(
            "notice-counterpart",
            party=views.party_name(roadmap, department.party),
            department=department.name,
            code=item.code,
            title=views.shorten(item.title, 80),
            icon=status.icon,
            status=t(f"status-{status.value}"),
            comment=f" — {views.shorten(comment, 500)}" if comment else "",
        )
        markup = keyboards.open_item(t, item.code).model_dump_json(exclude_none=True)
        return f"{text}\n\n{t('notice-footer')}", markup

    notices = []
    departments = counterpart_departments(roadmap, item, dep)
    for person_id, language, telegram_language in await repo.notice_recipients(
        departments, exclude=author_id
    ):
        locale = pick_locale(language, telegram_language)
        if locale not in built:
            built[locale] = build(locale)
        notices.append(Notice(person_id, *built[locale]))
    return notices


# --- No change -----------------------------------------------------------------------------


@router.callback_query(ItemCD.filter(F.action == "same"), KnownItem())
async def no_change(
    query: CallbackQuery,
    message: AnyMessage,
    callback_data: ItemCD,
    item: Item,
    t: Texts,
    roadmap: Roadmap,
    repo: Repository,
    profile: UserProfile,
    clock: Clock,
) -> None:
    approved, zone = await approved_and_zone(repo, roadmap, profile)
    deps = reporting_departments(item, approved)
    if not deps or (callback_data.dep and callback_data.dep not in deps):
        await message.answer(t("report-not-allowed", code=item.code))
        return
    if not callback_data.dep and len(deps) > 1:
        departments = [d for d in (roadmap.department(x) for x in deps) if d]
        await message.answer(
            t("report-choose-department", code=item.code),
            reply_markup=keyboards.choose_department(item.code, departments, "same"),
        )
        return
    dep = callback_data.dep or deps[0]
    dep_name = views.department_name(roadmap, dep)
    latest = await repo.latest_of_department(item.code, dep)
    if latest is None:
        await message.answer(t("same-nothing", code=item.code, department=dep_name))
        return
    now = clock.now().astimezone(zone)
    year, quarter = quarter_of(now.date())
    status_text = t(f"status-{latest.status}")
    if quarter_of(latest.created_at.astimezone(zone).date()) == (year, quarter):
        await message.answer(
            t(
                "same-already",
                code=item.code,
                status=status_text,
                date=views.local_date(latest.created_at, zone),
            )
        )
        return
    await repo.add_update(
        item_code=item.code,
        department_id=dep,
        user_id=profile.id,
        status=latest.status,
        comment=latest.comment,
        client_key=f"same:{item.code}:{dep}:{year}-Q{quarter}",
        carried_forward=True,
    )
    await message.answer(
        t(
            "same-saved",
            quarter=t("quarter", quarter=quarter, year=str(year)),
            code=item.code,
            status=status_text,
            department=dep_name,
        )
    )
