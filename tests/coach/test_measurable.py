"""Measurable habits: a target read from the plan's words, amounts, partial progress (#15)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from coach import checkins, members, plans
from coach.checkins import CheckinOutcome
from coach.targets import Target, parse_target
from storage.db import Sessions
from tests.handlers.telegram.harness import Clock, make_services


@pytest.mark.parametrize(
    ("words", "target"),
    [("Read 20 pages", Target(20, "pages", "day")),
     ("Run 15 km a week", Target(15, "km", "week")),
     ("meditate 10 min each morning", Target(10, "min", "day")),
     ("Walk 10,000 steps", Target(10000, "steps", "day")),
     ("run 2,5 km", Target(2.5, "km", "day")),
     ("Swim 3 hours per week", Target(3, "hours", "week")),
     ("Go to the gym", None), ("Stretch after 5pm", None), ("Call mum 2 times", None)],
)  # fmt: skip
def test_targets_are_read_from_the_habits_words(words: str, target: Target | None) -> None:
    assert parse_target(words) == target


async def test_a_partial_amount_counts_its_share(sessions: Sessions) -> None:
    clock = Clock(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))
    services = make_services(sessions, clock)
    welcome = await members.start_telegram(
        services, telegram_user_id=31, chat_id=31, name="Ada", username=None
    )
    member = welcome.member
    draft = await plans.draft(services, member=member, text="I want to read 20 pages every day")
    await plans.save(services, user_id=member.id, draft_id=draft.draft_id)
    (due,) = await checkins.due_today(services, member=member)
    assert due.target == Target(20, "pages", "day"), due
    half = await checkins.record(
        services, member=member, habit_id=due.habit_id, day=due.day, status="done", amount=12
    )
    assert isinstance(half, CheckinOutcome)
    assert half.progress == 12 and half.target == due.target
    assert half.score.adherence_7d == pytest.approx(0.6)
    full = await checkins.record(
        services, member=member, habit_id=due.habit_id, day=due.day, status="done", amount=25
    )
    assert isinstance(full, CheckinOutcome) and full.score.adherence_7d == pytest.approx(1.0)
    (_, _, figures), *_ = await checkins.habit_scores(services, member=member)
    assert figures.strength == pytest.approx(full.score.strength)
    # a plain Done press keeps the amount given before (the Done button means the target)
    again = await checkins.record(
        services, member=member, habit_id=due.habit_id, day=due.day, status="done"
    )
    assert isinstance(again, CheckinOutcome) and again.progress == 25
    # ... but one short of the target becomes the target: "Done 20 pages" after "read 4"
    await checkins.record(
        services, member=member, habit_id=due.habit_id, day=due.day, status="done", amount=4
    )
    pressed = await checkins.record(
        services, member=member, habit_id=due.habit_id, day=due.day, status="done"
    )
    assert isinstance(pressed, CheckinOutcome) and pressed.progress == 20
    assert pressed.score.adherence_7d == pytest.approx(1.0)
    (_, _, figures), *_ = await checkins.habit_scores(services, member=member)
    assert figures.strength == pytest.approx(pressed.score.strength)
