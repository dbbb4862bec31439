"""/settings: language, time zone, pausing reminders, counterpart notices."""

from __future__ import annotations

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


def ask_pause_date(ui: Ui) -> Screen:
    t = ui.t
    return Screen(t("settings-ask-date"))


def bad_pause_date(ui: Ui) -> Screen:
    t = ui.t
    return Screen(t("settings-bad-date"))


def saved(ui: Ui) -> Screen:
    t = ui.t
    return Screen(t("settings-saved"))
