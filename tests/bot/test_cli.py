"""The `goalbot` command from outside, as a newcomer runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def goalbot(
    *args: str, env: dict[str, str], timeout: int = 120
) -> subprocess.CompletedProcess[str]:
    """Run `python -m bot ARGS` in a clean environment."""
    base = {"PATH": os.environ["PATH"], "HOME": env.get("HOME", "/tmp"), "LANG": "C.UTF-8"}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=REPO, env={**base, **env},
        capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip


@pytest.mark.slow
def test_migrate_with_no_database_url_uses_embedded_postgres(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    result = goalbot("migrate", env={"GOALBOT_DATA_DIR": str(data_dir)})
    assert result.returncode == 0, result.stderr
    assert "embedded PostgreSQL" in result.stderr
    assert "upgraded to head" in result.stdout
    assert (data_dir / "postgres" / "PG_VERSION").exists()
    assert not (data_dir / "postgres" / "postmaster.pid").exists(), "the server was not stopped"


@pytest.mark.slow
def test_migrate_against_a_configured_database(database_url: str) -> None:
    result = goalbot("migrate", env={"DATABASE_URL": database_url})
    assert result.returncode == 0, result.stderr
    assert "DATABASE_URL" in result.stderr and "upgraded to head" in result.stdout


@pytest.mark.slow
def test_help_lists_the_commands() -> None:
    result = goalbot("--help", env={})
    assert result.returncode == 0
    for command in ("migrate", "settings", "rotate-journal-key"):
        assert command in result.stdout
