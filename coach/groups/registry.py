"""Groups come and go with the bot: added, removed, upgraded to a supergroup, renamed, set up."""

from __future__ import annotations

import base64
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from babel import Locale

from coach.config import check_timezone
from coach.i18n import N_, SUPPORTED
from coach.schedule import local_day
from coach.services import Services
from coach.timezones import resolve_timezone
from storage import groups as store
from storage import members as member_store
from storage.models import Group

FLAGS = {"board": "board_enabled", "leaderboard": "leaderboard_enabled",
         "recap": "recap_enabled", "nudges": "nudges_enabled"}  # fmt: skip
ON, OFF = ("on", "yes", "true", "1"), ("off", "no", "false", "0")
ZONE_HINT = N_("a city or zone, e.g. /groupsettings timezone Europe/Berlin")
SETTINGS_HINT = N_(
    "timezone <zone>, language en|es|de|fr|pt, or board / leaderboard / recap / nudges on|off"
)


@dataclass(frozen=True)
class GroupInfo:
    """What the core tells a transport about a group."""

    id: uuid.UUID
    chat_id: int
    title: str
    timezone: str
    active: bool
    settings: dict[str, bool]
    language: str = "en"  # of the board and the recap (#16)


@dataclass(frozen=True)
class SettingsShown:
    """/groupsettings without arguments (or after a change): the current settings."""

    group: GroupInfo
    changed: str | None = None


@dataclass(frozen=True)
class SettingRefused:
    """A /groupsettings change that could not be made, with what is accepted (an English text
    marked for the catalogue: the transport says it with `t.gettext(hint)`)."""

    hint: str


def as_info(group: Group) -> GroupInfo:
    """The core's view of a `groups` row."""
    settings = {name: bool(getattr(group, column)) for name, column in FLAGS.items()}
    return GroupInfo(group.id, group.telegram_chat_id, group.title or "this group", group.timezone,
                     group.active, settings, group.language)  # fmt: skip


def join_code(group_id: uuid.UUID) -> str:
    """The deep-link payload that joins this group ("j" + the id, URL-safe)."""
    return "j" + base64.urlsafe_b64encode(group_id.bytes).decode("ascii").rstrip("=")


def group_of_code(code: str) -> uuid.UUID | None:
    """The group id in a join payload, or None when it is not one."""
    if not code.startswith("j") or len(code) != 23:
        return None
    try:
        return uuid.UUID(bytes=base64.urlsafe_b64decode(code[1:] + "=="))
    except ValueError:
        return None


def group_today(services: Services, group: GroupInfo) -> date:
    """The group's local date (groups' days start at midnight)."""
    return local_day(services.clock(), group.timezone, 0)


async def added(
    services: Services, *, chat_id: int, title: str | None, adder_telegram_id: int | None
) -> GroupInfo:
    """The bot joined a group: register it, in the zone of the member who added it if known."""
    async with services.sessions.begin() as session:
        adder = None
        if adder_telegram_id is not None:
            adder = await member_store.member_by_telegram(
                session, telegram_user_id=adder_telegram_id
            )
        zone = (
            adder.timezone
            if adder is not None and adder.timezone_confirmed
            else services.settings.default_timezone
        )
        group = await store.upsert_group(session, chat_id=chat_id, title=title, timezone=zone,
                                         added_by=adder.id if adder else None)  # fmt: skip
        return as_info(group)


async def removed(services: Services, *, chat_id: int) -> bool:
    """The bot was removed or kicked: the group goes inactive, nothing more is posted."""
    async with services.sessions.begin() as session:
        return await store.update_group_by_chat(session, chat_id=chat_id, active=False)


async def migrated(services: Services, *, old_chat_id: int, new_chat_id: int) -> bool:
    """The group became a supergroup with a new chat id: keep everything, follow the id.

    Telegram may announce the bot in the new supergroup (registering it afresh) before the
    migration message; that empty registration gives way to the group's own row.
    """
    async with services.sessions.begin() as session:
        old = await store.group_by_chat(session, chat_id=old_chat_id)
        if old is None:
            return False  # already followed (the supergroup's own service message came first)
        fresh = await store.group_by_chat(session, chat_id=new_chat_id)
        if fresh is not None and not await store.drop_empty_group(session, chat_id=new_chat_id):
            return False  # both have members: keep both rather than lose any
        return await store.update_group_by_chat(session, chat_id=old_chat_id, telegram_chat_id=new_chat_id,
                                                active=True)  # fmt: skip


async def retitled(services: Services, *, chat_id: int, title: str) -> bool:
    """The group's title changed."""
    async with services.sessions.begin() as session:
        return await store.update_group_by_chat(session, chat_id=chat_id, title=title)


async def by_chat(services: Services, *, chat_id: int) -> GroupInfo | None:
    """The group of a chat, or None when the bot never registered it."""
    async with services.sessions() as session:
        group = await store.group_by_chat(session, chat_id=chat_id)
    return as_info(group) if group is not None else None


async def by_id(services: Services, *, group_id: uuid.UUID) -> GroupInfo | None:
    """The group with this id, or None."""
    async with services.sessions() as session:
        group = await store.get_group(session, group_id=group_id)
    return as_info(group) if group is not None else None


def _plain(word: str) -> str:
    return unicodedata.normalize("NFKD", word.casefold()).encode("ascii", "ignore").decode()


@cache
def _language_names() -> dict[str, str]:
    """Each supported language by its code and its name in every supported language
    ('es', 'español', 'Spanish', 'Spanisch', 'espagnol', 'espanhol' → 'es')."""
    names = {code: code for code in SUPPORTED}
    for code in SUPPORTED:
        for speaker in SUPPORTED:
            names[_plain(Locale.parse(code).get_display_name(speaker) or code)] = code
    return names


def language_code(words: str) -> str | None:
    """The supported language an admin names, by code or name, or None."""
    return _language_names().get(_plain(words.strip()))


def _parse_setting(name: str, value: str) -> dict[str, Any] | SettingRefused:
    name, value = name.lower().strip(), value.lower().strip()
    if name in ("timezone", "tz", "zone"):
        zone = resolve_timezone(value)
        if zone is None:
            return SettingRefused(ZONE_HINT)
        return {"timezone": check_timezone(zone)}
    if name in FLAGS and value in ON + OFF:
        return {FLAGS[name]: value in ON}
    if name in ("language", "lang") and (code := language_code(value)) is not None:
        return {"language": code}
    return SettingRefused(SETTINGS_HINT)


async def change_setting(
    services: Services, *, group: GroupInfo, args: str
) -> SettingsShown | SettingRefused:
    """/groupsettings NAME VALUE (admins only: the transport checks that first)."""
    name, _, value = args.strip().partition(" ")
    if not name:
        return SettingsShown(group)
    change = _parse_setting(name, value)
    if isinstance(change, SettingRefused):
        return change
    async with services.sessions.begin() as session:
        await store.update_group_by_chat(session, chat_id=group.chat_id, **change)
        fresh = await store.group_by_chat(session, chat_id=group.chat_id)
    assert fresh is not None
    return SettingsShown(as_info(fresh), changed=name.lower())
