"""The one-message status report: `/update 4.1 выполняется: что сделано`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.domain.statuses import Status, closest_statuses, parse_status

# `4.1`, or with its roadmap's number in front, `2/4.1`, where several roadmaps have a 4.1
_ITEM_CODE = re.compile(r"^(?:\d{1,3}/)?\d+(?:\.\d+)+$")


def normalize_code(text: str) -> str:
    """'4.1.', ' 4.1 ' or '4,1' (a Russian keyboard's decimal point) -> '4.1';
    '2/4,1' or '2\\4.1' -> '2/4.1'."""
    return text.strip().replace(",", ".").replace("\\", "/").rstrip(".:;")


def looks_like_code(text: str) -> bool:
    return bool(_ITEM_CODE.match(normalize_code(text)))


@dataclass(frozen=True, slots=True)
class QuickReport:
    """What a one-message report says. `status` is None when the status word was not
    understood; `guesses` are then the statuses spelt most like it."""

    code: str
    status: Status | None
    comment: str
    guesses: tuple[Status, ...] = ()


class QuickReportError(ValueError):
    """Why a one-message report could not be read; the value is a text key."""


def _leading_status(words: list[str]) -> tuple[Status | None, int]:
    """The longest leading run of up to three words that names a status, and its length."""
    for n in range(min(3, len(words)), 0, -1):
        status = parse_status(" ".join(words[:n]))
        if status:
            return status, n
    return None, 0


def parse_quick_report(args: str) -> QuickReport:
    """`4.1 выполняется: провели переговоры` -> code, status, comment.

    The colon is optional (`4.3 есть риски помещение на ремонте`). A status not understood
    (`выполняеться`, `завершено полностью`, none at all) keeps every word typed as the
    comment and comes with its likely meanings, if any."""
    args = args.strip()
    if not args:
        raise QuickReportError("update-usage")
    code, _, rest = args.partition(" ")
    status, comment, guesses = read_status_line(rest)
    return QuickReport(normalize_code(code), status, comment, guesses)


def read_status_line(text: str) -> tuple[Status | None, str, tuple[Status, ...]]:
    """`выполняется: провели переговоры` -> the status, the comment, and when the status is
    not understood, the statuses it may mean (every word typed is then in the comment)."""
    status, comment, guesses = _read_status_line(text)
    return status, comment.lstrip(" -–—:;,.").strip(), guesses


def _read_status_line(text: str) -> tuple[Status | None, str, tuple[Status, ...]]:
    head, colon, comment = text.partition(":")
    if colon:
        status = parse_status(head)
        if status is not None:
            return status, comment.strip(), ()
        # a status with a word more (выполнено полностью: …), or misspelt: asked, all kept
        words = head.split()
        leading, n = _leading_status(words)
        if leading is not None:
            return None, _joined(" ".join(words[n:]), comment), (leading,)
        likely = tuple(closest_statuses(head))
        return None, comment.strip() if likely else _joined(head, comment), likely
    words = text.split()
    status, n = _leading_status(words)
    if status is not None:
        return status, " ".join(words[n:]), ()
    for n in range(1, min(3, len(words)) + 1):  # a misspelt word or two, then the comment
        close = closest_statuses(" ".join(words[:n]))
        if close:
            return None, " ".join(words[n:]), tuple(close)
    return None, text.strip(), ()  # no status at all: all of it is the comment


def _joined(head: str, comment: str) -> str:
    """The words before the colon and after it, when the former are not a status."""
    head, comment = head.strip(), comment.strip()
    return f"{head}: {comment}" if head and comment else head or comment


def looks_like_quick_report(text: str | None) -> bool:
    """Plain text that reads as a report: a code, a status and a colon (`5.1 выполнено: …`).
    Without the colon it is taken for a question or a remark (`4.1 выполнено ли?`)."""
    if not text:
        return False
    code, _, rest = text.strip().partition(" ")
    if not looks_like_code(code):
        return False
    head, colon, _ = rest.partition(":")
    return bool(colon) and parse_status(head) is not None
