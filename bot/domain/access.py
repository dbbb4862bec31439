"""Who may see and report what, and whose local time a user lives in."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.domain.catalog import Catalog
from bot.domain.roadmap import Item

DEFAULT_ZONE = "Europe/Moscow"


def reporting_departments(item: Item, approved: list[str] | tuple[str, ...]) -> list[str]:
    """The item's executor departments the user is an approved coordinator of."""
    return [dep for dep in item.departments() if dep in approved]


def can_view(item: Item, approved: list[str] | tuple[str, ...], is_admin: bool) -> bool:
    return is_admin or bool(reporting_departments(item, approved))


def counterpart_departments(roadmap: Catalog, item: Item, department_id: str) -> list[str]:
    """Executors of the item on the other side(s) from the reporting department."""
    department = roadmap.department(department_id)
    own_party = department.party if department else None
    return [dep for party, deps in item.executors.items() if party != own_party for dep in deps]


def user_items(roadmap: Catalog, approved: list[str] | tuple[str, ...]) -> list[Item]:
    return [item for item in roadmap.items if reporting_departments(item, approved)]


def user_zone(
    roadmap: Catalog, chosen: str | None, approved: list[str] | tuple[str, ...]
) -> ZoneInfo:
    """The user's own choice, else the zone of their (first) department's side."""
    if chosen:
        return ZoneInfo(chosen)
    for dep_id in approved:
        department = roadmap.department(dep_id)
        party = roadmap.party(department.party) if department else None
        if party:
            return ZoneInfo(party.timezone)
    return ZoneInfo(DEFAULT_ZONE)


@dataclass(frozen=True, slots=True)
class Viewer:
    """Who is asking: read once per Telegram update, passed to every use case."""

    user_id: int
    first_name: str
    is_admin: bool
    approved: tuple[str, ...]  # departments the user reports for
    zone: ZoneInfo  # dates are shown in it
    pending: tuple[str, ...] = ()  # departments the user asked to join, not decided yet

    def waits_for(self, item: Item) -> bool:
        """Has the user asked to join an executor of the item, still undecided?"""
        return bool(reporting_departments(item, self.pending))

    def reporting_departments(self, item: Item) -> list[str]:
        return reporting_departments(item, self.approved)

    def can_view(self, item: Item) -> bool:
        return can_view(item, self.approved, self.is_admin)

    def can_report(self, item: Item) -> bool:
        return bool(self.reporting_departments(item))
