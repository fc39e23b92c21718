"""Shutdown: running jobs get the drain time to finish, else are cancelled and recorded so."""

from __future__ import annotations

import asyncio
import time
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot.scheduler import DRAIN_SECONDS, Every, JobRunner, JobSpec, Scheduler
from storage.db import Sessions
from storage.models import JobRun

GRACE = timedelta(minutes=15)
DRAIN = 1.0


async def test_the_default_drain_is_ten_seconds(sessions: Sessions) -> None:
    assert DRAIN_SECONDS == 10.0
    assert Scheduler(JobRunner(sessions, grace=GRACE), []).drain_seconds == 10.0


@pytest.mark.slow
async def test_stop_cancels_a_job_outliving_the_drain_and_has_recorded_it_on_return(
    sessions: Sessions,
) -> None:
    started = {"short": asyncio.Event(), "long": asyncio.Event()}
    ended: dict[str, str] = {}

    def body(name: str, seconds: float) -> Any:
        async def run(fire_time: datetime) -> dict[str, str]:
            started[name].set()
            try:
                await asyncio.sleep(seconds)
            except asyncio.CancelledError:
                ended[name] = "cancelled"
                raise
            ended[name] = "finished"
            return {"slept": name}

        return run

    specs = [JobSpec("short", Every(timedelta(seconds=1)), body("short", DRAIN / 2)),
             JobSpec("long", Every(timedelta(seconds=1)), body("long", 60))]  # fmt: skip
    scheduler = Scheduler(JobRunner(sessions, grace=GRACE), specs, drain_seconds=DRAIN)
    await scheduler.start()
    try:
        async with asyncio.timeout(10):
            await started["short"].wait()
            await started["long"].wait()
    finally:
        stopping = time.monotonic()
        await scheduler.stop()  # as the leader election calls it on SIGTERM: no arguments
        took = time.monotonic() - stopping
    assert DRAIN - 0.1 <= took < DRAIN + 3  # waited the drain time, no longer
    assert ended == {"short": "finished", "long": "cancelled"}
    async with sessions() as session:  # no sleep: recorded before `stop()` returned
        rows = (await session.execute(select(JobRun))).scalars().all()
    short = [(r.status, r.detail) for r in rows if r.job == "short"]
    assert short and all(run == ("done", {"slept": "short"}) for run in short)  # all in time
    [long] = [r for r in rows if r.job == "long"]  # max one instance: it never fired twice
    assert long.status == "cancelled" and long.finished_at is not None
    assert long.detail == {"error": "stopped while running (shutdown, lost lock)"}
