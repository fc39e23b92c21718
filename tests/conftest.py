"""Shared fixtures: a real PostgreSQL database for this run, migrated, emptied per test.

The server is TEST_DATABASE_URL, else the machine's PostgreSQL at 127.0.0.1:5432, else an
embedded PostgreSQL started for the run. Each run creates its own database and drops it.
"""

from __future__ import annotations

import asyncio
import functools
import os
import secrets
import ssl
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.migrate import upgrade
from storage.db import Sessions, create_engine, session_factory
from storage.embedded import EmbeddedPostgres
from storage.models import Base
from tests.fakes.builder import Builder

LOCAL_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"

# fakesnow and others leave temp folders behind: keep them inside one folder per run.
_RUN_TMP = tempfile.mkdtemp(prefix="goalbot-tests-")
os.environ["TMPDIR"] = _RUN_TMP
tempfile.tempdir = _RUN_TMP


async def _answers(url: str) -> bool:
    try:
        conn = await asyncpg.connect(url.replace("+asyncpg", ""), timeout=3)
    except (OSError, asyncpg.PostgresError, TimeoutError):
        return False
    await conn.close()
    return True


@pytest.fixture(scope="session", autouse=True)
def _tls_contexts_built_once() -> Iterator[None]:
    """Build each verifying TLS context from a CA file once per run instead of per client.

    The Gemini SDK builds three per client and httpx one per PTB bot, each loading the whole
    certifi bundle (~60 ms apiece, ~10 s a run); neither changes the context it gets, and every
    fake here is plain HTTP on loopback. Other calls (asyncpg sets up and changes its own
    context on each connect) still get a fresh one.
    """
    build = ssl.create_default_context

    @functools.cache
    def from_file(purpose: ssl.Purpose, cafile: str, capath: str | None) -> ssl.SSLContext:
        return build(purpose, cafile=cafile, capath=capath)

    def create(purpose: ssl.Purpose = ssl.Purpose.SERVER_AUTH, *, cafile: str | None = None,
               capath: str | None = None, cadata: str | bytes | None = None) -> ssl.SSLContext:  # fmt: skip
        if cafile is None or cadata is not None:
            return build(purpose, cafile=cafile, capath=capath, cadata=cadata)
        return from_file(purpose, str(cafile), capath)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ssl, "create_default_context", create)
        yield


@pytest.fixture(scope="session")
def tmp_root() -> Path:
    """A temporary folder for the whole run."""
    return Path(_RUN_TMP)


@pytest.fixture(scope="session")
async def server_url(tmp_root: Path) -> AsyncIterator[str]:
    """URL of a PostgreSQL server's maintenance database that this run may create databases on."""
    url = os.environ.get("TEST_DATABASE_URL") or LOCAL_SERVER
    if await _answers(url):
        yield url
        return
    embedded = EmbeddedPostgres(tmp_root / "embedded")
    await asyncio.to_thread(embedded.start)
    try:
        yield embedded.url.replace("/goalbot?", "/postgres?")
    finally:
        await asyncio.to_thread(embedded.stop)


@pytest.fixture(scope="session")
async def fresh_database(server_url: str) -> AsyncIterator[str]:
    """Create an empty database for this run (dropped at the end); yield its URL."""
    name = f"goalbot_test_{os.getpid()}_{secrets.token_hex(3)}"
    admin = await asyncpg.connect(server_url.replace("+asyncpg", ""))
    await admin.execute(f'CREATE DATABASE "{name}"')
    url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


@pytest.fixture(scope="session")
async def database_url(fresh_database: str) -> str:
    """URL of this run's database, migrated to head."""
    await asyncio.to_thread(upgrade, fresh_database)
    return fresh_database


@pytest.fixture(scope="session")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    """One engine for the run."""
    eng = create_engine(database_url)
    yield eng
    await eng.dispose()


# Emptying with DELETE is ~30x faster than TRUNCATE on a few rows (TRUNCATE makes new files for
# every table: ~190 ms a test here). With triggers off (replication role) neither foreign keys
# nor the sync's change triggers fire, so the order does not matter and nothing is left behind.
EMPTY = (
    "BEGIN; SET LOCAL session_replication_role = replica; "
    + "".join(f'DELETE FROM "{t.name}"; ' for t in Base.metadata.sorted_tables)
    + "DO $$ DECLARE s record; BEGIN FOR s IN SELECT sequencename FROM pg_sequences "
    "WHERE schemaname = current_schema() LOOP "
    "EXECUTE format('ALTER SEQUENCE %I RESTART', s.sequencename); END LOOP; END $$; COMMIT;"
)


@pytest.fixture
async def sessions(engine: AsyncEngine) -> Sessions:
    """A session factory on an emptied database: every test starts from no rows."""
    async with engine.connect() as conn:
        raw = (await conn.get_raw_connection()).driver_connection
        try:
            await raw.execute(EMPTY)
        except asyncpg.InsufficientPrivilegeError:  # not a superuser: the slow, sure way
            await raw.execute("ROLLBACK")
            tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
            await raw.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
    return session_factory(engine)


@pytest.fixture
def build(sessions: Sessions) -> Builder:
    """A builder on this test's emptied database."""
    return Builder(sessions)


@pytest.fixture(scope="session")
def sync_data_dir(tmp_root: Path) -> Iterator[Path]:
    """The data folder of the run's one warehouse emulator (sync and mentor tests share it)."""
    from sync.emulator import stop_emulator

    folder = tmp_root / "sync-data"
    folder.mkdir(exist_ok=True)
    yield folder
    stop_emulator()


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """An environment with no goalbot variables and the working directory in a temp folder."""
    prefixes = ("GOALBOT_", "DATABASE_", "TELEGRAM_", "SLACK_", "GEMINI_", "SNOWFLAKE_", "SYNC_",
                "SCHEDULER_", "COACH_", "PORT")  # fmt: skip
    for name in list(os.environ):
        if name.startswith(prefixes):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    yield tmp_path
