"""/progress says whether the week is on track: 7-day adherence against COACH_ADHERENT_THRESHOLD."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage.db import Sessions
from tests.handlers.telegram.harness import Clock, console_chat, make_services

TWO_HABITS = "I want to read 20 pages and stretch every day"


async def _progress_after(sessions: Sessions, tmp_path: Path, threshold: float) -> str:
    """One habit done, the other missed today (7-day adherence 50 %), then /progress."""
    chat = console_chat(make_services(sessions, Clock(), adherent_threshold=threshold), tmp_path)
    for line in ("/start", "Berlin", TWO_HABITS, "1", "/checkin", "1"):
        answer = await chat.say(line)
    assert "[6] Missed" in answer, answer  # two habits, the first done
    await chat.say("6")
    return await chat.say("/progress")


@pytest.mark.parametrize(("threshold", "verdict"),
                         [(0.5, "on track this week"), (0.8, "below your weekly mark")])  # fmt: skip
async def test_the_week_is_on_track_at_the_threshold(
    sessions: Sessions, tmp_path: Path, threshold: float, verdict: str
) -> None:
    answer = await _progress_after(sessions, tmp_path, threshold)
    assert "7-day 50%" in answer and verdict in answer
