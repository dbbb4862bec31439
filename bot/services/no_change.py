"""No change: a department's last status reported again for the new quarter, for one
activity or for all it still owes in one go; each at most once a quarter."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.access import Viewer
from bot.domain.catalog import Catalog
from bot.domain.clock import Clock
from bot.domain.periods import Quarter
from bot.domain.reports import NewStatusReport, StatusReport
from bot.domain.roadmap import Department, Item
from bot.domain.statuses import Status
from bot.services.ports import StatusReports
from bot.services.results import Reason, Refused, closed_for, not_allowed


@dataclass(frozen=True, slots=True)
class ChooseDepartment:
    """The user coordinates several executors of the activity: which one reports?"""

    item: Item
    departments: list[Department]


@dataclass(frozen=True, slots=True)
class NothingToCarry:
    item: Item
    department: Department


@dataclass(frozen=True, slots=True)
class AlreadyReported:
    """There is a report from the department in this quarter already."""

    item: Item
    latest: StatusReport


@dataclass(frozen=True, slots=True)
class Carried:
    item: Item
    department: Department
    latest: StatusReport
    quarter: Quarter


@dataclass(frozen=True, slots=True)
class Carryable:
    """An activity the department owes a report on this quarter, with its last status."""

    item: Item
    department: Department
    latest: StatusReport


@dataclass(frozen=True, slots=True)
class CarryAll:
    """What "No change for all" would record, for the quarter it is about."""

    quarter: Quarter
    items: list[Carryable]


@dataclass(frozen=True, slots=True)
class CarriedAll:
    quarter: Quarter
    carried: int  # new carried-forward reports (0 on a second tap)


CarryResult = ChooseDepartment | NothingToCarry | AlreadyReported | Carried | Refused


def carry_key(item: str, department: str, quarter: Quarter) -> str:
    """One carried-forward report per activity, department and quarter, however it was asked."""
    return f"same:{item}:{department}:{quarter.label}"


@dataclass(slots=True)
class NoChangeService:
    roadmap: Catalog
    reports: StatusReports
    clock: Clock

    def quarter(self, viewer: Viewer) -> Quarter:
        return Quarter.of(self.clock.now().astimezone(viewer.zone).date())

    async def carry_forward(self, viewer: Viewer, item: Item, department_id: str) -> CarryResult:
        """Report the department's last status again for this quarter ("No change")."""
        departments = viewer.reporting_departments(item)
        if not departments or (department_id and department_id not in departments):
            return not_allowed(viewer, item, Reason.NOT_A_REPORTER)
        if closed := closed_for(self.roadmap, item, self.quarter(viewer).year):
            return closed
        if not department_id and len(departments) > 1:
            found = [d for d in map(self.roadmap.department, departments) if d is not None]
            return ChooseDepartment(item, found)
        department = self.roadmap.department(department_id or departments[0])
        assert department is not None
        latest = await self.reports.latest_of_department(item.code, department.id)
        if latest is None:
            return NothingToCarry(item, department)
        quarter = self.quarter(viewer)
        if self._in(latest, quarter, viewer):
            return AlreadyReported(item, latest)
        if not await self._record(viewer, item, department, latest, quarter):
            # carried by a second tap already, or someone reported meanwhile: say what stands
            now = await self.reports.latest_of_department(item.code, department.id)
            return AlreadyReported(item, now or latest)
        return Carried(item, department, latest, quarter)

    async def preview_all(self, viewer: Viewer) -> CarryAll:
        """Every activity the viewer's departments owe this quarter that has an earlier
        status from them: what one tap would carry forward."""
        quarter = self.quarter(viewer)
        mine = [
            i
            for i in self.roadmap.items
            if viewer.reporting_departments(i) and self.roadmap.is_open(i, quarter.year)
        ]
        latest = await self.reports.latest_by_department([i.code for i in mine])
        found = []
        for item in mine:
            deps = viewer.reporting_departments(item)
            reports = [latest[(item.code, d)] for d in deps if (item.code, d) in latest]
            if any(self._in(r, quarter, viewer) for r in reports) or not reports:
                continue  # reported this quarter already, or nothing to carry
            newest = max(reports, key=lambda r: (r.created_at, r.id))
            if Status(newest.status).final:
                continue  # done: nothing more is owed on it
            department = self.roadmap.department(newest.department_id)
            if department is not None:
                found.append(Carryable(item, department, newest))
        return CarryAll(quarter, found)

    async def carry_all(self, viewer: Viewer, quarter_label: str) -> CarriedAll | Refused:
        """Record them all; a tap on the button of another quarter is outdated, a second tap
        records nothing more."""
        preview = await self.preview_all(viewer)
        if preview.quarter.label != quarter_label:
            return Refused(Reason.OUTDATED)
        carried = 0
        for entry in preview.items:
            carried += await self._record(
                viewer, entry.item, entry.department, entry.latest, preview.quarter
            )
        return CarriedAll(preview.quarter, carried)

    def _in(self, report: StatusReport, quarter: Quarter, viewer: Viewer) -> bool:
        return report.created_at.astimezone(viewer.zone).date() in quarter

    async def _record(
        self,
        viewer: Viewer,
        item: Item,
        department: Department,
        latest: StatusReport,
        quarter: Quarter,
    ) -> bool:
        report = NewStatusReport(
            item.code,
            department.id,
            viewer.user_id,
            Status(latest.status),
            latest.comment,
            key=carry_key(item.code, department.id, quarter),
            carried_forward=True,
            repeats=latest.id,  # not if someone has reported since it was read
        )
        _, created = await self.reports.add_status_report(report)
        return created
