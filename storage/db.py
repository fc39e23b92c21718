"""The async engine and session factory; one per process, built by the composition root."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
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
