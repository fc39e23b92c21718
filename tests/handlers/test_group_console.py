"""`goalbot console --group`: several simulated members play a group (#14)."""

from __future__ import annotations

import re
from pathlib import Path

from handlers.group_console import GroupConsole
from storage.db import Sessions
from tests.handlers.telegram.harness import Clock, make_services


async def test_members_join_check_in_and_see_the_board_leaderboard_and_challenge(
    sessions: Sessions, tmp_path: Path
) -> None:
    console = GroupConsole(make_services(sessions, Clock()), out_dir=tmp_path)
    steps = [
        ("/as Ada", "Hi Ada!.*Join: https://t.me/goalbot\\?start=j"),
        ("/join", "Welcome, Ada!.*What should the group see"),
        ("1", "the group sees check-ins of all your habits"),
        ("/dm /goal meditate every day", "Here's a plan"),
        ("/dm 1", "Saved"),
        ("Ben: /join", "Welcome, Ben!"),
        ("Ben: /dm /goal walk daily", "Here's a plan"),
        ("Ben: /dm 1", "Saved"),
        ("Ben: /challenge everyone walks 3x", "Only the group's admins"),
        ("Ada: /challenge everyone meditates 5x this week", "New group challenge"),
        ("1", "You're in the challenge"),
        ("/dm /checkin", "Meditate"),
        (
            "/dm 1",
            "goalbot \\(board\\)> .*✅ Ada — Meditate.*1 more can still check in.*1/5 \\(20%\\)",
        ),
        ("Ben: /dm /checkin", "Walk"),
        ("Ben: /dm 1", "board, edited.*✅ Ben checked in.*Everyone has checked in today"),
        ("/leaderboard", "=1. Ada 100%.*=1. Ben 100%"),
        ("Cy: I want to end my life", "Samaritans.*message me privately"),
    ]
    for said, expected in steps:
        shown = await console.handle(said)
        assert re.search(expected, shown, re.DOTALL), (
            f"after {said!r} expected {expected!r}:\n{shown}"
        )
        assert "end my life" not in shown
