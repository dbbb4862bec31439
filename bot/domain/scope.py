"""What an office sees: a global admin every roadmap, a roadmap's office member the
roadmaps they are in the office of, read as one catalog of their own."""

from __future__ import annotations

from weakref import WeakKeyDictionary

from bot.domain.catalog import Catalog
from bot.domain.roadmap import Party

# None: every roadmap (a global admin, ADMIN_IDS); else the numbers of the roadmaps an
# office member sees
Scope = frozenset[int] | None

# per catalog, its narrowed views as of its version: rebuilt once it is replaced
_NARROWED: WeakKeyDictionary[Catalog, dict[tuple[int, frozenset[int]], Catalog]] = (
    WeakKeyDictionary()
)


def within(catalog: Catalog, scope: Scope) -> Catalog:
    """The roadmaps in `scope`, read as one catalog (activities keep their keys): their
    activities, sections, parties, and the departments executing in them."""
    if scope is None:
        return catalog
    views = _NARROWED.setdefault(catalog, {})
    key = (catalog.version, scope)
    found = views.get(key)
    if found is None:
        if any(version != catalog.version for version, _ in views):
            views.clear()
        found = views[key] = Catalog(e for e in catalog.entries if e.number in scope)
    return found


def department_roadmaps(catalog: Catalog, dep_id: str) -> frozenset[int]:
    """The roadmaps a department executes in."""
    return frozenset(
        entry.number
        for entry in catalog.entries
        if any(d.id == dep_id for d in entry.roadmap.departments)
    )


def covers(catalog: Catalog, scope: Scope, dep_id: str) -> bool:
    """May an office with `scope` act for the department (approve, revoke, invite, nudge)?"""
    return scope is None or bool(department_roadmaps(catalog, dep_id) & scope)


def covers_wholly(catalog: Catalog, scope: Scope, dep_id: str) -> bool:
    """Does an office with `scope` cover every roadmap the department executes in (may it
    revoke the department's coordinators, who work for the other roadmaps' offices too)?"""
    return scope is None or department_roadmaps(catalog, dep_id) <= scope


def effective(catalog: Catalog, scope: Scope) -> Scope:
    """The scope, or None if it holds every roadmap the bot serves (as a global admin's)."""
    if scope is None or scope >= {entry.number for entry in catalog.entries}:
        return None
    return scope


def department_parties(catalog: Catalog, dep_id: str) -> list[Party]:
    """The sides of the roadmaps a department executes in, in the catalog's order: whom an
    invitation to it names (every side, for a department no roadmap names)."""
    numbers = department_roadmaps(catalog, dep_id)
    found: dict[str, Party] = {}
    for entry in catalog.entries:
        if entry.number in numbers:
            for party in entry.roadmap.parties:
                found.setdefault(party.id, party)
    return list(found.values()) or catalog.parties
