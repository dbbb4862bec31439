"""Looking at activities: a coordinator's list, an activity's card, its history, evidence."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.domain.access import Viewer, user_items
from bot.domain.catalog import Catalog, shown_codes
from bot.domain.clock import Clock
from bot.domain.periods import Quarter
from bot.domain.quick_report import looks_like_code, normalize_code
from bot.domain.reports import StatusReport, can_change
from bot.domain.roadmap import Department, Item
from bot.domain.statuses import Status
from bot.services.ports import Memberships, StatusReports
from bot.services.results import Reason, Refused, not_allowed

HISTORY_PAGE = 5
CODE_IN_TEXT = re.compile(r"(?<![\d.,/])(?:\d{1,3}/)?\d{1,2}[.,]\d{1,2}(?:[.,]\d{1,2})?(?![\d])")


@dataclass(frozen=True, slots=True)
class Standing:
    """Where one of the viewer's activities stands, from their side."""

    item: Item
    party: str  # the viewer's side
    mine: StatusReport | None  # the latest report of the viewer's departments
    reported: bool  # they have reported on it this quarter
    others: dict[str, StatusReport]  # party id -> the other side's latest report
    departments: tuple[str, ...] = ()  # the viewer's departments among its executors

    @property
    def done(self) -> bool:
        """Reported done: no more quarterly reports are owed on it."""
        return self.mine is not None and Status(self.mine.status).final

    @property
    def owed(self) -> bool:
        return not self.reported and not self.done


@dataclass(frozen=True, slots=True)
class MyItems:
    """A coordinator's activities and what their side still owes this quarter."""

    quarter: Quarter
    activities: list[Standing]
    owed: dict[str, list[str]]  # department id -> activities it owes a report on
    carryable: int  # of those, how many have an earlier status to report as unchanged
    closed: range | None = None  # the roadmap's years, when the quarter is past them

    @property
    def items(self) -> list[Item]:
        return [standing.item for standing in self.activities]


@dataclass(frozen=True, slots=True)
class Pending:
    """No approved department yet, but requests waiting for the office."""

    departments: list[Department]


@dataclass(frozen=True, slots=True)
class Card:
    item: Item
    latest: dict[str, StatusReport]  # party id -> that side's latest report
    can_report: bool
    can_carry: bool = False  # the viewer's departments have a status to report as unchanged
    has_list: bool = True  # the viewer has activities of their own to go back to


@dataclass(frozen=True, slots=True)
class HistoryPage:
    item: Item
    reports: list[StatusReport]
    page: int
    pages: int
    changeable: set[int] = field(default_factory=set)  # the viewer's own, still editable


@dataclass(frozen=True, slots=True)
class UnknownItem:
    """A code that names no activity; the user's own codes, to show instead."""

    code: str
    own: list[str]
    example: str = "4.1"


@dataclass(frozen=True, slots=True)
class Ambiguous:
    """A code several of the viewer's roadmaps have: which one? `rest` is what followed
    the code (a status and comment to keep)."""

    code: str
    items: list[Item]
    rest: str = ""


@dataclass(frozen=True, slots=True)
class NoCode:
    """A command that needs an activity code got none; `example` is one of the user's."""

    example: str = "4.1"


def example_code(roadmap: Catalog, viewer: Viewer) -> str:
    """A code to show in an example: one of the user's own activities, where they have one,
    as it can be typed among them."""
    own = user_items(roadmap, viewer.approved)
    if own:
        return shown_codes(own)[own[0].code]
    return roadmap.items[0].code if roadmap.items else "1.1"


Found = Refused | UnknownItem | NoCode | Ambiguous  # what a command naming an activity may get


def named(roadmap: Catalog, viewer: Viewer, code: str) -> list[Item]:
    """The activities a typed code may mean, the viewer's own first: `2/4.1` names one
    roadmap's; `4.1` every roadmap's 4.1 the viewer coordinates (or, if none, can see)."""
    if not looks_like_code(code):
        return []
    found = roadmap.find(code)
    if len(found) <= 1:
        return found
    own = [item for item in found if viewer.can_report(item)]
    if own:
        return own
    visible = [item for item in found if viewer.can_view(item)]
    return visible or found


def resolve_item(
    roadmap: Catalog, viewer: Viewer, argument: str | None
) -> Item | UnknownItem | NoCode | Ambiguous:
    """The activity named by the first word of a command's argument."""
    example = example_code(roadmap, viewer)
    if not argument or not argument.strip():
        return NoCode(example)
    word, _, rest = argument.strip().partition(" ")
    code = normalize_code(word)
    found = named(roadmap, viewer, code)
    if not found:
        own = list(shown_codes(user_items(roadmap, viewer.approved)).values())
        return UnknownItem(code[:20], own, example)
    if len(found) > 1:
        return Ambiguous(code, found, rest.strip())
    return found[0]


@dataclass(slots=True)
class ItemService:
    roadmap: Catalog
    reports: StatusReports
    memberships: Memberships
    clock: Clock

    def example(self, viewer: Viewer) -> str:
        return example_code(self.roadmap, viewer)

    def own_items(self, viewer: Viewer) -> list[Item]:
        return user_items(self.roadmap, viewer.approved)

    def resolve(
        self, viewer: Viewer, argument: str | None
    ) -> Item | UnknownItem | NoCode | Ambiguous:
        """The activity a command's argument names (`/item 4.1`)."""
        return resolve_item(self.roadmap, viewer, argument)

    def mentioned(self, viewer: Viewer, text: str | None) -> Item | None:
        """The first of the viewer's activities a message names by its code (`по 5.1`,
        `5,1 выполняется`): a message the bot did not understand may be about it."""
        for word in CODE_IN_TEXT.findall(text or ""):
            own = [i for i in named(self.roadmap, viewer, normalize_code(word))]
            own = [i for i in own if viewer.can_report(i)]
            if len(own) == 1:
                return own[0]
        return None

    async def my_items(self, viewer: Viewer) -> MyItems | Pending | Refused:
        """The viewer's activities from their side: their departments' latest status, whether
        it is reported this quarter, the other side's; and what is still owed, by department."""
        items = self.own_items(viewer)
        if not items:
            pending = await self.pending(viewer)
            return Pending(pending) if pending else Refused(Reason.NO_ITEMS)
        quarter = Quarter.of(self.clock.now().astimezone(viewer.zone).date())
        # the roadmaps that take reports this quarter first, ended ones after them
        items.sort(key=lambda item: not self.roadmap.is_open(item, quarter.year))
        latest = await self.reports.latest_by_department([item.code for item in items])
        by_item: dict[str, list[StatusReport]] = {}
        for report in sorted(latest.values(), key=lambda r: (r.created_at, r.id)):
            by_item.setdefault(report.item_code, []).append(report)  # oldest first
        activities: list[Standing] = []
        owed: dict[str, list[str]] = {}
        carryable = 0
        for item in items:
            mine_deps = viewer.reporting_departments(item)
            reports = by_item.get(item.code, [])
            mine = [r for r in reports if r.department_id in mine_deps]
            newest = mine[-1] if mine else None
            reported = any(r.created_at.astimezone(viewer.zone).date() in quarter for r in mine)
            department = self.roadmap.department(mine_deps[0])
            party = department.party if department else ""
            # the newest of each other side, since later ones overwrite
            others = {r.party_id: r for r in reports if r.party_id != party}
            standing = Standing(item, party, newest, reported, others, tuple(mine_deps))
            activities.append(standing)
            # a roadmap that has ended (or not begun) takes no reports: nothing is owed on it
            if standing.owed and self.roadmap.is_open(item, quarter.year):
                owed.setdefault(mine_deps[0], []).append(item.code)
                carryable += newest is not None
        if not any(self.roadmap.is_open(item, quarter.year) for item in items):
            # the viewer's roadmaps have all ended (or not begun): their years
            entries = {item.roadmap: self.roadmap.entry_of(item) for item in items}.values()
            years = range(min(e.years.start for e in entries), max(e.years.stop for e in entries))
            return MyItems(quarter, activities, {}, 0, years)
        return MyItems(quarter, activities, owed, carryable)

    async def pending(self, viewer: Viewer) -> list[Department]:
        """Departments the viewer asked to join, waiting for the office's decision."""
        found = []
        for membership in await self.memberships.memberships_of(viewer.user_id):
            department = self.roadmap.department(membership.department_id)
            if membership.status == "pending" and department is not None:
                found.append(department)
        return found

    async def card_of(self, viewer: Viewer, argument: str | None) -> Card | Found:
        """`/item 4.1`: the card of the activity a command names."""
        found = self.resolve(viewer, argument)
        return await self.card(viewer, found) if isinstance(found, Item) else found

    async def history_of(self, viewer: Viewer, argument: str | None) -> HistoryPage | Found:
        """`/history 4.1`: the first page of the history of the activity a command names."""
        found = self.resolve(viewer, argument)
        return await self.history(viewer, found, 1) if isinstance(found, Item) else found

    async def card(self, viewer: Viewer, item: Item) -> Card | Refused:
        if not viewer.can_view(item):
            return not_allowed(viewer, item, Reason.NOT_A_VIEWER)
        by_department = await self.reports.latest_by_department([item.code])
        latest: dict[str, StatusReport] = {}
        for report in by_department.values():  # each side's newest
            known = latest.get(report.party_id)
            if known is None or (report.created_at, report.id) > (known.created_at, known.id):
                latest[report.party_id] = report
        mine = viewer.reporting_departments(item)
        can_carry = any((item.code, d) in by_department for d in mine)
        return Card(item, latest, bool(mine), can_carry, bool(viewer.approved))

    async def history(self, viewer: Viewer, item: Item, page: int) -> HistoryPage | Refused:
        if not viewer.can_view(item):
            return not_allowed(viewer, item, Reason.NOT_A_VIEWER)
        reports, total = await self.reports.report_history(
            item.code, (page - 1) * HISTORY_PAGE, HISTORY_PAGE
        )
        pages = max(1, -(-total // HISTORY_PAGE))
        if total and not reports:  # the page emptied since its button was drawn
            page = pages
            reports, total = await self.reports.report_history(
                item.code, (page - 1) * HISTORY_PAGE, HISTORY_PAGE
            )
        now = self.clock.now()
        changeable = {r.id for r in reports if can_change(r, viewer.user_id, now)}
        return HistoryPage(item, reports, page, pages, changeable)

    async def evidence(self, viewer: Viewer, report_id: int) -> StatusReport | Refused:
        """A report whose attachment the viewer may see."""
        report = await self.reports.status_report(report_id)
        item = self.roadmap.item(report.item_code) if report else None
        if report is None or item is None or report.evidence is None:
            return Refused(Reason.GONE)
        if not viewer.can_view(item):
            return not_allowed(viewer, item, Reason.NOT_A_VIEWER)
        return report
