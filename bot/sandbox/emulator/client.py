"""A user's side of a chat with the bot through the emulator: send, tap, read replies."""

from __future__ import annotations

from bot.sandbox.emulator.server import SentMessage, TelegramEmulator


class BotClient:
    """Plays one Telegram user. Each action waits until the bot has handled it."""

    def __init__(
        self,
        emulator: TelegramEmulator,
        user_id: int,
        first_name: str = "Анна",
        language_code: str | None = "ru",
        seconds: float = 10.0,
    ) -> None:
        self.emulator = emulator
        self.user_id = user_id
        self.seconds = seconds
        emulator.add_user(user_id, first_name, language_code)

    def _mark(self) -> int:
        sent = self.emulator.sent_to(self.user_id)
        return sent[-1].message_id if sent else 0

    async def _after(self, update_id: int, mark: int) -> list[SentMessage]:
        await self.emulator.wait_handled(update_id, self.seconds)
        return [m for m in self.emulator.sent_to(self.user_id) if m.message_id > mark]

    async def send(self, text: str) -> list[SentMessage]:
        """Send a text message; returns the messages the bot sent in reply."""
        mark = self._mark()
        return await self._after(self.emulator.send_text(self.user_id, text), mark)

    async def send_content(self, kind: str, caption: str | None = None) -> list[SentMessage]:
        mark = self._mark()
        return await self._after(self.emulator.send_content(self.user_id, kind, caption), mark)

    async def send_document(
        self, file_name: str, content: bytes, caption: str | None = None
    ) -> list[SentMessage]:
        """Send a document the bot can download."""
        mark = self._mark()
        sent = self.emulator.send_document(self.user_id, file_name, content, caption)
        return await self._after(sent, mark)

    async def click(self, label: str, message: SentMessage | None = None) -> list[SentMessage]:
        """Tap the button whose text contains `label` (in the last message with buttons)."""
        message = message or self.last_with_buttons()
        return await self.press(message, message.button(label)["callback_data"])

    async def press(self, message: SentMessage | None, data: str) -> list[SentMessage]:
        """Send a callback with any data, as a crafted or replayed button would."""
        mark = self._mark()
        message_id = message.message_id if message else 0
        return await self._after(self.emulator.click(self.user_id, message_id, data), mark)

    def last(self) -> SentMessage:
        return self.emulator.last_to(self.user_id)

    def last_with_buttons(self) -> SentMessage:
        for message in reversed(self.emulator.sent_to(self.user_id)):
            if message.buttons() and not message.deleted:
                return message
        raise AssertionError(f"no message with buttons was sent to {self.user_id}")

    def last_callback_answer(self) -> str | None:
        mine = [r for r in self.emulator.callbacks.values() if r.user_id == self.user_id]
        return mine[-1].text if mine else None
