"""Telegram's own limits, shared by the bot and the emulator that enforces them."""

MAX_TEXT = 4096  # characters of a message after entity parsing
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64  # bytes
