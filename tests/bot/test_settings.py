"""Settings: bot.toml and the environment, and one clear line for every bad value."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import AREAS, SettingsError, load_settings

REPO = Path(__file__).resolve().parents[2]


def test_bot_toml_states_exactly_the_built_in_defaults(clean_env: Path) -> None:
    empty = clean_env / "empty.toml"
    empty.write_text("")
    from_file, built_in = load_settings(REPO / "bot.toml"), load_settings(empty)
    for name in AREAS:
        assert getattr(from_file, name) == getattr(built_in, name), name


def test_environment_overrides_the_file(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db.example:5432/goal")
    monkeypatch.setenv("GEMINI_API_KEY", "k-123")
    monkeypatch.setenv("SNOWFLAKE_SCHEMA", "MART")
    monkeypatch.setenv("PORT", "9000")
    monkeypatch.setenv("TELEGRAM_API_URL", "http://127.0.0.1:1")
    monkeypatch.setenv("COACH_DAY_START_HOUR", "4")
    settings = load_settings(REPO / "bot.toml")
    assert settings.database.url == "postgresql+asyncpg://u:p@db.example:5432/goal"
    assert settings.gemini.online and settings.gemini.api_key.get_secret_value() == "k-123"
    assert settings.snowflake.schema_name == "MART"
    assert settings.app.port == 9000
    assert settings.telegram.api_url == "http://127.0.0.1:1"
    assert settings.coach.day_start_hour == 4


def test_unset_keys_select_the_embedded_defaults(clean_env: Path) -> None:
    settings = load_settings(REPO / "bot.toml")
    assert settings.database.url is None
    assert not settings.gemini.online
    assert settings.snowflake.emulated
    assert not settings.telegram.configured and not settings.slack.configured


@pytest.mark.parametrize(
    ("env", "value", "expected"),
    [
        ("COACH_DEFAULT_TIMEZONE", "Mars/Olympus", "setting coach.default_timezone (COACH_DEFAULT_TIMEZONE): unknown time zone 'Mars/Olympus'"),
        ("DATABASE_URL", "mysql://root@localhost/x", "setting database.url (DATABASE_URL): goalbot needs PostgreSQL"),
        ("DATABASE_URL", "not a url", "setting database.url (DATABASE_URL): not a URL"),
        ("SCHEDULER_SYNC_INTERVAL_MINUTES", "-5", "setting scheduler.sync_interval_minutes (SCHEDULER_SYNC_INTERVAL_MINUTES): Input should be greater than 0"),
        ("PORT", "http", "setting app.port (PORT): Input should be a valid integer"),
    ],
)  # fmt: skip
def test_a_bad_value_names_the_setting_in_one_line(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch, env: str, value: str, expected: str
) -> None:
    monkeypatch.setenv(env, value)
    with pytest.raises(SettingsError) as err:
        load_settings(REPO / "bot.toml")
    assert str(err.value).startswith(expected)
    assert "\n" not in str(err.value)


def test_an_unreadable_file_is_one_line(clean_env: Path) -> None:
    with pytest.raises(SettingsError, match=r"cannot read the settings file"):
        load_settings(clean_env / "missing.toml")
    broken = clean_env / "broken.toml"
    broken.write_text("[coach\nday_start_hour = 3")
    with pytest.raises(SettingsError, match=r"not valid TOML"):
        load_settings(broken)


def test_unknown_tables_and_keys_are_named(clean_env: Path) -> None:
    path = clean_env / "typo.toml"
    path.write_text("[coach]\nday_start_hours = 3\n")
    with pytest.raises(SettingsError, match=r"coach.day_start_hours"):
        load_settings(path)
    path.write_text("[coaches]\n")
    with pytest.raises(SettingsError, match=r"unknown table \[coaches\]"):
        load_settings(path)


@pytest.mark.slow
def test_the_cli_prints_one_line_and_exits_2(clean_env: Path) -> None:
    import subprocess
    import sys

    env = {"PATH": "/usr/bin:/bin", "COACH_DAY_START_HOUR": "25", "HOME": str(clean_env)}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "settings"], cwd=REPO, env=env,
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "goalbot: setting coach.day_start_hour (COACH_DAY_START_HOUR): "
        "Input should be less than or equal to 23"
    ]


def test_the_configuration_page_lists_every_setting_with_its_default() -> None:
    from bot.settings import settings_table

    lines = (REPO / "docs" / "configuration.md").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("<!-- settings-table")) + 1
    end = next(i for i in range(start, len(lines)) if not lines[i].startswith("|"))
    assert lines[start:end] == settings_table(), (
        "run `goalbot settings --markdown` and paste the table into docs/configuration.md"
    )
