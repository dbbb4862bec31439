"""Reminders, nudges and the office's digest, as their recipients read them."""

from __future__ import annotations

from itertools import groupby

from aiogram.types import InlineKeyboardMarkup

from bot.domain.calendar import NUDGE, OVERDUE, QUARTERLY, YEAR_END, Occasion
from bot.domain.catalog import Catalog, shown_codes
from bot.domain.periods import Quarter
from bot.domain.progress import Gap
from bot.i18n import Translator
from bot.telegram import keyboards
from bot.telegram.views import missing as missing_views
from bot.telegram.views.common import Ui, distinct, item_lines, split_blocks
from bot.telegram.views.office import OFFICE_ZONE, period_label
from bot.telegram.views.reporting import PICK_TITLE


class ReminderViews:
    def __init__(self, translator: Translator, roadmap: Catalog) -> None:
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
        elif occasion.kind == NUDGE and isinstance(occasion.period, Quarter):
            head = t("nudge-text", period=period_label(t, occasion.period))
        elif occasion.kind == NUDGE:  # a year's: its year-end texts to confirm
            head = t("nudge-text-year", year=occasion.period.label)
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
        listed = [item for code in items if (item := self.roadmap.item(code))]
        shown = shown_codes(listed)
        if len({item.roadmap for item in listed}) > 1:  # under each roadmap's name
            lines = []
            for number, group in groupby(listed, key=lambda item: item.roadmap):
                entry = self.roadmap.entry(number)
                if entry is not None:
                    lines.append(t("items-roadmap-head", roadmap=entry.short_name))
                codes = [item.code for item in group]
                lines += item_lines(self.roadmap, codes, shown=shown)
        else:
            lines = item_lines(self.roadmap, items, shown=shown)
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
        return text, keyboards.report_buttons(t, titles, quarter, carryable, shown)

    def digest(
        self, locale: str, occasion: Occasion, gaps: list[Gap]
    ) -> tuple[str, InlineKeyboardMarkup | None]:
        """The office's digest after the due date: the first page of `/missing <year>`."""
        ui = Ui(self.translator.for_locale(locale), self.roadmap, OFFICE_ZONE)
        return missing_views.digest(ui, occasion, gaps)
