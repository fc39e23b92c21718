"""One sync pass: extract from PostgreSQL, load into the warehouse, then record and compute.

Order matters for "nothing lost, nothing twice": the warehouse commits first; only then do
the watermarks move and the loaded check-ins get `synced_to_snowflake = true`. A run that
fails anywhere before leaves every watermark where it was, and the next run loads the same
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
from storage.sync_state import (
    finish_run,
    forget_deletions,
    last_run,
    mark_checkins_synced,
    mark_erasures_done,
    set_watermark,
    start_run,
)
from sync.config import SnowflakeSettings, SyncSettings
from sync.extract import Extracted, extract
from sync.load import apply
from sync.metrics import FAMILIES, compute_metrics
from sync.schema import ensure_schema
from sync.warehouse import Warehouse, connect

log = logging.getLogger(__name__)

WarehouseFactory = Callable[[SnowflakeSettings, Path], Warehouse]

_ready: set[tuple[str | None, str, str, str]] = set()
_ready_lock = threading.Lock()


@dataclass
class SyncReport:
    """How a sync pass went: rows per staging table, duration, members newly at high risk."""

    status: str  # "ok", "failed" (nothing recorded) or "metrics_failed" (data loaded)
    rows: dict[str, int] = field(default_factory=dict)
    duration_seconds: float = 0.0
    newly_high_risk: list[uuid.UUID] = field(default_factory=list)
    caught_up: bool = True
    error: str | None = None
    run_id: uuid.UUID | None = None


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
) -> SyncReport:
    """Run one sync pass, and the metrics (unless `metrics=False`) when it changed their inputs.

    A warehouse failure never raises: it ends the run with one log line and a `failed` row.
    """
    started = time.monotonic()
    async with sessions.begin() as session:
        previous = await last_run(session)
        run_id = (await start_run(session)).id
    # after a first or a failed run (its metrics may have failed), compute them regardless
    settled = previous is not None and previous.status == "ok"
    report = SyncReport(status="ok", run_id=run_id)
    target = (warehouse_settings, data_dir, warehouse_factory)
    try:
        extracted = await extract(sessions, sync_settings, cipher=cipher)
        report.rows, report.caught_up = extracted.counts(), not extracted.capped
        warehouse = await asyncio.to_thread(open_warehouse, *target)
        try:
            changed = await asyncio.to_thread(
                apply, warehouse, extracted, run_id=str(run_id),
                finished_at=datetime.now(UTC), batch_size=sync_settings.batch_size,
            )  # fmt: skip
            await _record_loaded(sessions, extracted, run_id, report)
            if metrics and (changed or not settled):
                await _metrics_into(report, sessions, lambda: _metrics(warehouse, as_of))
        finally:
            await asyncio.to_thread(warehouse.close)
    except Exception as exc:
        await _record_failure(sessions, report, exc)
    report.duration_seconds = time.monotonic() - started
    return report


async def _record_failure(sessions: Sessions, report: SyncReport, exc: Exception) -> None:
    report.status, report.error = "failed", _describe(exc)
    log.warning("sync run %s failed, will retry next run: %s", report.run_id, report.error)
    async with sessions.begin() as session:
        await finish_run(
            session, run_id=report.run_id, status="failed", rows=report.rows, error=report.error
        )


async def _record_loaded(
    sessions: Sessions, extracted: Extracted, run_id: uuid.UUID, report: SyncReport
) -> None:
    """After the warehouse committed: move watermarks, flag check-ins, close erasures."""
    async with sessions.begin() as session:
        for table, (at, row_id) in extracted.new_watermarks.items():
            await set_watermark(session, table=table, at=at, row_id=row_id)
        await mark_checkins_synced(session, loaded=extracted.checkins_loaded)
        await mark_erasures_done(session, user_ids=extracted.erasures)
        await forget_deletions(session, ids=extracted.deletions)
        await finish_run(session, run_id=run_id, status="ok", rows=report.rows)


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
