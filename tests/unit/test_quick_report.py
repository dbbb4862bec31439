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
    # a status not understood at all: asked for with the buttons, every word kept
    unknown = parse_quick_report("4.1 отлично: всё хорошо")
    assert unknown.status is None and unknown.guesses == ()
    assert unknown.comment == "отлично: всё хорошо"
    assert parse_quick_report("4.1 провели встречу").comment == "провели встречу"


def test_codes_and_status_words():
    assert normalize_code(" 4.1. ") == "4.1"
    assert looks_like_code("10.2.3") and not looks_like_code("abc") and not looks_like_code("4")
    assert parse_status("  В   работе ") is Status.IN_PROGRESS
    assert parse_status("перенесён") is parse_status("перенесен") is Status.POSTPONED
    assert parse_status("maybe") is None


def test_misspelt_statuses_keep_the_comment_and_offer_the_likely_ones():
    report = parse_quick_report("5,1 выполняеться: отряды уехали")
    assert report.code == "5.1" and report.status is None
    assert report.guesses == (Status.IN_PROGRESS,) and report.comment == "отряды уехали"
    report = parse_quick_report("5.1 в процесе обсуждаем")
    assert report.guesses == (Status.IN_PROGRESS,) and report.comment == "обсуждаем"
    assert parse_quick_report("4.1 отлично: всё").guesses == ()
    # a status with a word more: that status offered, the word kept in the comment
    report = parse_quick_report("4.1 выполнено полностью: фонды")
    assert report.guesses == (Status.DONE,) and report.comment == "полностью: фонды"


def test_what_a_phone_adds_and_negations():
    assert parse_quick_report("4.1 Выполнено.").status is Status.DONE
    assert parse_quick_report("4.1 завершено!: всё").status is Status.DONE
    assert parse_quick_report("4.1 готово: всё").status is Status.DONE
    # "не выполнено" is spelt like "выполнено" and means the opposite: never guessed as it
    report = parse_quick_report("4.1 не выполнено: нет денег")
    assert report.guesses == () and report.comment == "не выполнено: нет денег"
    assert Status.DONE not in parse_quick_report("4.1 не сделано").guesses


def test_plain_text_that_reads_as_a_report():
    from bot.domain.quick_report import looks_like_quick_report

    assert looks_like_quick_report("5.1 выполнено: всё")
    assert looks_like_quick_report("5,1 есть риски: сроки")
    # without the colon it may be a question or a remark, not a report
    assert not looks_like_quick_report("4.1 выполнено ли?")
    assert not looks_like_quick_report("5,1 есть риски сроки")
    assert not looks_like_quick_report("5.1 как дела")
    assert not looks_like_quick_report("привет, 5.1 выполнено")
