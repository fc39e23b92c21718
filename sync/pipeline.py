"""One sync pass: extract from PostgreSQL, load into the warehouse, then record and compute.

One pass at a time, whoever starts it: a pass holds a PostgreSQL advisory lock, closes the
runs a dead process left `running` (abandoned) and, after a pass that did not end well,
clears what it may have left in the warehouse (staged rows, stage files).
Order matters for "nothing lost, nothing twice": the warehouse commits first; only then are
the change rows read deleted and the loaded check-ins flagged `synced_to_snowflake`. A run
that fails anywhere before leaves every change row in place, and the next run loads the same
rows again, which the MERGEs absorb. Connector calls run in worker threads.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from storage.crypto import JournalCipher
from storage.db import Sessions
from storage.models import SyncRun
from storage.sync_state import (
    LOADED,
    abandon_running,
    finish_run,
    forget_changes,
    forget_deletions,
    last_loaded_run,
    last_run,
    mark_checkins_synced,
    mark_erasures_done,
    start_run,
    sync_lock,
    track_all_journal_entries,
    track_measurable,
)
from sync.config import SnowflakeSettings, SyncSettings
from sync.extract import Extracted, extract
from sync.load import apply, clear_leftovers
from sync.metrics import FAMILIES, compute_metrics
from sync.schema import clear_backfills, ensure_schema, pending_backfills
from sync.warehouse import Warehouse, connect

log = logging.getLogger(__name__)

WarehouseFactory = Callable[[SnowflakeSettings, Path], Warehouse]

_ready: set[tuple[str | None, str, str, str]] = set()
_ready_lock = threading.Lock()


@dataclass
class SyncReport:
    """How a sync pass went: rows per staging table, duration, members newly at high risk."""

    status: str  # "ok", "failed" (nothing recorded), "metrics_failed" (data loaded), "busy"
    rows: dict[str, int] = field(default_factory=dict)
    duration_seconds: float = 0.0
    newly_high_risk: list[uuid.UUID] = field(default_factory=list)
    caught_up: bool = True
    error: str | None = None
    run_id: uuid.UUID | None = None
    abandoned: int = 0  # runs a dead process had left running, closed by this one
    safety_changed: bool = False  # the open safety flags differed from the warehouse's

    @property
    def nothing_new(self) -> bool:
        """True when the pass moved no row and changed no flag."""
        return not any(self.rows.values()) and not self.safety_changed


@dataclass
class MetricsReport:
    """A metrics pass: members newly at high risk, and how long it took."""

    newly_high_risk: list[uuid.UUID]
    duration_seconds: float


def open_warehouse(
    settings: SnowflakeSettings, data_dir: Path, factory: WarehouseFactory | None = None
) -> Warehouse:
    """Connect, and create or upgrade the schema once per process (blocking)."""
    warehouse = (factory or connect)(settings, data_dir)
    key = (settings.account, settings.database, settings.schema_name, str(data_dir))
    with _ready_lock:
        if key not in _ready:
            try:
                ensure_schema(warehouse, schema=settings.schema_name)
            except BaseException:
                warehouse.close()
                raise
            _ready.add(key)
    return warehouse


async def run_sync(
    sessions: Sessions,
    warehouse_settings: SnowflakeSettings,
    sync_settings: SyncSettings,
    data_dir: Path,
    *,
    as_of: datetime | None = None,
    metrics: bool = True,
    cipher: JournalCipher | None = None,
    warehouse_factory: WarehouseFactory | None = None,
    lock_wait_seconds: float = 0.0,
) -> SyncReport:
    """Run one sync pass, and the metrics (unless `metrics=False`) when it changed their inputs.

    A warehouse failure never raises: it ends the run with one log line and a `failed` row.
    While another pass holds the lock (after `lock_wait_seconds`), returns status `busy`.
    """
    started = time.monotonic()
    key, wait = sync_settings.lock_key, lock_wait_seconds
    async with sync_lock(sessions, key=key, wait_seconds=wait) as held:
        if not held:
            return SyncReport(status="busy", error="another sync pass is running")
        pass_ = _Pass(sessions, (warehouse_settings, data_dir, warehouse_factory), sync_settings)
        report = await pass_.run(as_of=as_of, metrics=metrics, cipher=cipher)
    report.duration_seconds = time.monotonic() - started
    return report


@dataclass
class _Pass:
    """One locked pass: what it starts from, and its steps."""

    sessions: Sessions
    target: tuple[SnowflakeSettings, Path, WarehouseFactory | None]
    settings: SyncSettings

    async def run(
        self, *, as_of: datetime | None, metrics: bool, cipher: JournalCipher | None
    ) -> SyncReport:
        """Open the run, extract, load, record; metrics when their inputs changed."""
        report, previous, turned_off = await self._open()
        # after a first or a failed run (its metrics may have failed), compute them regardless
        settled = previous is not None and previous.status == "ok"
        thorough = previous is None or previous.status not in LOADED
        try:
            extracted = await extract(self.sessions, self.settings, cipher=cipher)
            extracted.clear_journal_text = turned_off
            report.rows, report.caught_up = extracted.counts(), not extracted.capped
            warehouse = await asyncio.to_thread(open_warehouse, *self.target)
            try:
                if thorough:
                    await asyncio.to_thread(clear_leftovers, warehouse)
                await _queue_backfills(self.sessions, warehouse)
                applied = await asyncio.to_thread(
                    apply, warehouse, extracted, run_id=str(report.run_id),
                    finished_at=datetime.now(UTC), batch_size=self.settings.batch_size,
                )  # fmt: skip
                report.safety_changed = applied.safety_changed
                await _record_loaded(self.sessions, extracted, report)
                if metrics and (applied.changed or not settled):
                    await _metrics_into(report, self.sessions, lambda: _metrics(warehouse, as_of))
            finally:
                await asyncio.to_thread(warehouse.close)
        except Exception as exc:
            await _record_failure(self.sessions, report, exc)
        return report

    async def _open(self) -> tuple[SyncReport, SyncRun | None, bool]:
        """Close abandoned runs, start this one, carry a journal-text setting change."""
        include = self.settings.include_journal_text
        async with self.sessions.begin() as session:
            abandoned = await abandon_running(session)
            previous = await last_run(session)
            loaded = await last_loaded_run(session)
            run_id = (await start_run(session, journal_text=include)).id
            was = loaded.journal_text if loaded is not None else None
            if include and loaded is not None and was is not True:
                await track_all_journal_entries(session)  # turned on: load every shared text
        if abandoned:
            log.warning("sync: %d run(s) left running by a process that died, now abandoned",
                        abandoned)  # fmt: skip
        report = SyncReport(status="ok", run_id=run_id, abandoned=abandoned)
        return report, previous, not include and was is not False


async def _queue_backfills(sessions: Sessions, warehouse: Warehouse) -> None:
    """After an upgrade added columns to rows already loaded, queue those rows again (the
    next pass loads them; a queue written twice is absorbed by the MERGEs)."""
    names = await asyncio.to_thread(pending_backfills, warehouse)
    if "measurable" in names:
        async with sessions.begin() as session:
            await track_measurable(session)
        log.info("sync: habits and check-ins with amounts queued again for the new columns")
    if names:
        await asyncio.to_thread(clear_backfills, warehouse, names)


async def _record_failure(sessions: Sessions, report: SyncReport, exc: Exception) -> None:
    report.status, report.error = "failed", _describe(exc)
    log.warning("sync run %s failed, will retry next run: %s", report.run_id, report.error)
    async with sessions.begin() as session:
        await finish_run(
            session, run_id=report.run_id, status="failed", rows=report.rows, error=report.error
        )


async def _record_loaded(sessions: Sessions, extracted: Extracted, report: SyncReport) -> None:
    """After the warehouse committed: drop the changes read, flag check-ins, close erasures."""
    if report.safety_changed:
        report.rows["stg_safety"] = len(extracted.rows["stg_safety"])
    async with sessions.begin() as session:
        await forget_changes(session, ids=extracted.change_ids)
        await mark_checkins_synced(session, loaded=extracted.checkins_loaded)
        await mark_erasures_done(session, user_ids=extracted.erasures)
        await forget_deletions(session, ids=extracted.deletions)
        assert report.run_id is not None
        await finish_run(session, run_id=report.run_id, status="ok", rows=report.rows)


async def metrics_after(
    report: SyncReport,
    sessions: Sessions,
    warehouse_settings: SnowflakeSettings,
    data_dir: Path,
    *,
    as_of: datetime | None = None,
    warehouse_factory: WarehouseFactory | None = None,
) -> None:
    """Metrics for a run loaded with `metrics=False`; a failure is recorded as run_sync does."""
    target = (warehouse_settings, data_dir, warehouse_factory)
    await _metrics_into(report, sessions, lambda: _metrics_once(target, as_of))


async def _metrics_into(
    report: SyncReport, sessions: Sessions, compute: Callable[[], list[uuid.UUID]]
) -> None:
    try:
        report.newly_high_risk = await asyncio.to_thread(compute)
    except Exception as exc:
        report.status, report.error = "metrics_failed", _describe(exc)
        log.warning("sync run %s loaded its rows; metrics failed: %s", report.run_id, report.error)
        async with sessions.begin() as session:
            await finish_run(
                session, run_id=report.run_id, status="metrics_failed", rows=report.rows,
                error=report.error,
            )  # fmt: skip


async def run_metrics(
    warehouse_settings: SnowflakeSettings,
    data_dir: Path,
    *,
    as_of: datetime | None = None,
    families: tuple[str, ...] = tuple(FAMILIES),
    warehouse_factory: WarehouseFactory | None = None,
) -> MetricsReport:
    """Recompute `families` (adherence and streaks, risk) from the warehouse (raises on failure)."""
    started = time.monotonic()
    target = (warehouse_settings, data_dir, warehouse_factory)
    newly = await asyncio.to_thread(_metrics_once, target, as_of, families)
    return MetricsReport(newly_high_risk=newly, duration_seconds=time.monotonic() - started)


def _metrics_once(
    target: tuple[SnowflakeSettings, Path, WarehouseFactory | None],
    as_of: datetime | None,
    families: tuple[str, ...] = tuple(FAMILIES),
) -> list[uuid.UUID]:
    """Connect, compute the metrics, close (blocking)."""
    warehouse = open_warehouse(*target)
    try:
        return _metrics(warehouse, as_of, families)
    finally:
        warehouse.close()


def _metrics(
    warehouse: Warehouse, as_of: datetime | None, families: tuple[str, ...] = tuple(FAMILIES)
) -> list[uuid.UUID]:
    """Compute the metrics as of `as_of` (default now; blocking); return members newly high."""
    now = datetime.now(UTC)
    newly = compute_metrics(warehouse, as_of=as_of or now, computed_at=now, families=families)
    return [uuid.UUID(user_id) for user_id in newly]


def _describe(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return f"{type(exc).__name__}: {text}"[:500]
