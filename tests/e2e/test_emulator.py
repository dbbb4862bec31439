"""The emulator is as strict as Telegram where bots slip, and injects Telegram's errors."""

from __future__ import annotations

import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.sandbox.emulator.html import EntityParseError, parse_html
from bot.telegram.app import create_bot

USER = 1001


@pytest.fixture
async def bot(emulator):
    emulator.add_user(USER)
    # a bare session: these tests look at the errors themselves, not at the bot's retries
    session = AiohttpSession(api=TelegramAPIServer.from_base(emulator.api_base))
    bot = Bot(
        emulator.token, session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML)
    )
    yield bot
    await bot.session.close()


@pytest.mark.parametrize(
    "text",
    [
        "<b>bold",
        "a < b",
        "1 & 2",
        "x > y",
        "<script>x</script>",
        "<b><i>x</b></i>",
        "<span>x</span>",
        '<a name="x">y</a>',
        "</b>",
    ],
)
def test_html_that_telegram_rejects(text):
    with pytest.raises(EntityParseError):
        parse_html(text)


def test_html_that_telegram_accepts():
    plain, entities = parse_html(
        '<b>Жирный</b> &lt;тег&gt; &amp; <a href="https://x.org">ссылка</a>'
        " <tg-spoiler>s</tg-spoiler> &#128512;"
    )
    assert plain == "Жирный <тег> & ссылка s 😀"
    assert [e.type for e in entities] == ["bold", "text_link", "spoiler"]


async def test_limits_on_text_and_buttons(bot, emulator):
    await bot.send_message(USER, "я" * 4096)
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(USER, "я" * 4097)
    with pytest.raises(TelegramBadRequest, match="too long"):
        await bot.send_message(USER, "😀" * 2049)  # 4098 UTF-16 units
    with pytest.raises(TelegramBadRequest, match="Can't parse entities"):
        await bot.send_message(USER, "<b>unclosed")
    with pytest.raises(TelegramBadRequest, match="message text is empty"):
        await bot.send_message(USER, "<b></b>")
    keyboard = InlineKeyboardBuilder()
    keyboard.button(text="ok", callback_data="x" * 65)
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await bot.send_message(USER, "hi", reply_markup=keyboard.as_markup())
    keyboard = InlineKeyboardBuilder()
    keyboard.button(text="ok", callback_data="я" * 32)  # 64 bytes exactly
    await bot.send_message(USER, "hi", reply_markup=keyboard.as_markup())


async def test_an_edit_that_changes_nothing_is_refused(bot, emulator):
    sent = await bot.send_message(USER, "<b>v1</b>")
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_text("<b>v1</b>", chat_id=USER, message_id=sent.message_id)
    await bot.edit_message_text("<b>v2</b>", chat_id=USER, message_id=sent.message_id)
    assert emulator.last_to(USER).text == "v2"
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text("x", chat_id=USER, message_id=999)


async def test_injected_errors(bot, emulator):
    emulator.fail(429, method="sendMessage", retry_after=3)
    with pytest.raises(TelegramRetryAfter) as caught:
        await bot.send_message(USER, "hi")
    assert caught.value.retry_after == 3
    emulator.fail(502, method="sendMessage")
    with pytest.raises(TelegramServerError):
        await bot.send_message(USER, "hi")
    await bot.send_message(USER, "hi")  # faults are used up
    emulator.blocked.add(USER)
    with pytest.raises(TelegramForbiddenError, match="blocked"):
        await bot.send_message(USER, "hi")
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.send_message(424242, "hi")


async def test_a_wrong_token_is_unauthorized(emulator):
    bot = create_bot("111:" + "x" * 30, emulator.api_base)
    try:
        with pytest.raises(TelegramUnauthorizedError):
            await bot.get_me()
    finally:
        await bot.session.close()


async def test_callback_queries_are_answered_once(bot, emulator):
    emulator.click(USER, 0, "anything")
    query_id = next(iter(emulator.callbacks))
    await bot.answer_callback_query(query_id, text="ok")
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query(query_id)


async def test_updates_are_kept_until_confirmed(bot, emulator):
    first = emulator.send_text(USER, "/start")
    second = emulator.send_text(USER, "hello")
    updates = await bot.get_updates(timeout=0)
    assert [u.update_id for u in updates] == [first, second]
    assert [u.update_id for u in await bot.get_updates(timeout=0)] == [first, second]
    assert [u.update_id for u in await bot.get_updates(offset=second, timeout=0)] == [second]
    assert await bot.get_updates(offset=second + 1, timeout=0) == []
    await emulator.wait_handled(second)


async def test_an_unknown_parse_mode_is_refused(bot):
    with pytest.raises(TelegramBadRequest, match="unsupported parse_mode"):
        await bot.send_message(USER, "текст", parse_mode="ParseMode.HTML")
