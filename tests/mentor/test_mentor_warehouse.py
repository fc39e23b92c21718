"""The mentor side on the real analytics reader: PostgreSQL → sync → emulator → copilot, alerts."""

from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from coach.outbox import deliver_pending
from handlers.slack.notify import SlackMentorNotifier
from mentor import copilot, dashboard
from mentor.alerts import MentorCrisisAlerts, report_newly_high_risk
from storage.db import Sessions
from sync.analytics import Analytics
from sync.config import SnowflakeSettings, SyncSettings
from sync.pipeline import run_sync
from tests.fakes.mentoring import NOW, add_checkins, add_mentor, add_patient, add_plan, services
from tests.fakes.slack import FakeSlack


@pytest.mark.slow
async def test_answers_dashboard_and_alerts_read_the_synced_warehouse(
    sessions: Sessions, sync_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("SNOWFLAKE_ACCOUNT", "SNOWFLAKE_DATABASE", "SNOWFLAKE_SCHEMA", "SNOWFLAKE_HOST",
                 "SYNC_SETTLE_SECONDS"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    warehouse = SnowflakeSettings(database=f"M_{uuid.uuid4().hex[:12]}")
    mentor = await add_mentor(sessions, "U1", "Dr Rivera")
    anna = await add_patient(sessions, mentor, "Anna Smith", "anna")
    ben = await add_patient(sessions, mentor, "Ben Steady", "ben")
    start = NOW - timedelta(days=20)
    _, (run,) = await add_plan(sessions, anna, "Run a 5k", [("Run", "daily")], since=start)
    await add_checkins(sessions, anna, run, ["missed"] * 5 + ["done"] * 10)
    _, (walk,) = await add_plan(sessions, ben, "Walk", [("Walk", "daily")], since=start)
    await add_checkins(sessions, ben, walk, ["done"] * 15)
    report = await run_sync(sessions, warehouse, SyncSettings(settle_seconds=0), sync_data_dir,
                            as_of=NOW)  # fmt: skip
    assert report.status == "ok" and report.newly_high_risk == [anna.id]

    analytics = Analytics(warehouse, sync_data_dir)
    async with FakeSlack() as slack:
        notifier = SlackMentorNotifier(AsyncWebClient(token="xoxb-t", base_url=slack.api_url))
        svc = services(sessions, analytics=analytics, mentor_notifier=notifier)
        try:
            answer = await copilot.ask(svc, slack_user_id="U1", text="@anna risk what now?")
            board = await dashboard.build(svc, slack_user_id="U1", action="patients")
            told = await report_newly_high_risk(svc, report.newly_high_risk)
            again = await report_newly_high_risk(svc, report.newly_high_risk)
            alerts = MentorCrisisAlerts(sessions, notifier)
            await deliver_pending(
                sessions, alerts.outbox_kinds(), now=lambda: NOW
            )  # the outbox job
        finally:
            await analytics.close()

    assert answer.outcome == "answered" and answer.sources["used"] == ["postgresql", "snowflake"]
    assert answer.answer is not None and any(
        "Risk level high" in p for p in answer.answer.risk_patterns
    )
    assert [r.name for r in board.rows] == ["Anna Smith", "Ben Steady"]
    assert board.rows[0].risk_level == "high" and board.rows[1].adherence_7d == 1.0
    assert (told, again) == ([anna.id], [])
    (dm,) = slack.calls("chat.postMessage")
    assert dm["text"].startswith(":warning: Anna Smith is now at high risk (risk score")
