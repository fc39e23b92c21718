"""The same journey through the console sandbox, and `goalbot console` as a scripted process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from storage.db import Sessions
from storage.models import Erasure, User
from tests.handlers.telegram.harness import Clock, console_chat, make_services, run_dialog
from tests.handlers.telegram.test_journey import JOURNEY

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
async def test_the_whole_journey_in_the_console(sessions: Sessions, tmp_path: Path) -> None:
    clock = Clock()
    chat = console_chat(make_services(sessions, clock), tmp_path)
    answers = await run_dialog(chat, JOURNEY)
    progress = answers[[s for s, _ in JOURNEY].index("/progress")]
    assert "progress.png" in progress and (tmp_path / "progress.png").read_bytes()[:4] == b"\x89PNG"
    assert any(name.startswith("goalbot-export-") for name in os.listdir(tmp_path))
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(User)) == 0
        assert await session.scalar(select(func.count()).select_from(Erasure)) == 1


async def test_buttons_are_numbered_choices(sessions: Sessions, tmp_path: Path) -> None:
    clock = Clock()
    chat = console_chat(make_services(sessions, clock), tmp_path)
    answers = await run_dialog(chat, JOURNEY[:4])
    assert "[1] Save   [2] Change   [3] Cancel" in answers[-1]
    assert "Saved" in await chat.say("1")


async def test_before_start_the_console_asks_for_it(sessions: Sessions, tmp_path: Path) -> None:
    chat = console_chat(make_services(sessions, Clock()), tmp_path)
    assert "/start" in await chat.say("hello")


@pytest.mark.slow
def test_goalbot_console_runs_a_script_on_stdin(database_url: str, tmp_path: Path) -> None:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("GOALBOT_", "GEMINI_", "COACH_"))
    }
    env |= {"DATABASE_URL": database_url, "GOALBOT_DATA_DIR": str(tmp_path)}
    script = "/start\nLisbon\nI want to meditate every morning\n1\n/checkin\n1\n"
    result = subprocess.run([sys.executable, "-m", "bot", "console", "--fresh"], input=script,
                            capture_output=True, text=True, cwd=REPO, env=env, timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    out = result.stdout
    assert "Europe/Lisbon" in out and "[1] Save" in out and "Meditate: done. Streak 1" in out
    assert "Traceback" not in out
    assert (tmp_path / "journal.key").exists() and (tmp_path / "console-member").exists()
