"""The group core without a transport: challenge words, the export, and board coalescing (#14)."""

from __future__ import annotations

import json
from datetime import date
from itertools import pairwise

import pytest

from coach import data
from coach.checkins import CheckinEvent, record
from coach.groups import challenges, membership, registry
from coach.members import get
from handlers.group_boards import BoardPublisher
from handlers.present import Reply
from storage.db import Sessions
from tests.fakes.builder import LONG_AGO, Builder
from tests.handlers.telegram.harness import Clock, make_services

WED = date(2026, 11, 25)


def test_challenge_words_give_count_keyword_and_period() -> None:
    assert challenges.parse("everyone meditates 5x this week", WED) == (
        5,
        "meditat",
        date(2026, 11, 29),
    )
    assert challenges.parse("Let's all run 3 times in 10 days", WED) == (
        3,
        "run",
        date(2026, 12, 4),
    )
    assert challenges.parse("read today", WED) == (5, "read", WED)
    # late in the week with no period named: a full 7 days instead of a day or two
    assert challenges.parse("walk 4x", date(2026, 11, 28))[2] == date(2026, 12, 4)


class Recorder:
    """A board transport that records each write with the simulated time."""

    def __init__(self, clock: list[float]) -> None:
        self.clock, self.writes = clock, []

    async def post(self, chat_id: int, reply: Reply) -> int | None:
        self.writes.append(("post", chat_id, self.clock[0], reply.text))
        return len(self.writes)

    async def edit(self, chat_id: int, message_id: int, reply: Reply) -> bool:
        self.writes.append(("edit", chat_id, self.clock[0], reply.text))
        return True


async def _crew(build: Builder, services, size: int):
    group = await registry.added(services, chat_id=-5, title="Crew", adder_telegram_id=None)
    people = []
    for i in range(size):
        user = await build.member(f"M{i}", "UTC", telegram_user_id=i + 1, timezone_confirmed=True,
                                  created_at=LONG_AGO)  # fmt: skip
        goal = await build.goal(user, "Walk", None, created_at=LONG_AGO)
        (habit,) = await build.habits(goal, [("Walk", "daily")], LONG_AGO)
        await membership.join(services, group_id=group.id, user_id=user.id)
        await membership.set_share(services, group_id=group.id, user_id=user.id, level="all")
        people.append((await get(services, user_id=user.id), habit))
    return group, people


@pytest.mark.slow
async def test_check_ins_in_a_burst_cost_one_write_per_interval(
    sessions: Sessions, build: Builder
) -> None:
    clock = Clock()
    services = make_services(sessions, clock)
    _, people = await _crew(build, services, 6)
    now = [0.0]
    transport = Recorder(now)
    publisher = BoardPublisher(services, transport, group_interval=6.0, per_second=10,
                               clock=lambda: now[0], schedule=False)  # fmt: skip
    services.checkin_listeners.append(publisher.on_checkin)
    for second, (member, habit) in enumerate(people):
        now[0] = float(second)  # one check-in a second, six in all
        await record(services, member=member, habit_id=habit.id, day=WED, status="done")
        await publisher.flush(now[0])
    while publisher.pending:
        now[0] += 1.0
        await publisher.flush(now[0])
    times = [t for _, _, t, _ in transport.writes]
    assert [k for k, *_ in transport.writes] == ["post", "edit"]  # six check-ins, two writes
    assert times == [0.0, 6.0] and "Everyone has checked in today" in transport.writes[-1][3]


async def test_a_check_in_marks_a_board_only_while_the_member_is_in_a_group_with_one(
    sessions: Sessions, build: Builder
) -> None:
    services = make_services(sessions, Clock())
    group, [(member, habit)] = await _crew(build, services, 1)
    publisher = BoardPublisher(services, Recorder([0.0]), clock=lambda: 0.0, schedule=False)
    services.checkin_listeners.append(publisher.on_checkin)
    await record(services, member=member, habit_id=habit.id, day=WED, status="done")
    assert publisher.pending == 1  # in the crew: its board changes
    await publisher.flush(0.0)
    await registry.change_setting(services, group=group, args="board off")
    await record(services, member=member, habit_id=habit.id, day=WED, status="skipped")
    assert publisher.pending == 0  # the group shows no board now
    await registry.change_setting(services, group=group, args="board on")
    await membership.leave(services, group_id=group.id, user_id=member.id)
    await record(services, member=member, habit_id=habit.id, day=WED, status="done")
    assert publisher.pending == 0  # in no group any more


async def test_export_lists_the_members_groups_and_choices(
    sessions: Sessions, build: Builder
) -> None:
    clock = Clock()
    services = make_services(sessions, clock)
    group, [(member, _)] = await _crew(build, services, 1)
    await membership.toggle_option(services, group_id=group.id, user_id=member.id, option="rank")
    export = json.loads((await data.export(services, member=member)).content)
    assert export["groups"] == [{
        "group_id": str(group.id), "joined_at": export["groups"][0]["joined_at"], "share_level": "all",
        "rank_opt_out": True, "nudge_opt_out": False, "title": "Crew", "shared_goal_ids": []}]  # fmt: skip


@pytest.mark.slow
async def test_two_processes_post_the_board_once_and_keep_the_pace_together(
    sessions: Sessions, build: Builder
) -> None:
    services = make_services(sessions, Clock())
    _, people = await _crew(build, services, 6)
    now = [0.0]
    transport = Recorder(now)
    # two processes: each its own publisher (own memory), one database, one Telegram chat
    a, b = (BoardPublisher(services, transport, group_interval=6.0, per_second=10,
                           clock=lambda: now[0], schedule=False) for _ in range(2))  # fmt: skip
    for second, (member, habit) in enumerate(people):
        now[0] = float(second)
        await record(services, member=member, habit_id=habit.id, day=WED, status="done")
        here = (a, b)[second % 2]  # the webhook's updates land on either process
        await here.on_checkin(CheckinEvent(member.id, habit.id, WED, "done", None))
        await a.flush(now[0])
        await b.flush(now[0])
    while a.pending or b.pending:
        now[0] += 1.0
        await a.flush(now[0])
        await b.flush(now[0])
    kinds = [k for k, *_ in transport.writes]
    times = [t for _, _, t, _ in transport.writes]
    assert kinds.count("post") == 1 and all(t2 - t1 >= 6.0 for t1, t2 in pairwise(times))
    assert "Everyone has checked in today" in transport.writes[-1][3]
