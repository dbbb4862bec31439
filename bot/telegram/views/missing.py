"""Who is late, as the office reads it: side → department → the activities it owes, with
its coordinators; what can be chased first, departments without a coordinator in a compact
block; paged to fit a phone screen. And the nudge: its preview, its progress, its result."""

from __future__ import annotations

import html
from dataclasses import dataclass, replace

from aiogram.types import InlineKeyboardMarkup

from bot.domain.calendar import Occasion
from bot.domain.periods import Period, Quarter, Year
from bot.domain.progress import Gap
from bot.services.office import Missing
from bot.services.reminders import BroadcastResult, NudgePlan
from bot.telegram import keyboards
from bot.telegram.views.common import (
    BUTTON_LABEL,
    PHONE_LINES,
    Screen,
    Ui,
    department_name,
    distinct,
    listing_titles,
    party_name,
    shorten,
)
from bot.telegram.views.membership import member
from bot.telegram.views.office import period_label

PAGE = 1500  # characters a message takes at most: a phone screen
GAP_TITLE = 45  # characters of an activity's title in the list
NAME = 60  # characters of a department's name in the compact block


def missing(ui: Ui, result: Missing, page: int = 0) -> Screen | None:
    """A page of who owes what for the period; None if there is no such page."""
    t = ui.t
    head = _head(ui, result)
    if not result.gaps:
        if page:
            return None
        done = "missing-none" if isinstance(result.period, Quarter) else "missing-none-year"
        return Screen(f"{head}\n\n{t(done, year=result.period.label)}")
    summary = _summary(ui, result)
    # the lead (and a digest's heading) on top of the body: the whole fits a phone screen
    lead_room = len(head) + len(summary) + len(t("missing-page", page=99, pages=99)) + 120
    found = _pages(ui, _blocks(ui, result), PAGE - lead_room)
    if not 0 <= page < len(found):
        return None
    body, on_page, orphans = found[page]
    if len(found) > 1:
        head += " " + t("missing-page", page=page + 1, pages=len(found))
    lead = [head, summary] if page == 0 else [head]
    if not result.round_open:
        on_page = []  # a year's texts are asked for from the round's date, not before
    names = distinct({dep: department_name(ui.roadmap, dep) for dep in on_page}, BUTTON_LABEL)
    buttons = [(dep, names[dep]) for dep in on_page]
    markup = keyboards.missing(
        t,
        result.scope,
        result.period.label,
        buttons,
        len(result.chaseable) if result.round_open else 0,
        result.coordinators,
        page,
        len(found),
        invite=orphans,
    )
    return Screen("\n".join(lead) + "\n\n" + body, markup)


def digest(ui: Ui, occasion: Occasion, gaps: list[Gap]) -> tuple[str, InlineKeyboardMarkup | None]:
    """After the annual report's due date: who still owes year-end texts, the first page of
    `/missing <year>`, with its buttons."""
    t = ui.t
    year = occasion.period.first.year
    due = occasion.due.strftime("%d.%m.%Y") if occasion.due else ""
    if not gaps:
        return t("digest-complete", year=str(year)), None
    result = Missing(str(year), Year(year), gaps, occasion.due)
    screen = missing(ui, result)
    assert screen is not None, "there is always a first page"
    return t("digest-head", year=str(year), due=due) + "\n" + screen.text, screen.markup


def usage(ui: Ui) -> Screen:
    return Screen(ui.t("missing-usage"))


def _head(ui: Ui, result: Missing) -> str:
    t, period = ui.t, result.period
    if isinstance(period, Quarter):
        first, last = period.span
        return t(
            "missing-title",
            period=period_label(t, period),
            start=f"{first:%d.%m.%Y}",
            end=f"{last:%d.%m.%Y}",
        )
    due = f"{result.due:%d.%m.%Y}" if result.due else ""
    key = "missing-title-year-overdue" if result.overdue else "missing-title-year"
    return t(key, year=period.label, due=due)


def _summary(ui: Ui, result: Missing) -> str:
    t = ui.t
    lines = []
    opens = result.round_opens
    if opens is not None and not result.round_open:
        lines.append(t("missing-round-later", date=f"{opens:%d.%m.%Y}"))
    if result.total:
        lines.append(t("missing-confirmed", confirmed=result.confirmed, total=result.total))
    chaseable = len(result.chaseable)
    orphans = len(result.gaps) - chaseable
    if chaseable:
        lines.append(t("missing-chaseable", departments=chaseable, people=result.coordinators))
    else:
        lines.append(t("missing-nobody-to-chase"))
    if orphans:
        lines.append(t("missing-orphans", departments=orphans))
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class _Block:
    """A piece of the list: a chaseable department's block (`dep`: its nudge button), or a
    line of a department without a coordinator (`group`: its roadmap and side, `heading`:
    what heads that group, again at the top of a page)."""

    text: str
    dep: str | None = None
    group: tuple[int, str] | None = None
    heading: str = ""
    lead: str = ""  # the roadmap's heading, where the group is the first of its roadmap


def _blocks(ui: Ui, result: Missing) -> list[_Block]:
    """The list in order: where the office sees several roadmaps, roadmap by roadmap under
    its short name; in each, each chaseable department a block (its side's name heading the
    side's first), then the departments without a coordinator, a line each. Activities by
    their codes as their documents print them."""
    roadmap = ui.roadmap
    several = roadmap.several
    blocks: list[_Block] = []
    for entry in roadmap.entries:
        heading = f"🗺 <b>{html.escape(entry.short_name)}</b>" if several else ""
        blocks += _roadmap_blocks(ui, result, entry.number, heading)
    return blocks


def _roadmap_blocks(ui: Ui, result: Missing, number: int, heading: str) -> list[_Block]:
    t, roadmap = ui.t, ui.roadmap
    mine = {item.code: item for item in roadmap.items_of(number)}
    blocks: list[_Block] = []
    side = None
    for gap in result.chaseable:
        items = [mine[c] for c in gap.items if c in mine]
        if not items:
            continue
        lines = [heading] if heading and not blocks else []
        if gap.department.party != side:
            side = gap.department.party
            lines.append(f"<b>{html.escape(party_name(roadmap, side))}</b>")
        lines.append(f"🏛 <b>{html.escape(gap.department.name)}</b>")
        lines.append("👤 " + ", ".join(member(t, person) for person in gap.coordinators))
        if gap.department.id in result.nudged:
            lines.append(t("missing-nudged-today"))
        titles = listing_titles({item.label: item.title for item in items}, GAP_TITLE)
        lines += [
            f"• <b>{html.escape(item.label)}</b> {html.escape(titles.get(item.label, ''))}"
            for item in items
        ]
        blocks.append(_Block("\n".join(lines), gap.department.id))
    for gap in result.gaps:
        labels = [mine[c].label for c in gap.items if c in mine]
        if gap.chaseable or not labels:
            continue
        name = html.escape(shorten(gap.department.name, NAME))
        side_name = party_name(roadmap, gap.department.party)
        blocks.append(
            _Block(
                f"• {name}: {html.escape(', '.join(labels))}",
                group=(number, gap.department.party),
                heading=t("missing-orphans-head", side=side_name),
                lead=heading if heading and not blocks else "",
            )
        )
    return blocks


def _pages(ui: Ui, blocks: list[_Block], chars: int) -> list[tuple[str, list[str], bool]]:
    """Blocks into pages of at most `chars` that fit a phone screen: each page's text, its
    chaseable departments, and whether it lists departments without a coordinator. Their
    lines go one under another, under their side's heading (again at the top of a page);
    a block too large for a page is cut between its lines."""
    found: list[tuple[str, list[str], bool]] = []
    text, deps, orphans = "", list[str](), False
    group: tuple[int, str] | None = None
    for block in _fitting(blocks, chars):
        if block.group is None:
            joined, starts = f"{text}\n\n{block.text}" if text else block.text, block.text
        else:
            head = "\n".join(filter(None, [block.lead, block.heading]))
            starts = f"{head}\n{block.text}"
            if block.group == group:
                joined = f"{text}\n{block.text}"
            else:
                joined = f"{text}\n\n{starts}" if text else starts
        if text and (len(joined) > chars or joined.count("\n") + 1 > PHONE_LINES):
            found.append((text, deps, orphans))
            joined, deps, orphans = starts, [], False
        text, group = joined, block.group
        orphans = orphans or block.group is not None
        if block.dep is not None and block.dep not in deps:
            deps.append(block.dep)
    if text:
        found.append((text, deps, orphans))
    return found


def _fitting(blocks: list[_Block], chars: int):
    for block in blocks:
        part = ""
        for line in block.text.split("\n"):
            candidate = f"{part}\n{line}" if part else line
            if part and (len(candidate) > chars or candidate.count("\n") + 1 > PHONE_LINES):
                yield replace(block, text=part)
                candidate = line
            part = candidate
        yield replace(block, text=part)


# --- the nudge ---------------------------------------------------------------------------


def nudge_preview(ui: Ui, plan: NudgePlan) -> Screen:
    """Who will get what, before anything is sent (as many as fit a phone screen, then how
    many more); the button only if someone will get it."""
    t = ui.t
    lines = [_nudge_head(ui, plan)]
    tail = _nudge_skipped(ui, plan, plan.already)
    if plan.reminders:
        lines.append(t("nudge-recipients", count=len(plan.reminders)))
        budget = PAGE - len("\n".join([*lines, *tail])) - 200  # and what they get
        for shown, reminder in enumerate(plan.reminders):
            name = html.escape(plan.names.get(reminder.user_id, str(reminder.user_id)))
            line = f"• {name}: {html.escape(', '.join(reminder.items))}"
            if len(line) + 1 > budget:
                lines.append(t("nudge-more", count=len(plan.reminders) - shown))
                break
            lines.append(line)
            budget -= len(line) + 1
    if plan.reminders and isinstance(plan.period, Quarter):
        lines.append(t("nudge-what", period=period_label(t, plan.period)))
    elif plan.reminders:
        lines.append(t("nudge-what-year", year=plan.period.label))
    lines += tail
    if not plan.reminders:
        lines.append(t("nudge-already-all") if plan.already else t("nudge-nobody"))
        return Screen("\n".join(lines))
    markup = keyboards.nudge_confirm(t, plan.period.label, plan.department, len(plan.reminders))
    return Screen("\n".join(lines), markup)


def nudge_sending(ui: Ui, plan: NudgePlan) -> Screen:
    return Screen(_nudge_head(ui, plan) + "\n" + ui.t("nudge-sending", count=len(plan.reminders)))


def nudge_toast(ui: Ui, plan: NudgePlan) -> str:
    return ui.t("nudge-sending", count=len(plan.reminders))


def nudge_done(ui: Ui, plan: NudgePlan, result: BroadcastResult | None) -> Screen:
    """How it went: sent, left for later (a chat Telegram holds back), not delivered, and
    already reminded today (a second press, or another admin, got there first); or that
    sending broke off (None), to be pressed again."""
    t = ui.t
    if result is None:
        return Screen(_nudge_head(ui, plan) + "\n" + t("nudge-broke-off"))
    counts = result.counts
    lines = [_nudge_head(ui, plan), t("nudge-sent", count=counts.get("sent", 0))]
    for key in ("later", "blocked", "rejected", "failed"):
        if counts.get(key):
            lines.append(t(f"nudge-result-{key}", count=counts[key]))
    lines += _nudge_skipped(ui, plan, plan.already + counts.get("already", 0))
    return Screen("\n".join(lines))


def nudge_cancelled(ui: Ui, period: Period, department: str | None) -> Screen:
    return Screen(_head_of(ui, period, department) + "\n" + ui.t("nudge-cancelled"))


def nudge_not_sent(ui: Ui, plan: NudgePlan) -> str:
    """A nudge with nobody left to remind: sent already today, or nobody owes anything."""
    return nudge_already(ui) if plan.already else nudge_nobody(ui)


def nudge_already(ui: Ui) -> str:
    return ui.t("nudge-already-all")


def nudge_nobody(ui: Ui) -> str:
    return ui.t("nudge-nobody")


def _nudge_head(ui: Ui, plan: NudgePlan) -> str:
    return _head_of(ui, plan.period, plan.department)


def _head_of(ui: Ui, period: Period, department: str | None) -> str:
    t = ui.t
    label = period_label(t, period)
    if department is None:
        return t("nudge-head-all", period=label)
    name = department_name(ui.roadmap, department)  # texts escape their arguments
    return t("nudge-head", period=label, department=name)


def _nudge_skipped(ui: Ui, plan: NudgePlan, already: int) -> list[str]:
    t = ui.t
    lines = []
    if already and plan.reminders:
        lines.append(t("nudge-result-already", count=already))
    for reason in ("paused", "unreachable"):
        if plan.skipped.get(reason):
            lines.append(t(f"nudge-skipped-{reason}", count=plan.skipped[reason]))
    return lines
