"""The roadmap bot: keeps an interregional cooperation roadmap on track from Telegram."""
