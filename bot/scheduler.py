"""The one scheduler: APScheduler 3.11 with an in-memory job store, run only by the leader.

Every job is an `Every(period, offset)` in UTC, so its fire times are the same in every
process (`floor(now)`): a job run first inserts the (job, fire_time) row in `job_runs` and
does nothing if another scheduler, or this one before a restart, already did. A run later
than the grace period is skipped. The clock is injectable so tests control time.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from coach.services import utc_now
from storage.db import Sessions
from storage.jobs import claim_job_run, finish_job_run

log = logging.getLogger(__name__)

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # a Thursday
DRAIN_SECONDS = 10.0  # running jobs' time to finish at stop
RECORD_SECONDS = 5.0  # then a cancelled job's time to record that it was
Clock = Callable[[], datetime]
Body = Callable[[datetime], Awaitable[dict[str, Any] | None]]


@dataclass(frozen=True)
class Every:
    """A UTC cadence: every `period`, at `offset` past each multiple of it since the epoch."""

    period: timedelta
    offset: timedelta = timedelta(0)

    def floor(self, moment: datetime) -> datetime:
        """The latest fire time at or before `moment`."""
        since = moment - EPOCH - self.offset
        return moment - (since % self.period)

    def trigger(self) -> IntervalTrigger:
        """The APScheduler trigger firing at exactly these times."""
        start = EPOCH + self.offset
        return IntervalTrigger(seconds=self.period.total_seconds(), start_date=start, timezone=UTC)


@dataclass(frozen=True)
class JobSpec:
    """A named job: when it fires and what it does with its fire time."""

    name: str
    every: Every
    body: Body


class JobRunner:
    """Runs one firing of a job at most once across processes, within the grace period."""

    def __init__(self, sessions: Sessions, *, grace: timedelta, clock: Clock = utc_now) -> None:
        self.sessions = sessions
        self.grace = grace
        self.clock = clock
        self.running: set[asyncio.Task[Any]] = set()

    async def fire(self, spec: JobSpec) -> str:
        """Run `spec` for the fire time the clock falls in (APScheduler calls this)."""
        return await self.run(spec.name, spec.every.floor(self.clock()), spec.body)

    async def run(self, name: str, fire_time: datetime, body: Body) -> str:
        """Claim (name, fire_time), run `body`, record the end; `done`, `failed`, `missed`, …"""
        late = self.clock() - fire_time
        if late > self.grace:
            log.warning(
                "job %s for %s skipped: %s late (grace %s)", name, fire_time, late, self.grace
            )
            return "missed"
        async with self.sessions.begin() as session:
            if not await claim_job_run(session, job=name, fire_time=fire_time):
                log.debug("job %s for %s already ran elsewhere", name, fire_time)
                return "duplicate"
        status, detail = "done", None
        task = asyncio.current_task()
        if task is not None:
            self.running.add(task)
        try:
            detail = await body(fire_time)
        except asyncio.CancelledError:
            status, detail = "cancelled", {"error": "stopped while running (shutdown, lost lock)"}
            raise
        except Exception as exc:
            log.exception("job %s for %s failed", name, fire_time)
            status, detail = "failed", {"error": f"{type(exc).__name__}: {exc}"[:500]}
        finally:
            self.running.discard(task)  # type: ignore[arg-type]
            await asyncio.shield(self._finish(name, fire_time, status, detail))
        log.info(
            "job %s for %s: %s", name, fire_time, status, extra={"job": name, "detail": detail}
        )
        return status

    async def _finish(
        self, name: str, fire_time: datetime, status: str, detail: dict[str, Any] | None
    ) -> None:
        async with self.sessions.begin() as session:
            await finish_job_run(
                session, job=name, fire_time=fire_time, status=status, detail=detail
            )


class Scheduler:
    """APScheduler with goalbot's jobs; `start()` when elected leader, `stop()` when deposed."""

    def __init__(
        self, runner: JobRunner, specs: list[JobSpec], *, drain_seconds: float = DRAIN_SECONDS
    ) -> None:
        self.runner = runner
        self.specs = specs
        self.drain_seconds = drain_seconds
        self._aps: AsyncIOScheduler | None = None

    @property
    def running(self) -> bool:
        """True while this process schedules the jobs."""
        return self._aps is not None and self._aps.running

    async def start(self) -> None:
        """Start scheduling every job (memory job store: schedules live in code)."""
        if self.running:
            return
        grace = int(self.runner.grace.total_seconds())
        self._aps = AsyncIOScheduler(
            timezone=UTC,
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": grace},
        )
        for spec in self.specs:
            self._aps.add_job(self.runner.fire, spec.every.trigger(), args=[spec], id=spec.name)
        self._aps.start()
        log.info("scheduler started: %s", ", ".join(s.name for s in self.specs))

    async def stop(self, drain_seconds: float | None = None) -> None:
        """Stop scheduling; give running jobs `drain_seconds` to finish, then cancel them."""
        if drain_seconds is None:
            drain_seconds = self.drain_seconds
        aps, self._aps = self._aps, None
        if aps is None or not aps.running:
            return
        aps.pause()
        late: set[asyncio.Task[Any]] = set()
        if self.runner.running:
            log.info("scheduler: waiting up to %.0f s for %d running job(s)", drain_seconds,
                     len(self.runner.running))  # fmt: skip
            _, late = await asyncio.wait(set(self.runner.running), timeout=drain_seconds)
        aps.shutdown(wait=False)  # cancels whatever is still running
        if late:  # each cancelled run records itself `cancelled` before its task ends
            await asyncio.wait(late, timeout=RECORD_SECONDS)
        log.info("scheduler stopped")
