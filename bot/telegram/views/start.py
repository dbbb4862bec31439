"""/start, /help, /cancel, the main menu, and what nobody asked for."""

from __future__ import annotations

from bot.domain.people import Membership
from bot.domain.roadmap import Item
from bot.telegram import keyboards
from bot.telegram.views.common import Screen, Ui


def start(
    ui: Ui,
    first_name: str,
    inactive: tuple[int, int] | None,
    memberships: list[Membership],
    is_admin: bool,
    office: tuple[str, ...] = (),
    year: int = 0,
) -> list[Screen]:
    """The greeting and the menu; then what to do first, for an admin, a roadmap's office
    member (`office`: the short names of their roadmaps; `year`: the year-end round's, in
    its examples) or a newcomer.

    `inactive`: the years reminders run in, when today is outside them."""
    t, roadmap = ui.t, ui.roadmap
    if roadmap.several:
        greeting = t(
            "start-greeting-several",
            name=first_name,
            count=len(roadmap.entries),
            roadmaps=roadmap_names(ui, "\n• "),
        )
    else:
        greeting = t(
            "start-greeting",
            name=first_name,
            parties=" — ".join(party.name for party in roadmap.parties),
            start=str(roadmap.years.start),
            end=str(roadmap.years.end),
        )
    text = f"{greeting}\n\n{t('start-about')}"
    if inactive:
        text += "\n\n" + t("reminders-inactive", start=str(inactive[0]), end=str(inactive[1]))
    answer = [Screen(text, keyboards.main_menu(t))]
    if is_admin or office:
        answer.append(Screen(_office_text(ui, is_admin, office, year), keyboards.office_menu(t)))
    elif not memberships:
        answer.append(Screen(t("start-no-department"), keyboards.parties(roadmap)))
    elif not any(m.status == "approved" for m in memberships):
        pending = [
            d.name
            for m in memberships
            if m.status == "pending" and (d := roadmap.department(m.department_id))
        ]
        if pending:
            answer.append(Screen(t("start-pending", departments="», «".join(pending))))
        else:  # requests declined or withdrawn: choose again
            answer.append(Screen(t("start-no-department"), keyboards.parties(roadmap)))
    return answer


SHOWN_ROADMAPS = 6  # named in the greeting; the rest are counted


def roadmap_names(ui: Ui, separator: str) -> str:
    """The roadmaps' short names, the first few of them."""
    names = [entry.short_name for entry in ui.roadmap.entries]
    shown = separator.join(names[:SHOWN_ROADMAPS])
    if len(names) > SHOWN_ROADMAPS:
        shown += separator + ui.t("start-roadmaps-more", count=len(names) - SHOWN_ROADMAPS)
    return shown


def help_text(
    ui: Ui, example: str, is_admin: bool = False, office: tuple[str, ...] = (), year: int = 0
) -> Screen:
    """The commands, with one of the user's own codes in the examples; an office's too."""
    t, roadmap = ui.t, ui.roadmap
    text = t(
        "help-text",
        roadmap=roadmap_names(ui, "; ") if roadmap.several else roadmap.title,
        items=len(roadmap.items),
        departments=len(roadmap.departments),
        code=example,
    )
    if is_admin or office:
        return Screen(f"{text}\n\n{_office_text(ui, is_admin, office, year)}")
    return Screen(text)


def _office_text(ui: Ui, is_admin: bool, office: tuple[str, ...], year: int) -> str:
    """A global admin's commands; or a roadmap office member's, for their roadmaps (`year`:
    the year-end round's year, in the example)."""
    t = ui.t
    if is_admin:
        return t("start-admin", year=str(year))
    return t("start-office", roadmaps="», «".join(office), count=len(office), year=str(year))


def cancelled(ui: Ui, anything: bool) -> Screen:
    t = ui.t
    return Screen(t("cancelled") if anything else t("cancel-nothing"))


def unknown_input(
    ui: Ui, about: Item | None = None, has_file: bool = False, example: str = "4.1"
) -> Screen:
    """A message the bot did not take: about one of the user's activities, the way to report
    on it; a file, the way to attach one; anything else, the menu and the commands."""
    t = ui.t
    if about is not None:
        return Screen(
            t("unknown-about-item", code=about.code), keyboards.item_actions(t, about.code)
        )
    if has_file:
        return Screen(t("unknown-file", code=example))
    return Screen(t("unknown-input"))


def use_buttons(ui: Ui) -> Screen:
    t = ui.t
    return Screen(t("use-buttons"))


def send_text_please(ui: Ui) -> Screen:
    t = ui.t
    return Screen(t("send-text-please"))
