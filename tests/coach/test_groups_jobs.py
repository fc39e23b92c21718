"""The groups' scheduled work: the Monday recap, private nudges, challenge ends (#14)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from coach.groups import challenges, membership, nudges, registry
from coach.scheduled.group_recaps import GroupSlot, compose_recap
from storage.db import Sessions
from tests.fakes.builder import LONG_AGO, Builder
from tests.handlers.telegram.harness import Clock, make_services

MONDAY = date(2026, 11, 30)


async def _crew(build: Builder, services, names: list[str], level: str = "all"):
    group = await registry.added(services, chat_id=-42, title="Crew", adder_telegram_id=None)
    people = {}
    for i, name in enumerate(names):
        user = await build.member(name, "UTC", telegram_user_id=500 + i, telegram_chat_id=500 + i,
                                  timezone_confirmed=True, created_at=LONG_AGO)  # fmt: skip
        goal = await build.goal(user, "Move", None, created_at=LONG_AGO)
        (habit,) = await build.habits(goal, [("Walk", "daily")], LONG_AGO)
        await membership.join(services, group_id=group.id, user_id=user.id)
        await membership.set_share(services, group_id=group.id, user_id=user.id, level=level)
        people[name] = (user, habit)
    return group, people


async def _done(build: Builder, person, days) -> None:
    user, habit = person
    for day in days:
        await build.checkin(habit, user, day)


async def test_recap_names_figures_and_who_improved_never_who_did_nothing(
    sessions: Sessions, build: Builder
) -> None:
    services = make_services(sessions, Clock(datetime(2026, 11, 30, 9, tzinfo=UTC)))
    group, people = await _crew(build, services, ["Ada", "Ben", "Cy"])
    last_week = [MONDAY - timedelta(days=d) for d in range(1, 8)]
    await _done(build, people["Ada"], last_week)  # 7 of 7, after 2 the week before
    await _done(build, people["Ada"], [MONDAY - timedelta(days=9), MONDAY - timedelta(days=10)])
    await _done(build, people["Cy"], last_week[:3])
    slot = GroupSlot(group.id, group.chat_id, group.title, "UTC", MONDAY)
    post = (await compose_recap(services, slot)).text
    assert "Ada: 7/7 (100%)" in post and "Cy: 3/7 (43%)" in post
    assert "📈 Most improved: Ada, +5 check-ins" in post
    assert "Ben" not in post


async def test_a_member_behind_gets_one_private_nudge_a_week_unless_opted_out(
    sessions: Sessions, build: Builder
) -> None:
    thursday_17 = datetime(2026, 11, 26, 17, 5, tzinfo=UTC)
    clock = Clock(thursday_17)
    services = make_services(sessions, clock)
    group, people = await _crew(build, services, ["Ada", "Ben", "Cy"], level="checked_in")
    await _done(build, people["Ben"], [date(2026, 11, 23 + d) for d in range(4)])  # on track
    ada, cy = people["Ada"][0], people["Cy"][0]
    await membership.toggle_option(services, group_id=group.id, user_id=cy.id, option="nudge")
    sent = await nudges.due(services, now=thursday_17)
    assert [(n.chat_id, n.user_id) for n in sent] == [(ada.telegram_chat_id, ada.id)]
    assert (
        "0 of 4 check-ins this week" in sent[0].text and "Turn these off in /groups" in sent[0].text
    )
    assert await nudges.due(services, now=thursday_17 + timedelta(minutes=15)) == []
    assert await nudges.due(services, now=thursday_17 + timedelta(days=1)) == []  # same week
    next_week = await nudges.due(services, now=thursday_17 + timedelta(days=7))
    assert {n.user_id for n in next_week} == {ada.id, people["Ben"][0].id}  # Ben fell behind too


async def test_a_challenge_end_is_posted_once_with_who_reached_it(
    sessions: Sessions, build: Builder
) -> None:
    clock = Clock(datetime(2026, 11, 25, 9, tzinfo=UTC))
    services = make_services(sessions, clock)
    group, people = await _crew(build, services, ["Ada", "Ben"])
    info = await registry.by_chat(services, chat_id=-42)
    assert info is not None
    started = await challenges.start(
        services, group=info, words="everyone walks 2x this week", by=None
    )
    assert isinstance(started, challenges.ChallengeStarted)
    for name in ("Ada", "Ben"):
        await challenges.opt_in(
            services, challenge_id=started.progress.challenge_id, user_id=people[name][0].id
        )
    await _done(build, people["Ada"], [date(2026, 11, 25), date(2026, 11, 26)])
    await _done(build, people["Ben"], [date(2026, 11, 26)])
    assert await challenges.finish_due(services) == []  # still running
    clock.now = datetime(2026, 11, 30, 0, 30, tzinfo=UTC)
    (ended,) = await challenges.finish_due(services)
    assert (ended.chat_id, ended.progress.done, ended.progress.goal, ended.progress.reached) == (
        -42,
        3,
        4,
        ("Ada",),
    )
    assert await challenges.finish_due(services) == []
    assert await challenges.running(services, group_id=group.id) is None
