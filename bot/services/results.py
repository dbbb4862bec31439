"""What a use case answers when it will not do what was asked."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.domain.access import Viewer
from bot.domain.catalog import Catalog
from bot.domain.roadmap import Item


class Reason(StrEnum):
    """Why a request was refused; each value is also the key of the text that says so."""

    OUTDATED = "button-outdated"
    NOT_A_REPORTER = "report-not-allowed"  # not an approved coordinator of an executor
    NOT_A_VIEWER = "item-not-allowed"  # the activity is not one of the user's departments'
    TOO_LATE = "edit-too-late"  # not the author, or the edit window has closed
    GONE = "update-gone"  # the report was withdrawn
    NO_ITEMS = "items-none"  # no approved department yet
    PENDING = "request-pending"  # the user's request for an executor is not decided yet
    CLOSED = "report-closed"  # the activity's roadmap takes no reports this year
    CLOSED_NEXT = "report-closed-next"  # the same, and another roadmap follows it
    NOT_YET = "report-not-yet"  # the activity's roadmap has not begun


@dataclass(frozen=True, slots=True)
class Refused:
    reason: Reason
    code: str = ""  # the activity it is about, where there is one
    args: tuple[tuple[str, str], ...] = ()  # what else its text names


def not_allowed(viewer: Viewer, item: Item, reason: Reason) -> Refused:
    """A refusal about an activity; one whose request to join is still undecided is told so."""
    return Refused(Reason.PENDING if viewer.waits_for(item) else reason, item.code)


def closed_for(roadmap: Catalog, item: Item, year: int) -> Refused | None:
    """A refusal if the item's roadmap takes no reports for `year`: its period (and any
    extension) is over, or has not begun. Its history and annual reports stay readable."""
    entry = roadmap.entry_of(item)
    if entry.open_in(year):
        return None
    args = (
        ("roadmap", entry.short_name),
        ("start", str(entry.years.start)),
        ("until", str(entry.last_year)),
        ("year", str(year)),
    )
    if year < entry.years.start:
        return Refused(Reason.NOT_YET, item.code, args)
    successor = roadmap.successor(entry)
    if successor is None:
        return Refused(Reason.CLOSED, item.code, args)
    return Refused(Reason.CLOSED_NEXT, item.code, (*args, ("next", successor.short_name)))
