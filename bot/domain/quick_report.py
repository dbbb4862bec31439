"""The one-message status report: `/update 4.1 выполняется: что сделано`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.domain.statuses import Status, parse_status

_ITEM_CODE = re.compile(r"^\d+(?:\.\d+)+$")


def normalize_code(text: str) -> str:
    """'4.1.' or ' 4.1 ' -> '4.1'."""
    return text.strip().rstrip(".")


def looks_like_code(text: str) -> bool:
    return bool(_ITEM_CODE.match(normalize_code(text)))


@dataclass(frozen=True, slots=True)
class QuickReport:
    code: str
    status: Status
    comment: str


class QuickReportError(ValueError):
    """Why a one-message report could not be read; the value is a text key."""


def parse_quick_report(args: str) -> QuickReport:
    """`4.1 выполняется: провели переговоры` -> code, status, comment."""
    args = args.strip()
    if not args:
        raise QuickReportError("update-usage")
    code, _, rest = args.partition(" ")
    head, colon, comment = rest.partition(":")
    status = parse_status(head)
    if status is None and not colon:
        # no colon: the longest leading run of words that names a status
        words = rest.split()
        for n in range(min(3, len(words)), 0, -1):
            status = parse_status(" ".join(words[:n]))
            if status:
                comment = " ".join(words[n:])
                break
    if status is None:
        raise QuickReportError("update-unknown-status")
    return QuickReport(code=normalize_code(code), status=status, comment=comment.strip())
