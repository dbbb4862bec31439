"""Invite links: the office makes one for a department, forwards it, and whoever opens it asks
to join that department in one tap; revoked, unknown and broken links say so; admins only."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest

from bot.domain.people import AuditRecord
from bot.sandbox.emulator import TelegramEmulator
from bot.sandbox.emulator.client import BotClient
from bot.sandbox.emulator.server import SentMessage
from tests.conftest import ADMIN_ID, FakeClock, make_settings
from tests.e2e.live import LiveBot
from tests.e2e.scenario import CULTURE_SPB, admin_ready, coordinator

CULTURE_SPB_ID = "spb-9cdf3d"
CULTURE_SPB_NAME = "Комитет по культуре Санкт-Петербурга"
LINK = re.compile(r"https://t\.me/roadmap_sandbox_bot\?start=(\S+)")
PHONE = 1500  # characters a message may have, to read well on a phone
ADMIN_ONLY = "Это действие доступно только администраторам."


def fits_a_phone(emulator: TelegramEmulator) -> None:
    """Every message the bot sent (as it shows now) and every button it made fit."""
    for message in emulator.messages.values():
        assert len(message.text) <= PHONE, message.text[:80]
        for button in message.buttons():
            assert len(button["callback_data"].encode()) <= 64, button


async def rows(live: LiveBot, sql: str) -> list[tuple]:
    return [tuple(r) for r in await live.running.repo.db.fetchall(sql)]


async def make_link(admin: BotClient, department: str) -> tuple[SentMessage, str]:
    """/invite, page to the department, tap it: the message to forward, and its payload."""
    sent = await admin.send("/invite")
    picker = sent[-1]
    for _ in range(5):
        if any(department in b["text"] for b in picker.buttons()):
            break
        await admin.click("▶️", picker)
    note, forward = await admin.click(department, picker)
    assert "Перешлите в ведомство следующее сообщение" in note.text
    match = LINK.search(forward.text)
    assert match, forward.text
    return forward, match.group(1)


@pytest.fixture
async def start_bot(
    emulator: TelegramEmulator, tmp_path: Path, clock: FakeClock
) -> AsyncIterator[Callable[..., Awaitable[LiveBot]]]:
    """The bot with settings of the test's own (ACCESS_MODE, ADMIN_IDS)."""
    started: list[LiveBot] = []

    async def start(**overrides: object) -> LiveBot:
        bot = LiveBot(emulator, make_settings(tmp_path, **overrides), clock)
        await bot.start()
        started.append(bot)
        return bot

    yield start
    for bot in started:
        await bot.stop()
    assert not [(r.method, r.error.description) for r in emulator.errors() if r.error]


async def test_a_link_leads_to_a_request_in_one_tap_and_the_office_approves(live):
    admin = await admin_ready(live)
    [picker] = await admin.send("/invite")  # no links yet: only the departments
    assert picker.text.startswith(
        "Ссылка-приглашение: для какого ведомства? Сначала ведомства без координатора (27)"
    )
    assert "Санкт-Петербург\n1. ⚪ Комитет по промышленной политике" in picker.text
    forward, payload = await make_link(admin, "Комитет по культуре")
    assert forward.text.startswith("📨 Приглашение в бот дорожной карты")
    assert f"Ведомство: «{CULTURE_SPB_NAME}» (Санкт-Петербург)" in forward.text
    assert len(payload) <= 64 and re.fullmatch(r"[A-Za-z0-9_-]+", payload)

    anna = live.user(1001, "Анна")
    [offer] = await anna.send(f"/start {payload}")
    assert offer.text.startswith(
        f"Вас пригласили координатором от ведомства «{CULTURE_SPB_NAME}» (Санкт-Петербург)"
    )
    assert [b["text"] for b in offer.buttons()] == ["📨 Отправить заявку"]
    await anna.click("Отправить заявку", offer)
    assert offer.text.startswith(f"Заявка отправлена: «{CULTURE_SPB_NAME}»")
    assert not offer.buttons()  # answered in place: it cannot be tapped twice
    request = admin.last_with_buttons()
    assert request.text.startswith("🆕 Заявка: Анна") and CULTURE_SPB_NAME in request.text
    await admin.click("Одобрить", request)
    assert anna.last().text.startswith("✅ Заявка одобрена")

    [again] = await anna.send(f"/start {payload}")  # opened once more, by a coordinator now
    assert again.text == f"Вы уже координатор от ведомства «{CULTURE_SPB_NAME}»."
    assert not again.buttons()
    petr = live.user(1003, "Пётр")  # the link works for more than one person
    [offer] = await petr.send(f"/start {payload}")
    await petr.click("Отправить заявку", offer)
    assert (await rows(live, "SELECT uses FROM invites")) == [(2,)]

    links, picker = await admin.send("/invite")
    assert links.text.startswith("Действующие ссылки-приглашения")
    assert CULTURE_SPB_NAME in links.text and "заявок по ней: 2" in links.text
    assert links.button("Отозвать: Комитет по культуре")
    while "▶️" in str(picker.buttons()):  # with a coordinator now: among the last
        await admin.click("▶️", picker)
    assert f"Санкт-Петербург\n27. 👤🔗 {CULTURE_SPB_NAME}\n" in picker.text
    # making a link for the department again gives the one it has
    _, same = await make_link(admin, "Комитет по культуре")
    assert same == payload
    audit = await rows(live, "SELECT action, details FROM audit_log WHERE action LIKE 'invite.%'")
    assert audit == [
        ("invite.create", CULTURE_SPB_ID),
        ("invite.use", CULTURE_SPB_ID),
        ("invite.use", CULTURE_SPB_ID),
    ]
    fits_a_phone(live.emulator)


async def test_in_open_mode_the_tap_makes_a_coordinator_at_once(start_bot):
    live = await start_bot(access_mode="open")
    admin = await admin_ready(live)
    _, payload = await make_link(admin, "Комитет по культуре")
    anna = live.user(1001, "Анна")
    [offer] = await anna.send(f"/start {payload}")
    assert "Нажмите кнопку — и вы координатор" in offer.text
    await anna.click("Стать координатором", offer)
    assert offer.text.startswith(f"Готово: вы координатор от ведомства «{CULTURE_SPB_NAME}»")
    status = await rows(live, "SELECT status FROM memberships WHERE user_id = 1001")
    assert status == [("approved",)]
    assert not [m for m in live.emulator.sent_to(1) if m.text.startswith("🆕")]
    fits_a_phone(live.emulator)

    # revoked by the office: the link does not bring her back; only the office does
    await live.running.repo.end_membership(
        1001, CULTURE_SPB_ID, AuditRecord(ADMIN_ID, "membership.revoke", 1001, CULTURE_SPB_ID)
    )
    live.clock.advance(days=2)
    [offer] = await anna.send(f"/start {payload}")
    await anna.click(offer.buttons()[0]["text"], offer)
    status = await rows(live, "SELECT status FROM memberships WHERE user_id = 1001")
    assert status == [("pending",)]
    assert [m for m in live.emulator.sent_to(1) if m.text.startswith("🆕")]


async def test_revoked_unknown_and_malformed_links_say_so(live):
    admin = await admin_ready(live)
    _, payload = await make_link(admin, "Комитет по культуре")
    anna = live.user(1001, "Анна")
    [offer] = await anna.send(f"/start {payload}")  # opened before the link is revoked

    links, _ = await admin.send("/invite")
    revoke = links.button("Отозвать: Комитет по культуре")["callback_data"]
    await admin.click("Отозвать: Комитет по культуре", links)  # asked first, in place
    assert links.text.startswith(f"Отозвать ссылку-приглашение для ведомства «{CULTURE_SPB_NAME}»?")
    await admin.click("Отмена", links)
    assert links.button("Отозвать: Комитет по культуре")  # nothing revoked
    await admin.click("Отозвать: Комитет по культуре", links)
    sure = links.button("Да, отозвать")["callback_data"]
    await admin.click("Да, отозвать", links)
    assert admin.last_callback_answer() == f"Ссылка для ведомства «{CULTURE_SPB_NAME}» отозвана."
    assert links.text == "Действующих ссылок-приглашений нет." and not links.buttons()
    for late in (revoke, sure):  # a second tap, on either button
        await admin.press(links, late)
        assert admin.last_callback_answer() == "Эта ссылка уже отозвана."

    [reply] = await anna.send(f"/start {payload}")
    assert reply.text.startswith(f"Ссылка-приглашение для ведомства «{CULTURE_SPB_NAME}» отозвана.")
    assert "Или выберите ведомство сами: сначала сторону." in reply.text
    assert reply.button("Санкт-Петербург")
    await anna.click("Отправить заявку", offer)  # the tap on the older offer
    assert offer.text.startswith(f"Ссылка-приглашение для ведомства «{CULTURE_SPB_NAME}» отозвана.")
    assert await rows(live, "SELECT * FROM memberships") == []

    [reply] = await anna.send("/start inv_" + "A" * 22)
    assert reply.text.startswith("Такой ссылки-приглашения нет.")
    for broken in (payload[:10], "hello", "inv_abc!", "inv_" + "x" * 61):
        [reply] = await anna.send(f"/start {broken}")
        assert reply.text.startswith("Ссылка-приглашение не распознана"), broken
        assert reply.button("Томская область")
    await anna.press(reply, "ij:" + "A" * 22)  # a crafted tap
    assert anna.last().text.startswith("Такой ссылки-приглашения нет.")
    assert await rows(live, "SELECT * FROM memberships") == []
    [greeting, _] = await anna.send("/start")  # the usual /start is as it was
    assert greeting.text.startswith("Здравствуйте, Анна!")
    fits_a_phone(live.emulator)


async def test_only_admins_make_and_revoke_links(live):
    admin = await admin_ready(live)
    await make_link(admin, "Комитет по культуре")
    [(invite_id,)] = await rows(live, "SELECT id FROM invites")
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    [reply] = await anna.send("/invite")
    assert reply.text == ADMIN_ONLY
    for data in (f"ix:{invite_id}:0", f"iy:{invite_id}:0", "in:spb-48d378", "ip:1", "io:0", "il:0"):
        await anna.press(anna.last(), data)
        assert anna.last_callback_answer() == ADMIN_ONLY, data
    assert await rows(live, "SELECT department_id, revoked_at FROM invites") == [
        (CULTURE_SPB_ID, None)
    ]
    actions = await rows(live, "SELECT action FROM audit_log WHERE action LIKE 'invite.%'")
    assert actions == [("invite.create",)]


async def test_a_tap_and_a_revocation_do_not_cross(live, monkeypatch):
    from bot.domain.people import UserProfile
    from bot.services.invites import BadLink

    admin = await admin_ready(live)
    _, payload = await make_link(admin, "Комитет по культуре")
    service = live.running.services.invites
    seen = await service._live(payload)  # the tap saw a live link...
    [(invite_id,)] = await rows(live, "SELECT id FROM invites")
    await live.running.repo.revoke_invite(invite_id, AuditRecord(ADMIN_ID, "invite.revoke"))

    async def as_seen(_token):
        return seen[0]

    # ...and the office revoked it between that look and the request
    monkeypatch.setattr(live.running.repo, "invite", as_seen)
    anna = UserProfile(1001, "Анна", "ru", "ru", None)
    result = await service.accept(anna, payload.removeprefix("inv_"))
    assert isinstance(result, BadLink)
    assert await rows(live, "SELECT * FROM memberships") == []
    assert await rows(live, "SELECT uses FROM invites") == [(0,)]
