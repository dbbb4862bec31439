"""The audit trail as the office reads it: which entries are changes, what each says (in
Russian and English), the filters and pages the storage answers, pages that fit a phone."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.domain.audit import is_change, read_entry
from bot.domain.people import AuditEntry, AuditRecord, Person
from bot.domain.periods import Quarter, Year
from bot.domain.reports import NewStatusReport
from bot.domain.statuses import Status
from bot.domain.year_end import OFFICE_ZONE
from bot.i18n import Translator
from bot.services.audit import PER_PAGE, AuditFilter, AuditLine, AuditPage, AuditService, Someone
from bot.telegram.callbacks import AuditCD, fit_filter
from bot.telegram.limits import MAX_CALLBACK_DATA
from bot.telegram.views.audit import PAGE_CHARS, gender, sentence, trail
from bot.telegram.views.common import Ui

SPB = "spb-9cdf3d"  # Комитет по культуре Санкт-Петербурга
MARCH = datetime(2021, 3, 15, 11, 2, tzinfo=UTC)


def person(user_id: int, first: str, last: str | None = None, username: str | None = None):
    return Person(user_id, first, last, username, "ru", None, None, False, None, False)


def entry(action: str, details: str = "", actor: int = 1, subject: int | None = None):
    return AuditEntry(actor, action, subject, details, MARCH)


def ui(roadmap, locale: str = "ru") -> Ui:
    return Ui(Translator().for_locale(locale), roadmap, OFFICE_ZONE)


def line(roadmap, action, details="", actor=None, member=None) -> AuditLine:
    actor = actor or Someone(1, person(1, "Ольга"))
    subject = member.id if member else actor.id
    return AuditLine(read_entry(entry(action, details, actor.id, subject), roadmap), actor, member)


def tomsk(roadmap) -> str:
    return next(d.id for d in roadmap.departments if d.name.startswith("Департамент по культуре"))


def test_changes_are_shown_and_office_views_are_not():
    for action in ("membership.approve", "report.withdraw", "invite.use", "yearend.confirm"):
        assert is_change(action), action
    assert is_change("admin.nudge") and is_change("admin.report")
    for action in ("admin.missing", "admin.members", "admin.requests", "admin.stats"):
        assert not is_change(action), action


def test_details_are_read_whatever_their_layout(roadmap):
    confirm = read_entry(entry("yearend.confirm", f"2021 4.1 {SPB}"), roadmap)
    assert (confirm.year, confirm.item_code, confirm.department_id) == (2021, "4.1", SPB)
    withdrawn = read_entry(entry("report.withdraw", "4.1 #12"), roadmap)
    assert (withdrawn.item_code, withdrawn.department_id, withdrawn.year) == ("4.1", None, None)
    nudge = read_entry(entry("admin.nudge", "2021-Q2: 3"), roadmap)
    assert (nudge.period, nudge.count, nudge.department_id) == (Quarter(2021, 2), 3, None)
    nudge = read_entry(entry("admin.nudge", f"2021 {SPB}: 1"), roadmap)
    assert (nudge.period, nudge.count, nudge.department_id) == (Year(2021), 1, SPB)
    garbage = read_entry(entry("membership.approve", "tomsk-000000 <b> 99.99"), roadmap)
    assert (garbage.department_id, garbage.item_code, garbage.period) == (None, None, None)


def test_each_change_reads_as_a_sentence(roadmap):
    ru, en = ui(roadmap), ui(roadmap, "en")
    anna = Someone(1001, person(1001, "Анна", "Петрова"))
    ivan = Someone(1006, person(1006, "Иван"))
    culture = "«Комитет по культуре Санкт-Петербурга»"
    cases = [
        (("membership.request", SPB, anna), f"Анна Петрова подала заявку в {culture}"),
        (("membership.join", SPB, ivan), f"Иван стал координатором {culture}"),
        (("membership.leave", SPB, anna), f"Анна Петрова вышла из ведомства {culture}"),
        (("report.withdraw", "4.1 #3", ivan), "Иван отозвал отчёт по 4.1"),
        (
            ("yearend.confirm", f"2021 4.1 {SPB}", anna),
            "Анна Петрова подтвердила итоги года по 4.1 (2021)",
        ),
        (("admin.report", "2021", None), "Ольга скачала отчёт за 2021 год"),
        (("admin.nudge", "2021-Q2: 3", None), "Ольга напомнила 3 координаторам (2 кв. 2021)"),
        (("admin.nudge", "2021-Q2: 21", None), "Ольга напомнила 21 координатору (2 кв. 2021)"),
        (
            ("admin.nudge", f"2021-Q2 {SPB}: 1", None),
            f"Ольга напомнила 1 координатору ведомства {culture} (2 кв. 2021)",
        ),
        (
            ("admin.nudge", "2021-Q2: 0", None),
            "Ольга нажала «Напомнить» (2 кв. 2021), но напоминать было некому",
        ),
        (("invite.create", SPB, None), f"Ольга создала приглашение для ведомства {culture}"),
        (("invite.revoke", "", None), "Ольга отозвала приглашение"),
        (
            ("invite.use", SPB, ivan),
            f"Иван подал заявку по ссылке-приглашению: ведомство {culture}",
        ),
    ]
    for (action, details, actor), expected in cases:
        assert sentence(ru, line(roadmap, action, details, actor)) == expected
    approve = line(roadmap, "membership.approve", SPB, member=anna)
    assert sentence(ru, approve) == (
        f"Ольга одобрила заявку: Анна Петрова — координатор ведомства {culture}"
    )
    assert sentence(en, approve) == (
        "Ольга approved Анна Петрова as a coordinator of “Комитет по культуре Санкт-Петербурга”"
    )
    revoke = line(roadmap, "membership.revoke", SPB, member=ivan)
    assert sentence(ru, revoke) == (
        f"Ольга отозвала доступ: Иван больше не координатор ведомства {culture}"
    )
    reject = line(roadmap, "membership.reject", SPB, member=ivan)
    assert sentence(ru, reject) == f"Ольга отклонила заявку: Иван в {culture}"


def test_an_unknown_action_or_one_saying_too_little_still_reads(roadmap):
    ru, en = ui(roadmap), ui(roadmap, "en")
    anna = Someone(1001, person(1001, "Анна"))
    odd = line(roadmap, "membership.transfer", f"{SPB} 4.1", member=anna)
    text = sentence(ru, odd)
    assert text == "Ольга: другое изменение (Анна, «Комитет по культуре Санкт-Петербурга», 4.1)"
    assert "membership" not in text and SPB not in text
    assert sentence(en, odd).startswith("Ольга: another change (Анна, “Комитет")
    assert sentence(ru, line(roadmap, "membership.approve", "gone-000000")) == (
        "Ольга: другое изменение"
    )
    stranger = Someone(42, None)  # the actor is not in the users table
    assert sentence(ru, line(roadmap, "admin.report", "2021", stranger)) == (
        "id 42 скачал(а) отчёт за 2021 год"
    )
    html = Someone(7, person(7, "<b>Зоя</b>"))
    assert "&lt;b&gt;Зоя&lt;/b&gt;" in sentence(ru, line(roadmap, "admin.report", "2021", html))


@pytest.mark.parametrize(
    ("first", "expected"),
    [
        ("Анна", "female"),
        ("Мария", "female"),
        ("Любовь", "female"),
        ("Иван", "male"),
        ("Сергей", "male"),
        ("Игорь", "male"),
        ("Никита", "male"),
        ("Илья", "male"),
        ("Пётр", "male"),
        ("Саша", "other"),
        ("John", "other"),
        ("", "other"),
    ],
)
def test_the_verb_agrees_with_a_russian_first_name_or_shows_both(first, expected):
    assert gender(Someone(1, person(1, first))) == expected


def test_a_page_of_long_names_still_fits_a_phone(roadmap):
    longest = max(roadmap.departments, key=lambda d: len(d.name))
    someone = Someone(1001, person(1001, "Александра-Виктория", "Константинопольская-Щедрина"))
    admin = Someone(1, person(1, "Ольга-Мария", "Преображенская-Воскресенская"))
    lines = [
        line(roadmap, "membership.approve", longest.id, admin, someone) for _ in range(PER_PAGE)
    ]
    departments = tuple(roadmap.departments)
    found = AuditFilter(fit_filter("Департамент по культуре Томской"), departments, (someone,))
    screen = trail(ui(roadmap), AuditPage(lines, 3, 40, found, 2021))
    assert len(screen.text) <= PAGE_CHARS
    assert screen.text.count("\n") == PER_PAGE + 2
    assert "стр. 4 из 40" in screen.text and "и ещё" in screen.text
    assert [b.text for row in screen.markup.inline_keyboard for b in row] == ["← Раньше", "Позже →"]


def test_a_filter_fits_its_buttons():
    assert fit_filter("  культур  ") == "культур"
    assert fit_filter(None) == ""
    assert fit_filter("a:b") == "a b"  # ":" separates callback fields
    long = fit_filter("Департамент по молодёжной политике, физической культуре и спорту")
    assert long == "Департамент по молодёжной"  # 48 bytes in UTF-8
    packed = AuditCD(page=100_000, q=fit_filter("Щ" * 100)).pack()
    assert len(packed.encode()) <= MAX_CALLBACK_DATA
    assert AuditCD.unpack(packed).q == "Щ" * 24


async def audit_log(repo, clock, roadmap):
    """A trail with a change of every kind and office views in between."""
    await repo.sync_roadmap(roadmap)
    dep = tomsk(roadmap)
    for user_id, first, username in (
        (1, "Ольга", "olga"),
        (1001, "Анна", "anna_p"),
        (1006, "Иван", None),
    ):
        await repo.touch_user(user_id, first, None, username, "ru")
    records = [
        AuditRecord(1001, "membership.request", 1001, dep),
        AuditRecord(1, "admin.requests"),
        AuditRecord(1, "membership.approve", 1001, dep),
        AuditRecord(1006, "membership.request", 1006, SPB),
        AuditRecord(1, "membership.reject", 1006, SPB),
        AuditRecord(1, "admin.missing", details="quarter"),
        AuditRecord(1001, "yearend.confirm", details=f"2021 4.2 {dep}"),
        AuditRecord(1, "admin.report", details="2021"),
        AuditRecord(1, "admin.stats"),
    ]
    for record in records:
        clock.advance(minutes=1)
        await repo.audit(record)
    report_id, _ = await repo.add_status_report(
        NewStatusReport("4.1", dep, 1001, Status.IN_PROGRESS, "переговоры", "k1")
    )
    clock.advance(minutes=1)
    audit = AuditRecord(1001, "report.withdraw", 1001, f"4.1 #{report_id}")
    assert await repo.withdraw_status_report(report_id, 1001, audit)
    return dep


async def test_storage_pages_and_filters_the_changes(repo, clock, roadmap):
    dep = await audit_log(repo, clock, roadmap)
    entries, total = await repo.audit_changes(limit=4)
    assert total == 7 and [e.action for e in entries] == [
        "report.withdraw",
        "admin.report",
        "yearend.confirm",
        "membership.reject",
    ]
    entries, total = await repo.audit_changes(offset=4, limit=4)
    assert total == 7 and len(entries) == 3 and entries[-1].action == "membership.request"
    assert await repo.audit_changes(offset=8, limit=4) == ([], 7)

    entries, total = await repo.audit_changes([dep])
    assert [e.action for e in entries] == [
        "report.withdraw",  # its report was the department's
        "yearend.confirm",
        "membership.approve",
        "membership.request",
    ]
    entries, _ = await repo.audit_changes(people=[1006])
    assert [e.action for e in entries] == ["membership.reject", "membership.request"]
    entries, _ = await repo.audit_changes([SPB], [1])
    assert len(entries) == 4  # either: Ivan's request to SPb, and what Olga did
    assert await repo.audit_people() == [1, 1001, 1006]


async def test_the_service_says_what_a_filter_matched(repo, clock, roadmap):
    dep = await audit_log(repo, clock, roadmap)
    service = AuditService(roadmap, repo, repo, clock)
    page = await service.page("культур")
    assert {d.id for d in page.found.departments} >= {dep, SPB}
    assert not page.found.people and len(page.lines) == 6
    page = await service.page("@ANNA")
    assert [p.id for p in page.found.people] == [1001] and len(page.lines) == 4
    assert page.lines[0].actor.person.first_name == "Анна"
    page = await service.page("иван")
    assert [line.change.action for line in page.lines] == [
        "membership.reject",
        "membership.request",
    ]
    assert page.lines[0].member.id == 1006 and page.lines[1].member is None
    assert [p.id for p in (await service.page("1006")).found.people] == [1006]
    nothing = await service.page("Минфин")
    assert not nothing.found.matched and nothing.lines == [] and nothing.pages == 0
    whole = await service.page("", 99)  # a page beyond the last: the last
    assert (whole.page, whole.pages, len(whole.lines), whole.found) == (0, 1, 7, None)
