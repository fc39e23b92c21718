"""README: quiet hours (`COACH_QUIET_HOURS_*`) move the reminder to their end — set in the
environment, through the scheduler's reminder job."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.jobs import JobDeps, reminders_job
from bot.settings import load_settings
from storage.db import Sessions
from tests.fakes.builder import add_member
from tests.fakes.sender import RecordingSender


@pytest.mark.slow
async def test_quiet_hours_from_the_environment_hold_the_0700_reminder_until_0800(
    sessions: Sessions, clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACH_QUIET_HOURS_START", "22:00")
    monkeypatch.setenv("COACH_QUIET_HOURS_END", "08:00")
    await add_member(sessions, "Asia/Kolkata", 4101)  # reminder at 07:00 local (01:30 UTC)
    sender = RecordingSender()
    sent_at = []
    moment = datetime(2026, 6, 1, 0, 0, tzinfo=UTC)
    while moment < datetime(2026, 6, 1, 6, 0, tzinfo=UTC):
        deps = JobDeps(sessions, load_settings(), sender=sender, clock=lambda m=moment: m)
        if (await reminders_job(deps, moment)).get("sent"):
            sent_at.append(moment)
        moment += timedelta(minutes=5)
    assert sent_at == [datetime(2026, 6, 1, 2, 30, tzinfo=UTC)]  # 08:00 in Kolkata
    assert [r.chat_id for r in sender.reminders] == [4101]
