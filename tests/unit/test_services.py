"""The use cases over a real (temporary) SQLite repository, with the message ports faked."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from bot.domain.access import Viewer
from bot.domain.notices import Notice
from bot.domain.people import AuditRecord
from bot.domain.quick_report import parse_quick_report
from bot.domain.statuses import Status
from bot.services.drafts import ReportDraft, Step
from bot.services.membership import MembershipService
from bot.services.no_change import (
    AlreadyReported,
    Carried,
    CarriedAll,
    NoChangeService,
    NothingToCarry,
)
from bot.services.reporting import ReportingService, Saved
from bot.services.results import Reason, Refused

CULTURE_SPB, CULTURE_TOMSK = "spb-9cdf3d", "tomsk-d8cd4d"
SPB = ZoneInfo("Europe/Moscow")


class Texts:
    """The message ports, rendering plain strings."""

    def counterpart_report(self, locale, item, department, status, comment):
        return f"{locale}:{item.code}:{status.value}:{comment}", None

    def request(self, locale, requester, user_id, department):
        return f"request:{user_id}:{department.id}", None

    def decided(self, locale, approved, department):
        return f"decided:{approved}"

    def revoked(self, locale, department):
        return "revoked"


class Outbox:
    """Delivery that records what it was asked to send."""

    def __init__(self) -> None:
        self.sent: list[Notice] = []

    async def deliver(self, notice: Notice) -> bool:
        self.sent.append(notice)
        return True


async def join(repo, user_id: int, dep: str, name: str = "Анна") -> Viewer:
    await repo.touch_user(user_id, name, None, None, "ru")
    await repo.request_membership(
        user_id, dep, True, AuditRecord(user_id, "membership.join", user_id, dep)
    )
    return Viewer(user_id, name, False, (dep,), SPB)


@pytest.fixture
def woken() -> list[int]:
    return []


@pytest.fixture
async def reporting(repo, roadmap, clock, woken):
    await repo.sync_roadmap(roadmap)
    return ReportingService(roadmap, repo, repo, Texts(), clock, lambda: woken.append(1))


async def test_a_report_is_saved_once_with_its_notices(repo, roadmap, reporting, woken):
    anna = await join(repo, 1001, CULTURE_SPB)
    await join(repo, 1003, CULTURE_TOMSK, "Пётр")
    quick = parse_quick_report("4.1 выполняется: переговоры")
    first = await reporting._quick(anna, roadmap.item("4.1"), quick, update_id=77)
    again = await reporting._quick(anna, roadmap.item("4.1"), quick, update_id=77)
    assert isinstance(first, Saved) and isinstance(again, Saved)
    assert first.report.id == again.report.id  # the same Telegram update saves once
    assert [n.text for n in await repo.due_notices()] == ["ru:4.1:in_progress:переговоры"]
    assert woken == [1]  # the outbox was woken for the new report only


async def test_a_draft_is_saved_once_and_refused_after_revocation(repo, roadmap, reporting):
    anna = await join(repo, 1001, CULTURE_SPB)
    draft = reporting.begin(anna, roadmap.item("4.2"))
    assert isinstance(draft, ReportDraft) and draft.department == CULTURE_SPB
    draft.choose_status(Status.DONE)
    draft.no_comment()
    saved = await reporting.submit(anna, draft)
    assert isinstance(saved, Saved)
    assert (await reporting.submit(anna, draft)).report.id == saved.report.id  # type: ignore[union-attr]
    await repo.end_membership(1001, CULTURE_SPB, AuditRecord(1, "membership.revoke", 1001))
    other = reporting.begin(anna, roadmap.item("4.3"))  # the viewer was read before
    assert isinstance(other, ReportDraft)
    other.status = Status.DONE.value
    assert await reporting.submit(anna, other) == Refused(Reason.NOT_A_REPORTER, "4.3")


async def test_what_a_one_message_report_lacks_is_asked_for_keeping_what_was_typed(
    repo, roadmap, reporting
):
    anna = await join(repo, 1001, CULTURE_SPB)
    needs = await reporting.from_command(anna, "4.1 перенесено", update_id=5)
    assert isinstance(needs, ReportDraft) and needs.step is Step.COMMENT
    assert needs.status == "postponed"
    misspelt = await reporting.from_command(anna, "4,1 выполняеться: музей открыт", 6)
    assert isinstance(misspelt, ReportDraft) and misspelt.step is Step.STATUS
    assert misspelt.guesses == ["in_progress"] and misspelt.comment == "музей открыт"
    long = await reporting.from_command(anna, "4.1 выполнено: " + "слово " * 400, 7)
    assert isinstance(long, ReportDraft) and long.step is Step.COMMENT and long.long_comment
    assert long.shorten_comment() and len(long.comment or "") <= 2000
    assert long.step is Step.CONFIRM
    assert await reporting.from_command(anna, "1.1 выполнено: чужое", 8) == Refused(
        Reason.NOT_A_REPORTER, "1.1"
    )
    assert len((await repo.report_history("4.1", 0, 10))[0]) == 0  # nothing saved yet


async def test_no_change_carries_the_last_status_into_a_new_quarter_once(
    repo, roadmap, reporting, clock
):
    anna = await join(repo, 1001, CULTURE_SPB)
    no_change = NoChangeService(roadmap, repo, clock)
    item = roadmap.item("4.1")
    assert isinstance(await no_change.carry_forward(anna, item, ""), NothingToCarry)
    await reporting.from_command(anna, "4.1 выполняется: начали", update_id=1)
    assert isinstance(await no_change.carry_forward(anna, item, ""), AlreadyReported)
    clock.advance(days=30)  # the second quarter
    carried = await no_change.carry_forward(anna, item, "")
    assert isinstance(carried, Carried) and carried.quarter.label == "2021-Q2"
    assert isinstance(await no_change.carry_forward(anna, item, ""), AlreadyReported)
    assert len((await repo.report_history("4.1", 0, 10))[0]) == 2


async def test_history_pages_count_every_report_of_the_item(repo, reporting, clock):
    anna = await join(repo, 1001, CULTURE_SPB)
    for n in range(5):
        await reporting.from_command(anna, f"4.1 выполняется: шаг {n}", update_id=n)
        clock.advance(minutes=1)
    await reporting.from_command(anna, "4.2 выполняется: другое", update_id=9)
    first, total = await repo.report_history("4.1", 0, 2)
    assert total == 5 and [r.comment for r in first] == ["шаг 4", "шаг 3"]
    last, total = await repo.report_history("4.1", 4, 2)
    assert total == 5 and [r.comment for r in last] == ["шаг 0"]
    assert await repo.report_history("4.1", 6, 2) == ([], 5)  # past the end: still counted
    assert await repo.report_history("9.9", 0, 2) == ([], 0)


async def test_no_change_for_all_carries_each_owed_activity_once(repo, roadmap, reporting, clock):
    anna = await join(repo, 1001, CULTURE_SPB)
    no_change = NoChangeService(roadmap, repo, clock)
    for n, code in enumerate(("4.1", "4.2", "4.3")):
        await reporting.from_command(anna, f"{code} выполняется: шаг", update_id=n)
    clock.advance(days=30)  # a new quarter: 4.1-4.3 owed with a status to keep, 4.4 none
    await reporting.from_command(anna, "4.3 выполнено: готово", update_id=9)
    preview = await no_change.preview_all(anna)
    assert [e.item.code for e in preview.items] == ["4.1", "4.2"]
    assert await no_change.carry_all(anna, "2021-Q1") == Refused(Reason.OUTDATED)
    assert await no_change.carry_all(anna, "2021-Q2") == CarriedAll(preview.quarter, 2)
    assert await no_change.carry_all(anna, "2021-Q2") == CarriedAll(preview.quarter, 0)
    assert (await no_change.preview_all(anna)).items == []


async def test_only_the_author_edits_and_only_for_a_day(repo, roadmap, reporting, clock):
    anna = await join(repo, 1001, CULTURE_SPB)
    saved = await reporting.from_command(anna, "4.1 выполняется: черновик", update_id=1)
    assert isinstance(saved, Saved)
    assert await reporting.begin_edit(1002, saved.report.id) == Refused(Reason.TOO_LATE)
    assert isinstance(await reporting.begin_edit(1001, saved.report.id), ReportDraft)
    clock.advance(hours=25)
    assert await reporting.withdraw(1001, saved.report.id) == Refused(Reason.TOO_LATE)


async def test_membership_asks_the_admins_and_is_decided_once(repo, roadmap, clock):
    await repo.sync_roadmap(roadmap)
    delivery = Outbox()
    admin = await join(repo, 1, "spb-48d378", "Ольга")
    service = MembershipService(roadmap, repo, repo, delivery, Texts(), (1,), False, clock)
    profile = await repo.touch_user(1001, "Анна", None, None, "ru")
    department = roadmap.department(CULTURE_SPB)
    joined = await service.join(profile, department)
    assert joined.status == "pending" and joined.changed  # type: ignore[union-attr]
    await service.tell(joined)
    assert [n.text for n in delivery.sent] == [f"request:1001:{CULTURE_SPB}"]
    again = await service.join(profile, department)
    assert not again.changed and not again.notices  # type: ignore[union-attr]  # asked once
    decided = await service.decide(admin, 1001, department, approve=True)
    assert decided is not None and decided.decision == "approved"
    assert await service.decide(admin, 1001, department, approve=False) is None
    assert [e.action for e in await repo.recent_audit()][:2] == [
        "membership.approve",
        "membership.request",
    ]
    revoked = await service.revoke(admin, 1001, department)
    await service.tell(revoked)
    assert revoked is not None and delivery.sent[-1].text == "revoked"
    assert await service.revoke(admin, 1001, department) is None


async def test_the_annual_report_keeps_each_sides_reports_in_order(repo, roadmap, reporting, clock):
    from bot.services.annual_report import AnnualReportService

    anna = await join(repo, 1001, CULTURE_SPB)
    await reporting.from_command(anna, "4.1 выполняется: начали", update_id=1)
    clock.advance(days=40)
    await reporting.from_command(anna, "4.1 выполнено: закончили", update_id=2)
    annual = AnnualReportService(roadmap, repo, repo, clock)
    assert annual.year_asked(None) == 2021 and annual.year_asked("1999") is None
    assert annual.year_asked("²") is None  # a digit, but not a year
    report = await annual.load(2021)
    entry = next(e for e in report.items if e.item.code == "4.1")
    [spb] = entry.side("spb")
    assert spb.text == "Начали. Закончили." and spb.confirmed is None  # the draft, in order
    assert spb.latest.status == "done" and entry.side("tomsk") == []
    assert report.texts == (0, 58)  # none confirmed of the 58 (activity, executor) pairs
    clock.advance(days=400)
    assert annual.year_asked(None) == 2022  # past the roadmap's years: its last one
