"""Floods and guessing: one slow-down note per flood however it trickles, every command
counted, and a few wrong invite codes an hour before a cool-down."""

from __future__ import annotations

import uuid

import pytest

from coach.limits import MemberLimits
from storage.db import Sessions
from tests.handlers.telegram.harness import Clock, make_services, telegram_chat


def test_a_flood_trickling_faster_than_the_rate_gets_one_note() -> None:
    now = [0.0]
    limits = MemberLimits(per_second=10, clock=lambda: now[0])
    member = uuid.uuid4()
    verdicts = []
    for _ in range(200):  # 200 messages at 20 a second: the bucket keeps letting some through
        verdicts.append(limits.admit(member))
        now[0] += 0.05
    assert verdicts.count(False) == 1 and verdicts.count(True) > 100
    now[0] += 2.0  # quiet: the flood is over, the next one gets its own note
    again = [limits.admit(member) for _ in range(12)]
    assert again.count(False) == 1


def test_a_few_wrong_invite_guesses_an_hour_then_a_cool_down(
    caplog: pytest.LogCaptureFixture,
) -> None:
    now = [0.0]
    limits = MemberLimits(per_second=10, clock=lambda: now[0], guesses_per_hour=5)
    member = uuid.uuid4()
    for _ in range(5):
        assert limits.guess_allowed(member)
        limits.wrong_guess(member)
        now[0] += 60
    assert not limits.guess_allowed(member)
    assert "cooling down" in caplog.text
    now[0] += 3600
    assert limits.guess_allowed(member)


async def test_start_and_mentor_count_and_codes_cool_down(sessions: Sessions) -> None:
    clock = Clock()
    services = make_services(sessions, clock, messages_per_second=5.0)
    chat = await telegram_chat(services, clock, user_id=777, methods=False)
    try:
        starts = [await chat.say("/start") for _ in range(12)]  # no time passes: one burst
        assert sum("faster than I can read" in s for s in starts) == 1
        assert starts[-1] == ""  # after the note: quiet
        clock.advance(seconds=5)
        await chat.say("Berlin")
        answers = []
        for n in range(12):
            clock.advance(seconds=2)  # within the message rate: only the guess limit applies
            answers.append(await chat.say(f"/mentor WRONG-{n:05d}"))
    finally:
        await chat.app.shutdown()
    bad = [a for a in answers if "not valid" in a]
    paused = [a for a in answers if "paused code checks" in a]
    assert (len(bad), len(paused)) == (5, 7)
    clock.advance(hours=1, seconds=1)
    assert services.limits is not None and services.limits.guess_allowed(
        await _member_id(services, 777)
    )


async def _member_id(services: object, telegram_id: int) -> uuid.UUID:
    from coach.members import by_telegram

    member = await by_telegram(services, telegram_user_id=telegram_id)  # type: ignore[arg-type]
    assert member is not None
    return member.id
