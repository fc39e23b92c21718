"""README promises of the configuration section, through the real `goalbot` command.

`GOALBOT_CONFIG` points at another file; `goalbot settings` prints the values in force, with
the environment over the file and secrets hidden.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.goalbot_cli import invoke


def goalbot_settings() -> str:
    """`goalbot settings` in this process; its stdout."""
    result = invoke("settings")
    assert result.exit_code == 0, result.output
    return result.stdout


def line_of(output: str, setting: str) -> str:
    (line,) = [row for row in output.splitlines() if row.startswith(f"{setting} ")]
    return line


def test_goalbot_config_names_the_file_and_settings_prints_the_values_in_force(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = clean_env / "elsewhere" / "other.toml"
    other.parent.mkdir()
    other.write_text("[coach]\nday_start_hour = 5\nreminder_time = 06:15:00\n")
    monkeypatch.setenv("GOALBOT_CONFIG", str(other))
    monkeypatch.setenv("COACH_REMINDER_TIME", "08:45")  # the environment wins over the file
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-do-not-print-me")

    output = goalbot_settings()

    assert line_of(output, "coach.day_start_hour").split() == [
        "coach.day_start_hour", "COACH_DAY_START_HOUR", "5"]  # fmt: skip
    assert line_of(output, "coach.reminder_time").endswith(" 08:45:00")
    assert line_of(output, "slack.bot_token").endswith(" *** (set)")
    assert "do-not-print-me" not in output
    # an aligned table that says what stands in for what is unset (#15)
    rows = [r for r in output.splitlines() if r.strip()]
    env_column = {r.index(r.split()[1]) for r in rows[2:]}
    assert len(env_column) == 1, rows[:5]
    assert "embedded PostgreSQL in" in line_of(output, "database.url")
    assert "journal key file" in line_of(output, "app.journal_key")
    assert "None" not in output
