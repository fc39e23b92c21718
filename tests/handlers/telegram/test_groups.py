"""Accountability groups through the real PTB Application: added, joined, boards, leaderboard,
challenges, settings for admins only, privacy and safety in the group (#14)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from coach.groups.registry import join_code
from coach.safety import country_for, safety_message
from handlers import group_buttons as gb
from storage.db import Sessions
from storage.models import Group, GroupMembership, SafetyEvent
from tests.fakes.builder import Builder
from tests.handlers.telegram.group_world import GroupWorld, button, group_world, keyboard, member
from tests.handlers.telegram.harness import Clock, make_services

ADA, BEN, CY, STRANGER = 101, 102, 103, 909
DAY = date(2026, 11, 25)  # the harness clock's day (a Wednesday) in Berlin


@pytest.fixture
async def world(sessions: Sessions) -> GroupWorld:
    """A fresh Application with an empty group."""
    clock = Clock()
    return await group_world(make_services(sessions, clock), clock)


async def _group(sessions: Sessions, chat_id: int) -> Group:
    async with sessions() as session:
        group = await session.scalar(select(Group).where(Group.telegram_chat_id == chat_id))
    assert group is not None
    return group


async def _joined(world: GroupWorld, user_id: int, level: str = "all") -> None:
    await world.say(user_id, "/join")
    group = await _group(world.services.sessions, world.chat_id)
    await world.press(user_id, gb.share(group.id, level))


async def test_added_to_a_group_registers_it_in_the_adders_zone_and_posts_join(
    world: GroupWorld, build: Builder, sessions: Sessions
) -> None:
    await member(build, world, ADA, "Ada", ["Run"], tz="America/New_York")
    calls = world.in_group(await world.bot_status(ADA, "left", "member"))
    assert len(calls) == 1
    text, join = calls[0][1]["text"], button(calls[0][1], "Join")
    assert "never your journal" in text.lower() and "only see commands" in text.lower()
    group = await _group(sessions, world.chat_id)
    assert group.timezone == "America/New_York" and group.title == "Morning Crew" and group.active
    assert join["url"] == f"https://t.me/goalbot_test_bot?start={join_code(group.id)}"


async def test_added_by_a_stranger_to_a_supergroup_uses_the_default_zone(
    sessions: Sessions,
) -> None:
    clock = Clock()
    services = make_services(sessions, clock, default_timezone="Europe/Paris")
    world = await group_world(services, clock, chat_type="supergroup")
    await world.bot_status(STRANGER, "left", "administrator")
    assert (await _group(sessions, world.chat_id)).timezone == "Europe/Paris"


async def test_removed_group_goes_inactive_and_gets_no_board(
    world: GroupWorld, build: Builder, sessions: Sessions
) -> None:
    _, (run,) = await member(build, world, ADA, "Ada", ["Run"])
    await world.bot_status(ADA, "left", "member")
    await _joined(world, ADA)
    await world.bot_status(BEN, "member", "kicked")
    assert not (await _group(sessions, world.chat_id)).active
    assert world.in_group(await world.check_in(ADA, run, DAY)) == []


async def test_a_command_in_a_group_never_registered_registers_it(
    world: GroupWorld, sessions: Sessions
) -> None:
    answer = world.in_group(await world.say(ADA, "/leaderboard"))  # added while goalbot was down
    assert "Nobody has joined yet" in answer[0][1]["text"]
    assert (await _group(sessions, world.chat_id)).title == "Morning Crew"


async def test_supergroup_upgrade_keeps_members_and_title_changes_are_followed(
    world: GroupWorld, build: Builder, sessions: Sessions
) -> None:
    await member(build, world, ADA, "Ada", ["Run"])
    await world.bot_status(ADA, "left", "member")
    await _joined(world, ADA)
    old = await _group(sessions, world.chat_id)
    await world.say(ADA, "", migrate_to_chat_id=-1_000_000_777)
    world.chat_id, world.chat_type = -1_000_000_777, "supergroup"
    await world.say(ADA, "", new_chat_title="Dawn Crew")
    new = await _group(sessions, world.chat_id)
    async with sessions() as session:
        members = await session.scalar(select(func.count()).select_from(GroupMembership)
                                       .where(GroupMembership.group_id == new.id))  # fmt: skip
    assert new.id == old.id and new.title == "Dawn Crew" and members == 1


async def test_join_shares_the_least_by_default_and_the_board_is_edited_in_place(
    world: GroupWorld, build: Builder
) -> None:
    _, (run, read) = await member(build, world, ADA, "Ada", ["Run 5k", "Read"])
    _, (lift,) = await member(build, world, BEN, "Ben", ["Secret therapy homework"])
    await world.bot_status(ADA, "left", "member")
    calls = await world.say(ADA, "/join")
    assert "welcome, ada" in world.in_group(calls)[0][1]["text"].lower()
    assert "only that you checked in today" in world.to(ADA, calls)[0]
    await _joined(world, ADA, "all")
    await world.say(BEN, "/join")  # Ben keeps the default: only "checked in"
    first = world.in_group(await world.check_in(ADA, run, DAY))
    assert [m for m, _ in first] == ["sendMessage"]
    text = first[0][1]["text"]
    assert "✅ Ada — Run 5k" in text and "1 more can still check in today" in text
    second = world.in_group(await world.check_in(BEN, lift, DAY))
    assert [m for m, _ in second] == ["editMessageText"]
    text = second[0][1]["text"]
    assert "✅ Ben checked in" in text and "therapy" not in text.lower()
    third = world.in_group(await world.check_in(ADA, read, DAY))
    assert [m for m, _ in third] == ["editMessageText"]
    assert third[0][1]["message_id"] == second[0][1]["message_id"]
    assert "Everyone has checked in today" in third[0][1]["text"]


async def test_a_check_in_by_message_counts_on_the_board(world: GroupWorld, build: Builder) -> None:
    await member(build, world, ADA, "Ada", ["Meditate"])
    await world.bot_status(ADA, "left", "member")
    await _joined(world, ADA, "all")
    calls = await world.private(ADA, "meditated this morning")
    assert "✅ Ada — Meditate" in world.in_group(calls)[0][1]["text"]


async def test_a_newcomer_joins_through_the_deep_link(
    world: GroupWorld, sessions: Sessions
) -> None:
    await world.bot_status(ADA, "left", "member")
    world.names[STRANGER] = "Zoe"
    calls = await world.say(STRANGER, "/join")
    link = button(world.in_group(calls)[0][1], "Join")["url"]
    payload = link.split("?start=")[1]
    calls = await world.private(STRANGER, f"/start {payload}")
    assert "Welcome, Zoe" in " ".join(p["text"] for _, p in world.in_group(calls))
    assert any("What should the group see?" in t for t in world.to(STRANGER, calls))
    async with sessions() as session:
        count = await session.scalar(select(func.count()).select_from(GroupMembership))
    assert count == 1


@pytest.mark.slow
async def test_leaderboard_ranks_ties_together_and_names_nobody_at_zero(
    world: GroupWorld, build: Builder
) -> None:
    people = {ADA: "Ada", BEN: "Ben", CY: "Cy", 104: "Dee"}
    habits = {
        uid: (await member(build, world, uid, name, ["Walk"]))[1][0] for uid, name in people.items()
    }
    await world.bot_status(ADA, "left", "member")
    for uid in people:
        await _joined(world, uid, "all")
    for uid in (ADA, BEN):
        for back in range(3):  # Mon, Tue, Wed all done: 100 %
            await build.checkin(habits[uid], await _user(build, uid), date(2026, 11, 23 + back))
    await build.checkin(habits[CY], await _user(build, CY), DAY)
    group = await _group(world.services.sessions, world.chat_id)
    await world.press(CY, gb.simple("rank", group.id))  # Cy takes part without a place
    text = world.in_group(await world.say(BEN, "/leaderboard"))[0][1]["text"]
    assert "=1. Ada 100% · 🔥3" in text and "=1. Ben 100% · 🔥3" in text
    assert "Cy" not in text and "Dee" not in text
    assert "1 more getting started" in text and "1 taking part without ranking" in text


async def _user(build: Builder, telegram_id: int):
    from storage.models import User

    async with build.sessions() as session:
        return await session.scalar(select(User).where(User.telegram_user_id == telegram_id))


@pytest.mark.slow
async def test_challenge_is_for_admins_members_opt_in_and_the_board_shows_progress(
    world: GroupWorld, build: Builder
) -> None:
    _, (med,) = await member(build, world, ADA, "Ada", ["Meditate 10 min"])
    await member(build, world, BEN, "Ben", ["Run"])
    await world.bot_status(ADA, "left", "member")
    await _joined(world, ADA)
    await _joined(world, BEN)
    world.request.chat_members[ADA] = "administrator"
    refused = world.in_group(await world.say(BEN, "/challenge everyone runs 3x"))
    assert "only the group's admins" in refused[0][1]["text"].lower()
    calls = world.in_group(await world.say(ADA, "/challenge everyone meditates 5x this week"))
    assert "New group challenge" in calls[0][1]["text"] and "0/0" in calls[0][1]["text"]
    join = button(calls[0][1], "Join challenge")["callback_data"]
    busy = world.in_group(await world.say(ADA, "/challenge walk 2x"))[0][1]["text"]
    assert "already running" in busy and "meditates 5x" in busy
    await world.press(ADA, join, in_group=True)
    calls = world.in_group(await world.check_in(ADA, med, DAY))
    assert "🏁 Challenge: everyone meditates 5x this week — 1/5 (20%), 1 in" in calls[-1][1]["text"]


async def test_group_settings_only_for_admins(
    world: GroupWorld, build: Builder, sessions: Sessions
) -> None:
    await member(build, world, ADA, "Ada", ["Run"])
    await world.bot_status(ADA, "left", "member")
    world.request.chat_members[ADA] = "creator"
    no = world.in_group(await world.say(BEN, "/groupsettings board off"))
    assert "only the group's admins" in no[0][1]["text"].lower()
    yes = world.in_group(await world.say(ADA, "/groupsettings timezone Tokyo"))
    assert "timezone: Asia/Tokyo" in yes[0][1]["text"]
    await world.say(ADA, "/groupsettings board off")
    await world.say(ADA, "/groupsettings language de")  # the board and recap's language (#16)
    group = await _group(sessions, world.chat_id)
    assert group.timezone == "Asia/Tokyo" and not group.board_enabled and group.language == "de"
    asked = [p for m, p in world.request.calls if m == "getChatMember"]
    assert {int(p["user_id"]) for p in asked} == {ADA, BEN}


async def test_crisis_words_to_the_bot_in_a_group_get_the_safety_reply_and_are_not_repeated(
    world: GroupWorld, build: Builder, sessions: Sessions
) -> None:
    await member(build, world, ADA, "Ada", ["Run"])
    await world.bot_status(ADA, "left", "member")
    calls = world.in_group(await world.reply_to_bot(ADA, "honestly I want to end my life"))
    text = calls[0][1]["text"]
    assert text.startswith(safety_message("en", country_for("Europe/Berlin")))
    assert "message me privately" in text and "end my life" not in text
    async with sessions() as session:
        events = list(await session.scalars(select(SafetyEvent)))
    assert [e.source for e in events] == ["group"]
    plain = world.in_group(await world.reply_to_bot(ADA, "nice board!"))
    assert "only commands" in plain[0][1]["text"]


async def test_groups_lists_memberships_with_leave_and_forget_removes_them(
    world: GroupWorld, build: Builder, sessions: Sessions
) -> None:
    _, (run,) = await member(build, world, ADA, "Ada", ["Run"])
    await world.bot_status(ADA, "left", "member")
    await _joined(world, ADA, "goals")
    group = await _group(sessions, world.chat_id)
    chosen = await world.press(ADA, gb.goal(group.id, run.goal_id))
    assert "✅ Ada's goal" in str(chosen)
    calls = await world.private(ADA, "/groups")
    assert (
        "Morning Crew: the group sees check-ins of the goals you chose" in world.to(ADA, calls)[0]
    )
    export = await world.private(ADA, "/export")
    document = [p for m, p in export if m == "sendDocument"]
    assert document  # the file itself is checked in tests/coach (groups in the export)
    left = await world.press(ADA, gb.simple("leave", group.id))
    assert "You left the group." in world.to(ADA, left)
    await _joined(world, ADA)
    await world.press(ADA, "f:y")
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(GroupMembership)) == 0


async def test_leave_in_the_group_or_privately(
    world: GroupWorld, build: Builder, sessions: Sessions
) -> None:
    await member(build, world, ADA, "Ada", ["Run"])
    await world.bot_status(ADA, "left", "member")
    await _joined(world, ADA)
    left = world.in_group(await world.say(ADA, "/leave"))
    assert "Ada left the group" in left[0][1]["text"]
    assert "not in this group" in world.in_group(await world.say(ADA, "/leave"))[0][1]["text"]
    await _joined(world, ADA)
    private = await world.private(ADA, "/leave")
    assert "Morning Crew: the group sees" in world.to(ADA, private)[0]
    assert [b["text"] for b in button_rows(private, ADA)[-1]] == ["Leave"]


def button_rows(calls: list, chat_id: int) -> list:
    """The inline keyboard of the last message sent to `chat_id`."""
    sent = [p for m, p in calls if m == "sendMessage" and int(p["chat_id"]) == chat_id]
    return keyboard(sent[-1])


async def test_added_again_after_removal_the_group_is_active_with_its_members(
    world: GroupWorld, build: Builder, sessions: Sessions
) -> None:
    _, (run,) = await member(build, world, ADA, "Ada", ["Run"])
    await world.bot_status(ADA, "left", "member")
    await _joined(world, ADA)
    await world.bot_status(ADA, "member", "left")
    again = world.in_group(await world.bot_status(ADA, "left", "member"))
    assert "Tap Join" in again[0][1]["text"] and (await _group(sessions, world.chat_id)).active
    assert "✅ Ada — Run" in world.in_group(await world.check_in(ADA, run, DAY))[0][1]["text"]


async def test_a_supergroup_gets_its_board_and_ignores_text_not_addressed_to_the_bot(
    sessions: Sessions, build: Builder
) -> None:
    clock = Clock()
    world = await group_world(make_services(sessions, clock), clock, chat_type="supergroup")
    _, (run,) = await member(build, world, ADA, "Ada", ["Run"])
    await world.bot_status(ADA, "left", "administrator")
    await _joined(world, ADA, "checked_in")
    assert world.in_group(await world.say(ADA, "morning all, ran early today")) == []
    board = world.in_group(await world.check_in(ADA, run, DAY))
    assert board[0][1]["text"].splitlines()[1] == "✅ Ada checked in"


async def test_an_upgrade_announced_in_the_new_supergroup_first_still_keeps_the_group(
    world: GroupWorld, build: Builder, sessions: Sessions
) -> None:
    await member(build, world, ADA, "Ada", ["Run"])
    await world.bot_status(ADA, "left", "member")
    await _joined(world, ADA)
    old = await _group(sessions, world.chat_id)
    old_chat, world.chat_id, world.chat_type = world.chat_id, -1_000_000_778, "supergroup"
    await world.bot_status(ADA, "left", "member")  # Telegram: the bot is in the new supergroup
    await world.say(ADA, "", migrate_from_chat_id=old_chat)
    new = await _group(sessions, world.chat_id)
    async with sessions() as session:
        groups = await session.scalar(select(func.count()).select_from(Group))
    assert (new.id, new.active, groups) == (old.id, True, 1)
