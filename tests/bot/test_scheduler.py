"""The scheduler: aligned fire times, each job run once across schedulers, misfires skipped."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot.jobs import JobDeps, _posts, job_specs
from bot.leader import LeaderElection
from bot.scheduler import Every, JobRunner, JobSpec, Scheduler
from bot.settings import load_settings
from coach.scheduled import reviews
from coach.scheduled.delivery import Sent
from coach.scheduled.reminders import send_due_reminders
from storage.db import Sessions
from storage.models import JobRun
from tests.fakes.builder import add_member
from tests.fakes.sender import RecordingSender

GRACE = timedelta(minutes=15)
LOCK_KEY = 7_400_555


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def test_every_floors_to_aligned_fire_times() -> None:
    five = Every(timedelta(minutes=5))
    assert five.floor(datetime(2026, 6, 1, 7, 13, 59, tzinfo=UTC)) == datetime(
        2026, 6, 1, 7, 10, tzinfo=UTC
    )
    hourly = Every(timedelta(hours=1), timedelta(minutes=1))
    assert hourly.floor(datetime(2026, 6, 1, 7, 0, 30, tzinfo=UTC)) == datetime(
        2026, 6, 1, 6, 1, tzinfo=UTC
    )
    trigger = five.trigger()
    after = datetime(2026, 6, 1, 7, 11, tzinfo=UTC)
    assert trigger.get_next_fire_time(None, after) == datetime(2026, 6, 1, 7, 15, tzinfo=UTC)


@pytest.mark.slow
async def test_two_schedulers_send_each_reminder_once(sessions: Sessions) -> None:
    for chat, zone in enumerate(("UTC", "Europe/Berlin", "Asia/Kolkata", "America/New_York")):
        await add_member(sessions, zone, 500 + chat)
    settings = load_settings()
    clock = Clock(datetime(2026, 6, 1, 0, 0, tzinfo=UTC))
    senders = [RecordingSender(), RecordingSender()]
    runners = [JobRunner(sessions, grace=GRACE, clock=clock) for _ in senders]
    specs = [
        {s.name: s for s in job_specs(JobDeps(sessions, settings, sender=sender, clock=clock))}
        for sender in senders
    ]
    outcomes = []
    while clock.now < datetime(2026, 6, 2, tzinfo=UTC):
        both = await asyncio.gather(
            *(r.fire(s["reminders"]) for r, s in zip(runners, specs, strict=True))
        )
        outcomes.append(sorted(both))
        clock.now += timedelta(minutes=15)
    assert all(pair == ["done", "duplicate"] for pair in outcomes)
    sent = [item.chat_id for sender in senders for item in sender.reminders]
    assert sorted(sent) == [500, 501, 502, 503]


async def test_a_run_later_than_the_grace_period_is_skipped(sessions: Sessions) -> None:
    calls: list[datetime] = []

    async def body(fire_time: datetime) -> None:
        calls.append(fire_time)

    fire_time = datetime(2026, 6, 1, 7, 0, tzinfo=UTC)
    late = JobRunner(sessions, grace=GRACE, clock=Clock(fire_time + timedelta(minutes=16)))
    assert await late.run("reminders", fire_time, body) == "missed"
    on_time = JobRunner(sessions, grace=GRACE, clock=Clock(fire_time + timedelta(minutes=14)))
    assert await on_time.run("reminders", fire_time, body) == "done"
    assert await on_time.run("reminders", fire_time, body) == "duplicate"
    assert calls == [fire_time]


async def test_a_failing_job_is_recorded_and_the_next_firing_runs(sessions: Sessions) -> None:
    async def broken(fire_time: datetime) -> None:
        raise RuntimeError("warehouse down")

    clock = Clock(datetime(2026, 6, 1, 7, 0, 5, tzinfo=UTC))
    runner = JobRunner(sessions, grace=GRACE, clock=clock)
    spec = JobSpec("sync", Every(timedelta(minutes=5)), broken)
    assert await runner.fire(spec) == "failed"
    clock.now += timedelta(minutes=5)
    assert await runner.fire(spec) == "failed"
    async with sessions() as session:
        rows = (await session.execute(select(JobRun).order_by(JobRun.fire_time))).scalars().all()
    assert [(r.job, r.status, r.fire_time.minute) for r in rows] == [
        ("sync", "failed", 0),
        ("sync", "failed", 5),
    ]
    assert rows[0].detail == {"error": "RuntimeError: warehouse down"}


@pytest.mark.slow
async def test_apscheduler_fires_the_jobs_while_started_and_not_after_stop(
    sessions: Sessions,
) -> None:
    fired: list[datetime] = []

    async def body(fire_time: datetime) -> None:
        fired.append(fire_time)

    scheduler = Scheduler(
        JobRunner(sessions, grace=GRACE), [JobSpec("tick", Every(timedelta(seconds=1)), body)]
    )
    await scheduler.start()
    assert scheduler.running
    async with asyncio.timeout(5):
        while len(fired) < 2:  # noqa: ASYNC110 - APScheduler appends from its own task
            await asyncio.sleep(0.05)
    await scheduler.stop()
    count = len(fired)
    await asyncio.sleep(1.2)
    assert not scheduler.running and len(fired) == count
    assert len(set(fired)) == len(fired)  # one run per fire time


@pytest.mark.slow
async def test_stopping_lets_a_short_job_finish_and_cancels_a_long_one(sessions: Sessions) -> None:
    started: dict[str, asyncio.Event] = {"short": asyncio.Event(), "long": asyncio.Event()}

    def body(name: str, seconds: float) -> Any:
        async def run(fire_time: datetime) -> None:
            started[name].set()
            await asyncio.sleep(seconds)

        return run

    runner = JobRunner(sessions, grace=GRACE)
    specs = [JobSpec("short", Every(timedelta(seconds=1)), body("short", 0.3)),
             JobSpec("long", Every(timedelta(seconds=1)), body("long", 60))]  # fmt: skip
    scheduler = Scheduler(runner, specs)
    await scheduler.start()
    async with asyncio.timeout(5):
        await started["short"].wait()
        await started["long"].wait()
    await scheduler.stop(drain_seconds=1.0)
    async with sessions() as session:
        rows = (await session.execute(select(JobRun.job, JobRun.status))).all()
    assert ("short", "done") in rows and ("long", "cancelled") in rows
    assert ("long", "done") not in rows


async def test_sync_job_alerts_mentors_about_the_newly_high_risk(sessions: Sessions) -> None:
    told: list[list[str]] = []

    class Report:
        newly_high_risk = ("patient-1",)

    async def run_sync() -> Report:
        return Report()

    async def after_sync(report: Report) -> list[str]:
        told.append(list(report.newly_high_risk))
        return list(report.newly_high_risk)

    deps = JobDeps(sessions, load_settings(), run_sync=run_sync, after_sync=after_sync)
    runner = JobRunner(sessions, grace=GRACE, clock=Clock(datetime(2026, 6, 1, 7, 2, tzinfo=UTC)))
    sync = next(s for s in job_specs(deps) if s.name == "sync")
    assert await runner.fire(sync) == "done"
    assert await runner.fire(sync) == "duplicate"  # same 5-minute slot: nothing twice
    assert told == [["patient-1"]]
    async with sessions() as session:
        row = (await session.execute(select(JobRun))).scalar_one()
    assert row.fire_time == datetime(2026, 6, 1, 7, 0, tzinfo=UTC)
    assert row.detail is not None and row.detail["mentors_told"] == 1


def test_job_cadences_come_from_bot_toml() -> None:
    specs = {s.name: s.every.period for s in job_specs(JobDeps(None, load_settings()))}  # type: ignore[arg-type]
    assert specs == {
        "reminders": timedelta(minutes=1),
        "reviews": timedelta(minutes=15),
        "groups": timedelta(minutes=15),
        "rollover": timedelta(hours=1),
        "sync": timedelta(minutes=5),
        "metrics_adherence": timedelta(hours=6),
        "metrics_risk": timedelta(hours=4),
        "outbox": timedelta(seconds=10),
        "inbox_prune": timedelta(hours=1),
    }


@pytest.mark.slow
async def test_two_leader_candidates_send_each_reminder_once_across_failover(
    sessions: Sessions, database_url: str
) -> None:
    for chat in range(800, 806):
        await add_member(sessions, "Asia/Kolkata", chat)
    seven = datetime(2026, 6, 1, 1, 31, tzinfo=UTC)  # 07:01 in Kolkata
    senders = [RecordingSender(), RecordingSender()]
    processes = []
    for sender in senders:

        async def tick(fire_time: datetime, sender: RecordingSender = sender) -> None:
            await send_due_reminders(sessions, sender.send_reminder, now=seven)

        scheduler = Scheduler(JobRunner(sessions, grace=GRACE),
                              [JobSpec("tick", Every(timedelta(seconds=1)), tick)])  # fmt: skip
        election = LeaderElection(database_url, key=LOCK_KEY, retry_seconds=0.2,
                                  on_elected=scheduler.start, on_deposed=scheduler.stop)  # fmt: skip
        processes.append((election, asyncio.create_task(election.run())))
    try:
        await asyncio.sleep(2.5)
        leader = next(e for e, _ in processes if e.is_leader)
        await leader.kill_connection()  # the leader's process dies
        killed = datetime.now(UTC)
        await asyncio.sleep(2.5)
        assert [e.is_leader for e, _ in processes].count(True) == 1
        assert not leader.is_leader
    finally:
        for election, task in processes:
            await election.stop()
            await asyncio.wait_for(task, 15)
    sent = sorted(item.chat_id for sender in senders for item in sender.reminders)
    assert sent == list(range(800, 806))
    async with sessions() as session:
        after = (await session.execute(select(JobRun).where(JobRun.fire_time > killed))).all()
    assert after  # the new leader kept the ticks going


async def test_review_posts_are_composed_and_sent_with_no_database_connection_held(
    sessions: Sessions,
) -> None:
    """Composing a review calls the LLM: the slots are read and the session closed first."""
    await add_member(sessions, "UTC", 650)
    monday = datetime(2026, 6, 1, 9, 0, 30, tzinfo=UTC)
    pool = sessions.kw["bind"].pool
    held: list[int] = []

    async def post(coach: Any, sender: Any, slot: reviews.Slot) -> Sent:
        held.append(pool.checkedout())
        return Sent("sent")

    deps = JobDeps(sessions, load_settings(), coach=object(), sender=RecordingSender(),  # type: ignore[arg-type]
                   clock=lambda: monday)  # fmt: skip
    assert await _posts(deps, post, kind=reviews.WEEKLY_REVIEW, weekday=1) == {"sent": 1}
    assert held == [0]
