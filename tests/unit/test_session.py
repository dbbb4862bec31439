"""The session's own form encoding reads back exactly as the values sent."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from urllib.parse import parse_qsl

from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.methods import (
    AnswerCallbackQuery,
    BanChatMember,
    EditMessageText,
    SendDocument,
    SendMessage,
    SetMyCommands,
)
from aiogram.types import (
    BotCommand,
    BotCommandScopeChat,
    BufferedInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    MessageEntity,
    ReplyParameters,
)
from aiohttp import FormData
from hypothesis import given
from hypothesis import strategies as st

from bot.telegram.app import create_bot
from bot.telegram.callbacks import ItemCD
from bot.telegram.keyboards import Keyboard
from bot.telegram.session import percent_encoded


@given(st.text())
def test_any_text_survives_the_encoding(text):
    assert parse_qsl(f"text={percent_encoded(text)}", keep_blank_values=True) == [("text", text)]


async def test_a_message_with_buttons_is_sent_as_a_form():
    bot = create_bot("1:token", "http://127.0.0.1:9")
    keyboard = Keyboard()
    keyboard.button(text="Открыть 4.1 & <всё>", callback_data=ItemCD(action="card", code="4.1"))
    method = SendMessage(
        chat_id=-100, text="<b>Привет</b> & «до свидания»", reply_markup=keyboard.as_markup()
    )
    payload = bot.session.build_form_data(bot, method)
    assert payload.content_type == "application/x-www-form-urlencoded"
    fields = dict(parse_qsl(payload._value.decode("ascii")))
    assert fields["chat_id"] == "-100" and fields["text"] == "<b>Привет</b> & «до свидания»"
    assert fields["parse_mode"] == "HTML"
    [[button]] = json.loads(fields["reply_markup"])["inline_keyboard"]
    assert button == {"text": "Открыть 4.1 & <всё>", "callback_data": "it:4.1:card:"}
    await bot.session.close()


def aiogram_fields(bot, method) -> dict[str, str]:
    form = AiohttpSession.build_form_data(bot.session, bot, method)
    return {options["name"]: value for options, _, value in form._fields}


def our_fields(bot, method) -> dict[str, str]:
    payload = bot.session.build_form_data(bot, method)
    return dict(parse_qsl(payload._value.decode("ascii"), keep_blank_values=True))


async def test_the_form_holds_what_aiogram_would_send():
    """The same fields and values as aiogram's own encoding, for the kinds of call the bot
    makes and a few with defaults, dates and nested objects inside."""
    bot = create_bot("1:token", "http://127.0.0.1:9")
    keyboard = Keyboard()
    for code in ("1.1", "4.1", "9.3"):
        keyboard.button(text=f"Открыть {code}", callback_data=ItemCD(action="card", code=code))
    keyboard.adjust(2)
    methods = [
        SendMessage(chat_id=5, text="<b>Привет</b>", reply_markup=keyboard.as_markup()),
        SendMessage(
            chat_id=5,
            text="x",
            parse_mode=None,
            disable_notification=False,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
            entities=[MessageEntity(type="bold", offset=0, length=1)],
            reply_parameters=ReplyParameters(message_id=7),
        ),
        EditMessageText(chat_id=5, message_id=9, text="Готово", reply_markup=None),
        AnswerCallbackQuery(callback_query_id="q1", text="Сохранено", show_alert=True),
        SetMyCommands(
            commands=[BotCommand(command="start", description="Начать")],
            scope=BotCommandScopeChat(chat_id=5),
            language_code="ru",
        ),
        BanChatMember(chat_id=-100, user_id=5, until_date=datetime(2030, 1, 1, tzinfo=UTC)),
        SendMessage(
            chat_id=5,
            text="y",
            reply_markup=InlineKeyboardMarkup(
                inline_keyboard=[
                    [InlineKeyboardButton(text="Сайт", url="https://example.org/?a=1&b=«2»")]
                ]
            ),
        ),
    ]
    for method in methods:
        assert our_fields(bot, method) == aiogram_fields(bot, method), method
    await bot.session.close()


async def test_a_file_goes_as_aiogram_sends_it():
    bot = create_bot("1:token", "http://127.0.0.1:9")
    method = SendDocument(
        chat_id=5, document=BufferedInputFile(b"%PDF", "отчёт.pdf"), caption="<b>Отчёт</b>"
    )
    form = bot.session.build_form_data(bot, method)
    assert isinstance(form, FormData)
    assert {o["name"] for o, _, _ in form._fields} >= {"chat_id", "caption", "parse_mode"}
    await bot.session.close()
