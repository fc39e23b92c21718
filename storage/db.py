"""The async engine and session factory; one per process, built by the composition root."""

from __future__ import annotations

import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
from sqlalchemy import Engine, event, text
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from storage.config import DatabaseSettings, asyncpg_url

Sessions = async_sessionmaker[AsyncSession]

# The server went away (restart, failover, terminated backend) or the socket broke.
_DISCONNECTS = (
    asyncpg.PostgresConnectionError,
    asyncpg.exceptions.OperatorInterventionError,
    asyncpg.InterfaceError,
    OSError,
)


def create_engine(url: str, settings: DatabaseSettings | None = None) -> AsyncEngine:
    """Create the asyncpg engine for `url` with the pool sizes from `settings`."""
    settings = settings or DatabaseSettings()
    return create_async_engine(
        asyncpg_url(url),
        pool_size=settings.pool_size,
        max_overflow=settings.max_overflow,
        echo=settings.echo,
        pool_pre_ping=settings.pool_pre_ping,
    )


# The sessions' engine -> its autocommit engines (durable: the same pool; quick: a second one).
_AUTOCOMMIT: weakref.WeakKeyDictionary[Engine, dict[bool, AsyncEngine]] = (
    weakref.WeakKeyDictionary()
)


def autocommit_engine(sessions: Sessions, *, durable: bool) -> AsyncEngine:
    """An engine for single statements in autocommit (the check-in press), made once.

    `durable`: the sessions' own pool, in AUTOCOMMIT. Otherwise a second pool on the same
    database (as many kept connections as the first, no overflow) whose connections start
    with synchronous_commit off: a commit there returns before its WAL record reaches the
    disk, so a slow flush never holds a press up; a crash of the database server can lose
    the last fraction of a second of such commits and corrupts nothing. It is disposed when
    the sessions' engine is.
    """
    engine: AsyncEngine = sessions.kw["bind"]
    made = _AUTOCOMMIT.setdefault(engine.sync_engine, {})
    if durable not in made:
        made[durable] = (
            engine.execution_options(isolation_level="AUTOCOMMIT")
            if durable
            else _quick_engine(engine)
        )
    return made[durable]


def _quick_engine(engine: AsyncEngine) -> AsyncEngine:
    kept = getattr(engine.pool, "size", lambda: 20)()
    quick = create_async_engine(
        engine.url, isolation_level="AUTOCOMMIT", pool_size=kept, max_overflow=0,
        connect_args={"server_settings": {"synchronous_commit": "off"}},
    )  # fmt: skip

    @event.listens_for(engine.sync_engine, "engine_disposed")
    def dispose_too(_: Engine) -> None:
        quick.sync_engine.dispose()  # inside the first engine's dispose, so awaitable
        _AUTOCOMMIT.get(engine.sync_engine, {}).pop(False, None)

    return quick


async def server_max_connections(sessions: Sessions) -> int:
    """PostgreSQL's `max_connections`: what all processes' pools together must stay under."""
    async with sessions() as session:
        return int((await session.execute(text("SHOW max_connections"))).scalar_one())


def session_factory(engine: AsyncEngine) -> Sessions:
    """Return a session factory; objects stay usable after commit (explicit loading only)."""
    return async_sessionmaker(engine, expire_on_commit=False)


@asynccontextmanager
async def driver_connection(sessions: Sessions) -> AsyncIterator[asyncpg.Connection]:
    """A pooled connection's asyncpg connection itself, outside any transaction (autocommit).

    For a hot path's single atomic statements: no Session, no ORM rows, no BEGIN/COMMIT.
    The connection goes back to the same pool as the sessions'. SQLAlchemy never sees these
    statements fail, so a lost server is handled here as it would be: this connection is
    dropped and the pool's others are replaced, and one statement fails, not one per
    stale connection.
    """
    engine: AsyncEngine = sessions.kw["bind"]
    async with engine.connect() as conn:
        raw = await conn.get_raw_connection()
        try:
            yield raw.driver_connection
        except _DISCONNECTS:
            await conn.invalidate()
            await engine.dispose(close=False)
            raise
