"""bot.telegram.keyboards.Keyboard lays out rows exactly as aiogram's InlineKeyboardBuilder does."""

from __future__ import annotations

from aiogram.utils.keyboard import InlineKeyboardBuilder
from hypothesis import given
from hypothesis import strategies as st

from bot.telegram.callbacks import ItemCD
from bot.telegram.keyboards import Keyboard


@given(
    count=st.integers(min_value=0, max_value=20),
    sizes=st.one_of(st.none(), st.lists(st.integers(min_value=1, max_value=8), min_size=1)),
)
def test_rows_match_aiogram_builder(count, sizes):
    ours, theirs = Keyboard(), InlineKeyboardBuilder()
    for n in range(count):
        data = ItemCD(action="card", code=f"{n}.1")
        ours.button(text=f"b{n}", callback_data=data)
        theirs.button(text=f"b{n}", callback_data=data)
    if sizes is not None:
        ours.adjust(*sizes)
        theirs.adjust(*sizes)
    assert ours.as_markup() == theirs.as_markup()
