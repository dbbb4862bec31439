"""The office's side of membership: revoking a coordinator is asked first and the list comes
back without them; with several admins, a request decided by one is shown as decided, and by
whom, on every admin's copy of it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.sandbox.emulator import TelegramEmulator
from tests.conftest import ADMIN_ID, FakeClock, make_settings
from tests.e2e.live import LiveBot
from tests.e2e.scenario import (
    CULTURE_SPB,
    CULTURE_TOMSK,
    admin_ready,
    coordinator,
    request_department,
)
from tests.e2e.test_invites import ADMIN_ONLY, fits_a_phone, rows

CULTURE_SPB_NAME = "Комитет по культуре Санкт-Петербурга"
SECOND_ADMIN = 2


async def status(live: LiveBot, user_id: int) -> str:
    [(found,)] = await rows(live, f"SELECT status FROM memberships WHERE user_id = {user_id}")
    return found


async def test_revoking_is_asked_first_and_the_list_comes_back_without_them(live):
    admin = await admin_ready(live)
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    [members] = await admin.send("/members")
    assert f"• {CULTURE_SPB_NAME}: Анна" in members.text
    ask = members.button("Анна — Комитет по культуре")["callback_data"]

    await admin.click("Анна — Комитет по культуре", members)  # asked in place
    assert members.text.startswith(f"Отозвать доступ к ведомству «{CULTURE_SPB_NAME}»?")
    assert "Координатор: Анна (id 1001)." in members.text
    assert [b["text"] for b in members.buttons()] == ["Да, отозвать", "Отмена"]
    confirm = members.button("Да, отозвать")["callback_data"]
    await admin.click("Отмена", members)
    assert members.text.startswith("Координаторы по ведомствам")
    assert f"• {CULTURE_SPB_NAME}: Анна" in members.text
    assert await status(live, 1001) == "approved"

    await admin.click("Анна — Комитет по культуре", members)
    await admin.click("Да, отозвать", members)
    assert admin.last_callback_answer() == f"Доступ отозван: Анна — «{CULTURE_SPB_NAME}»."
    assert f"• {CULTURE_SPB_NAME}: нет координатора" in members.text  # the same message
    assert not [b for b in members.buttons() if "Анна" in b["text"]]
    assert await status(live, 1001) == "revoked"
    assert anna.last().text.startswith("Администратор отозвал ваш доступ")

    for data in (confirm, ask):  # late taps: nothing more happens
        await admin.press(members, data)
        assert admin.last_callback_answer().startswith("Эта кнопка устарела")
        assert members.text.startswith("Координаторы по ведомствам")
    revokes = await rows(live, "SELECT COUNT(*) FROM audit_log WHERE action = 'membership.revoke'")
    assert revokes == [(1,)]
    fits_a_phone(live.emulator)


async def test_members_are_paged_and_a_revocation_comes_back_to_its_page(live):
    admin = await admin_ready(live)
    await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    petr = await coordinator(live, 1003, "Томская область", CULTURE_TOMSK, "Пётр")
    [members] = await admin.send("/members")
    assert members.text.startswith("Координаторы по ведомствам (стр. 1 из 3)")
    assert "Пётр" not in members.text
    await admin.click("▶️", members)
    assert members.text.startswith("Координаторы по ведомствам (стр. 2 из 3)")
    assert "• Департамент по культуре Томской области: Пётр" in members.text
    await admin.click("Пётр — Департамент по культуре", members)
    await admin.click("Отмена", members)
    assert "(стр. 2 из 3)" in members.text  # back on the page it was asked from
    await admin.click("Пётр — Департамент по культуре", members)
    await admin.click("Да, отозвать", members)
    assert "(стр. 2 из 3)" in members.text
    assert "• Департамент по культуре Томской области: нет координатора" in members.text
    assert petr.last().text.startswith("Администратор отозвал ваш доступ")
    await admin.click("◀️", members)
    assert "(стр. 1 из 3)" in members.text and f"{CULTURE_SPB_NAME}: Анна" in members.text
    fits_a_phone(live.emulator)


async def test_only_admins_revoke(live):
    await admin_ready(live)
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    for data in ("rv:1001:spb-9cdf3d", "ry:1001:spb-9cdf3d", "mb:1"):
        await anna.press(anna.last(), data)
        assert anna.last_callback_answer() == ADMIN_ONLY, data
    assert await status(live, 1001) == "approved"
    assert await rows(live, "SELECT * FROM audit_log WHERE action = 'membership.revoke'") == []


@pytest.fixture
async def two_admins(
    emulator: TelegramEmulator, tmp_path: Path, clock: FakeClock
) -> AsyncIterator[LiveBot]:
    """The bot with two admins, Ольга (1) and Борис (2), who have both opened it."""
    bot = LiveBot(emulator, make_settings(tmp_path, admin_ids=[ADMIN_ID, SECOND_ADMIN]), clock)
    await bot.start()
    await admin_ready(bot)
    await bot.user(SECOND_ADMIN, "Борис").send("/start")
    yield bot
    await bot.stop()
    rejected = [(r.method, r.error.description) for r in emulator.errors() if r.error]
    # the one copy the test deleted cannot be edited: that is passed over quietly
    assert rejected in ([], [("editMessageText", "Bad Request: message to edit not found")])


async def test_a_decision_shows_on_every_admins_copy_and_a_late_press_says_who(two_admins):
    live = two_admins
    olga, boris = live.user(ADMIN_ID, "Ольга"), live.user(SECOND_ADMIN, "Борис")
    anna = live.user(1001, "Анна")
    await request_department(anna, "Санкт-Петербург", CULTURE_SPB)
    olga_copy, boris_copy = olga.last_with_buttons(), boris.last_with_buttons()
    assert olga_copy.text.startswith("🆕 Заявка: Анна") and boris_copy.text == olga_copy.text
    late = olga_copy.button("Отклонить")["callback_data"]

    await boris.click("Одобрить", boris_copy)
    assert boris_copy.text.startswith("✅ Одобрено (Борис): Анна (id 1001)")
    assert olga_copy.text == boris_copy.text and not olga_copy.buttons()
    assert anna.last().text.startswith("✅ Заявка одобрена")

    await olga.press(olga_copy, late)  # a press from before the edit reached her
    assert olga.last_callback_answer() == (
        "Эта заявка уже рассмотрена: одобрил(а) Борис, 15.03.2021 12:00."
    )
    assert await status(live, 1001) == "approved"
    decisions = "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'membership.approve'"
    assert await rows(live, decisions) == [(1,)]
    assert await rows(live, "SELECT * FROM request_messages") == []  # forgotten once decided
    fits_a_phone(live.emulator)


async def test_copies_from_requests_are_edited_too_and_a_gone_copy_is_passed_over(two_admins):
    live = two_admins
    olga, boris = live.user(ADMIN_ID, "Ольга"), live.user(SECOND_ADMIN, "Борис")
    ivan = live.user(1006, "Иван")
    await request_department(ivan, "Томская область", CULTURE_TOMSK)
    notice = olga.last_with_buttons()
    [listed] = await olga.send("/requests")  # a second copy in Ольга's chat
    boris_copy = boris.last_with_buttons()
    boris_copy.deleted = True  # Борис deleted his copy: it cannot be edited any more

    await olga.click("Отклонить", listed)
    assert listed.text.startswith("❌ Отклонено (Ольга): Иван (id 1006)")
    assert notice.text == listed.text and not notice.buttons()
    assert ivan.last().text.startswith("Заявка в «Департамент по культуре Томской области»")
    failed = [r.params["chat_id"] for r in live.emulator.errors() if r.error]
    assert failed == [str(SECOND_ADMIN)]  # tried, refused, and let be
    [reply] = await boris.send("/requests")  # the bot goes on as usual
    assert reply.text == "Заявок на рассмотрении нет."


async def test_a_late_press_on_a_withdrawn_request(live):
    admin = await admin_ready(live)
    anna = live.user(1001, "Анна")
    await request_department(anna, "Санкт-Петербург", CULTURE_SPB)
    request = admin.last_with_buttons()
    approve = request.button("Одобрить")["callback_data"]
    [listing] = await anna.send("/unsubscribe")
    await anna.click("Комитет по культуре", listing)
    await anna.click("Да, выйти")
    # the admin's copy says so at once, without buttons
    assert request.text == (
        "↩️ Заявка отозвана: Анна больше не просит стать координатором ведомства "
        "«Комитет по культуре Санкт-Петербурга»."
    )
    assert not request.buttons()
    await admin.press(request, approve)  # a press that crossed it
    assert admin.last_callback_answer().startswith(
        "Эта заявка уже рассмотрена: её отозвал сам пользователь, 15.03.2021"
    )
    assert await status(live, 1001) == "revoked"
