"""Read-only analytics for the mentor side: the mentor_dashboard view and the last sync.

Connects with `SNOWFLAKE_READER_ROLE` when set (a role with SELECT only; see
docs/analytics-sync.md). Reads are bounded: at most `read_threads` run at once, each on a
session of its own (kept for reuse), each statement with a `read_timeout_seconds` timeout
(Snowflake's STATEMENT_TIMEOUT_IN_SECONDS too). When the caller stops waiting, a read not yet
started never starts and a running one is aborted on the server. Raises `WarehouseError`
when the warehouse cannot answer; returns nothing for members it has no figures for yet.
"""

from __future__ import annotations

import asyncio
import threading
import uuid
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sync.config import SnowflakeSettings
from sync.pipeline import open_warehouse
from sync.warehouse import Warehouse, WarehouseError, connect

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# Timestamps are read as epoch milliseconds: the emulator returns a NULL TIMESTAMP as 1970.
COLUMNS = """
    user_id, name, adherence_7d, adherence_30d, adherence_90d, current_streak,
    longest_streak, last_completion, risk_level, risk_score, missed_count_3d,
    missed_count_7d, last_checkin_days_ago, mood_trend,
    DATEDIFF(millisecond, '1970-01-01'::TIMESTAMP_NTZ, computed_at) AS computed_ms
"""
ORDER = "ORDER BY risk_score DESC NULLS LAST, adherence_7d ASC NULLS LAST, user_id"


@dataclass(frozen=True)
class PatientAnalytics:
    """One member's warehouse figures (percentages 0–100; None where nothing was due)."""

    user_id: uuid.UUID
    name: str | None
    adherence_7d: float | None
    adherence_30d: float | None
    adherence_90d: float | None
    current_streak: int | None
    longest_streak: int | None
    last_completion: date | None
    risk_level: str | None
    risk_score: float | None
    missed_count_3d: int | None
    missed_count_7d: int | None
    last_checkin_days_ago: int | None
    mood_trend: float | None
    computed_at: datetime | None


class _Running:
    """One read in a worker thread: which session runs it, and whether its caller gave up."""

    def __init__(self) -> None:
        self.warehouse: Warehouse | None = None
        self.given_up = False

    def cancel(self) -> None:
        self.given_up = True
        if self.warehouse is not None:
            self.warehouse.cancel()


class Analytics:
    """The mentor side's window on the warehouse; read-only."""

    def __init__(self, settings: SnowflakeSettings, data_dir: Path) -> None:
        self.settings = settings
        self.data_dir = Path(data_dir)
        self._pool = ThreadPoolExecutor(settings.read_threads, thread_name_prefix="warehouse-read")
        self._idle: list[Warehouse] = []  # open sessions not in use
        self._lock = threading.Lock()

    async def for_patients(
        self, user_ids: Sequence[uuid.UUID]
    ) -> dict[uuid.UUID, PatientAnalytics]:
        """Figures for these members, by id (members without figures are left out)."""
        return {row.user_id: row for row in await self.dashboard(user_ids)}

    async def dashboard(self, user_ids: Sequence[uuid.UUID]) -> list[PatientAnalytics]:
        """These members' rows of mentor_dashboard: highest risk first, then lowest adherence."""
        if not user_ids:
            return []
        marks = ", ".join(f"%(u{i})s" for i in range(len(user_ids)))
        params = {f"u{i}": str(user_id) for i, user_id in enumerate(user_ids)}
        sql = f"SELECT {COLUMNS} FROM mentor_dashboard WHERE user_id IN ({marks}) {ORDER}"
        rows = await self._read(sql, params)
        return [_patient(row) for row in rows]

    async def last_sync(self) -> datetime | None:
        """When the last successful sync committed in the warehouse, if ever."""
        sql = (
            "SELECT DATEDIFF(millisecond, '1970-01-01'::TIMESTAMP_NTZ, MAX(finished_at)) "
            "FROM sync_log"
        )
        rows = await self._read(sql, None)
        return _moment(rows[0][0]) if rows else None

    async def close(self) -> None:
        """Close the sessions (a later call opens new ones)."""
        await asyncio.to_thread(self._drop_all)

    async def _read(self, sql: str, params: dict[str, Any] | None) -> list[tuple]:
        """Run `_query` on the bounded pool; stop it when this wait ends (cancellation)."""
        running = _Running()
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self._pool, self._query, sql, params, running)
        try:
            return await future
        except asyncio.CancelledError:  # a queued read is dropped; a running one aborted
            running.given_up = True
            if running.warehouse is not None:
                loop.run_in_executor(None, running.cancel)  # a network call: off the loop
            raise

    def _query(self, sql: str, params: dict[str, Any] | None, running: _Running) -> list[tuple]:
        for attempt in (1, 2):  # a session the server dropped is reopened once
            if running.given_up:
                return []
            warehouse = self._take()
            running.warehouse = warehouse
            try:
                rows = warehouse.execute(sql, params, timeout=self.settings.read_timeout_seconds)
            except WarehouseError:
                warehouse.close()
                if attempt == 2 or running.given_up:
                    raise
                continue
            finally:
                running.warehouse = None
            self._give_back(warehouse)
            return rows
        return []

    def _take(self) -> Warehouse:
        with self._lock:
            if self._idle:
                return self._idle.pop()
        return self._open()

    def _give_back(self, warehouse: Warehouse) -> None:
        with self._lock:
            self._idle.append(warehouse)

    def _open(self) -> Warehouse:
        if self.settings.emulated:  # nobody else creates the local schema
            return open_warehouse(self.settings, self.data_dir)
        return connect(self.settings, self.data_dir, role=self.settings.reader_role,
                       statement_timeout_seconds=self.settings.read_timeout_seconds)  # fmt: skip

    def _drop_all(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for warehouse in idle:
            warehouse.close()


def _patient(row: tuple) -> PatientAnalytics:
    (user_id, name, a7, a30, a90, current, longest, last, level, score, m3, m7, ago, mood, ms) = row
    return PatientAnalytics(
        user_id=uuid.UUID(str(user_id)),
        name=name,
        adherence_7d=_float(a7),
        adherence_30d=_float(a30),
        adherence_90d=_float(a90),
        current_streak=_int(current),
        longest_streak=_int(longest),
        last_completion=last,
        risk_level=level,
        risk_score=_float(score),
        missed_count_3d=_int(m3),
        missed_count_7d=_int(m7),
        last_checkin_days_ago=_int(ago),
        mood_trend=_float(mood),
        computed_at=_moment(ms),
    )


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def _moment(milliseconds: Any) -> datetime | None:
    return None if milliseconds is None else EPOCH + timedelta(milliseconds=int(milliseconds))
