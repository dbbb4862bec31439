"""The Telegram layer: everything that speaks aiogram and the Bot API."""
