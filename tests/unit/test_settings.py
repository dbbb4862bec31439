"""Settings: defaults, clear one-line errors naming the setting, and the token kept secret."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.logging_setup import redact_url, scrub, url_secrets
from bot.settings import AccessMode, Settings, SettingsError, load_settings
from tests.conftest import ROOT

SECRET = "987654321:AAH-very-secret-token-value-XYZ"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, tmp_path):
    for name in list(os.environ):
        if name.lower() in Settings.model_fields:
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)  # no .env of the developer's


def test_defaults():
    settings = load_settings()
    assert settings.bot_token is None
    assert settings.database_path == Path("data/bot.sqlite3")
    assert settings.roadmap_path == Path("data/roadmap.json")
    assert settings.admin_ids == []
    assert settings.access_mode is AccessMode.APPROVAL
    assert settings.log_level == "INFO"
    assert settings.api_base is None


def test_values_from_env_file(tmp_path):
    (tmp_path / ".env").write_text(
        f"BOT_TOKEN={SECRET}\nADMIN_IDS=11, 22;33\nACCESS_MODE=Open\nLOG_LEVEL=debug\n"
        "TELEGRAM_API_URL=http://127.0.0.1:8081/\n",
        encoding="utf-8",
    )
    settings = load_settings()
    assert settings.token() == SECRET
    assert settings.admin_ids == [11, 22, 33]
    assert settings.access_mode is AccessMode.OPEN
    assert settings.log_level == "DEBUG"
    assert settings.api_base == "http://127.0.0.1:8081"
    assert SECRET not in repr(settings) and SECRET not in str(settings.model_dump())


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("ADMIN_IDS", "12,abc", "setting ADMIN_IDS is invalid"),
        ("ACCESS_MODE", "everyone", "setting ACCESS_MODE is invalid"),
        ("LOG_LEVEL", "loud", "setting LOG_LEVEL is invalid"),
        ("TELEGRAM_API_URL", "not a url", "setting TELEGRAM_API_URL is invalid"),
        ("BOT_TOKEN", "secret-but-malformed", "setting BOT_TOKEN is invalid"),
        ("DATABASE_URL", "mysql://u:hunter2@db/x", "setting DATABASE_URL is invalid"),
    ],
)
def test_an_invalid_setting_is_named_without_its_value(monkeypatch, name, value, message):
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    text = str(caught.value)
    assert text.startswith(message) and "\n" not in text
    assert value not in text


def test_missing_token_says_what_to_do():
    with pytest.raises(SettingsError, match=r"@BotFather.*sandbox"):
        load_settings().token()


def run_bot(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess:
    full_env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT), **env}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_python_m_bot_without_a_token_exits_2_with_advice(tmp_path):
    result = run_bot({}, tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("error: BOT_TOKEN is not set")
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1


def test_an_invalid_setting_exits_2_and_never_prints_the_token(tmp_path):
    result = run_bot({"BOT_TOKEN": SECRET, "ADMIN_IDS": "boss"}, tmp_path)
    assert result.returncode == 2
    assert "ADMIN_IDS" in result.stderr and "Traceback" not in result.stderr
    assert SECRET not in result.stderr + result.stdout
    bad = "12:short"
    result = run_bot({"BOT_TOKEN": bad}, tmp_path)
    assert result.returncode == 2 and bad not in result.stderr


def test_a_database_url_wins_and_its_password_is_hidden_from_logs(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://bot:p%40ss-w0rd@db.example.org:5432/roadmap")
    settings = load_settings()
    assert settings.database.startswith("postgresql://bot:")
    assert {"p%40ss-w0rd", "p@ss-w0rd"} <= set(settings.url_passwords())  # as written, decoded
    assert "p%40ss-w0rd" not in repr(settings)
    monkeypatch.setenv("DATABASE_URL", "sqlite:////srv/bot/bot.sqlite3")
    assert load_settings().database == "/srv/bot/bot.sqlite3"
    monkeypatch.setenv("DATABASE_URL", "")
    assert load_settings().database == str(load_settings().database_path)


@pytest.mark.parametrize(
    ("url", "shown", "hidden"),
    [
        ("postgresql://roadmap:Ab/cd+ef@db:5432/x", "postgresql://***@db:5432/x", "Ab/cd+ef"),
        ("postgresql://u@db/x?password=hunter22", "postgresql://***@db/x?password=***", "hunter22"),
        (
            "postgresql://u:secret1@h1:5432,h2:5432/x",
            "postgresql://***@h1:5432,h2:5432/x",
            "secret1",
        ),
        ("redis://:a@b/c@redis:6379/0", "redis://***@redis:6379/0", "a@b/c"),
    ],
)
def test_a_password_anywhere_in_a_url_is_hidden(url, shown, hidden):
    assert redact_url(url) == shown
    assert hidden in url_secrets(url)
    assert hidden not in scrub(f"could not connect to {url}: {hidden} refused", url)
