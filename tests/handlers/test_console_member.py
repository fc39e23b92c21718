"""The member experience of #15 in the console sandbox: the same dialog, numbered choices."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from storage.db import Sessions
from tests.handlers.telegram.harness import Clock, console_chat, make_services, run_dialog


@pytest.mark.slow
async def test_progress_editing_settings_and_export_in_the_console(
    sessions: Sessions, tmp_path: Path
) -> None:
    clock = Clock()
    chat = console_chat(make_services(sessions, clock), tmp_path)
    await run_dialog(chat, [
        ("/start", r"time zone"), ("Berlin", r"Europe/Berlin"),
        ("I want to play guitar 3 times a week", r"plan"), ("[Save]", r"Saved"),
        ("/progress guitar", r"Your progress.*guitar.*progress\.png"),
        ("/goals", r"guitar.*Pause.*Archive.*Edit"),
        ("[Pause]", r"now paused.*Resume"),
        ("[Resume]", r"now active again.*Pause"),
        ("[Archive]", r"Archive .*\?.*Yes, archive.*Keep it"),
        ("[Yes, archive]", r"archived; its history is kept.*Undo"),
        ("/goals archived", r"\(archived\).*Restore"),
        ("[Restore]", r"back among your goals"),
        ("/edit remind me about guitar at 18:00", r"reminders at 18:00"),
        ("/settings reminder off", r"Reminders are off"),
        ("/settings", r"reminder: 07:00 \(off\).*Reminders on"),
        ("[Reminders on]", r"\(on\)"),
        ("/mentor", r"CODE"),
        ("/export", r"CSV.*goalbot-export-.*\.zip"),
    ])  # fmt: skip
    assert (tmp_path / "progress.png").read_bytes()[:4] == b"\x89PNG"
    assert any(name.endswith(".zip") for name in os.listdir(tmp_path))
