"""A local Telegram Bot API emulator on loopback, strict where bots usually slip.

Used by the sandbox (`python -m bot sandbox`) and by the end-to-end tests.
"""

from bot.sandbox.emulator.server import ApiError, Fault, RateLimit, SentMessage, TelegramEmulator

__all__ = ["ApiError", "Fault", "RateLimit", "SentMessage", "TelegramEmulator"]
