"""Members: onboarding from a chat identity, time zone, and the settings a member may change."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date, time

from coach.i18n import N_, SOURCE, Translator, offered_languages, pick_language, translator
from coach.schedule import local_day
from coach.services import Services
from coach.timezones import resolve_timezone, timezone_at
from storage import goals as goal_store
from storage import members as store
from storage.models import User

SETTINGS = ("timezone", "reminder", "daystart", "language")


@dataclass(frozen=True)
class Member:
    """What the core needs to know about a member to serve them."""

    id: uuid.UUID
    name: str | None
    timezone: str
    timezone_confirmed: bool
    reminder_time: time
    day_start_hour: int
    language: str
    telegram_chat_id: int | None = None
    reminders_enabled: bool = True


@dataclass(frozen=True)
class Welcome:
    """/start: the member, whether they are new, and whether the time zone is still to ask."""

    member: Member
    new: bool

    @property
    def needs_timezone(self) -> bool:
        """True until the member has told us their time zone."""
        return not self.member.timezone_confirmed


@dataclass(frozen=True)
class TimezoneSet:
    """The member's time zone was set; `local` is their local time now (HH:MM).

    `has_goals`: the member has goals already, so the reply says their history stays rather
    than repeating the onboarding line.
    """

    zone: str
    local: str
    has_goals: bool = False


@dataclass(frozen=True)
class TimezoneUnknown:
    """What the member typed names no time zone we know."""

    text: str


SANDBOX_NAME = N_("friend")  # what the console calls its member ("Hi friend!")
# a setting's name and what it accepts, as the member reads them (the command words stay English)
SETTING_NAMES = {"timezone": N_("time zone"), "reminder": N_("reminder time"),
                 "reminders": N_("reminders"), "daystart": N_("day start"),
                 "language": N_("language")}  # fmt: skip
SETTING_HINTS = {
    "reminder": N_("a time like 07:00 or 7pm, or off"),
    "daystart": N_("an hour from 0 to 23, e.g. 3"),
    "language": N_("one of {languages}"),
    "": N_("timezone, reminder, daystart or language"),
}


def setting_name(t: Translator, name: str) -> str:
    """A setting's name in the language of `t` ("daystart" → "el inicio del día"); English
    says the command word itself (what /settings takes)."""
    if t.language == SOURCE or name not in SETTING_NAMES:
        return name
    return t.gettext(SETTING_NAMES[name])


@dataclass(frozen=True)
class SettingChanged:
    """One setting changed to a new value (shown as text)."""

    name: str
    value: str

    def label(self, t: Translator) -> str:
        """The setting's name in the language of `t`."""
        return setting_name(t, self.name)

    def briefly(self, t: Translator) -> str:
        """The change in a few words ("reminder: 08:00", "Reminders off"), in `t`'s language."""
        if self.name == "reminders" and self.value in REMINDERS_NOW:
            return t.gettext(REMINDERS_NOW[self.value])
        return f"{self.label(t)}: {self.value}"


REMINDERS_NOW = {"on": N_("Reminders on"), "off": N_("Reminders off")}


@dataclass(frozen=True)
class SettingInvalid:
    """A setting could not be changed: which one (what it accepts is `advice(t)`)."""

    name: str

    def label(self, t: Translator) -> str:
        """The setting's name in the language of `t`."""
        return setting_name(t, self.name)

    def advice(self, t: Translator) -> str:
        """What the setting accepts, in the language of `t`."""
        return setting_hint(t, self.name)


def setting_hint(t: Translator, name: str) -> str:
    """What setting `name` accepts ("" or an unknown name: which settings there are)."""
    hint = SETTING_HINTS.get(name, SETTING_HINTS[""])
    return t.gettext(hint, languages=", ".join(offered_languages()))


def invalid_setting(name: str) -> SettingInvalid:
    """The answer to a value that does not fit setting `name` (or to an unknown setting)."""
    return SettingInvalid(name=name)


def as_member(user: User) -> Member:
    """The core's view of a `users` row."""
    return Member(
        id=user.id,
        name=user.name,
        timezone=user.timezone,
        timezone_confirmed=user.timezone_confirmed,
        reminder_time=user.reminder_time,
        day_start_hour=user.day_start_hour,
        language=user.language,
        telegram_chat_id=user.telegram_chat_id,
        reminders_enabled=user.reminders_enabled,
    )


def _defaults(services: Services) -> dict[str, object]:
    cfg = services.settings
    return {
        "timezone": cfg.default_timezone,
        "reminder_time": cfg.reminder_time,
        "day_start_hour": cfg.day_start_hour,
        "language": cfg.default_language,
    }


async def start_telegram(
    services: Services,
    *,
    telegram_user_id: int,
    chat_id: int | None,
    name: str | None,
    username: str | None,
    language_code: str | None = None,
) -> Welcome:
    """/start on Telegram: create the member (in Telegram's language when supported) or refresh it."""
    defaults = _defaults(services)
    defaults["language"] = pick_language(language_code, default=str(defaults["language"]))
    async with services.sessions.begin() as session:
        user, created = await store.upsert_telegram_member(
            session,
            telegram_user_id=telegram_user_id,
            chat_id=chat_id,
            name=name,
            username=username,
            defaults=defaults,
        )
    return Welcome(member=as_member(user), new=created)


async def start_local(
    services: Services, *, user_id: uuid.UUID | None, name: str, language_code: str | None = None
) -> Welcome:
    """/start in the console sandbox: the remembered member, or a new one with no identity
    (in `language_code`, the locale's or --language, when supported)."""
    defaults = _defaults(services)
    defaults["language"] = pick_language(language_code, default=str(defaults["language"]))
    if name == SANDBOX_NAME:  # the console's stand-in name, in the member's language
        name = translator(str(defaults["language"])).gettext(SANDBOX_NAME)
    async with services.sessions.begin() as session:
        user = await store.get_member(session, user_id=user_id) if user_id else None
        if user is not None:
            return Welcome(member=as_member(user), new=False)
        user = await store.create_member(session, name=name, defaults=defaults)
    return Welcome(member=as_member(user), new=True)


async def by_telegram(services: Services, *, telegram_user_id: int) -> Member | None:
    """The member behind a Telegram user id, or None when they never sent /start."""
    async with services.sessions() as session:
        # one statement, so autocommit: no BEGIN and ROLLBACK round trips on every update
        await session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
        user = await store.member_by_telegram(session, telegram_user_id=telegram_user_id)
    return as_member(user) if user is not None and user.active else None


async def get(services: Services, *, user_id: uuid.UUID) -> Member | None:
    """The member with this id, or None."""
    async with services.sessions() as session:
        user = await store.get_member(session, user_id=user_id)
    return as_member(user) if user is not None else None


def today(services: Services, member: Member) -> date:
    """The member's current day (local date after their day-start hour)."""
    return local_day(services.clock(), member.timezone, member.day_start_hour)


async def _store_zone(services: Services, user_id: uuid.UUID, zone: str) -> TimezoneSet:
    async with services.sessions.begin() as session:
        await store.update_member(session, user_id=user_id, timezone=zone, timezone_confirmed=True)
        goals = await goal_store.goals_for_user(session, user_id=user_id)
    from zoneinfo import ZoneInfo

    local = services.clock().astimezone(ZoneInfo(zone)).strftime("%H:%M")
    return TimezoneSet(zone=zone, local=local, has_goals=bool(goals))


async def set_timezone(
    services: Services, *, user_id: uuid.UUID, text: str
) -> TimezoneSet | TimezoneUnknown:
    """Set the time zone from an IANA name or a city name."""
    zone = resolve_timezone(text)
    if zone is None:
        return TimezoneUnknown(text=text[:60])
    return await _store_zone(services, user_id, zone)


async def set_timezone_at(
    services: Services, *, user_id: uuid.UUID, latitude: float, longitude: float
) -> TimezoneSet | TimezoneUnknown:
    """Set the time zone from a shared location."""
    zone = timezone_at(latitude, longitude)
    if zone is None:
        return TimezoneUnknown(text=f"{latitude:.2f}, {longitude:.2f}")
    return await _store_zone(services, user_id, zone)


_TIME = re.compile(r"^([01]?\d|2[0-3])(?::?([0-5]\d))?\s*(am|pm)?$")


def parse_time(text: str) -> time | None:
    """'7', '07:30', '0730', '7pm' → a time of day, else None."""
    match = _TIME.match(text.strip().lower())
    if not match:
        return None
    hour, minute, half = int(match.group(1)), int(match.group(2) or 0), match.group(3)
    if half and not 1 <= hour <= 12:
        return None
    if half:
        hour = hour % 12 + (12 if half == "pm" else 0)
    return time(hour, minute)


async def change_setting(
    services: Services, *, user_id: uuid.UUID, name: str, value: str
) -> SettingChanged | SettingInvalid | TimezoneSet | TimezoneUnknown:
    """/settings NAME VALUE: time zone, reminder time, day-start hour or language."""
    name, value = name.lower().strip(), value.strip()
    if name in ("timezone", "tz", "zone"):
        return await set_timezone(services, user_id=user_id, text=value)
    if name in ("reminder", "reminders", "reminder_time") and value.lower() in ("off", "on"):
        async with services.sessions.begin() as session:
            await store.update_member(session, user_id=user_id,
                                      reminders_enabled=value.lower() == "on")  # fmt: skip
        return SettingChanged(name="reminders", value=value.lower())
    if name in ("reminder", "reminders", "reminder_time"):
        at = parse_time(value)
        if at is None:
            return invalid_setting("reminder")
        changes: dict[str, object] = {"reminder_time": at}
        name, shown = "reminder", at.strftime("%H:%M")
    elif name in ("daystart", "day_start", "day_start_hour"):
        hour = int(value) if value.isdigit() else -1
        if not 0 <= hour <= 23:
            return invalid_setting("daystart")
        changes, name, shown = {"day_start_hour": hour}, "daystart", f"{hour:02d}:00"
    elif name in ("language", "lang"):
        if value.lower() not in offered_languages():
            return invalid_setting("language")
        changes, name, shown = {"language": value.lower()}, "language", value.lower()
    else:
        return invalid_setting(name[:20])
    async with services.sessions.begin() as session:
        await store.update_member(session, user_id=user_id, **changes)
    return SettingChanged(name=name, value=shown)
