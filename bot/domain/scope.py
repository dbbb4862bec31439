"""What an office sees: a global admin every roadmap, a roadmap's office member the
roadmaps they are in the office of, read as one catalog of their own."""

from __future__ import annotations

from weakref import WeakKeyDictionary

from bot.domain.catalog import Catalog

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
