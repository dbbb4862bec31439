"""The audit trail as the office reads it: which entries are changes, and what each one says."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from bot.domain.catalog import Catalog
from bot.domain.people import AuditEntry
from bot.domain.periods import Period, parse_period

# What the office sees: changes (memberships, withdrawn reports, invites, year-end texts)
# and the two office actions that reach outside the bot (a reminder sent, the annual report
# taken away). Office views (/missing, /members, /stats, ...) stay in the log, unshown.
CHANGE_FAMILIES = ("membership.", "report.", "invite.", "yearend.", "office.")
CHANGE_ACTIONS = ("admin.nudge", "admin.report")

WITHDRAWAL = "report.withdraw"  # its details: "4.1 #12", the report's code and id

_SEPARATORS = re.compile(r"[\s:,;#]+")
_COUNT = re.compile(r":\s*(\d+)\s*$")  # a nudge's "2021-Q2: 3"


def is_change(action: str) -> bool:
    return action in CHANGE_ACTIONS or action.startswith(CHANGE_FAMILIES)


@dataclass(frozen=True, slots=True)
class Change:
    """An audit entry, read: who did what, to whom, where; each part only if it says so."""

    at: datetime
    action: str
    actor_id: int
    subject_id: int | None = None
    department_id: str | None = None
    item_code: str | None = None
    year: int | None = None
    period: Period | None = None
    count: int | None = None

    @property
    def member_id(self) -> int | None:
        """Whom it concerns, when that is someone other than who did it."""
        return self.subject_id if self.subject_id != self.actor_id else None


def read_entry(entry: AuditEntry, roadmap: Catalog) -> Change:
    """What an entry's details name, whatever their layout: "spb-9cdf3d", "2021 4.1
    spb-9cdf3d", "4.1 #12", "2021-Q2: 3"; anything else in them is left out."""
    words = [w for w in _SEPARATORS.split(entry.details) if w]
    department = next((w for w in words if roadmap.department(w) is not None), None)
    item = next((w for w in words if roadmap.item(w) is not None), None)
    period = next((p for p in map(_period, words) if p is not None), None)
    year = period.first.year if period is not None else None
    count = _COUNT.search(entry.details)
    return Change(
        at=entry.created_at,
        action=entry.action,
        actor_id=entry.actor_id,
        subject_id=entry.subject_id,
        department_id=department,
        item_code=item,
        year=year,
        period=period,
        count=int(count.group(1)) if count else None,
    )


def _period(word: str) -> Period | None:
    try:
        return parse_period(word)
    except ValueError:
        return None
