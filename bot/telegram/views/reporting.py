"""The status report dialog, its outcomes, "no change", and the notice the other side gets."""

from __future__ import annotations

from contextlib import suppress

from bot.domain.catalog import Catalog, shown_codes
from bot.domain.periods import parse_period
from bot.domain.reports import COMMENT_LIMIT, StatusReport, shortened
from bot.domain.roadmap import Department, Item
from bot.domain.statuses import Status
from bot.i18n import Translator
from bot.services.drafts import (
    CommentProblem,
    CommentRequired,
    CommentTooLong,
    CommentUnsavable,
    ReportDraft,
    Step,
)
from bot.services.items import Ambiguous, MyItems, NoCode, Pending, UnknownItem
from bot.services.no_change import (
    AlreadyReported,
    Carried,
    CarriedAll,
    CarryAll,
    CarryResult,
    ChooseDepartment,
    NothingToCarry,
)
from bot.services.reporting import (
    CommandResult,
    Edited,
    PickItem,
    Saved,
    Unreadable,
    Withdrawn,
)
from bot.services.results import Refused
from bot.telegram import keyboards
from bot.telegram.views import items as items_views
from bot.telegram.views.common import (
    Screen,
    Ui,
    department_name,
    distinct,
    local_date,
    party_name,
    refused,
    short_date,
    shorten,
    status_name,
)
from bot.telegram.views.office import period_label

PICK_TITLE = 30  # characters of an activity's title on the buttons to pick one


def pick_item(ui: Ui, items: list[Item]) -> Screen:
    """Which activity to report on: a button each, and the one-message form with the first
    of them as its example."""
    if not items:
        return Screen(ui.t("items-none"))
    titles = distinct({i.code: i.title for i in items}, PICK_TITLE)
    shown = shown_codes(items)
    text = ui.t("report-pick-item") + "\n" + ui.t("report-pick-hint", code=shown[items[0].code])
    return Screen(text, keyboards.pick_items(ui.t, titles, shown))


# --- the dialog's steps --------------------------------------------------------------------


def step(ui: Ui, draft: ReportDraft, resumed: bool = False) -> Screen:
    """What the dialog asks for next, given what the draft has; `resumed`: a draft left open
    earlier goes on."""
    screen = _step(ui, draft)
    if resumed:
        return Screen(ui.t("report-resumed", code=draft.item) + "\n\n" + screen.text, screen.markup)
    return screen


def _step(ui: Ui, draft: ReportDraft) -> Screen:
    match draft.step:
        case Step.DEPARTMENT:
            return choose_department(ui, draft)
        case Step.STATUS:
            return ask_status(ui, draft)
        case Step.COMMENT:
            return ask_comment(ui, draft)
        case Step.EVIDENCE:
            return ask_file(ui, draft)
    return confirm(ui, draft)


def choose_department(ui: Ui, draft: ReportDraft) -> Screen:
    departments = [d for d in map(ui.roadmap.department, draft.departments) if d]
    names = distinct({d.id: d.name for d in departments}, keyboards.BUTTON_LABEL)
    return Screen(
        ui.t("report-choose-department", code=draft.item),
        keyboards.choose_department(draft.item, departments, "report", draft.id, names),
    )


def ask_status(ui: Ui, draft: ReportDraft) -> Screen:
    t, roadmap = ui.t, ui.roadmap
    item = roadmap.item(draft.item)
    assert item is not None and draft.department is not None
    guesses = [Status(g) for g in draft.guesses]
    markup = keyboards.statuses(t, draft.id, first=guesses)
    kept = draft.comment or draft.long_comment
    if guesses:
        text = t("report-guess-status", word="none", code=item.code, title=shorten(item.title, 300))
    elif draft.editing is not None:
        text = t("edit-start", id=draft.editing, code=item.code)
    elif kept:  # a comment came first, or with a status not understood
        text = t("report-status-for-comment", code=item.code, title=shorten(item.title, 300))
    else:
        text = t(
            "report-choose-status",
            code=item.code,
            title=shorten(item.title, 300),
            department=department_name(roadmap, draft.department),
        )
    if kept:
        text += "\n" + t("report-comment-kept", comment=shorten(kept, 200))
    return Screen(text, markup)


def ask_comment(ui: Ui, draft: ReportDraft) -> Screen:
    t = ui.t
    assert draft.status is not None
    if draft.long_comment is not None:
        return too_long(ui, draft)
    status = Status(draft.status)
    name = t(f"status-{status.value}")
    keep = draft.editing is not None and bool(draft.kept_comment)
    markup = keyboards.comment_step(t, draft.id, keep=keep, optional=draft.comment_optional)
    if keep:
        comment = shorten(draft.kept_comment or "", 200)
        return Screen(t("report-ask-comment-edit", status=name, comment=comment), markup)
    key = "report-ask-comment" if draft.comment_optional else "report-ask-comment-required"
    return Screen(t(key, status=name, kind=status.value, limit=COMMENT_LIMIT), markup)


def too_long(ui: Ui, draft: ReportDraft) -> Screen:
    """The comment is over the limit: kept, to be saved cut (where it would end is shown) or
    replaced by a shorter one."""
    text = draft.long_comment or ""
    kept = shortened(text)
    return Screen(
        ui.t(
            "report-comment-too-long",
            length=len(text),
            limit=COMMENT_LIMIT,
            tail=kept[-80:].lstrip(),
        ),
        keyboards.too_long(ui.t, draft.id),
    )


def ask_file(ui: Ui, draft: ReportDraft) -> Screen:
    return Screen(ui.t("report-send-file"), keyboards.file_step(ui.t, draft.id))


def file_received(ui: Ui, draft: ReportDraft) -> Screen:
    """A file came: kept. Before the comment, it says so and still asks for the comment;
    otherwise the dialog goes on (the summary, with the file)."""
    if draft.step is not Step.COMMENT or draft.long_comment is not None:
        return step(ui, draft)
    keep = draft.editing is not None and bool(draft.kept_comment)
    markup = keyboards.comment_step(ui.t, draft.id, keep=keep, optional=draft.comment_optional)
    return Screen(ui.t("report-file-attached"), markup)


def confirm(ui: Ui, draft: ReportDraft) -> Screen:
    t, roadmap = ui.t, ui.roadmap
    item = roadmap.item(draft.item)
    assert item is not None and draft.status is not None and draft.department is not None
    evidence = draft.evidence
    if evidence is None:
        attached = t("evidence-none")
    elif evidence.kind == "photo":
        attached = t("evidence-photo")
    else:
        attached = t("evidence-document", name=evidence.name or "")
    status = Status(draft.status)
    text = t(
        "report-confirm",
        code=item.code,
        title=shorten(item.title, 300),
        department=department_name(roadmap, draft.department),
        icon=status.icon,
        status=t(f"status-{status.value}"),
        comment=shorten(draft.comment or "", 1500) or t("comment-none"),
        evidence=attached,
    )
    markup = keyboards.confirm(
        t, draft.id, has_file=evidence is not None, restore=draft.replaced_comment is not None
    )
    return Screen(text, markup)


def comment_problem(ui: Ui, problem: CommentProblem, draft: ReportDraft | None = None) -> Screen:
    t = ui.t
    if isinstance(problem, CommentUnsavable):
        return Screen(t("report-comment-unsavable"))
    if isinstance(problem, CommentTooLong) and draft is not None:
        return too_long(ui, draft)
    if isinstance(problem, CommentTooLong):
        return Screen(
            t("report-comment-too-long", length=problem.length, limit=problem.limit, tail="")
        )
    return Screen(
        t(
            "report-ask-comment-required",
            status=t(f"status-{problem.status.value}"),
            kind=problem.status.value,
            limit=problem.limit,
        )
    )


def not_saved(ui: Ui, draft: ReportDraft | None, reason: str) -> Screen:
    """The save failed for a reason of the storage's: the draft stays, to try again; or,
    when even the draft could not be kept, the message is to be sent again."""
    if draft is None:
        return Screen(ui.t("report-not-saved-resend", reason=reason))
    retry = keyboards.confirm(ui.t, draft.id, label="btn-try-again", files=False)
    return Screen(ui.t("report-not-saved", reason=reason), retry)


def send_file_please(ui: Ui, draft: ReportDraft) -> Screen:
    return Screen(ui.t("report-send-file"), keyboards.file_step(ui.t, draft.id))


def voice_please(ui: Ui) -> Screen:
    return Screen(ui.t("report-voice"))


def status_please(ui: Ui) -> Screen:
    return Screen(ui.t("use-buttons-status"))


# --- outcomes ------------------------------------------------------------------------------


def started(ui: Ui, result: ReportDraft | Refused) -> Screen:
    """The dialog's first question, or why there is no dialog."""
    return refused(ui.t, result) if isinstance(result, Refused) else step(ui, result)


def command_result(ui: Ui, result: CommandResult, example: str, ask: str = "") -> Screen:
    """The answer to `/update …`; `example` is one of the user's own codes, for the format;
    `ask` keys the typed text kept while the user picks a roadmap."""
    t = ui.t
    if isinstance(result, PickItem):
        return pick_item(ui, result.items)
    if isinstance(result, UnknownItem | NoCode):
        return items_views.not_found(ui, result, result.example)
    if isinstance(result, Ambiguous):  # with typed text, the tap brings it back
        return items_views.which_roadmap(ui, result, None if result.rest else "report", ask)
    if isinstance(result, Unreadable):
        usage = t("update-usage", code=example)
        if result.reason == "update-usage":
            return Screen(usage)
        return Screen(t(result.reason) + "\n\n" + usage)
    if isinstance(result, CommentTooLong | CommentRequired | CommentUnsavable):
        return comment_problem(ui, result)
    if isinstance(result, Saved):
        return saved(ui, result)
    return started(ui, result)


def saved(ui: Ui, result: Saved, after: MyItems | Pending | Refused | None = None) -> Screen:
    """What was saved; then what the user's side still owes this quarter, a tap away."""
    t, roadmap, zone = ui.t, ui.roadmap, ui.zone
    report = result.report
    item = roadmap.item(report.item_code)
    code = report.item_code
    if item is not None and roadmap.several:  # which roadmap it went into, by name
        code = f"{item.label} («{roadmap.entry_of(item).short_name}»)"
    text = t(
        "report-saved",
        code=code,
        status=t(f"status-{report.status}"),
        department=department_name(roadmap, report.department_id),
        date=local_date(report.created_at, zone),
    )
    if not isinstance(after, MyItems):
        return Screen(text)
    quarter = period_label(t, after.quarter)
    owed = [s.item for s in after.activities if s.owed]
    if not owed:
        return Screen(text + "\n\n" + t("report-saved-all-done", quarter=quarter))
    shown = shown_codes(after.items)
    codes = ", ".join(shown[item.code] for item in owed)
    text += "\n\n" + t("report-saved-next", quarter=quarter, codes=codes)
    titles = distinct({item.code: item.title for item in owed[:NEXT_BUTTONS]}, PICK_TITLE)
    markup = keyboards.report_buttons(t, titles, after.quarter.label, after.carryable, shown)
    return Screen(text, markup)


NEXT_BUTTONS = 5  # owed activities offered after a report is saved


def outcome(
    ui: Ui, result: Saved | Edited | Refused, after: MyItems | Pending | Refused | None = None
) -> Screen:
    t = ui.t
    if isinstance(result, Saved):
        return saved(ui, result, after)
    if isinstance(result, Edited):
        return Screen(
            t(
                "edit-saved",
                id=result.report_id,
                code=result.item_code,
                status=t(f"status-{result.status.value}"),
            )
        )
    return refused(t, result)


def withdraw_ask(ui: Ui, report: StatusReport) -> Screen:
    t, zone = ui.t, ui.zone
    return Screen(
        t(
            "withdraw-confirm",
            id=report.id,
            code=report.item_code,
            status=status_name(t, report.status),
            date=local_date(report.created_at, zone),
        ),
        keyboards.withdraw(t, report.id),
    )


def withdrawn(ui: Ui, result: Withdrawn) -> Screen:
    return Screen(ui.t("withdraw-done", id=result.report_id))


def withdraw_kept(ui: Ui, report_id: int) -> Screen:
    return Screen(ui.t("withdraw-kept", id=report_id))


# --- no change -----------------------------------------------------------------------------


def carried(ui: Ui, result: CarryResult) -> Screen:
    """The answer to "No change" on one activity."""
    t, zone = ui.t, ui.zone
    if isinstance(result, Refused):
        return refused(t, result)
    if isinstance(result, ChooseDepartment):
        return Screen(
            t("report-choose-department", code=result.item.code),
            keyboards.choose_department(result.item.code, result.departments, "same"),
        )
    if isinstance(result, NothingToCarry):
        text = t("same-nothing", code=result.item.code, department=result.department.name)
        return Screen(text, keyboards.item_actions(t, result.item.code))
    status = t(f"status-{result.latest.status}")
    if isinstance(result, AlreadyReported):
        return Screen(
            t(
                "same-already",
                code=result.item.code,
                status=status,
                date=local_date(result.latest.created_at, zone),
            )
        )
    assert isinstance(result, Carried)
    return Screen(
        t(
            "same-saved",
            quarter=period_label(t, result.quarter),
            code=result.item.code,
            status=status,
            department=result.department.name,
        )
    )


def carry_all_ask(ui: Ui, preview: CarryAll, asked: str | None = None) -> Screen:
    """What one more tap would mark "no change", each with the status it keeps. `asked`:
    the quarter of the button pressed; a reminder of a quarter gone by says so."""
    t = ui.t
    quarter = period_label(t, preview.quarter)
    lines = []
    if asked and asked != preview.quarter.label:
        with suppress(ValueError):
            was = period_label(t, parse_period(asked))
            lines.append(t("same-all-other-quarter", was=was, quarter=quarter))
    if not preview.items:
        return Screen("\n".join([*lines, t("same-all-none", quarter=quarter)]))
    titles = distinct({e.item.code: e.item.title for e in preview.items}, 40)
    lines.append(t("same-all-ask", quarter=quarter))
    for entry in preview.items:
        status = Status(entry.latest.status)
        lines.append(
            t(
                "same-all-line",
                code=entry.item.code,
                title=titles[entry.item.code],
                icon=status.icon,
                status=status_name(t, status.value),
                date=short_date(entry.latest.created_at, ui.zone, preview.quarter.year),
            )
        )
    markup = keyboards.carry_all(t, preview.quarter.label, len(preview.items))
    return Screen("\n".join(lines), markup)


def carried_all(ui: Ui, result: CarriedAll | Refused) -> Screen:
    t = ui.t
    if isinstance(result, Refused):
        return refused(t, result)
    quarter = period_label(t, result.quarter)
    if not result.carried:
        return Screen(t("same-all-again", quarter=quarter))
    return Screen(t("same-all-done", quarter=quarter, count=result.carried))


class NoticeViews:
    """The notices of the reporting use case, in each recipient's language."""

    def __init__(self, translator: Translator, roadmap: Catalog) -> None:
        self.translator = translator
        self.roadmap = roadmap

    def counterpart_report(
        self, locale: str, item: Item, department: Department, status: Status, comment: str
    ) -> tuple[str, str | None]:
        t = self.translator.for_locale(locale)
        text = t(
            "notice-counterpart",
            party=party_name(self.roadmap, department.party),
            department=department.name,
            code=item.code,
            title=shorten(item.title, 80),
            icon=status.icon,
            status=t(f"status-{status.value}"),
            comment=f" — {shorten(comment, 500)}" if comment else "",
        )
        markup = keyboards.open_item(t, item.code).model_dump_json(exclude_none=True)
        return f"{text}\n\n{t('notice-footer')}", markup
