"""The one-message status report: `/update 4.1 выполняется: что сделано`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.domain.statuses import Status, closest_statuses, parse_status

_ITEM_CODE = re.compile(r"^\d+(?:\.\d+)+$")


def normalize_code(text: str) -> str:
    """'4.1.', ' 4.1 ' or '4,1' (a Russian keyboard's decimal point) -> '4.1'."""
    return text.strip().replace(",", ".").rstrip(".")


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

    The colon is optional (`4.3 есть риски помещение на ремонте`); a misspelt status
    (`выполняеться`) keeps the comment and comes with its likely meanings."""
    args = args.strip()
    if not args:
        raise QuickReportError("update-usage")
    code, _, rest = args.partition(" ")
    head, colon, comment = rest.partition(":")
    status = parse_status(head)
    if status is None and not colon:
        words = rest.split()
        status, n = _leading_status(words)
        comment = " ".join(words[n:]) if status else ""
        if status is None:  # a misspelt word or two, then the comment
            for n in range(min(3, len(words)), 0, -1):
                likely = closest_statuses(" ".join(words[:n]))
                if likely:
                    rest_words = " ".join(words[n:])
                    return QuickReport(normalize_code(code), None, rest_words, tuple(likely))
            return QuickReport(normalize_code(code), None, "")
    if status is None:
        likely = closest_statuses(head)
        return QuickReport(normalize_code(code), None, comment.strip(), tuple(likely))
    return QuickReport(normalize_code(code), status, comment.strip())


def looks_like_quick_report(text: str | None) -> bool:
    """Plain text that reads as a report (`5.1 выполнено: …`): a code, then a status."""
    if not text:
        return False
    code, _, rest = text.strip().partition(" ")
    if not looks_like_code(code):
        return False
    head, colon, _ = rest.partition(":")
    return parse_status(head) is not None or (
        not colon and _leading_status(rest.split())[0] is not None
    )
