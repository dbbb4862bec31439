"""Reminders, nudges and the office's digest, as their recipients read them."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup

from bot.domain.calendar import NUDGE, OVERDUE, QUARTERLY, YEAR_END, Occasion
from bot.domain.periods import Quarter
from bot.domain.roadmap import Roadmap
from bot.i18n import Translator
from bot.telegram import keyboards
from bot.telegram.views.common import distinct, item_lines, split_blocks
from bot.telegram.views.office import period_label
from bot.telegram.views.reporting import PICK_TITLE


class ReminderViews:
    def __init__(self, translator: Translator, roadmap: Roadmap) -> None:
        self.translator = translator
        self.roadmap = roadmap

    def reminder(
        self, locale: str, occasion: Occasion, items: list[str], carryable: int = 0
    ) -> tuple[str, InlineKeyboardMarkup]:
        """`carryable`: how many of the items have an earlier status of the person's side,
        to report as unchanged in one go."""
        t = self.translator.for_locale(locale)
        due = occasion.due.strftime("%d.%m.%Y") if occasion.due else ""
        if occasion.kind == QUARTERLY:
            assert isinstance(occasion.period, Quarter)
            head = t(
                "remind-quarterly",
                quarter=period_label(t, occasion.period),
                end=occasion.period.last.strftime("%d.%m.%Y"),
            )
        elif occasion.kind == NUDGE:
            head = t("nudge-text", period=period_label(t, occasion.period))
        elif occasion.kind == YEAR_END:
            head = t("remind-yearend", year=occasion.period.label, due=due, count=len(items))
        elif occasion.kind == OVERDUE:
            head = t("remind-overdue", year=occasion.period.label, due=due)
        else:
            head = t(
                "remind-annual",
                year=occasion.period.label,
                due=due,
                days=occasion.days_before_due or 0,
            )
        lines = item_lines(self.roadmap, items)
        if not isinstance(occasion.period, Quarter):  # a year: its year-end texts to confirm
            footer = t("remind-yearend-footer")
            text = split_blocks([head, "\n".join(lines), footer])[0]
            return text, keyboards.year_start(t, occasion.period.first.year)
        text = split_blocks([head, "\n".join(lines), t("remind-footer")])[0]
        titles = distinct(
            {code: item.title for code in items if (item := self.roadmap.item(code))},
            PICK_TITLE,
        )
        # "no change" on them all, for the quarter the reminder is about
        quarter = occasion.period.label if isinstance(occasion.period, Quarter) else None
        return text, keyboards.report_buttons(t, titles, quarter, carryable)

    def digest(self, locale: str, occasion: Occasion, items: list[str]) -> str:
        t = self.translator.for_locale(locale)
        year = occasion.period.label
        if not items:
            return t("digest-complete", year=year)
        due = occasion.due.strftime("%d.%m.%Y") if occasion.due else ""
        lines = item_lines(self.roadmap, items, width=50)
        return split_blocks(
            [
                t("digest-head", year=year, due=due, count=len(items)),
                "\n".join(lines),
                t("digest-footer"),
            ]
        )[0]
