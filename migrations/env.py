"""Alembic environment: compares against storage's metadata, runs on asyncpg."""

from __future__ import annotations

import asyncio
import os
from logging.config import fileConfig

from alembic import context
from sqlalchemy.engine import Connection

from storage.config import asyncpg_url
from storage.db import create_engine
from storage.models import Base

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logging", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = Base.metadata
MIGRATION_LOCK_KEY = 7_400_001  # beside the scheduler's 7_400_100


def database_url() -> str:
    """The URL from `-x url=…`, the caller's attributes, or DATABASE_URL."""
    url = context.get_x_argument(as_dictionary=True).get("url")
    url = url or config.attributes.get("url") or os.environ.get("DATABASE_URL")
    if not url:
        raise SystemExit("alembic: set DATABASE_URL (or pass -x url=postgresql://…)")
    return asyncpg_url(url)


def run_with(connection: Connection) -> None:
    """Run the migrations on an open connection, one process at a time.

    Every `goalbot run` upgrades the schema at start: the advisory lock, taken inside the
    migration's own transaction before Alembic reads the current revision, makes a second
    process wait for the first to commit and then find nothing left to do.
    """
    context.configure(connection=connection, target_metadata=target_metadata, compare_type=True)
    with context.begin_transaction():
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})")
        context.run_migrations()


async def run_async() -> None:
    """Connect with asyncpg and run the migrations in the sync bridge."""
    engine = create_engine(database_url())
    async with engine.connect() as connection:
        await connection.run_sync(run_with)
    await engine.dispose()


def run_online() -> None:
    """Use the caller's connection when given one, else connect."""
    connection = config.attributes.get("connection")
    if connection is not None:
        run_with(connection)
    else:
        asyncio.run(run_async())


if context.is_offline_mode():
    context.configure(url=database_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_online()
