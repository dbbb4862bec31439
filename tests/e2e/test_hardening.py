"""Hardening: one slow chat never holds up anyone, revoked means revoked, no lost input on
storage faults, odd input gets a clear answer. Each case was reproduced on the earlier bot."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import threading
import time

import pytest

from bot.sandbox.emulator import RateLimit
from tests.conftest import ADMIN_ID
from tests.e2e.process import hold_lock
from tests.e2e.scenario import CULTURE_SPB, CULTURE_TOMSK, coordinator, request_department


async def answered_within(user, text: str) -> float:
    began = time.monotonic()
    replies = await user.send(text)
    assert replies, f"no answer to {text!r}"
    return time.monotonic() - began


async def count(live, sql: str) -> int:
    return (await live.running.repo.db.fetchone(sql))[0]


# --- isolation between chats -------------------------------------------------------------


async def test_a_5xx_storm_on_one_chat_holds_up_nobody(live):
    await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    petr = await coordinator(live, 1003, "Томская область", CULTURE_TOMSK, "Пётр")
    live.emulator.fail(502, method="sendMessage", chat_id=1001, times=100)
    live.emulator.send_text(1001, "/my_items")
    await asyncio.sleep(1)
    assert await answered_within(petr, "/my_items") < 2
    live.running.poller.shutdown_grace = 0.1  # Anna's retries need not be waited for


async def test_one_user_sending_300_messages_holds_up_nobody(live, caplog):
    await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    petr = await coordinator(live, 1003, "Томская область", CULTURE_TOMSK, "Пётр")
    live.emulator.rate_limit = RateLimit(per_second=30, per_chat_interval=1.0)
    for n in range(300):  # Telegram lets the bot answer them one a second
        live.emulator.send_text(1001, f"сообщение {n}")
    await asyncio.sleep(1)
    assert await answered_within(petr, "/my_items") < 2
    # the lane holds a bounded backlog: the rest are dropped, and the sender is told once
    assert "updates waiting: one dropped" in caplog.text
    warned = await count(live, "SELECT COUNT(*) FROM outbox WHERE chat_id = 1001")
    assert warned == 1
    live.running.poller.shutdown_grace = 0.1  # the rest of her backlog waits for the next start


async def test_join_and_leave_in_a_loop_asks_the_office_once_and_holds_up_nobody(live):
    await coordinator(live, 1003, "Томская область", CULTURE_TOMSK, "Пётр")
    admin_requests = len(live.emulator.sent_to(ADMIN_ID))
    ivan = live.user(1006, "Иван")
    await request_department(ivan, "Санкт-Петербург", CULTURE_SPB)
    for _ in range(30):
        [subs] = await ivan.send("/unsubscribe")
        if subs.buttons() and any("Выйти" in b["text"] for b in subs.buttons()):
            await ivan.click("Выйти", subs)
            await ivan.click("Да, выйти", subs)
        await request_department(ivan, "Санкт-Петербург", CULTURE_SPB)
    assert "можно отправить после" in ivan.last().text
    assert len(live.emulator.sent_to(ADMIN_ID)) == admin_requests + 1


async def test_a_notice_to_a_flood_waited_chat_holds_up_nobody_elses(live):
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    await coordinator(live, 1003, "Томская область", CULTURE_TOMSK, "Пётр")
    await coordinator(live, 1004, "Томская область", CULTURE_TOMSK, "Иван")
    live.emulator.flood(1003, 30)
    began = time.monotonic()
    await anna.send("/update 4.1 выполняется: обоим")
    await live.notices_sent()
    assert time.monotonic() - began < 3
    assert live.emulator.last_to(1004).text.startswith("🔔")  # Ivan got his at once
    pending = await count(live, "SELECT COUNT(*) FROM outbox WHERE state = 'pending'")
    assert pending == 1  # Petr's waits for his flood wait, with no attempt counted


@pytest.mark.slow
async def test_a_stalled_poll_is_given_up_within_seconds_not_a_minute(live):
    poller = live.running.poller
    poller.poll_timeout, poller.poll_margin = 1, 1  # as 25 s and 5 s, in miniature
    await live.user(1001).send("/help")  # the poll in hand ends; the next ones are short
    live.emulator.fail(0, method="getUpdates", delay=60, times=1)  # Telegram never answers
    await asyncio.sleep(0.5)
    anna = live.user(1001)
    assert await answered_within(anna, "/help") < 5


# --- revoked means revoked ---------------------------------------------------------------


async def test_a_revoked_coordinator_can_neither_edit_nor_withdraw(live):
    admin = live.user(ADMIN_ID, "Ольга")
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    await anna.send("/update 4.1 выполняется: до отзыва")
    [history] = await anna.send("/history 4.1")
    edit = history.button("✏️")["callback_data"]
    withdraw = history.button("🗑")["callback_data"]
    texts = await admin.send("/members")
    await admin.click("Анна — Комитет по культуре", texts[-1])
    await admin.click("Да, отозвать", texts[-1])
    for data in (edit, withdraw, withdraw.replace("withdraw", "withdraw_yes")):
        await anna.press(history, data)
        assert anna.last_callback_answer().startswith("Отчитываться по 4.1 могут только")
    row = await live.running.repo.db.fetchone(
        "SELECT comment, edited_at, withdrawn_at FROM status_updates"
    )
    assert tuple(row) == ("до отзыва", None, None)


async def test_a_dialog_opened_before_revocation_saves_nothing(live):
    admin = live.user(ADMIN_ID, "Ольга")
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    await anna.send("/update 4.1 выполняется: до отзыва")
    [history] = await anna.send("/history 4.1")
    await anna.click("✏️", history)
    await anna.click("Выполнено")
    [summary] = await anna.send("после отзыва")
    texts = await admin.send("/members")
    await admin.click("Анна — Комитет по культуре", texts[-1])
    await admin.click("Да, отозвать", texts[-1])
    await anna.click("Подтвердить", summary)
    assert "Отчитываться по 4.1 могут только" in anna.last().text
    row = await live.running.repo.db.fetchone("SELECT comment, status FROM status_updates")
    assert tuple(row) == ("до отзыва", "in_progress")


# --- storage faults lose nothing typed ---------------------------------------------------


async def locked_for(live, seconds: float) -> threading.Thread:
    locked = threading.Event()
    holder = threading.Thread(target=hold_lock, args=(live.settings.database_path, seconds, locked))
    holder.start()
    await asyncio.to_thread(locked.wait, 5)
    return holder


@pytest.mark.sqlite_only  # a SQLite file lock; PostgreSQL stopped: test_postgres_faults.py
async def test_a_save_that_fails_keeps_the_draft_to_try_again(live):
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    [card] = await anna.send("/item 4.2")
    await anna.click("Сообщить", card)
    await anna.click("Перенесено")
    await anna.send("Выставка перенесена на осень")
    [summary] = await anna.send_content("document")
    # the bot's own writes give up on a lock after 0.3 s here, not 10 s
    await live.running.repo.db.connection.execute("PRAGMA busy_timeout = 300")
    holder = await locked_for(live, 1.5)
    [failed] = await anna.click("Подтвердить", summary)
    assert failed.text.startswith("⚠️ Отчёт не сохранён: база данных сейчас занята")
    assert summary.buttons()  # the confirmation is still there, nothing typed is lost
    await asyncio.to_thread(holder.join)
    [saved] = await anna.click("Попробовать ещё раз", failed)
    assert saved.text.startswith("✅ Сохранено: 4.2 — Перенесено")
    row = await live.running.repo.db.fetchone("SELECT comment, evidence_kind FROM status_updates")
    assert tuple(row) == ("Выставка перенесена на осень", "document")


async def test_reads_never_wait_for_another_process_holding_a_lock(live):
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    await anna.send("/item 4.1")  # known, with nothing to write for her next time
    holder = await locked_for(live, 3)
    try:
        assert await answered_within(anna, "/item 4.1") < 2
        assert await answered_within(anna, "/history 4.1") < 2
    finally:
        await asyncio.to_thread(holder.join)


# --- crafted and odd input ---------------------------------------------------------------


async def test_crafted_numbers_and_odd_text_get_clear_answers(live, caplog):
    caplog.set_level(logging.ERROR)
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    admin = live.user(ADMIN_ID, "Ольга")
    huge = "9" * 23
    for data in (f"up:{huge}:edit", f"hs:4.1:{huge}", f"up:{huge}:file"):
        await anna.press(anna.last(), data)
        assert anna.last_callback_answer().startswith("Эта кнопка устарела")
    for data in (f"dc:{huge}:{CULTURE_SPB}:1", f"rv:{huge}:{CULTURE_SPB}"):
        await admin.press(admin.last(), data)
        assert admin.last_callback_answer().startswith("Эта кнопка устарела")
    [reply] = await admin.send("/report ²")
    assert reply.text.startswith("Укажите год дорожной карты")
    [reply] = await anna.send("/update 4.1 выполняется: смайлик \ud83d сломан")
    assert reply.text.startswith("В тексте есть знаки, которые нельзя сохранить")
    assert await count(live, "SELECT COUNT(*) FROM status_updates") == 0
    broken = live.user(1010, "Имя \udc00 с изъяном")
    [reply, _] = await broken.send("/start")
    assert reply.text.startswith("Здравствуйте, Имя")
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_a_page_already_shown_is_not_edited_again(live):
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    for n in range(7):
        await anna.send(f"/update 4.1 выполняется: шаг {n}")
    [page] = await anna.send("/history 4.1")
    forward = page.button("Дальше")["callback_data"]
    await anna.press(page, forward)
    edits = sum(r.method == "editMessageText" for r in live.emulator.requests)
    await anna.press(page, forward)  # a second tap of the button the page had
    assert sum(r.method == "editMessageText" for r in live.emulator.requests) == edits
    assert anna.last_callback_answer() is None


# --- found in review: the flood-wait paths end to end ------------------------------------


async def to_confirmation(anna):
    await anna.send("/update 4.2")
    await anna.click("Выполнено")
    [summary] = await anna.click("Без комментария")
    return summary


async def test_a_report_confirmed_in_a_flood_waited_chat_is_saved(live):
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    summary = await to_confirmation(anna)
    live.emulator.flood(1001, 8)  # the buttons cannot be taken off, the answer must wait
    await anna.click("Подтвердить", summary)
    assert (await live.running.repo.report_history("4.2", 0, 5))[1] == 1
    live.emulator.flooded.clear()
    live.clock.advance(seconds=10)
    await live.notices_sent()
    assert anna.last().text.startswith("✅ Сохранено: 4.2 — Выполнено")


@pytest.mark.slow
async def test_a_nudge_to_a_flood_waited_chat_is_delivered_after_the_wait(live):
    admin = live.user(ADMIN_ID, "Ольга")
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    [listing] = await admin.send("/missing")
    [preview] = await admin.click("📣 Комитет по культуре", listing)
    # longer than a sender waits (5 s), even after the second the chat's spacing adds to a
    # message right after the bot's last reply to Анна
    live.emulator.flood(1001, 8)
    await admin.click("Отправить", preview)
    assert admin.last_callback_answer() == "⏳ Отправляю напоминания: 1…"
    await live.running.reminders.settled()  # the broadcast left it to the outbox
    assert "⏳ Telegram просит подождать — уйдут сами чуть позже: 1." in preview.text
    assert not anna.last().text.startswith("📣")
    await asyncio.sleep(8)  # the sender's pacing keeps the chat's wait in real time
    live.clock.advance(seconds=10)
    await live.notices_sent()
    assert anna.last().text.startswith("📣")


async def test_a_record_that_fails_does_not_handle_the_batch_again(live, monkeypatch):
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    store = live.running.poller.store
    real, calls = store.mark_updates_processed, []

    async def locked_once(*args, **kwargs):
        calls.append(args)
        if len(calls) == 1:
            raise sqlite3.OperationalError("database is locked")
        return await real(*args, **kwargs)

    monkeypatch.setattr(store, "mark_updates_processed", locked_once)
    before = len(live.emulator.sent_to(1001))
    await anna.send("/help")
    await anna.send("/help")
    assert len(live.emulator.sent_to(1001)) - before == 2  # each answered once


async def test_joining_answers_the_user_before_the_office_is_told(live):
    admin = live.user(ADMIN_ID, "Ольга")
    await admin.send("/start")
    anna = live.user(1001, "Анна")
    await anna.send("/subscribe")
    await anna.click("Санкт-Петербург")
    listing = anna.last_with_buttons()
    start = len(live.emulator.requests)
    await anna.click(CULTURE_SPB, listing)
    sends = [
        int(r.params["chat_id"])
        for r in live.emulator.requests[start:]
        if r.method == "sendMessage"
    ]
    assert sends[:2] == [1001, ADMIN_ID]


async def test_a_chat_that_keeps_answering_retry_after_is_given_up(live):
    from aiogram.exceptions import TelegramRetryAfter
    from aiogram.methods import SendMessage

    from bot.telegram.sending import Outcome, send_with_retries

    attempts = []

    async def refused():
        attempts.append(1)
        raise TelegramRetryAfter(SendMessage(chat_id=1, text="x"), "429", 0)

    assert await asyncio.wait_for(send_with_retries(refused, 1), 5) is Outcome.FAILED
    assert len(attempts) <= 11


@pytest.mark.slow
async def test_replies_queued_in_a_flood_wait_keep_their_order_if_sent_a_moment_early(live):
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    before = len(live.emulator.sent_to(1001))
    began = time.monotonic()
    live.emulator.flood(1001, 6.4)
    await anna.send("/help")
    await anna.send("/my_items")
    assert len(live.emulator.sent_to(1001)) == before
    await asyncio.sleep(max(0.0, 5.9 - (time.monotonic() - began)))
    live.clock.advance(seconds=10)  # the outbox tries while Telegram still says wait
    live.running.outbox.wake()
    await asyncio.sleep(3)
    await live.notices_sent()
    texts = [m.text for m in live.emulator.sent_to(1001)[before:]]
    assert len(texts) == 2
    assert texts[0].startswith("Команды") and texts[1].startswith("Мои мероприятия")


async def test_office_actions_are_audited_even_if_an_answer_fails(live):
    admin = live.user(ADMIN_ID, "Ольга")
    await admin.send("/start")
    live.emulator.fail(500, method="sendPhoto", times=10)
    await admin.send("/stats")
    assert "admin.stats" in [e.action for e in await live.running.repo.recent_audit(5)]


async def test_an_update_both_kept_and_redelivered_is_handled_once(live, monkeypatch):
    from bot.services.items import ItemService

    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    real, release = ItemService.my_items, asyncio.Event()

    async def stuck(self, viewer):
        await release.wait()
        return await real(self, viewer)

    monkeypatch.setattr(ItemService, "my_items", stuck)
    kept = live.emulator.send_text(1001, "/my_items")
    await asyncio.sleep(1.0)
    assert [row[0] for row in await live.running.repo.inbox()] == [kept]
    live.running.poller.shutdown_grace = 0.1
    await live.stop()

    async def slowish(self, viewer):
        await asyncio.sleep(0.1)
        return await real(self, viewer)

    monkeypatch.setattr(ItemService, "my_items", slowish)
    live.emulator.redeliver(kept)  # the crash came before Telegram had the new offset
    live.emulator.fail(0, method="getUpdates", delay=0.13)
    before = len(anna.emulator.sent_to(1001))
    await live.start()
    await asyncio.sleep(1.5)
    replies = [m for m in live.emulator.sent_to(1001)[before:] if "Мои мероприятия" in m.text]
    assert len(replies) == 1
