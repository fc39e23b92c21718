"""`goalbot sync`: --init, a pass with --as-of, --status, and a clear line for a bad time."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app

pytestmark = pytest.mark.slow  # warehouse passes on the emulator: seconds each


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, database_url: str, sync_data_dir: Path) -> str:
    """The CLI pointed at this run's database and emulator, with a warehouse of its own."""
    database = f"CLI_{uuid.uuid4().hex[:10]}"
    for name, value in {
        "DATABASE_URL": database_url,
        "GOALBOT_DATA_DIR": str(sync_data_dir),
        "SNOWFLAKE_DATABASE": database,
        "GOALBOT_CONFIG": str(Path(__file__).resolve().parents[2] / "bot.toml"),
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("SNOWFLAKE_ACCOUNT", raising=False)
    return database


def test_init_sync_and_status(cli_env: str) -> None:
    runner = CliRunner()
    first = runner.invoke(app, ["sync", "--init"])
    assert first.exit_code == 0, first.output
    assert "added dim_users" in first.output and "mentor" not in first.output
    again = runner.invoke(app, ["sync", "--init"])
    assert again.exit_code == 0 and "up to date" in again.output

    synced = runner.invoke(app, ["sync", "--as-of", "2026-11-15T10:00"])
    assert synced.exit_code == 0, synced.output
    assert "metrics as of 2026-11-15T10:00:00+00:00" in synced.output

    status = runner.invoke(app, ["sync", "--status"])
    assert status.exit_code == 0, status.output
    lines = status.stdout.splitlines()
    assert lines[0].startswith("last run: ") and lines[0].endswith(", ok")
    assert lines[1].startswith("rows: ") and "checkins" in lines[1]
    assert lines[2].startswith("lag: ") and "since the last successful sync" in lines[2]


def test_a_bad_as_of_gets_one_clear_line(cli_env: str) -> None:
    result = CliRunner().invoke(app, ["sync", "--as-of", "yesterday"])
    assert result.exit_code == 2
    assert "--as-of 'yesterday' is not a time like 2026-11-15T10:00" in result.output


def test_failed_metrics_are_recorded_on_the_run_as_the_scheduled_sync_records_them(
    cli_env: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> list[str]:
        raise RuntimeError("metrics\n   exploded")

    monkeypatch.setattr("sync.pipeline.compute_metrics", broken)
    runner = CliRunner()
    synced = runner.invoke(app, ["sync"])
    assert synced.exit_code == 0, synced.output  # the rows are in; only the figures are stale
    assert "metrics FAILED: RuntimeError: metrics exploded" in synced.output
    status = runner.invoke(app, ["sync", "--status"])
    assert status.exit_code == 0, status.output
    assert status.stdout.splitlines()[0].endswith(
        ", metrics_failed: RuntimeError: metrics exploded"
    )


def test_a_pass_with_nothing_new_says_so_and_status_shows_abandoned_runs(
    cli_env: str, database_url: str
) -> None:
    import asyncio

    import asyncpg

    runner = CliRunner()
    assert runner.invoke(app, ["sync"]).exit_code == 0
    idle = runner.invoke(app, ["sync"])
    assert idle.exit_code == 0, idle.output
    assert "nothing new to sync" in idle.output and "synced" not in idle.output

    async def dead_run() -> None:  # what a process killed mid-pass leaves
        conn = await asyncpg.connect(database_url.replace("+asyncpg", ""))
        await conn.execute("INSERT INTO sync_runs (status) VALUES ('running')")
        await conn.close()

    asyncio.run(dead_run())
    closing = runner.invoke(app, ["sync"])
    assert "closed 1 run(s) a dead process had left running" in closing.output
    status = runner.invoke(app, ["sync", "--status"])
    assert any(line.startswith("abandoned runs: ") for line in status.stdout.splitlines())
