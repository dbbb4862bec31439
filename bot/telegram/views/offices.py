"""/offices: each roadmap's office members, adding and removing them; the new member's
welcome."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.domain.access import DEFAULT_ZONE
from bot.domain.catalog import Catalog, RoadmapEntry
from bot.domain.people import Person
from bot.i18n import Translator
from bot.services.offices import Candidates, Mistake, Office, OfficeChange, Outcome
from bot.telegram import keyboards
from bot.telegram.views.common import Screen, Ui

ROADMAPS_PER_PAGE = 6


def _name(user_id: int, person: Person | None) -> str:
    return person.display_name if person is not None else f"id {user_id}"


def listing(ui: Ui, offices: list[Office], page: int = 0) -> Screen:
    """A page of roadmaps with their office members and «Убрать» for each; how to add one.
    A page past the last shows the last (the list may have shrunk)."""
    t = ui.t
    count = max(1, -(-len(offices) // ROADMAPS_PER_PAGE))
    page = min(page, count - 1)
    shown = offices[page * ROADMAPS_PER_PAGE : (page + 1) * ROADMAPS_PER_PAGE]
    title = (
        t("offices-title") if count == 1 else t("offices-title-page", page=page + 1, pages=count)
    )
    blocks = [title]
    removable: list[tuple[int, int, str]] = []
    for office in shown:
        entry = office.entry
        lines = [t("offices-roadmap", number=entry.number, roadmap=entry.short_name)]
        for user_id, person in office.members:
            lines.append(t("offices-member", name=_name(user_id, person), id=str(user_id)))
            removable.append((entry.number, user_id, _name(user_id, person)))
        if not office.members:
            lines.append(t("offices-empty"))
        blocks.append("\n".join(lines))
    blocks.append(t("offices-usage"))
    markup = keyboards.office_members(t, removable, page, count)
    return Screen("\n\n".join(blocks), markup)


def usage(ui: Ui) -> Screen:
    t = ui.t
    return Screen(t("offices-usage"))


def mistake(ui: Ui, found: Mistake) -> Screen:
    """What is wrong with the command typed, then how it goes."""
    t = ui.t
    return Screen(f"{t(f'offices-mistake-{found.value}')}\n\n{t('offices-usage')}")


def no_roadmap(ui: Ui, number: int) -> Screen:
    return Screen(ui.t("offices-no-roadmap", number=number))


def changed_gone(ui: Ui, number: int) -> str:
    """A pop-up: the roadmap a button names is no longer there."""
    return ui.t("offices-no-roadmap", number=number)


def candidates(ui: Ui, found: Candidates) -> Screen:
    """`/offices 2 add`: people who wrote to the bot, the most recently seen first, a
    button each (those in the office already marked)."""
    t = ui.t
    entry = found.entry
    lines = [t("offices-pick", number=entry.number, roadmap=entry.short_name, page=found.page + 1)]
    for person in found.people:
        username = f" @{person.username}" if person.username else ""
        mark = " ✔️" if person.id in found.members else ""
        lines.append(
            t("offices-pick-person", name=person.display_name, username=username, id=str(person.id))
            + mark
        )
    if not found.people:
        lines.append(t("offices-pick-nobody"))
    people = [(p.id, _button_name(p)) for p in found.people]
    markup = keyboards.office_candidates(t, entry.number, people, found.page, found.more)
    return Screen("\n".join(lines), markup)


def _button_name(person: Person) -> str:
    name = person.display_name
    return f"{name} (@{person.username})" if person.username and person.first_name else name


def changed(ui: Ui, change: OfficeChange, popup: bool = False) -> str:
    """What adding or removing did, in a line: HTML for a message, plain text for a pop-up
    (`popup`: names as they are, not escaped)."""
    t = (lambda key, **args: keyboards.label(ui.t, key, **args)) if popup else ui.t
    if change.outcome is Outcome.NO_ROADMAP:
        return t("offices-no-roadmap", number=change.number)
    if change.outcome is Outcome.UNKNOWN_PERSON:
        return t("offices-unknown-person", id=str(change.user_id))
    assert change.entry is not None
    name = _name(change.user_id, change.person)
    key = f"offices-{change.outcome.value.replace('_', '-')}"
    return t(key, name=name, roadmap=change.entry.short_name)


class OfficeViews:
    """The new office member's welcome, in their language (RoadmapOffices' texts)."""

    def __init__(self, translator: Translator, roadmap: Catalog) -> None:
        self.translator = translator
        self.roadmap = roadmap

    def welcome(self, locale: str, added: RoadmapEntry, entries: list[RoadmapEntry]) -> str:
        ui = Ui(self.translator.for_locale(locale), self.roadmap, ZoneInfo(DEFAULT_ZONE))
        names = "», «".join(e.short_name for e in entries)
        return ui.t("offices-welcome", roadmap=added.short_name, roadmaps=names, count=len(entries))
