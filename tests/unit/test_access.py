"""Who may see and report what, and whose local time a user lives in."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.domain.access import (
    Viewer,
    counterpart_departments,
    reporting_departments,
    user_items,
    user_zone,
)

CULTURE_SPB, CULTURE_TOMSK = "spb-9cdf3d", "tomsk-d8cd4d"


def test_coordinators_report_for_their_own_executors_only(roadmap):
    item = roadmap.item("4.1")
    assert reporting_departments(item, [CULTURE_SPB, "spb-48d378"]) == [CULTURE_SPB]
    assert reporting_departments(item, ["spb-48d378"]) == []
    assert [i.code for i in user_items(roadmap, [CULTURE_SPB])] == ["4.1", "4.2", "4.3", "4.4"]


def test_the_other_side_of_a_report(roadmap):
    item = roadmap.item("4.1")
    assert counterpart_departments(roadmap, item, CULTURE_SPB) == item.executors["tomsk"]
    assert counterpart_departments(roadmap, item, CULTURE_TOMSK) == item.executors["spb"]


def test_a_users_zone_is_their_choice_or_their_sides(roadmap):
    assert user_zone(roadmap, None, [CULTURE_TOMSK]) == ZoneInfo("Asia/Tomsk")
    assert user_zone(roadmap, "Europe/Moscow", [CULTURE_TOMSK]) == ZoneInfo("Europe/Moscow")
    assert user_zone(roadmap, None, []) == ZoneInfo("Europe/Moscow")


def test_a_viewer_sees_what_they_report_on_and_an_admin_sees_all(roadmap):
    zone = ZoneInfo("Europe/Moscow")
    anna = Viewer(1001, "Анна", False, (CULTURE_SPB,), zone)
    office = Viewer(1, "Ольга", True, (), zone)
    assert anna.can_view(roadmap.item("4.1")) and anna.can_report(roadmap.item("4.1"))
    assert not anna.can_view(roadmap.item("1.1"))
    assert office.can_view(roadmap.item("1.1")) and not office.can_report(roadmap.item("1.1"))
