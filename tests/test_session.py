"""The session's own form encoding reads back exactly as the values sent."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl

from aiogram.methods import SendMessage
from hypothesis import given
from hypothesis import strategies as st

from bot.app import create_bot
from bot.callbacks import ItemCD
from bot.keyboards import Keyboard
from bot.session import percent_encoded


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
