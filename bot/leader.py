"""Leader election: the process holding a PostgreSQL advisory lock runs the scheduler.

Each process keeps one dedicated connection and calls `pg_try_advisory_lock(key)` on it. The
holder leads; the others retry every `retry_seconds`. The lock belongs to the session, so when
the leader's connection dies (process killed, network cut) PostgreSQL drops the lock and a
standby takes it on its next try. The leader checks its own connection at the same pace and
steps down the moment it is lost, or the moment the lock is no longer its own. The connection
asks the server for TCP keepalives, so a half-open connection does not keep the lock.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

import asyncpg

log = logging.getLogger(__name__)

Hook = Callable[[], Awaitable[None]]
# The server drops a dead client's session (and with it the lock) within about a minute,
# instead of the kernel's two hours; the client notices a dead server by `_hold`'s timeout.
KEEPALIVES = {"tcp_keepalives_idle": "30", "tcp_keepalives_interval": "10",
              "tcp_keepalives_count": "3"}  # fmt: skip
# pg_try_advisory_lock(bigint) shows in pg_locks as classid = high half, objid = low half.
HOLDS_LOCK = (
    "SELECT count(*) > 0 FROM pg_locks WHERE locktype = 'advisory' AND granted "
    "AND pid = pg_backend_pid() AND classid = $1::bigint::oid AND objid = $2::bigint::oid "
    "AND objsubid = 1"
)


def plain_dsn(url: str) -> str:
    """A SQLAlchemy URL (postgresql+asyncpg://…) as a DSN asyncpg accepts."""
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


class LeaderElection:
    """Campaign for leadership until stopped; call `on_elected` / `on_deposed` on changes."""

    def __init__(
        self,
        url: str,
        *,
        key: int,
        retry_seconds: float,
        on_elected: Hook,
        on_deposed: Hook,
        name: str = "scheduler",
    ) -> None:
        self.dsn = plain_dsn(url)
        self.key = key
        self.retry_seconds = retry_seconds
        self.on_elected = on_elected
        self.on_deposed = on_deposed
        self.name = name
        self.is_leader = False
        self._conn: asyncpg.Connection | None = None
        self._stopping = asyncio.Event()

    @property
    def role(self) -> str:
        """`leader` or `standby`, as /healthz reports it."""
        return "leader" if self.is_leader else "standby"

    async def run(self) -> None:
        """Try, hold, and retry until `stop()`; never raises on database trouble."""
        while not self._stopping.is_set():
            try:
                await self._attempt()
            except Exception as exc:
                log.warning("leader election: database unavailable (%s)", exc)
            await self._step_down()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self.retry_seconds)

    async def _attempt(self) -> None:
        if self._conn is None or self._conn.is_closed():
            self._conn = await asyncpg.connect(self.dsn, timeout=10, server_settings=KEEPALIVES)
        got = await self._conn.fetchval("SELECT pg_try_advisory_lock($1)", self.key)
        if not got:
            return
        self.is_leader = True
        log.info("%s: this process is the leader (advisory lock %s)", self.name, self.key)
        await self.on_elected()
        await self._hold()

    async def _hold(self) -> None:
        """Stay leader while the lock connection answers and still holds the lock; return when
        it is lost (a timeout or a dropped connection raises) or when stopping."""
        assert self._conn is not None
        while not self._stopping.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self.retry_seconds)
            if self._stopping.is_set():
                return
            held = await self._conn.fetchval(HOLDS_LOCK, self.key >> 32, self.key & 0xFFFFFFFF,
                                             timeout=max(1.0, self.retry_seconds))  # fmt: skip
            if not held:
                log.error("%s: the advisory lock %s is no longer held", self.name, self.key)
                return

    async def _step_down(self) -> None:
        if not self.is_leader:
            return
        self.is_leader = False
        log.warning("%s: no longer the leader", self.name)
        try:
            await self.on_deposed()
        except Exception:
            log.exception("%s: stopping the scheduler failed", self.name)
        await self._close()

    async def _close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is None or conn.is_closed():
            return
        try:
            await conn.execute("SELECT pg_advisory_unlock_all()")
            await conn.close(timeout=5)
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError, TimeoutError):
            conn.terminate()

    async def stop(self) -> None:
        """Stop campaigning: step down (releasing the lock) and close the connection."""
        self._stopping.set()
        await self._step_down()
        await self._close()

    async def kill_connection(self) -> None:
        """Drop the lock connection without unlocking, as a crash would (tests, chaos)."""
        if self._conn is not None:
            self._conn.terminate()
