"""The terminal sandbox: a person types, sees replies and numbered buttons, switches users."""

from __future__ import annotations

import io

from bot.sandbox.chat import run_sandbox
from tests.conftest import make_settings


async def test_a_sandbox_session(tmp_path):
    script = io.StringIO("/start\n:user john\n/help\n:sticker\n7\n:user zoe en\n:nonsense\n:quit\n")
    out = io.StringIO()
    code = await run_sandbox(
        make_settings(tmp_path), tmp_path / "sandbox.sqlite3", fresh=True, stdin=script, stdout=out
    )
    text = out.getvalue()
    assert code == 0
    assert "Здравствуйте, Анна!" in text
    assert "you are now john" in text and "It has 23 activities" in text
    assert "I did not understand that" in text
    assert "there are no buttons to press" in text
    assert "new user zoe" in text
    assert "unknown sandbox command :nonsense" in text
    assert text.rstrip().endswith("bye")
    assert (tmp_path / "sandbox.sqlite3").exists()


async def test_sandbox_ends_on_end_of_input(tmp_path):
    out = io.StringIO()
    code = await run_sandbox(
        make_settings(tmp_path), tmp_path / "s.sqlite3", stdin=io.StringIO("/start\n"), stdout=out
    )
    assert code == 0 and "bye" in out.getvalue()
