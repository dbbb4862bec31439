"""Looking at activities: a coordinator's list, an activity's card, its history, evidence."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.domain.access import Viewer, user_items
from bot.domain.clock import Clock
from bot.domain.quick_report import looks_like_code, normalize_code
from bot.domain.reports import StatusReport, can_change
from bot.domain.roadmap import Item, Roadmap
from bot.services.ports import StatusReports
from bot.services.results import Reason, Refused

HISTORY_PAGE = 5


@dataclass(frozen=True, slots=True)
class MyItems:
    items: list[Item]
    latest: dict[str, dict[str, StatusReport]]  # item code -> party id -> latest report


@dataclass(frozen=True, slots=True)
class Card:
    item: Item
    latest: dict[str, StatusReport]  # party id -> that side's latest report
    can_report: bool


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


@dataclass(frozen=True, slots=True)
class NoCode:
    """A command that needs an activity code got none."""


Found = Refused | UnknownItem | NoCode  # what a command naming an activity may get instead


def resolve_item(
    roadmap: Roadmap, viewer: Viewer, argument: str | None
) -> Item | UnknownItem | NoCode:
    """The activity named by the first word of a command's argument."""
    if not argument or not argument.strip():
        return NoCode()
    code = normalize_code(argument.split()[0])
    item = roadmap.item(code) if looks_like_code(code) else None
    if item is None:
        return UnknownItem(code[:20], [i.code for i in user_items(roadmap, viewer.approved)])
    return item


@dataclass(slots=True)
class ItemService:
    roadmap: Roadmap
    reports: StatusReports
    clock: Clock

    def own_items(self, viewer: Viewer) -> list[Item]:
        return user_items(self.roadmap, viewer.approved)

    def resolve(self, viewer: Viewer, argument: str | None) -> Item | UnknownItem | NoCode:
        """The activity a command's argument names (`/item 4.1`)."""
        return resolve_item(self.roadmap, viewer, argument)

    async def my_items(self, viewer: Viewer) -> MyItems | Refused:
        items = self.own_items(viewer)
        if not items:
            return Refused(Reason.NO_ITEMS)
        return MyItems(items, await self.reports.latest_reports([item.code for item in items]))

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
            return Refused(Reason.NOT_A_VIEWER, item.code)
        latest = (await self.reports.latest_reports([item.code])).get(item.code, {})
        return Card(item, latest, viewer.can_report(item))

    async def history(self, viewer: Viewer, item: Item, page: int) -> HistoryPage | Refused:
        if not viewer.can_view(item):
            return Refused(Reason.NOT_A_VIEWER, item.code)
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
            return Refused(Reason.NOT_A_VIEWER, item.code)
        return report
