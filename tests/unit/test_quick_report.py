"""The one-message status report: `/update 4.1 выполняется: что сделано`."""

from __future__ import annotations

import pytest

from bot.domain.quick_report import (
    QuickReport,
    QuickReportError,
    looks_like_code,
    normalize_code,
    parse_quick_report,
)
from bot.domain.statuses import Status, parse_status


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4.1 выполняется: провели переговоры", ("4.1", Status.IN_PROGRESS, "провели переговоры")),
        ("4.2. ВЫПОЛНЕНО: фонды", ("4.2", Status.DONE, "фонды")),
        ("4.3 есть риски помещение на ремонте", ("4.3", Status.AT_RISK, "помещение на ремонте")),
        ("4.4 In Progress: invited", ("4.4", Status.IN_PROGRESS, "invited")),
        ("1.2 не начато", ("1.2", Status.NOT_STARTED, "")),
        ("1.2 перенесён: весной", ("1.2", Status.POSTPONED, "весной")),
    ],
)
def test_what_coordinators_type(text, expected):
    assert parse_quick_report(text) == QuickReport(*expected)


def test_what_cannot_be_read_says_why():
    with pytest.raises(QuickReportError, match="update-usage"):
        parse_quick_report("   ")
    with pytest.raises(QuickReportError, match="update-unknown-status"):
        parse_quick_report("4.1 отлично: всё хорошо")


def test_codes_and_status_words():
    assert normalize_code(" 4.1. ") == "4.1"
    assert looks_like_code("10.2.3") and not looks_like_code("abc") and not looks_like_code("4")
    assert parse_status("  В   работе ") is Status.IN_PROGRESS
    assert parse_status("перенесён") is parse_status("перенесен") is Status.POSTPONED
    assert parse_status("maybe") is None
