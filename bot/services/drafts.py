"""A status report being put together in the dialog: what it has, what it asks for next,
and the rules a comment must meet. Nothing typed is dropped: a comment too long is kept
until the user chooses to shorten it or send another."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from bot.domain.quick_report import normalize_code, read_status_line
from bot.domain.reports import COMMENT_LIMIT, Evidence, shortened, unsavable
from bot.domain.statuses import Status


class Step(StrEnum):
    """The dialog's steps; the values are the state names of dialogs saved before."""

    DEPARTMENT = "department"
    STATUS = "status"
    COMMENT = "comment"
    EVIDENCE = "evidence"  # asked for from the confirmation ("Attach a file")
    CONFIRM = "confirm"


@dataclass(frozen=True, slots=True)
class CommentTooLong:
    length: int
    limit: int = COMMENT_LIMIT


@dataclass(frozen=True, slots=True)
class CommentRequired:
    status: Status
    limit: int = COMMENT_LIMIT


@dataclass(frozen=True, slots=True)
class CommentUnsavable:
    """The comment holds characters that cannot be stored (a broken emoji)."""


CommentProblem = CommentTooLong | CommentRequired | CommentUnsavable


class Typed(StrEnum):
    """What text typed at the status step was taken as."""

    STATUS = "status"  # a status (and the comment after it, if any)
    COMMENT = "comment"  # the comment, kept until a status is chosen
    GUESSES = "guesses"  # a misspelt status: the likely ones offered, the comment kept
    UNCLEAR = "unclear"  # a word that is neither: the buttons, please


def check_comment(status: Status, comment: str) -> CommentProblem | None:
    if len(comment) > COMMENT_LIMIT:
        return CommentTooLong(len(comment))
    if unsavable(comment):
        return CommentUnsavable()
    if status.needs_comment and not comment:
        return CommentRequired(status)
    return None


@dataclass(slots=True)
class ReportDraft:
    """A report being put together in the dialog; kept in the dialog's state between steps.

    `comment` is None until the user has given one (or said there is none)."""

    id: str  # ties the dialog's buttons to this dialog
    item: str
    departments: list[str]  # those the user may report for
    department: str | None = None
    status: str | None = None
    comment: str | None = None
    evidence: Evidence | None = None
    editing: int | None = None  # the id of the user's own report being changed
    kept_comment: str | None = None  # an edited report's comment, kept unless replaced
    long_comment: str | None = None  # a comment over the limit, until shortened or replaced
    guesses: list[str] = field(default_factory=list)  # statuses a misspelt word may mean
    attaching: bool = False  # the confirmation asked for a file
    at_once: bool = False  # begun by `/update …` in one message: saved once it is complete
    replaced_comment: str | None = None  # a comment replaced at the confirmation, to restore

    @classmethod
    def new(cls, item: str, departments: list[str], **fields: Any) -> ReportDraft:
        single = departments[0] if len(departments) == 1 else None
        return cls(secrets.token_hex(4), item, departments, single, **fields)

    # --- where it stands ------------------------------------------------------------------

    @property
    def step(self) -> Step:
        """What the dialog asks for next, from what the draft has."""
        if self.department is None:
            return Step.DEPARTMENT
        if self.status is None:
            return Step.STATUS
        if self.long_comment is not None or self.comment is None:
            return Step.COMMENT
        if Status(self.status).needs_comment and not self.comment:
            return Step.COMMENT
        if self.attaching:
            return Step.EVIDENCE
        return Step.CONFIRM

    @property
    def comment_optional(self) -> bool:
        return self.status is not None and not Status(self.status).needs_comment

    # --- what the user does ---------------------------------------------------------------

    def choose_department(self, department_id: str) -> bool:
        if department_id not in self.departments:
            return False
        self.department = department_id
        return True

    def choose_status(self, status: Status) -> None:
        self.status = status.value
        self.guesses = []
        if self.comment is not None and status.needs_comment and not self.comment:
            self.comment = None  # now one is needed: ask for it

    def type_status(self, text: str) -> Typed:
        """Text at the status step. `в процесе` or `выполнено: провели встречу` choose the
        status; a misspelt one offers the likely ones; a sentence with no status in it is the
        comment, kept while the status is chosen with the buttons. Nothing is dropped."""
        first, _, rest = text.strip().partition(" ")
        if normalize_code(first) == self.item:  # "4.1 выполнено: …" in 4.1's own dialog
            text = rest
        status, comment, guesses = read_status_line(text)
        if status is None and len(guesses) == 1 and not comment:
            status = guesses[0]
        if status is not None:
            self.choose_status(status)
            if comment:
                self.give_comment(comment)  # one too long is kept, to be shortened
            return Typed.STATUS
        if comment and self.note_comment(comment) is not None:
            return Typed.UNCLEAR  # characters that cannot be kept
        self.guesses = [g.value for g in guesses]
        if guesses:
            return Typed.GUESSES
        return Typed.COMMENT if comment else Typed.UNCLEAR

    def note_comment(self, text: str) -> CommentUnsavable | None:
        """A comment given before the status (typed first, or with a status not understood):
        kept, one too long as such; checked against the status once it is chosen."""
        text = text.strip()
        if unsavable(text):
            return CommentUnsavable()
        if len(text) > COMMENT_LIMIT:
            self.long_comment = text
        elif text:
            self.comment, self.long_comment = text, None
        return None

    def receive_file(self, evidence: Evidence, caption: str) -> CommentProblem | None:
        """A document or photo is the evidence; its caption, the comment (at any step)."""
        self.attach(evidence)
        caption = caption.strip()
        if not caption:
            return None
        if self.status is None:
            return self.note_comment(caption)
        return self.give_comment(caption)

    def give_comment(self, text: str) -> CommentProblem | None:
        """The typed comment; one too long is kept, to be shortened or replaced. One that
        replaces a comment given before is kept too, to be restored with a tap."""
        assert self.status is not None
        problem = check_comment(Status(self.status), text)
        if isinstance(problem, CommentTooLong):
            self.long_comment = text
            return problem
        if problem is None:
            if self.comment and self.comment != text:
                self.replaced_comment = self.comment
            self.comment, self.long_comment = text, None
        return problem

    def restore_comment(self) -> bool:
        """Back to the comment a later one replaced; False if there is none."""
        if self.replaced_comment is None:
            return False
        self.comment, self.replaced_comment = self.replaced_comment, self.comment
        return True

    def shorten_comment(self) -> bool:
        """Keep the too-long comment cut to the limit; False if there is none."""
        if self.long_comment is None:
            return False
        self.comment, self.long_comment = shortened(self.long_comment), None
        return True

    def no_comment(self) -> CommentRequired | None:
        assert self.status is not None
        if Status(self.status).needs_comment:
            return CommentRequired(Status(self.status))
        self.comment, self.long_comment = "", None
        return None

    def keep_comment(self) -> bool:
        """An edit keeps the report's own comment."""
        if self.kept_comment is None:
            return False
        self.comment, self.long_comment = self.kept_comment, None
        return True

    def attach(self, evidence: Evidence) -> None:
        self.evidence, self.attaching = evidence, False

    # --- kept in the dialog's state -------------------------------------------------------

    def as_state(self) -> dict[str, Any]:
        """The dialog state's data; the keys are those of dialogs saved by earlier versions."""
        state: dict[str, Any] = {"draft": self.id, "item": self.item, "deps": self.departments}
        for key, value in (
            ("dep", self.department),
            ("status", self.status),
            ("comment", self.comment),
            ("edit", self.editing),
            ("kept", self.kept_comment),
            ("long", self.long_comment),
            ("prev", self.replaced_comment),
        ):
            if value is not None:
                state[key] = value
        if self.guesses:
            state["guesses"] = self.guesses
        if self.attaching:
            state["attaching"] = True
        if self.at_once:
            state["now"] = True
        if self.evidence is not None:
            state["evidence"] = {
                "kind": self.evidence.kind,
                "file_id": self.evidence.file_id,
                "name": self.evidence.name,
            }
        return state

    @classmethod
    def from_state(cls, data: dict[str, Any]) -> ReportDraft | None:
        if "draft" not in data or "item" not in data:
            return None
        raw = data.get("evidence")
        return cls(
            id=data["draft"],
            item=data["item"],
            departments=list(data.get("deps") or []),
            department=data.get("dep"),
            status=data.get("status"),
            comment=data.get("comment"),
            evidence=Evidence(raw["kind"], raw["file_id"], raw.get("name")) if raw else None,
            editing=data.get("edit"),
            kept_comment=data.get("kept"),
            long_comment=data.get("long"),
            guesses=list(data.get("guesses") or []),
            attaching=bool(data.get("attaching")),
            at_once=bool(data.get("now")),
            replaced_comment=data.get("prev"),
        )
