"""The domain: roadmaps, periods, status reports, people, access, the reminder calendar and
planner, progress. Plain Python: nothing here knows Telegram, aiogram or SQLite."""
