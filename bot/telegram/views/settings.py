"""/settings: language, time zone, pausing reminders, counterpart notices."""

from __future__ import annotations

from datetime import date

from bot.services.people import PersonSettings
from bot.telegram import keyboards
from bot.telegram.views.common import Screen, Ui


def settings(ui: Ui, current: PersonSettings) -> Screen:
    t = ui.t
    person = current.person
    paused = current.paused_until is not None
    text = t(
        "settings-text",
        language=t("language-name"),
        timezone=person.timezone or f"{t('tz-auto')} ({current.zone.key})",
        paused="yes" if paused else "no",
        until=current.paused_until.strftime("%d.%m.%Y") if current.paused_until else "",
        notices="yes" if person.notify_counterpart else "no",
    )
    return Screen(text, keyboards.settings(t, current.zones, paused, person.notify_counterpart))


def ask_pause_date(ui: Ui, example: date) -> Screen:
    """The example is a real date ahead, written the short way people may write it."""
    return Screen(ui.t("settings-ask-date", example=f"{example:%d.%m.%Y}"))


def bad_pause_date(ui: Ui, example: date) -> Screen:
    return Screen(ui.t("settings-bad-date", example=f"{example:%d.%m.%Y}"))


def saved(ui: Ui) -> Screen:
    t = ui.t
    return Screen(t("settings-saved"))
