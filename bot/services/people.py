"""People: who is asking (once per Telegram update), and each person's own settings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from bot.domain.access import Viewer, user_zone
from bot.domain.catalog import Catalog
from bot.domain.clock import Clock
from bot.domain.dates import parse_date
from bot.domain.people import LOCALES, Membership, Person, UserProfile
from bot.domain.reports import clean_text
from bot.services.ports import Memberships, People

MAX_PAUSE_DAYS = 366
PAUSES = {"14": 14, "30": 30}  # the pause buttons: days from today


@dataclass(frozen=True, slots=True)
class PersonSettings:
    person: Person
    zone: ZoneInfo  # the zone dates are shown in (chosen, or the department's side's)
    paused_until: date | None  # only while the pause lasts
    zones: list[tuple[str, str]]  # (side's name, zone) to choose from


@dataclass(slots=True)
class PeopleService:
    roadmap: Catalog
    people: People
    memberships: Memberships
    admin_ids: frozenset[int]
    clock: Clock

    async def identify(
        self,
        user_id: int,
        first_name: str,
        last_name: str | None,
        username: str | None,
        language_code: str | None,
    ) -> tuple[UserProfile, Viewer]:
        """Record the sender of a Telegram update; who they are and what they may do."""
        profile = await self.people.touch_user(
            user_id,
            clean_text(first_name),
            clean_text(last_name) if last_name else None,
            clean_text(username) if username else None,
            language_code,
        )
        memberships = profile.memberships
        approved = tuple(m.department_id for m in memberships if m.status == "approved")
        viewer = Viewer(
            user_id,
            profile.first_name,
            user_id in self.admin_ids,
            approved,
            user_zone(self.roadmap, profile.timezone, approved),
            tuple(m.department_id for m in memberships if m.status == "pending"),
        )
        return profile, viewer

    async def memberships_of(self, user_id: int) -> list[Membership]:
        return await self.memberships.memberships_of(user_id)

    def zone_choices(self) -> list[tuple[str, str]]:
        seen: dict[str, str] = {}
        for party in self.roadmap.parties:
            seen.setdefault(party.timezone, party.name)
        return [(name, zone) for zone, name in seen.items()]

    def today(self, viewer: Viewer) -> date:
        return self.clock.now().astimezone(viewer.zone).date()

    async def settings(self, user_id: int) -> PersonSettings:
        person = await self.people.person(user_id)
        assert person is not None, "the sender was recorded by the middleware"
        approved = await self.memberships.approved_departments(user_id)
        zone = user_zone(self.roadmap, person.timezone, approved)
        today = self.clock.now().astimezone(zone).date()
        until = person.reminders_paused_until
        paused = until if until is not None and until >= today else None
        return PersonSettings(person, zone, paused, self.zone_choices())

    async def change(self, viewer: Viewer, key: str, value: str) -> bool:
        """Apply a settings button; False if the button does not name a valid choice."""
        if key == "lang" and value in LOCALES:
            await self.people.set_user_setting(viewer.user_id, "language", value)
        elif key == "tz" and (value == "" or value in {z for _, z in self.zone_choices()}):
            await self.people.set_user_setting(viewer.user_id, "timezone", value or None)
        elif key == "notify" and value in ("on", "off"):
            await self.people.set_user_setting(
                viewer.user_id, "notify_counterpart", int(value == "on")
            )
        elif key == "pause" and (value == "off" or value in PAUSES):
            until = None if value == "off" else self.today(viewer) + timedelta(PAUSES[value])
            await self.people.set_user_setting(viewer.user_id, "reminders_paused_until", until)
        else:
            return False
        return True

    def pause_example(self, viewer: Viewer) -> date:
        """A date to show as the example of a pause: a real one, a fortnight ahead."""
        return self.today(viewer) + timedelta(days=14)

    async def pause_until(self, viewer: Viewer, text: str) -> date | None:
        """Pause reminders until a typed date (tomorrow to a year ahead); None if not valid."""
        today = self.today(viewer)
        until = parse_date(text, today)
        if until is None or not today < until <= today + timedelta(days=MAX_PAUSE_DAYS):
            return None
        await self.people.set_user_setting(viewer.user_id, "reminders_paused_until", until)
        return until
