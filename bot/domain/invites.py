"""Invite links: a department's link the office forwards, and what its /start payload holds."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime

PAYLOAD_PREFIX = "inv_"
TOKEN_BYTES = 16  # 22 URL-safe characters: not guessable, short enough to read out
MAX_PAYLOAD = 64  # Telegram's limit for a /start payload
_PAYLOAD = re.compile(r"inv_([A-Za-z0-9_-]{16,60})")


@dataclass(frozen=True, slots=True)
class Invite:
    id: int
    token: str
    department_id: str
    created_by: int
    created_at: datetime
    revoked_at: datetime | None = None
    uses: int = 0
    last_used_at: datetime | None = None

    @property
    def live(self) -> bool:
        return self.revoked_at is None

    @property
    def payload(self) -> str:
        """What goes after ?start= in the link."""
        return PAYLOAD_PREFIX + self.token


def new_token() -> str:
    """Random, URL-safe: only A-Z, a-z, 0-9, _ and - (what Telegram allows in a payload)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_of(payload: str | None) -> str | None:
    """The token in a /start payload; None if the payload is not an invite's."""
    if payload is None or len(payload) > MAX_PAYLOAD:
        return None
    match = _PAYLOAD.fullmatch(payload.strip())
    return match.group(1) if match else None
