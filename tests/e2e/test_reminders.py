"""Reminders: the calendar, local hours, exactly-once, catch-up, Telegram's errors, digest."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime

import pytest

from bot.domain.people import AuditRecord
from bot.domain.reports import NewStatusReport
from bot.domain.statuses import Status
from tests.conftest import ADMIN_ID

CULTURE_SPB = "spb-9cdf3d"
CULTURE_TOMSK = "tomsk-d8cd4d"
SCIENCE_SPB = "spb-48d378"


pytestmark = pytest.mark.backends  # on SQLite and on PostgreSQL


async def make_coordinator(
    live, user_id: int, dep: str, language: str = "ru", name: str = "Анна"
) -> None:
    repo = live.running.repo
    live.emulator.add_user(user_id, name, language)
    await repo.touch_user(user_id, name, None, None, language)
    await repo.request_membership(
        user_id, dep, True, AuditRecord(user_id, "membership.join", user_id, dep)
    )


async def report(live, user_id: int, code: str, dep: str, status: str = "in_progress") -> None:
    key = f"t:{code}:{dep}:{live.clock.now().isoformat()}"
    await live.running.repo.add_status_report(
        NewStatusReport(code, dep, user_id, Status(status), "", key)
    )


def at(clock, *args: int) -> None:
    clock.moment = datetime(*args, tzinfo=UTC)


def texts(live, user_id: int) -> list[str]:
    return [m.text for m in live.emulator.sent_to(user_id)]


async def test_each_side_is_reminded_at_ten_local_time(live):
    await make_coordinator(live, 1001, CULTURE_SPB)
    await make_coordinator(live, 1003, CULTURE_TOMSK, name="Пётр")
    service = live.running.reminders
    at(live.clock, 2021, 3, 21, 2, 59)  # 09:59 in Tomsk
    assert (await service.run()).outgoing == []
    at(live.clock, 2021, 3, 21, 3, 0)  # 10:00 in Tomsk, 06:00 in Saint Petersburg
    await service.run()
    assert texts(live, 1003)[0].startswith("⏰ Квартал заканчивается 31.03.2021. За 1 кв. 2021")
    assert texts(live, 1001) == []
    at(live.clock, 2021, 3, 21, 7, 0)  # 10:00 in Saint Petersburg
    await service.run()
    assert len(texts(live, 1001)) == 1 and len(texts(live, 1003)) == 1


async def test_a_reminder_lists_only_what_is_missing_and_opens_the_report(live):
    await make_coordinator(live, 1001, CULTURE_SPB)
    at(live.clock, 2021, 2, 1, 9)
    await report(live, 1001, "4.1", CULTURE_SPB)
    at(live.clock, 2021, 3, 21, 7)
    await live.running.reminders.run()
    [reminder] = live.emulator.sent_to(1001)
    assert "4.2" in reminder.text and "4.4" in reminder.text and "4.1" not in reminder.text
    assert [b["text"] for b in reminder.buttons()] == [
        "✍️ 4.2 …библиотеками, подведомственн…",
        "✍️ 4.3 …СПб ГБКДУ «Дом народного тво…",
        "✍️ 4.4 Приглашение к участию предста…",
    ]  # no "no change on all": none of the three has an earlier status to carry
    anna = live.user(1001)
    [statuses] = await anna.click("4.3", reminder)
    assert statuses.text.startswith("4.3")
    assert statuses.button("Выполняется")


async def test_nothing_missing_means_no_message(live):
    await make_coordinator(live, 1001, CULTURE_SPB)
    at(live.clock, 2021, 3, 1, 9)
    for code in ("4.1", "4.2", "4.3", "4.4"):
        await report(live, 1001, code, CULTURE_SPB)
    at(live.clock, 2021, 3, 21, 7)
    assert (await live.running.reminders.run()).outgoing == []
    assert texts(live, 1001) == []


async def test_exactly_once_under_reruns_and_concurrent_runs(live):
    for n in range(6):
        await make_coordinator(live, 1100 + n, CULTURE_SPB)
    at(live.clock, 2021, 6, 20, 7)
    service = live.running.reminders
    await asyncio.gather(service.run(), service.run(), service.run())
    await service.run()
    live.clock.advance(hours=1)
    await service.run()
    assert all(len(texts(live, 1100 + n)) == 1 for n in range(6))
    log = [row for row in await live.running.repo.reminder_log() if row[2] == "2021-Q2"]
    assert {row[3] for row in log} == {"sent"} and len(log) == 6


async def test_a_crash_mid_broadcast_resumes_without_duplicates(live):
    for n in range(12):
        await make_coordinator(live, 1200 + n, CULTURE_SPB)
    service = live.running.reminders
    service.broadcaster.limiter.interval = 0.1  # 10 a second, so the cut lands between sends
    at(live.clock, 2021, 9, 20, 7)
    repo = live.running.repo
    finish, four_sent, sent = repo.finish_reminder, asyncio.Event(), []

    async def counting_finish(*args, **kwargs):
        await finish(*args, **kwargs)
        sent.append(args)
        if len(sent) >= 4:
            four_sent.set()

    repo.finish_reminder = counting_finish
    run = asyncio.create_task(service.run())
    await asyncio.wait_for(four_sent.wait(), 30)
    run.cancel()
    with pytest.raises(asyncio.CancelledError):
        await run
    live.clock.advance(minutes=11)  # past the lease of claims the dead run left behind
    await service.run()
    counts = [len(texts(live, 1200 + n)) for n in range(12)]
    assert counts == [1] * 12


async def test_telegram_errors_during_a_broadcast(live):
    for n in range(4):
        await make_coordinator(live, 1300 + n, CULTURE_SPB)
    live.emulator.fail(429, method="sendMessage", chat_id=1300, retry_after=1)
    live.emulator.fail(502, method="sendMessage", chat_id=1301, times=2)
    live.emulator.blocked.add(1302)
    at(live.clock, 2021, 12, 21, 7)
    summary = await live.running.reminders.run()
    assert summary.result.retry_after == 1
    assert summary.result.counts == {"sent": 3, "blocked": 1}
    assert len(texts(live, 1300)) == 1 and len(texts(live, 1301)) == 1
    assert len(texts(live, 1303)) == 1
    assert (await live.running.repo.person(1302)).unreachable
    await live.running.reminders.run()  # the blocked user is not tried again
    assert len([r for r in live.emulator.requests if r.params.get("chat_id") == "1302"]) == 1


async def test_paused_and_unreachable_users_are_skipped(live):
    await make_coordinator(live, 1001, CULTURE_SPB)
    await make_coordinator(live, 1002, CULTURE_SPB)
    repo = live.running.repo
    await repo.set_user_setting(1001, "reminders_paused_until", date(2021, 3, 31))
    await repo.mark_unreachable(1002)
    at(live.clock, 2021, 3, 21, 7)
    summary = await live.running.reminders.run()
    assert summary.plan.skipped == {"paused": 1, "unreachable": 1}
    assert texts(live, 1001) == [] and texts(live, 1002) == []


async def test_catch_up_within_the_grace_window_and_drop_after(live):
    await make_coordinator(live, 1001, CULTURE_SPB)
    service = live.running.reminders
    at(live.clock, 2021, 3, 23, 12)  # two days late: the bot was down
    await service.run()
    assert len(texts(live, 1001)) == 1
    at(live.clock, 2021, 6, 24, 12)  # four days after Jun 20: too late
    summary = await service.run()
    assert [r.occasion.period.label for r in summary.plan.dropped] == ["2021-Q2"]
    assert len(texts(live, 1001)) == 1
    assert (1001, "quarterly", "2021-Q2", "skipped") in await live.running.repo.reminder_log()


async def test_yearly_reminders_overdue_and_the_admin_digest(live):
    await make_coordinator(live, 1001, CULTURE_SPB)
    await make_coordinator(live, 1003, CULTURE_TOMSK, language="en", name="Peter")
    admin = live.user(ADMIN_ID, "Ольга")
    await admin.send("/help")
    at(live.clock, 2021, 11, 20, 7)
    await report(live, 1001, "4.1", CULTURE_SPB)
    await live.running.reminders.run()
    assert texts(live, 1001)[0].startswith(
        "⏰ Годовой отчёт за 2021 г. — до 20.12.2021 (осталось 30 дней)"
    )
    at(live.clock, 2021, 11, 20, 3)
    await live.running.reminders.run()
    assert texts(live, 1003)[0].startswith("⏰ The yearly report for 2021 is due on 20.12.2021")
    at(live.clock, 2021, 12, 21, 7)
    await live.running.reminders.run()
    assert texts(live, 1001)[-1].startswith("❗ Срок годового отчёта (20.12.2021) прошёл")
    digest = live.emulator.sent_to(ADMIN_ID)[-1]
    assert digest.text.startswith(
        "📊 Годовой отчёт за 2021 г.: срок 20.12.2021 прошёл.\n"
        "Итоги 2021 г. не подтверждены (срок годового отчёта 20.12.2021)"
    )
    # who can be chased first, by department, with buttons to remind them
    assert "Можно напомнить: 2 ведомства (2 координатора)." in digest.text
    assert "Комитет по культуре Санкт-Петербурга\n👤 Анна\n• 4.1 " in digest.text
    labels = [b["text"] for b in digest.buttons()]
    assert labels[:3] == [
        "📣 Комитет по культуре Санкт-Петербурга",
        "📣 Департамент по культуре Томской облас…",
        "📣 Напомнить всем (2)",
    ]
    assert len(digest.text) <= 1500


async def test_nothing_is_sent_outside_the_roadmap_years(live):
    await make_coordinator(live, 1001, CULTURE_SPB)
    at(live.clock, 2023, 3, 21, 7)
    assert (await live.running.reminders.run()).outgoing == []
    assert live.running.reminders.inactive_reason(date(2023, 3, 21))
    reply, *_ = await live.user(1001).send("/start")
    assert "Напоминания сейчас не отправляются: дорожная карта действует в 2020–2022 гг." in (
        reply.text
    )


async def test_the_remind_command(live, tmp_path):
    from bot.cli.remind import run_remind

    await make_coordinator(live, 1001, CULTURE_SPB)
    await make_coordinator(live, 1004, SCIENCE_SPB, name="Борис")
    settings = live.settings.model_copy(update={"telegram_api_url": live.emulator.api_base})
    lines = await run_remind(settings, None, date(2021, 3, 21), dry_run=True)
    assert lines[0] == "2021-03-21 (dry run)"
    assert "reminders due: 2 (quarterly 2021-Q1: 2)" in lines
    assert "  1001 Анна: quarterly 2021-Q1: 4.1, 4.2, 4.3, 4.4" in lines
    assert texts(live, 1001) == []
    lines = await run_remind(settings, live.emulator.token, date(2021, 3, 21), dry_run=False)
    assert "sent: sent 2" in lines
    lines = await run_remind(settings, live.emulator.token, date(2021, 3, 21), dry_run=False)
    assert "already sent before: 2" in lines
    assert len(texts(live, 1001)) == 1 and len(texts(live, 1004)) == 1


async def test_a_reminder_tapped_days_later_still_leads_to_a_saved_report(live):
    await make_coordinator(live, 1001, CULTURE_SPB)
    at(live.clock, 2021, 3, 21, 7)
    await live.running.reminders.run()
    [reminder] = live.emulator.sent_to(1001)
    live.emulator.age(reminder)  # tapped three days later: Telegram hides the old message
    at(live.clock, 2021, 3, 24, 9)
    anna = live.user(1001)
    [statuses] = await anna.click("4.2", reminder)
    await anna.click("Выполнено", statuses)
    [summary] = await anna.click("Без комментария")
    live.emulator.age(summary)
    [saved] = await anna.click("Подтвердить", summary)
    assert saved.text.startswith("✅ Сохранено: 4.2 — Выполнено")
