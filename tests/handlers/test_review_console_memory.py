"""README, the console: it remembers its member in `<data folder>/console-member` (`--fresh`
starts over), and charts are written to `<data folder>/console/`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.goalbot_cli import invoke


def console(*args: str, script: str) -> str:
    """`goalbot console ARGS` in this process with `script` on stdin; its stdout."""
    result = invoke("console", *args, stdin=script)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.slow
def test_the_next_session_is_the_same_member_and_charts_land_in_the_console_folder(
    database_url: str, clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = clean_env / "data"
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("GOALBOT_DATA_DIR", str(data_dir))
    console("--fresh", script="/start\nLisbon\nI want to meditate every morning\n1\n")

    again = console(script="/settings\n/progress\n")

    assert "time zone: Europe/Lisbon" in again and "Send /start" not in again
    assert (data_dir / "console" / "progress.png").read_bytes()[:4] == b"\x89PNG"
    fresh = console("--fresh", script="/settings\n")
    assert "Send /start to begin" in fresh
