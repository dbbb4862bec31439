"""Who may see and report what, and whose local time a user lives in; no aiogram here."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.roadmap import Item, Roadmap

DEFAULT_ZONE = "Europe/Moscow"


def reporting_departments(item: Item, approved: list[str]) -> list[str]:
    """The item's executor departments the user is an approved coordinator of."""
    return [dep for dep in item.departments() if dep in approved]


def can_view(item: Item, approved: list[str], is_admin: bool) -> bool:
    return is_admin or bool(reporting_departments(item, approved))


def counterpart_departments(roadmap: Roadmap, item: Item, department_id: str) -> list[str]:
    """Executors of the item on the other side(s) from the reporting department."""
    department = roadmap.department(department_id)
    own_party = department.party if department else None
    return [dep for party, deps in item.executors.items() if party != own_party for dep in deps]


def user_items(roadmap: Roadmap, approved: list[str]) -> list[Item]:
    return [item for item in roadmap.items if reporting_departments(item, approved)]


def user_zone(roadmap: Roadmap, chosen: str | None, approved: list[str]) -> ZoneInfo:
    """The user's own choice, else the zone of their (first) department's side."""
    if chosen:
        return ZoneInfo(chosen)
    for dep_id in approved:
        department = roadmap.department(dep_id)
        party = roadmap.party(department.party) if department else None
        if party:
            return ZoneInfo(party.timezone)
    return ZoneInfo(DEFAULT_ZONE)
