"""Every button's callback data fits Telegram's 64 bytes, with the longest real values."""

from __future__ import annotations

from bot.telegram.callbacks import (
    DecideCD,
    DraftCD,
    HistCD,
    ItemCD,
    JoinCD,
    LeaveCD,
    MenuCD,
    MissingCD,
    NudgeCD,
    PartyCD,
    RevokeCD,
    SetCD,
    UpdCD,
    YearCD,
)
from bot.telegram.limits import MAX_CALLBACK_DATA

USER = 9_999_999_999_999  # Telegram user ids are up to 52 bits
DEP = "a" * 20 + "-abcdef"  # the longest department id the importer makes
CODE = "10.10.10"


def test_the_longest_callback_data_fits():
    samples = [
        MenuCD(action="settings"),
        PartyCD(party="a" * 20, page=99),
        JoinCD(dep=DEP),
        LeaveCD(dep=DEP),
        DecideCD(user=USER, dep=DEP, ok=False),
        ItemCD(code=CODE, action="report", dep=DEP),
        HistCD(code=CODE, page=999),
        DraftCD(draft="deadbeef", action="confirm", value=DEP),
        UpdCD(id=99_999_999, action="withdraw_yes"),
        SetCD(key="tz", value="America/Argentina/Buenos_Aires"),
        RevokeCD(user=USER, dep=DEP),
        NudgeCD(period="2021-Q1", dep=DEP, action="ask"),
        MissingCD(scope="2021", page=12),
        YearCD(year=2021, action="short", code=CODE, dep=DEP),
    ]
    for sample in samples:
        packed = sample.pack()
        assert len(packed.encode()) <= MAX_CALLBACK_DATA, packed
