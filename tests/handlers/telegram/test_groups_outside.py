"""Accountability groups tried from outside, as members and admins use them, through the real
PTB Application: problems found playing whole weeks, each pinned by a test."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import select, update

from coach.scheduled.group_recaps import GroupSlot, compose_recap
from handlers import buttons
from handlers import group_buttons as gb
from storage.db import Sessions
from storage.models import Group, User
from tests.fakes.builder import Builder
from tests.handlers.telegram.group_world import GroupWorld, button, group_world, keyboard, member
from tests.handlers.telegram.harness import Clock, make_services

ADA, BEN, CY = 401, 402, 403
DAY = date(2026, 11, 25)  # the harness clock's day (a Wednesday) in Berlin


@pytest.fixture
async def world(sessions: Sessions) -> GroupWorld:
    """A fresh Application with an empty group."""
    clock = Clock()
    return await group_world(make_services(sessions, clock), clock)


async def _group_id(world: GroupWorld) -> Any:
    async with world.services.sessions() as session:
        return await session.scalar(select(Group.id).where(Group.telegram_chat_id == world.chat_id))


async def _joined(world: GroupWorld, user_id: int, level: str) -> None:
    await world.say(user_id, "/join")
    await world.press(user_id, gb.share(await _group_id(world), level))


async def _admin_in_group(world: GroupWorld, language: str | None = None) -> None:
    """goalbot added by Ada, the group's creator, who joins sharing all her habits."""
    await world.bot_status(ADA, "left", "member")
    world.request.chat_members[ADA] = "creator"
    if language is not None:
        await world.say(ADA, f"/groupsettings language {language}")
    await _joined(world, ADA, "all")


def _texts(world: GroupWorld, calls: list[tuple[str, dict[str, Any]]]) -> list[str]:
    return [p["text"] for _, p in world.in_group(calls)]


async def test_a_challenge_in_spanish_counts_the_times_it_names_and_the_habit_it_means(
    world: GroupWorld, build: Builder
) -> None:
    _, (meditar, correr) = await member(build, world, ADA, "Ana", ["Meditar 10 minutos", "Correr"])
    await _admin_in_group(world, "es")
    (started,) = world.in_group(
        await world.say(ADA, "/challenge todos meditan 3 veces esta semana")
    )
    assert "3 registros" in started[1]["text"]  # "Each of you counts up to 3 check-ins."
    await world.press(ADA, button(started[1], "reto")["callback_data"], in_group=True)
    await world.check_in(ADA, correr, DAY)  # a run is not meditating
    board = _texts(world, await world.check_in(ADA, meditar, DAY))[-1]
    assert "1/3 (33" in board


async def test_a_member_erased_with_forget_leaves_todays_board_at_once(
    world: GroupWorld, build: Builder
) -> None:
    _, (run,) = await member(build, world, ADA, "Ada", ["Run 5k"])
    _, (walk,) = await member(build, world, BEN, "Ben", ["Walk"])
    await world.bot_status(ADA, "left", "member")
    await _joined(world, ADA, "all")
    await _joined(world, BEN, "checked_in")
    await world.check_in(ADA, run, DAY)
    await world.check_in(BEN, walk, DAY)
    await world.private(ADA, "/forget")
    board = _texts(world, await world.press(ADA, "f:y"))
    assert board and "Ada" not in board[-1] and "Run 5k" not in board[-1]
    assert "✅ Ben checked in" in board[-1]


async def test_checked_in_sharing_shows_the_streak_the_member_is_told_privately(
    world: GroupWorld, build: Builder
) -> None:
    ben, (walk,) = await member(build, world, BEN, "Ben", ["Walk"])
    await world.bot_status(BEN, "left", "member")
    await _joined(world, BEN, "checked_in")
    await build.checkin(walk, ben, date(2026, 11, 23))
    await build.checkin(walk, ben, date(2026, 11, 24), status="skipped")  # a rest day, in budget
    calls = await world.check_in(BEN, walk, DAY)
    toast = next(p["text"] for m, p in calls if m == "answerCallbackQuery")
    assert "Streak 2" in toast  # his own figure: the skip kept the streak
    assert _texts(world, calls)[-1].splitlines()[1] == "✅ Ben checked in · 🔥2 days"
    assert "Ben 67% · 🔥2" in _texts(world, await world.say(BEN, "/leaderboard"))[0]


@pytest.mark.parametrize(
    ("command", "answer"),
    [("/start", "I read only commands here: /join"),
     ("/start@goalbot_test_bot", "I read only commands here: /join"),
     ("/groups", "Please send /groups to me in a private chat.")],
)  # fmt: skip
async def test_start_or_groups_typed_in_the_group_gets_a_pointer_not_silence(
    world: GroupWorld, build: Builder, command: str, answer: str
) -> None:
    await member(build, world, ADA, "Ada", ["Run"])
    await world.bot_status(ADA, "left", "member")
    world.names[CY] = "Cy"  # someone who never wrote to goalbot privately tries too
    for who in (ADA, CY):
        (text,) = _texts(world, await world.say(who, command))
        assert text.startswith(answer)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("language", "habit"),
    [("es", "Meditar 10 minutos"), ("de", "Meditieren"), ("fr", "Méditer"), ("pt", "Meditar")],
)
async def test_the_challenge_hint_gives_an_example_in_the_groups_language_that_works(
    world: GroupWorld, build: Builder, language: str, habit: str
) -> None:
    _, (run, meditate) = await member(build, world, ADA, "Ada", ["Run", habit])
    await _admin_in_group(world, language)
    (hint,) = _texts(world, await world.say(ADA, "/challenge"))
    example = re.search(r"/challenge ([^()]+?)\s*(?:\(|$)", hint)
    assert example is not None and "everyone" not in example.group(1)
    (started,) = world.in_group(await world.say(ADA, f"/challenge {example.group(1)}"))
    join = keyboard(started[1])[0][0]["callback_data"]
    await world.press(ADA, join, in_group=True)
    await world.check_in(ADA, run, DAY)  # not the challenge's habit
    board = _texts(world, await world.check_in(ADA, meditate, DAY))[-1]
    assert re.search(r"1/5 \(20\s?%\)", board)


@pytest.mark.parametrize(
    ("words", "language"),
    [("español", "es"), ("Spanish", "es"), ("Deutsch", "de"), ("francés", "fr"), ("PT", "pt")],
)
async def test_an_admin_may_name_the_groups_language_in_words(
    world: GroupWorld, build: Builder, sessions: Sessions, words: str, language: str
) -> None:
    await member(build, world, ADA, "Ada", ["Run"])
    await world.bot_status(ADA, "left", "member")
    world.request.chat_members[ADA] = "creator"
    (answer,) = _texts(world, await world.say(ADA, f"/groupsettings language {words}"))
    async with sessions() as session:
        group = await session.scalar(select(Group).where(Group.telegram_chat_id == world.chat_id))
    assert group is not None and group.language == language
    assert f": {language}" in answer


ANONYMOUS_ADMIN = 1087968824  # Telegram's GroupAnonymousBot: the sender of an anonymous admin


async def test_an_admin_posting_anonymously_as_the_group_is_an_admin(
    world: GroupWorld, build: Builder, sessions: Sessions
) -> None:
    await member(build, world, ADA, "Ada", ["Run"])
    await world.bot_status(ADA, "left", "member")
    world.names[ANONYMOUS_ADMIN] = "Group"
    as_group = {"sender_chat": world.chat()}
    (answer,) = _texts(
        world, await world.say(ANONYMOUS_ADMIN, "/groupsettings board off", **as_group)
    )
    assert "board: off" in answer
    (started,) = _texts(world, await world.say(ANONYMOUS_ADMIN, "/challenge walk 3x", **as_group))
    assert started.startswith("New group challenge!")
    # a member sending as some other channel is no admin of this group
    other = {"sender_chat": {"id": -100_999, "type": "channel", "title": "Elsewhere"}}
    (refused,) = _texts(world, await world.say(ANONYMOUS_ADMIN, "/groupsettings", **other))
    assert "only the group's admins" in refused.lower()


async def test_an_admin_check_telegram_cannot_answer_is_a_refusal_not_silence(
    world: GroupWorld, build: Builder
) -> None:
    await member(build, world, ADA, "Ada", ["Run"])
    await world.bot_status(ADA, "left", "member")
    answer = world.request.do_request

    async def member_not_found(url: str, method: str, request_data: Any = None, **kw: Any) -> Any:
        if url.endswith("/getChatMember"):  # Telegram: "Bad Request: member not found"
            error = {"ok": False, "error_code": 400, "description": "Bad Request: member not found"}
            return 400, json.dumps(error).encode()
        return await answer(url, method, request_data, **kw)

    world.request.do_request = member_not_found  # type: ignore[method-assign]
    (refused,) = _texts(world, await world.say(BEN, "/groupsettings board off"))
    assert "only the group's admins" in refused.lower()


async def test_choosing_only_some_goals_shares_none_until_one_is_ticked(
    world: GroupWorld, build: Builder
) -> None:
    _, (therapy,) = await member(build, world, ADA, "Ada", ["Therapy homework"])
    await world.bot_status(ADA, "left", "member")
    await _joined(world, ADA, "all")
    pick = await world.press(ADA, gb.share(await _group_id(world), "goals"))
    assert "▫️ Ada's goal" in str(pick)  # the screen says nothing is ticked…
    board = _texts(world, await world.check_in(ADA, therapy, DAY))[-1]
    assert "Therapy" not in board  # …so the group sees no habit of it
    assert "✅ Ada checked in" in board
    (mine,) = world.to(ADA, await world.private(ADA, "/groups"))
    assert "check-ins of the goals you chose" in mine


async def test_an_unknown_command_addressed_to_goalbot_in_the_group_gets_an_answer(
    world: GroupWorld, build: Builder
) -> None:
    await member(build, world, ADA, "Ada", ["Run"])
    await world.bot_status(ADA, "left", "member")
    (meant,) = _texts(world, await world.say(ADA, "/stats@goalbot_test_bot"))
    assert meant == "I don't know /stats. Did you mean /progress?"
    (pointer,) = _texts(world, await world.say(ADA, "/frobnicate@goalbot_test_bot"))
    assert pointer.startswith("I read only commands here: /join")
    # unaddressed, it may be another bot's in the same group: goalbot stays out of it
    assert _texts(world, await world.say(ADA, "/stats")) == []
    # and a command goalbot answers is answered once
    assert len(_texts(world, await world.say(ADA, "/leaderboard@goalbot_test_bot"))) == 1


async def test_after_a_time_zone_move_the_board_streak_is_still_the_members_own(
    world: GroupWorld, build: Builder, sessions: Sessions
) -> None:
    since = datetime(2026, 11, 1, tzinfo=UTC)
    ada = await build.member("Ada", "America/Los_Angeles", telegram_user_id=ADA,
                             telegram_chat_id=ADA, timezone_confirmed=True, created_at=since)  # fmt: skip
    goal = await build.goal(ada, "Move", None, created_at=since)
    sunday_evening = datetime(2026, 11, 23, 4, tzinfo=UTC)  # Sun 22 Nov, 20:00 in Los Angeles
    (walk,) = await build.habits(goal, [("Walk", "daily")], sunday_evening)
    world.names[ADA] = "Ada"
    for day in (22, 23, 24):
        await build.checkin(walk, ada, date(2026, 11, day))
    async with sessions.begin() as session:  # she moves to Tokyo (there it was Monday)
        await session.execute(update(User).where(User.id == ada.id).values(timezone="Asia/Tokyo"))
    await world.bot_status(ADA, "left", "member")
    await _joined(world, ADA, "all")
    calls = await world.check_in(ADA, walk, DAY)
    toast = next(p["text"] for m, p in calls if m == "answerCallbackQuery")
    assert "Streak 4" in toast
    assert "✅ Ada — Walk 🔥4" in _texts(world, calls)[-1]


async def test_the_monday_recap_does_not_place_a_member_who_turned_ranking_off(
    world: GroupWorld, build: Builder
) -> None:
    cy, (walk,) = await member(build, world, CY, "Cy", ["Walk"])
    await member(build, world, ADA, "Ada", ["Run"])
    await world.bot_status(ADA, "left", "member")
    await _joined(world, ADA, "all")
    await _joined(world, CY, "all")
    group_id = await _group_id(world)
    await world.press(CY, gb.simple("rank", group_id))  # Cy: "Ranking off"
    for day in range(23, 30):
        await build.checkin(walk, cy, date(2026, 11, day))
    world.clock.now = datetime(2026, 11, 30, 9, tzinfo=UTC)
    slot = GroupSlot(group_id, world.chat_id, "Morning Crew", "Europe/Berlin", date(2026, 11, 30))
    post = (await compose_recap(world.services, slot)).text
    assert "7/14" in post  # Cy's week counts in the group's total…
    assert "Cy" not in post  # …but Cy is on no podium and named as nobody's best


async def test_a_challenge_keyword_matches_a_word_of_the_habit_not_letters_inside_one(
    world: GroupWorld, build: Builder
) -> None:
    _, (brunch, run) = await member(build, world, ADA, "Ada", ["Brunch prep", "Run 5k"])
    await _admin_in_group(world)
    (started,) = world.in_group(await world.say(ADA, "/challenge everyone runs 2x this week"))
    await world.press(ADA, button(started[1], "Join challenge")["callback_data"], in_group=True)
    assert "0/2 (0%)" in _texts(world, await world.check_in(ADA, brunch, DAY))[-1]
    assert "1/2 (50%)" in _texts(world, await world.check_in(ADA, run, DAY))[-1]


@pytest.mark.parametrize("level", ["all", "checked_in"])
async def test_a_rest_day_skip_is_a_check_in_on_the_board_whatever_the_member_shares(
    world: GroupWorld, build: Builder, level: str
) -> None:
    _, (walk,) = await member(build, world, BEN, "Ben", ["Walk"])
    await world.bot_status(BEN, "left", "member")
    await _joined(world, BEN, level)
    calls = await world.press(BEN, buttons.checkin(walk.id, DAY, "skipped"))
    (board,) = _texts(world, calls)
    assert "✅ Ben checked in" in board and "Everyone has checked in today" in board
    assert "Walk" not in board and "skip" not in board.lower()  # nothing about the skip itself


async def test_a_part_amount_counts_its_share_in_the_group_as_in_the_members_own_figures(
    world: GroupWorld, build: Builder
) -> None:
    from storage.models import Habit

    ada, (read,) = await member(build, world, ADA, "Ada", ["Read 20 pages"])
    async with world.services.sessions() as session, session.begin():
        await session.execute(update(Habit).where(Habit.id == read.id).values(
            target_amount=20, target_unit="pages", target_period="day"))  # fmt: skip
    await _admin_in_group(world)
    for day in (23, 24):  # Monday and Tuesday: Done, the whole 20 pages
        await build.checkin(read, ada, date(2026, 11, day))
    calls = await world.private(ADA, "read 12 pages")
    assert any("12/20 pages" in text for text in world.to(ADA, calls))
    assert "✅ Ada — Read 20 pages" in _texts(world, calls)[-1]  # the board: she read today
    # Monday to Wednesday: 1 + 1 + 0.6 of three scheduled, as her own adherence counts them
    assert "Ada 87%" in _texts(world, await world.say(ADA, "/leaderboard"))[0]
    world.clock.now = datetime(2026, 11, 30, 9, tzinfo=UTC)
    slot = GroupSlot(await _group_id(world), world.chat_id, "Morning Crew", "Europe/Berlin",
                     date(2026, 11, 30))  # fmt: skip
    assert "2/7" in (await compose_recap(world.services, slot)).text  # 2.6: two whole ones
