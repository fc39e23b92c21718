"""The pool without pre-ping: a dropped server connection costs one failed statement, no more
(through SQLAlchemy or through the driver connection of the check-in hot path)."""

from __future__ import annotations

import asyncpg
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from storage.config import DatabaseSettings
from storage.db import create_engine, driver_connection, session_factory


async def test_after_the_server_drops_every_connection_one_statement_fails_then_all_work(
    database_url: str,
) -> None:
    engine = create_engine(database_url, DatabaseSettings(pool_size=3, max_overflow=0))
    try:
        pids = []
        async with engine.connect() as a, engine.connect() as b:  # two pooled connections
            for conn in (a, b):
                pids.append(await conn.scalar(text("SELECT pg_backend_pid()")))
        admin = create_engine(
            database_url
        )  # another pool ends those two (waiting until they are gone), like a restart
        async with admin.connect() as conn:
            await conn.execute(text("SELECT pg_terminate_backend(p, 5000) FROM unnest(CAST(:p AS int[])) p"),
                               {"p": pids})  # fmt: skip
        await admin.dispose()
        with pytest.raises(DBAPIError) as failed:
            async with engine.connect() as conn:
                await conn.scalar(text("SELECT 1"))
        assert failed.value.connection_invalidated
        for _ in range(3):  # the stale connections were dropped with the pool: all work now
            async with engine.connect() as conn:
                assert await conn.scalar(text("SELECT 1")) == 1
    finally:
        await engine.dispose()


async def test_the_driver_connection_path_also_fails_once_then_works(database_url: str) -> None:
    engine = create_engine(database_url, DatabaseSettings(pool_size=3, max_overflow=0))
    sessions = session_factory(engine)
    try:
        pids = []
        async with driver_connection(sessions) as a, driver_connection(sessions) as b:
            pids = [await a.fetchval("SELECT pg_backend_pid()"),
                    await b.fetchval("SELECT pg_backend_pid()")]  # fmt: skip
        admin = await asyncpg.connect(database_url)
        await admin.execute("SELECT pg_terminate_backend(p, 5000) FROM unnest($1::int[]) p", pids)
        await admin.close()
        with pytest.raises((asyncpg.PostgresError, asyncpg.InterfaceError)):
            async with driver_connection(sessions) as conn:
                await conn.fetchval("SELECT 1")
        for _ in range(3):  # the other stale connection went with the pool: all work now
            async with driver_connection(sessions) as conn:
                assert await conn.fetchval("SELECT 1") == 1
            async with sessions() as session:
                assert await session.scalar(text("SELECT 1")) == 1
    finally:
        await engine.dispose()
