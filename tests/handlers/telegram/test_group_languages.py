"""A group speaks its own language (#16): after an admin's `/groupsettings language de`, what
goalbot posts in the group chat — the settings reply, the welcome of a new member, the
leaderboard, a challenge — arrives in German (or Spanish), through the real PTB Application;
what a member is told privately stays in the member's own language."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from coach.i18n import Translator, translator
from handlers import group_buttons as gb
from storage.db import Sessions
from storage.models import Group, Habit
from tests.fakes.builder import LONG_AGO, Builder
from tests.handlers.telegram.group_world import GroupWorld, button, group_world
from tests.handlers.telegram.harness import Clock, make_services

ADA, BEN, HANS = 201, 202, 203
DAY = date(2026, 11, 25)  # the harness clock's day, a Wednesday


@pytest.fixture
async def world(sessions: Sessions) -> GroupWorld:
    """A fresh Application with an empty group."""
    clock = Clock()
    return await group_world(make_services(sessions, clock), clock)


async def _person(build: Builder, world: GroupWorld, user_id: int, name: str, language: str,
                  habits: list[str]) -> list[Habit]:  # fmt: skip
    """A member who uses goalbot privately in `language`, with one goal holding `habits`."""
    user = await build.member(name, "Europe/Berlin", telegram_user_id=user_id, language=language,
                              telegram_chat_id=user_id, timezone_confirmed=True,
                              created_at=LONG_AGO)  # fmt: skip
    goal = await build.goal(user, f"{name}'s goal", None, created_at=LONG_AGO)
    world.names[user_id] = name
    return await build.habits(goal, [(t, "daily") for t in habits], LONG_AGO)


def _texts(world: GroupWorld, calls: list[tuple[str, dict[str, Any]]]) -> list[str]:
    return [p["text"] for _, p in world.in_group(calls)]


def _translated(t: Translator, message: str, **values: object) -> str:
    """The catalogue's translation, which must differ from the English (else it proves nothing)."""
    text = t.gettext(message, **values)
    assert text != message.format(**values), f"{message!r} has no {t.language} translation"
    return text


def _translated_n(t: Translator, singular: str, plural: str, count: int) -> str:
    """The catalogue's plural form for `count`, which must differ from the English."""
    text = t.ngettext(singular, plural, count)
    assert text != (singular if count == 1 else plural).format(count=count), (
        f"{plural!r} ({t.language})"
    )
    return text


async def _group_id(sessions: Sessions, chat_id: int) -> Any:
    async with sessions() as session:
        return await session.scalar(select(Group.id).where(Group.telegram_chat_id == chat_id))


@pytest.mark.slow
@pytest.mark.parametrize("language", ["de", "es"])
async def test_after_groupsettings_language_the_group_is_answered_in_it(
    world: GroupWorld, build: Builder, sessions: Sessions, language: str
) -> None:
    t = translator(language)
    await _person(build, world, ADA, "Ada", "en", ["Run"])
    meditate = await _person(build, world, BEN, "Ben", "en", ["Meditate"])
    await world.bot_status(ADA, "left", "member")
    world.request.chat_members[ADA] = "creator"
    (settings,) = _texts(world, await world.say(ADA, f"/groupsettings language {language}"))
    assert settings.startswith(_translated(t, "Done: {setting} changed.", setting="language"))
    assert t.gettext("• {setting}: on", setting="leaderboard") in settings
    assert "Morning Crew" in settings and f": {language}" in settings

    calls = await world.say(BEN, "/join")  # Ben speaks English privately
    assert _texts(world, calls) == [_translated(t, "Welcome, {name}! 👋", name="Ben")]
    assert any("What should the group see?" in text for text in world.to(BEN, calls))
    await world.press(BEN, gb.share(await _group_id(sessions, world.chat_id), "all"))

    (board,) = _texts(world, await world.say(ADA, "/leaderboard"))
    monday = t.date(date(2026, 11, 23), "EEE dd MMM")  # "Mo. 23 Nov.", "lun 23 nov"
    assert board.startswith(
        _translated(t, "🏆 {group} — this week (since {day})", group="Morning Crew", day=monday)
    )
    assert (
        _translated_n(t, "{count} more getting started", "{count} more getting started", 1) in board
    )

    calls = world.in_group(await world.say(ADA, "/challenge everyone meditates 3x this week"))
    text = calls[0][1]["text"]
    assert text.startswith(_translated(t, "New group challenge!"))
    assert _translated_n(t, "Each of you counts up to {count} check-in.",
                         "Each of you counts up to {count} check-ins.", 3) in text  # fmt: skip
    join = button(calls[0][1], t.gettext("Join challenge"))
    await world.press(BEN, join["callback_data"], in_group=True)
    board_calls = world.in_group(await world.check_in(BEN, meditate[0], DAY))
    assert button(board_calls[-1][1], t.gettext("Join challenge"))  # under the daily board too


async def test_a_new_group_is_welcomed_in_english_and_a_german_member_is_told_privately_in_german(
    world: GroupWorld, build: Builder
) -> None:
    de = translator("de")
    await _person(build, world, HANS, "Hans", "de", ["Laufen"])
    (welcome,) = _texts(world, await world.bot_status(HANS, "left", "member"))
    assert "Tap Join or send /join" in welcome  # the group has not chosen a language
    calls = await world.say(HANS, "/join")
    assert _texts(world, calls) == ["Welcome, Hans! 👋"]
    (question,) = world.to(HANS, calls)
    assert question.startswith(
        _translated(de, "You're in {group}. What should the group see? Now: {level}.",
                    group="Morning Crew", level=de.gettext("only that you checked in today"))
    )  # fmt: skip
    (leaderboard,) = _texts(world, await world.say(HANS, "/leaderboard"))
    assert "this week" in leaderboard  # his German /join did not leak into the group's next post


async def test_in_a_german_group_an_english_members_toast_and_private_replies_stay_english(
    world: GroupWorld, build: Builder, sessions: Sessions
) -> None:
    await _person(build, world, ADA, "Ada", "en", ["Run"])
    await world.bot_status(ADA, "left", "member")
    world.request.chat_members[ADA] = "creator"
    await world.say(ADA, "/groupsettings language de")
    calls = await world.say(ADA, "/join")
    assert _texts(world, calls) == ["Willkommen, Ada! 👋"]
    assert any("What should the group see?" in text for text in world.to(ADA, calls))
    group_id = await _group_id(sessions, world.chat_id)
    toasts = [p["text"] for m, p in await world.press(ADA, gb.simple("rank", group_id))
              if m == "answerCallbackQuery"]  # fmt: skip
    assert toasts == ["Saved"]
    (refused,) = _texts(world, await world.say(BEN, "/groupsettings board off"))
    assert refused == "Nur die Admins der Gruppe können ihre Einstellungen ändern."
    (elsewhere,) = _texts(world, await world.say(ADA, "/checkin"))
    assert elsewhere == translator("de").gettext(
        "Please send /{name} to me in a private chat.", name="checkin"
    )
    assert elsewhere.startswith("Schick mir")
    world.names[909] = "Zoe"  # someone who never used goalbot privately gets the deep link
    (link,) = world.in_group(await world.say(909, "/join"))
    assert link[1]["text"] == translator("de").gettext(
        "{name}, tap Join to start with me privately; you'll be in {group} right after.",
        name="Zoe", group="Morning Crew",
    )  # fmt: skip
    assert link[1]["text"].startswith("Zoe, tippe auf „Beitreten“")
    assert button(link[1], "Beitreten")["url"].startswith("https://t.me/")
