"""The report draft: what the dialog asks for next, and nothing typed dropped."""

from __future__ import annotations

from datetime import date

from bot.domain.dates import parse_date
from bot.domain.reports import COMMENT_LIMIT, Evidence, shortened
from bot.domain.statuses import Status
from bot.services.drafts import CommentRequired, CommentTooLong, ReportDraft, Step


def test_the_steps_follow_what_the_draft_lacks():
    draft = ReportDraft.new("1.2", ["a", "b"])
    assert draft.step is Step.DEPARTMENT
    assert not draft.choose_department("c") and draft.choose_department("a")
    assert draft.step is Step.STATUS
    draft.choose_status(Status.AT_RISK)
    assert draft.step is Step.COMMENT
    assert draft.no_comment() == CommentRequired(Status.AT_RISK)
    assert draft.give_comment("сроки сорваны") is None and draft.step is Step.CONFIRM
    draft.attaching = True
    assert draft.step is Step.EVIDENCE
    draft.attach(Evidence("photo", "f1"))
    assert draft.step is Step.CONFIRM and draft.evidence is not None


def test_a_comment_too_long_is_kept_until_shortened_or_replaced():
    draft = ReportDraft.new("4.1", ["a"])
    draft.choose_status(Status.DONE)
    text = "слово " * 500
    assert isinstance(draft.give_comment(text), CommentTooLong)
    assert draft.long_comment == text and draft.step is Step.COMMENT
    again = ReportDraft.from_state(draft.as_state())  # kept across messages and restarts
    assert again == draft
    assert again.shorten_comment() and again.step is Step.CONFIRM
    assert len(again.comment or "") <= COMMENT_LIMIT and again.comment.endswith("…")
    draft.give_comment("короче")  # or a shorter one instead
    assert draft.comment == "короче" and draft.long_comment is None


def test_an_edit_keeps_its_comment_unless_a_new_one_is_typed():
    draft = ReportDraft.new("4.1", ["a"], editing=7, kept_comment="было")
    draft.choose_status(Status.DONE)
    assert draft.step is Step.COMMENT and draft.keep_comment() and draft.comment == "было"


def test_shortening_cuts_at_a_word():
    assert shortened("короткий") == "короткий"
    cut = shortened("слово " * 500)
    assert len(cut) <= COMMENT_LIMIT and cut.endswith("слово…")


def test_dates_without_a_year_are_the_next_one():
    today = date(2021, 3, 15)
    assert parse_date("15.01", today) == date(2022, 1, 15)
    assert parse_date("20.03", today) == date(2021, 3, 20)
    assert parse_date("29.02", today) == date(2024, 2, 29)
    assert parse_date("31.08.2021", today) == date(2021, 8, 31)
    assert parse_date("31.02", today) is None and parse_date("завтра", today) is None


def test_the_sandbox_day_falls_within_the_roadmap():
    from bot.domain.clock import ShiftedClock, same_day_within

    years = range(2020, 2023)
    assert same_day_within(date(2021, 5, 4), years) == date(2021, 5, 4)
    assert same_day_within(date(2026, 11, 29), years) == date(2022, 11, 29)
    assert same_day_within(date(2028, 2, 29), years) == date(2022, 2, 28)
    clock = ShiftedClock()
    clock.move_to(date(2022, 11, 29))
    assert clock.now().date() == date(2022, 11, 29)


def test_text_at_the_status_step():
    from bot.services.drafts import Typed

    draft = ReportDraft.new("4.1", ["a"])
    assert draft.type_status("провели встречу с музеями") is Typed.COMMENT
    assert draft.comment == "провели встречу с музеями" and draft.step is Step.STATUS
    assert draft.type_status("в процесе") is Typed.STATUS and draft.status == "in_progress"
    other = ReportDraft.new("4.1", ["a"])
    assert other.type_status("4.1 выполнено: выставка") is Typed.STATUS
    assert (other.status, other.comment) == ("done", "выставка")
    assert ReportDraft.new("4.1", ["a"]).type_status("  ") is Typed.UNCLEAR
