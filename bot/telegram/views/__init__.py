"""Every text the bot sends is rendered here, from use-case results, in the reader's
language: handlers never build text themselves."""

from bot.telegram.views.common import Screen, Ui

__all__ = ["Screen", "Ui"]
