"""Leader election on a PostgreSQL advisory lock: one leader, failover, release on stop."""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import sys
from collections.abc import Callable

import asyncpg
import pytest

from bot.leader import LeaderElection

RETRY = 0.1


class Candidate:
    """A leader candidate that records when it is elected and deposed."""

    def __init__(self, url: str, key: int, name: str) -> None:
        self.events: list[str] = []
        self.election = LeaderElection(
            url, key=key, retry_seconds=RETRY, on_elected=self._elected,
            on_deposed=self._deposed, name=name,
        )  # fmt: skip
        self.task: asyncio.Task[None] | None = None

    async def _elected(self) -> None:
        self.events.append("elected")

    async def _deposed(self) -> None:
        self.events.append("deposed")

    def start(self) -> Candidate:
        self.task = asyncio.create_task(self.election.run())
        return self

    async def stop(self) -> None:
        await self.election.stop()
        if self.task is not None:
            await asyncio.wait_for(self.task, 5)


async def until(condition: Callable[[], bool], limit: float = 5.0) -> None:
    """Wait until `condition()` holds (polling the candidates' state), or fail."""
    async with asyncio.timeout(limit):
        while not condition():  # noqa: ASYNC110 - the state changes in another task
            await asyncio.sleep(0.02)


@pytest.fixture
def key() -> int:
    return secrets.randbelow(2**31)


@pytest.mark.slow
async def test_exactly_one_of_two_candidates_leads(database_url: str, key: int) -> None:
    a, b = Candidate(database_url, key, "a").start(), Candidate(database_url, key, "b").start()
    try:
        await until(lambda: a.election.is_leader or b.election.is_leader)
        await asyncio.sleep(RETRY * 5)
        assert [a.election.is_leader, b.election.is_leader].count(True) == 1
        assert {a.election.role, b.election.role} == {"leader", "standby"}
    finally:
        await a.stop()
        await b.stop()


@pytest.mark.slow
async def test_the_standby_takes_over_when_the_leaders_connection_dies(
    database_url: str, key: int
) -> None:
    a = Candidate(database_url, key, "a").start()
    await until(lambda: a.election.is_leader)
    b = Candidate(database_url, key, "b").start()
    try:
        await asyncio.sleep(RETRY * 3)
        assert not b.election.is_leader
        await a.election.kill_connection()  # as if the process died
        await until(lambda: b.election.is_leader)
        await until(lambda: "deposed" in a.events)
        assert b.events == ["elected"]
        await asyncio.sleep(RETRY * 3)
        assert not a.election.is_leader  # a campaigns again but b holds the lock
    finally:
        await a.stop()
        await b.stop()


async def test_stopping_releases_the_lock_at_once(database_url: str, key: int) -> None:
    a = Candidate(database_url, key, "a").start()
    await until(lambda: a.election.is_leader)
    b = Candidate(database_url, key, "b").start()
    try:
        await a.stop()
        assert a.events == ["elected", "deposed"]
        await until(lambda: b.election.is_leader, limit=RETRY * 20)
    finally:
        with contextlib.suppress(Exception):
            await a.stop()
        await b.stop()


async def test_an_unreachable_database_leaves_the_process_standing_by(key: int) -> None:
    lonely = Candidate("postgresql+asyncpg://postgres@127.0.0.1:1/nowhere", key, "x").start()
    await asyncio.sleep(RETRY * 3)
    assert lonely.election.role == "standby"
    assert lonely.task is not None and not lonely.task.done()
    await lonely.stop()


async def test_a_leader_whose_lock_is_gone_steps_down(database_url: str, key: int) -> None:
    a = Candidate(database_url, key * 4096, "a").start()  # a key above 32 bits
    await until(lambda: a.election.is_leader)
    try:
        conn = a.election._conn
        assert conn is not None
        settings = await conn.fetch(
            "SELECT name, setting FROM pg_settings WHERE name LIKE 'tcp_keepalives_%' ORDER BY 1"
        )
        assert {r["name"]: r["setting"] for r in settings} == {
            "tcp_keepalives_count": "3", "tcp_keepalives_idle": "30",
            "tcp_keepalives_interval": "10",
        }  # fmt: skip
        await conn.execute("SELECT pg_advisory_unlock_all()")  # the lock lost, the link alive
        await until(lambda: "deposed" in a.events)
        await until(lambda: a.election.is_leader)  # and it campaigns again
    finally:
        await a.stop()


@pytest.mark.slow
async def test_two_processes_upgrading_an_empty_database_at_once_both_succeed(
    server_url: str,
) -> None:
    from sqlalchemy.engine import make_url

    from tests.bot.running import REPO

    name = f"goalbot_migrate_{secrets.token_hex(4)}"
    admin = await asyncpg.connect(server_url.replace("+asyncpg", ""))
    await admin.execute(f'CREATE DATABASE "{name}"')
    url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
    try:
        env = {**os.environ, "DATABASE_URL": url.replace("+asyncpg", ""), "PYTHONPATH": str(REPO)}
        runs = [await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "migrate",
                                                     env=env, cwd=REPO) for _ in range(2)]  # fmt: skip
        assert [await run.wait() for run in runs] == [0, 0]  # without the lock one fails
        conn = await asyncpg.connect(url.replace("+asyncpg", ""))
        versions = await conn.fetch("SELECT version_num FROM alembic_version")
        await conn.close()
        assert len(versions) == 1
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()
