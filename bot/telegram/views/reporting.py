"""The status report dialog and its outcomes; the notice the other side gets."""

from __future__ import annotations

from bot.domain.reports import COMMENT_LIMIT, StatusReport
from bot.domain.roadmap import Department, Item, Roadmap
from bot.domain.statuses import Status
from bot.i18n import Translator
from bot.services.items import NoCode, UnknownItem
from bot.services.reporting import (
    AlreadyReported,
    Carried,
    CarryResult,
    ChooseDepartment,
    CommandResult,
    CommentProblem,
    CommentRequired,
    CommentTooLong,
    CommentUnsavable,
    Edited,
    NothingToCarry,
    PickItem,
    ReportDraft,
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
    local_date,
    party_name,
    refused,
    shorten,
    status_name,
)


def pick_item(ui: Ui, items: list[Item]) -> Screen:
    t = ui.t
    if not items:
        return Screen(t("items-none"))
    return Screen(t("report-pick-item"), keyboards.item_buttons(items, "report"))


def choose_department(ui: Ui, draft: ReportDraft) -> Screen:
    t, roadmap = ui.t, ui.roadmap
    departments = [d for d in (roadmap.department(x) for x in draft.departments) if d]
    return Screen(
        t("report-choose-department", code=draft.item),
        keyboards.choose_department(draft.item, departments, "report", draft.id),
    )


def ask_status(ui: Ui, draft: ReportDraft) -> Screen:
    t, roadmap = ui.t, ui.roadmap
    item = roadmap.item(draft.item)
    assert item is not None and draft.department is not None
    if draft.editing is not None:
        return Screen(
            t("edit-start", id=draft.editing, code=item.code), keyboards.statuses(t, draft.id)
        )
    return Screen(
        t(
            "report-choose-status",
            code=item.code,
            title=shorten(item.title, 300),
            department=department_name(roadmap, draft.department),
        ),
        keyboards.statuses(t, draft.id),
    )


def ask_comment(ui: Ui, draft: ReportDraft) -> Screen:
    t = ui.t
    assert draft.status is not None
    status = Status(draft.status)
    name = t(f"status-{status.value}")
    if status.needs_comment:
        text = t("report-ask-comment-required", status=name, limit=COMMENT_LIMIT)
        return Screen(text, keyboards.draft_step(t, draft.id, None))
    text = t("report-ask-comment", status=name, limit=COMMENT_LIMIT)
    return Screen(text, keyboards.draft_step(t, draft.id, "btn-skip-comment"))


def ask_evidence(ui: Ui, draft: ReportDraft) -> Screen:
    t = ui.t
    return Screen(t("report-ask-evidence"), keyboards.draft_step(t, draft.id, "btn-skip-evidence"))


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
    return Screen(
        t(
            "report-confirm",
            code=item.code,
            title=shorten(item.title, 300),
            department=department_name(roadmap, draft.department),
            icon=status.icon,
            status=t(f"status-{status.value}"),
            comment=draft.comment or t("comment-none"),
            evidence=attached,
        ),
        keyboards.confirm(t, draft.id),
    )


def next_step(ui: Ui, draft: ReportDraft) -> Screen:
    """What the dialog asks for next, given what the draft has."""
    if draft.department is None:
        return choose_department(ui, draft)
    if draft.status is None:
        return ask_status(ui, draft)
    return confirm(ui, draft)


def comment_problem(ui: Ui, problem: CommentProblem) -> Screen:
    t = ui.t
    if isinstance(problem, CommentUnsavable):
        return Screen(t("report-comment-unsavable"))
    if isinstance(problem, CommentTooLong):
        return Screen(t("report-comment-too-long", length=problem.length, limit=problem.limit))
    return Screen(
        t(
            "report-ask-comment-required",
            status=t(f"status-{problem.status.value}"),
            limit=problem.limit,
        )
    )


def started(ui: Ui, result: ReportDraft | Refused) -> Screen:
    """The dialog's first question, or why there is no dialog."""
    return refused(ui.t, result) if isinstance(result, Refused) else next_step(ui, result)


def command_result(ui: Ui, result: CommandResult) -> Screen:
    """The answer to `/update …`."""
    t = ui.t
    if isinstance(result, PickItem):
        return pick_item(ui, result.items)
    if isinstance(result, UnknownItem | NoCode):
        return items_views.not_found(ui, result)
    if isinstance(result, Unreadable):
        usage = "\n\n" + t("update-usage") if result.reason != "update-usage" else ""
        return Screen(t(result.reason) + usage)
    if isinstance(result, CommentTooLong | CommentRequired | CommentUnsavable):
        return comment_problem(ui, result)
    if isinstance(result, Saved):
        return saved(ui, result)
    return started(ui, result)


def saved(ui: Ui, result: Saved) -> Screen:
    t, roadmap, zone = ui.t, ui.roadmap, ui.zone
    report = result.report
    return Screen(
        t(
            "report-saved",
            code=report.item_code,
            status=t(f"status-{report.status}"),
            department=department_name(roadmap, report.department_id),
            date=local_date(report.created_at, zone),
        )
    )


def outcome(ui: Ui, result: Saved | Edited | Refused) -> Screen:
    t = ui.t
    if isinstance(result, Saved):
        return saved(ui, result)
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
    t = ui.t
    return Screen(t("withdraw-done", id=result.report_id))


def carried(ui: Ui, result: CarryResult) -> Screen:
    """The answer to "No change"."""
    t, zone = ui.t, ui.zone
    if isinstance(result, Refused):
        return refused(t, result)
    if isinstance(result, ChooseDepartment):
        return Screen(
            t("report-choose-department", code=result.item.code),
            keyboards.choose_department(result.item.code, result.departments, "same"),
        )
    if isinstance(result, NothingToCarry):
        return Screen(t("same-nothing", code=result.item.code, department=result.department.name))
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
            quarter=t("quarter", quarter=result.quarter.number, year=str(result.quarter.year)),
            code=result.item.code,
            status=status,
            department=result.department.name,
        )
    )


class NoticeViews:
    """The notices of the reporting use case, in each recipient's language."""

    def __init__(self, translator: Translator, roadmap: Roadmap) -> None:
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


def send_file_please(ui: Ui) -> Screen:
    return Screen(ui.t("report-send-file"))


def not_saved(ui: Ui, draft: ReportDraft, reason: str) -> Screen:
    """The save failed for a reason of the storage's: the draft stays, to try again."""
    retry = keyboards.confirm(ui.t, draft.id, "btn-try-again")
    return Screen(ui.t("report-not-saved", reason=reason), retry)
