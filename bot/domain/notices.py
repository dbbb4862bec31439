"""Messages to other people, queued with the change that causes them and sent later."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Notice:
    """A message to queue: the recipient, HTML text, and reply_markup as Bot API JSON."""

    chat_id: int
    text: str
    markup: str | None = None


@dataclass(frozen=True, slots=True)
class QueuedNotice:
    id: int
    chat_id: int
    text: str
    markup: str | None
    attempts: int
