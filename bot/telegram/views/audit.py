"""The office's audit trail in sentences: a change a line, newest first, people by name,
departments by their name, times in the office's zone."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime

from bot.domain.audit import Change
from bot.domain.year_end import OFFICE_ZONE
from bot.i18n import Html, Texts
from bot.services.audit import AuditFilter, AuditLine, AuditPage, Someone
from bot.telegram import keyboards
from bot.telegram.views.common import Screen, Ui, shorten
from bot.telegram.views.office import period_label

PAGE_CHARS = 1500  # a phone screen
SHOWN_MATCHES = 3  # of each kind a filter matched; "and N more" for the rest


@dataclass(frozen=True, slots=True)
class Widths:
    """How long a department's and a person's name may be on the page (None: whole)."""

    department: int | None = None
    person: int | None = None


# long names are cut, step by step, until the page fits
WIDTHS = (Widths(), Widths(60, 32), Widths(40, 24), Widths(28, 16), Widths(20, 12))

# the sentences for each action, each with what it needs to say: the first whose needs
# the entry's details meet; with none, a plain one
SENTENCES: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "membership.request": (("audit-membership-request", ("department",)),),
    "membership.join": (("audit-membership-join", ("department",)),),
    "membership.approve": (("audit-membership-approve", ("member", "department")),),
    "membership.reject": (("audit-membership-reject", ("member", "department")),),
    "membership.revoke": (("audit-membership-revoke", ("member", "department")),),
    "membership.leave": (("audit-membership-leave", ("department",)),),
    "report.withdraw": (("audit-report-withdraw", ("code",)),),
    "yearend.confirm": (("audit-yearend-confirm", ("code", "year")),),
    "yearend.correct": (("audit-yearend-correct", ("code", "year")),),
    "admin.report": (("audit-admin-report", ("year",)),),
    "admin.nudge": (
        ("audit-admin-nudge-department", ("count", "period", "department")),
        ("audit-admin-nudge", ("count", "period")),
    ),
    "invite.create": (
        ("audit-invite-create", ("department",)),
        ("audit-invite-create-any", ()),
    ),
    "invite.revoke": (
        ("audit-invite-revoke", ("department",)),
        ("audit-invite-revoke-any", ()),
    ),
    "invite.use": (("audit-invite-use", ("department",)),),
    # an office change's details are "roadmap: 2": the roadmap's number reads as the count
    "office.add": (("audit-office-add", ("member", "count")),),
    "office.remove": (("audit-office-remove", ("member", "count")),),
}


def trail(ui: Ui, result: AuditPage) -> Screen:
    """One page of the trail, with «← Earlier» / «Later →»; or what a filter found none of."""
    t = ui.t
    found = result.found
    if found is not None and not found.matched:
        return Screen(t("audit-no-match", text=found.text))
    text = ""
    for widths in WIDTHS:
        text = _page(ui, result, widths)
        if len(text) <= PAGE_CHARS:
            break
    markup = keyboards.audit_pages(t, result.page, result.older, found.text if found else "")
    return Screen(text, markup)


def _page(ui: Ui, result: AuditPage, widths: Widths) -> str:
    t = ui.t
    if result.pages > 1:
        head = t("audit-title-page", page=result.page + 1, pages=result.pages)
    else:
        head = t("audit-title")
    if result.found is not None:
        head += "\n" + t(
            "audit-filter", text=result.found.text, matched=_matched(t, result.found, widths)
        )
    if not result.lines:
        return head + "\n\n" + t("audit-none-found" if result.found else "audit-none")
    lines = [
        f"{_when(line.change.at, result.this_year)} — {sentence(ui, line, widths)}"
        for line in result.lines
    ]
    return head + "\n\n" + "\n".join(lines)


def _matched(t: Texts, found: AuditFilter, widths: Widths) -> Html:
    """What the filter matched: a few departments and people by name, and how many more."""
    width = widths.department or 60
    groups = [
        [t("audit-item", code=code) for code in found.items],
        [t("audit-department", department=shorten(d.name, width)) for d in found.departments],
        [html.escape(name(p, widths.person), quote=False) for p in found.people],
    ]
    parts = []
    for names in groups:
        shown = ", ".join(names[:SHOWN_MATCHES])
        if len(names) > SHOWN_MATCHES:
            shown += " " + t("audit-and-more", count=len(names) - SHOWN_MATCHES)
        if names:
            parts.append(shown)
    return Html("; ".join(parts))


def _when(moment: datetime, this_year: int) -> str:
    local = moment.astimezone(OFFICE_ZONE)
    day = f"{local:%d.%m}" if local.year == this_year else f"{local:%d.%m.%Y}"
    return f"{day} {local:%H:%M}"


def name(someone: Someone, width: int | None = None) -> str:
    """As the bot knows them ("Анна Петрова", "@anna"), or "id 1001"."""
    known = someone.person.display_name if someone.person else f"id {someone.id}"
    return shorten(known, width) if width else known


def sentence(ui: Ui, line: AuditLine, widths: Widths = Widths()) -> str:
    """A change in words: «Ольга одобрила заявку: Анна — координатор «…»». An action with no
    sentence of its own (or details that say too little) still reads: «Ольга: другое
    изменение (…)»."""
    t, change = ui.t, line.change
    actor = line.actor
    facts = _facts(ui, line, widths)
    for key, needs in SENTENCES.get(change.action, ()):
        if all(facts[need] is not None for need in needs):
            if change.action == "admin.nudge" and change.count == 0:
                key, needs = "audit-admin-nudge-none", ("period",)
            args = {need: facts[need] for need in needs}
            return t(key, actor=name(actor, widths.person), gender=gender(actor), **args)
    said = ["member"] if line.member else []
    said += ["department", "code", "period" if facts["period"] is not None else "year"]
    context = [
        t("audit-department", department=str(facts[f]))
        if f == "department"
        else html.escape(str(facts[f]), quote=False)
        for f in said
        if facts[f] is not None
    ]
    return t(
        "audit-other",
        actor=name(actor, widths.person),
        gender=gender(actor),
        context=Html(" (" + ", ".join(context) + ")" if context else ""),
    )


def _facts(ui: Ui, line: AuditLine, widths: Widths) -> dict[str, object]:
    change: Change = line.change
    department = ui.roadmap.department(change.department_id) if change.department_id else None
    return {
        "member": name(line.member or line.actor, widths.person),
        "department": shorten(department.name, widths.department or len(department.name))
        if department
        else None,
        "code": change.item_code,
        "year": str(change.year) if change.year is not None else None,
        "period": period_label(ui.t, change.period) if change.period else None,
        "count": change.count,
    }


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Russian past tense agrees with who did it ("одобрил" / "одобрила"). Telegram tells no
# one's gender, so it is read from a Russian first name; when unsure, both forms.
_MALE_IN_A = _names(
    "никита илья кузьма фома лука савва данила гаврила дима миша коля петя ваня вася паша "
    "гоша леша алеша сережа витя толя юра федя гриша степа боря володя вова костя лева тема"
)
_EITHER = _names("саша женя валя слава шура")
_FEMALE_IN_CONSONANT = _names("любовь нинель адель рахиль эсфирь айгуль гульнар")
_CYRILLIC = frozenset("абвгдежзийклмнопрстуфхцчшщъыьэюя")


def gender(someone: Someone) -> str:
    """female, male, or other (not a Russian name, or one that could be either)."""
    words = someone.person.first_name.split() if someone.person else []
    word = words[0].casefold().replace("ё", "е") if words else ""
    if not word or not set(word) <= _CYRILLIC or word in _EITHER:
        return "other"
    if word in _MALE_IN_A:
        return "male"
    if word in _FEMALE_IN_CONSONANT or word[-1] in "ая":
        return "female"
    if word[-1] in "бвгджзйклмнпрстфхцчшщь":
        return "male"
    return "other"
