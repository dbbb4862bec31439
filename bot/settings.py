"""Settings read from the environment and `.env`; errors name the setting, never its value."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    AnyHttpUrl,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.logging_setup import url_secrets

_TOKEN = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{20,}$")


class AccessMode(StrEnum):
    APPROVAL = "approval"
    OPEN = "open"


class SettingsError(Exception):
    """One line per invalid setting, safe to print: no values are echoed."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        case_sensitive=False,
    )

    bot_token: SecretStr | None = None
    telegram_api_url: AnyHttpUrl | None = None
    database_path: Path = Path("data/bot.sqlite3")
    # postgresql://user:password@host:port/name (or sqlite:///path): wins over DATABASE_PATH
    database_url: SecretStr | None = None
    roadmap_path: Path = Path("data/roadmap.json")
    admin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    access_mode: AccessMode = AccessMode.APPROVAL
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"

    # webhook mode: Telegram posts updates to WEBHOOK_URL (behind a reverse proxy) instead
    # of the bot polling for them
    webhook_url: AnyHttpUrl | None = None
    webhook_secret: SecretStr | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = Field(default=8080, ge=0, le=65535)

    # the reporting calendar (reminders issue)
    quarter_reminder_days: int = Field(default=10, ge=0, le=80)
    reminder_hour: int = Field(default=10, ge=0, le=23)
    annual_report_due: str = "12-20"
    annual_reminder_days: Annotated[list[int], NoDecode] = Field(
        default_factory=lambda: [30, 14, 7, 1]
    )
    year_end_round_days: int = Field(default=20, ge=0, le=120)
    roadmap_active_until: int | None = Field(default=None, ge=2000, le=2100)
    reminder_grace_days: int = Field(default=3, ge=0, le=60)
    send_rate: float = Field(default=25.0, gt=0, le=30)
    # a new answer to a chat waits out Telegram's second per chat after the message before
    # it (one answer's messages go together); false: replies go at once, counting on
    # Telegram letting a chat's short bursts through (the end-to-end tests, for speed)
    reply_spacing: bool = True
    # several replicas: dialogs, event isolation and the send budget shared through Redis
    redis_url: SecretStr | None = None
    # several replicas: how long the reminder tick's leader holds its lease (renewed every
    # third of it); another replica takes over this long after the leader died
    leader_lease_seconds: int = Field(default=45, ge=3, le=3600)

    @field_validator("redis_url", mode="before")
    @classmethod
    def _redis_url(cls, value: object) -> object:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        text = value.get_secret_value() if isinstance(value, SecretStr) else str(value)
        if not re.match(r"(redis|rediss|unix)://", text.strip()):
            raise ValueError("must be redis://[:password@]host:port/db")
        return text.strip()

    @field_validator("bot_token", mode="before")
    @classmethod
    def _token_format(cls, value: object) -> object:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        text = value.get_secret_value() if isinstance(value, SecretStr) else str(value)
        if not _TOKEN.match(text.strip()):
            raise ValueError("does not look like a token from @BotFather (digits:letters)")
        return text.strip()

    @field_validator("webhook_secret", mode="before")
    @classmethod
    def _secret_format(cls, value: object) -> object:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        text = value.get_secret_value() if isinstance(value, SecretStr) else str(value)
        if not re.fullmatch(r"[A-Za-z0-9_-]{16,256}", text):
            raise ValueError("must be 16-256 characters of A-Z, a-z, 0-9, _ and -")
        return text

    @field_validator("database_url", mode="before")
    @classmethod
    def _database_url(cls, value: object) -> object:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        text = value.get_secret_value() if isinstance(value, SecretStr) else str(value)
        if not text.strip().startswith(("postgresql://", "postgres://", "sqlite:///")):
            raise ValueError("must begin with postgresql:// or sqlite:///")
        return text.strip()

    @property
    def database(self) -> str:
        """Where the data is: DATABASE_URL's PostgreSQL URL or SQLite path (sqlite:///path
        gives path) if set, else the SQLite file DATABASE_PATH."""
        if self.database_url is not None:
            return self.database_url.get_secret_value().removeprefix("sqlite:///")
        return str(self.database_path)

    def url_passwords(self) -> list[str]:
        """The passwords in DATABASE_URL (and the like), for the log filter to hide."""
        urls = (self.database_url, self.redis_url)
        return [s for url in urls if url is not None for s in url_secrets(url.get_secret_value())]

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> Settings:
        if self.webhook_url is not None and self.webhook_secret is None:
            raise ValueError(
                "WEBHOOK_URL is set: set WEBHOOK_SECRET too, so only Telegram can post updates"
            )
        return self

    @field_validator("telegram_api_url", "webhook_url", mode="before")
    @classmethod
    def _empty_url(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [part.strip() for part in value.replace(";", ",").split(",")]
            ids = []
            for part in filter(None, parts):
                if not re.fullmatch(r"-?\d+", part):
                    raise ValueError("must be Telegram user ids (numbers) separated by commas")
                ids.append(int(part))
            return ids
        return value

    @field_validator("annual_reminder_days", mode="before")
    @classmethod
    def _split_days(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [part.strip() for part in value.split(",") if part.strip()]
            if not all(part.isdigit() and 0 < int(part) <= 365 for part in parts):
                raise ValueError("must be whole days before the due date, e.g. 30,14,7,1")
            return sorted({int(part) for part in parts}, reverse=True)
        return value

    @field_validator("annual_report_due")
    @classmethod
    def _month_day(cls, value: str) -> str:
        match = re.fullmatch(r"\s*(\d{1,2})-(\d{1,2})\s*", value)
        if not match:
            raise ValueError("must be MONTH-DAY, e.g. 12-20")
        month, day = int(match.group(1)), int(match.group(2))
        try:
            date(2021, month, day)  # any non-leap year: 02-29 would not come every year
        except ValueError:
            raise ValueError("must be a real MONTH-DAY, e.g. 12-20") from None
        return f"{month:02d}-{day:02d}"

    @field_validator("roadmap_active_until", mode="before")
    @classmethod
    def _empty_year(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("access_mode", "log_level", mode="before")
    @classmethod
    def _normalise_case(cls, value: object) -> object:
        return value.strip() if isinstance(value, str) else value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("access_mode", mode="before")
    @classmethod
    def _lower(cls, value: object) -> object:
        return value.lower() if isinstance(value, str) else value

    def token(self) -> str:
        if self.bot_token is None:
            raise SettingsError(
                "BOT_TOKEN is not set: create a bot with @BotFather in Telegram, put its token "
                "into .env as BOT_TOKEN=... (see .env.example), or try the bot without a token: "
                "python -m bot sandbox"
            )
        return self.bot_token.get_secret_value()

    @property
    def api_base(self) -> str | None:
        return str(self.telegram_api_url).rstrip("/") if self.telegram_api_url else None


def load_settings(**overrides: object) -> Settings:
    """Build the settings, turning validation errors into a SettingsError without values."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        lines = []
        for error in exc.errors(include_input=False, include_url=False):
            message = error["msg"].removeprefix("Value error, ")
            if error["loc"]:
                lines.append(f"setting {str(error['loc'][0]).upper()} is invalid: {message}")
            else:  # a rule across settings names them itself
                lines.append(f"settings: {message}")
        raise SettingsError("\n".join(lines)) from None
