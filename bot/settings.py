"""All of goalbot's settings, built once here and handed down area by area."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from datetime import time
from pathlib import Path
from typing import ClassVar

import platformdirs
from pydantic import AliasChoices, Field, SecretStr, ValidationError
from pydantic_settings import SettingsConfigDict

from bot.inbox_config import InboxSettings, OutboxSettings
from coach.config import CoachSettings, GeminiSettings
from handlers.api.config import ApiSettings
from handlers.slack.config import SlackSettings
from handlers.telegram.config import TelegramSettings
from mentor.config import MentorSettings
from storage.config import AreaSettings, DatabaseSettings
from sync.config import SnowflakeSettings, SyncSettings

CONFIG_ENV = "GOALBOT_CONFIG"


class SettingsError(Exception):
    """A setting is missing or wrong; the message is one line naming it."""


def default_data_dir() -> Path:
    """The per-user data folder; as root /var/lib/goalbot, so embedded PostgreSQL never opens /root."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return Path("/var/lib/goalbot")
    return Path(platformdirs.user_data_dir("goalbot"))


class AppSettings(AreaSettings):
    """Process-wide settings: data folder, HTTP port, logs, the journal key."""

    toml_table: ClassVar[str] = "app"
    model_config = SettingsConfigDict(env_prefix="GOALBOT_", extra="forbid", frozen=True)

    data_dir: Path = Field(default_factory=lambda: default_data_dir())
    port: int = Field(default=8080, gt=0, lt=65536, validation_alias=AliasChoices("PORT", "port"))
    host: str = "0.0.0.0"
    log_level: str = Field(default="INFO", pattern="^(DEBUG|INFO|WARNING|ERROR)$")
    log_format: str = Field(default="text", pattern="^(text|json)$")
    journal_key: SecretStr | None = None


class SchedulerSettings(AreaSettings):
    """APScheduler jobs: intervals, weekly and monthly times, misfires and the leader lock."""

    toml_table: ClassVar[str] = "scheduler"
    model_config = SettingsConfigDict(env_prefix="SCHEDULER_", extra="forbid", frozen=True)

    enabled: bool = True
    sync_interval_minutes: int = Field(default=5, gt=0)
    adherence_interval_hours: int = Field(default=6, gt=0)
    risk_interval_hours: int = Field(default=4, gt=0)
    rollover_hour: int = Field(default=3, ge=0, le=23)
    weekly_review_day: str = Field(default="mon", pattern="^(mon|tue|wed|thu|fri|sat|sun)$")
    weekly_review_time: time = time(9, 0)
    monthly_report_day: int = Field(default=1, ge=1, le=28)
    misfire_grace_seconds: int = Field(default=900, ge=0)
    leader_retry_seconds: float = Field(default=15.0, gt=0)
    leader_lock_key: int = 7_400_100


AREAS: dict[str, type[AreaSettings]] = {
    "app": AppSettings,
    "database": DatabaseSettings,
    "telegram": TelegramSettings,
    "slack": SlackSettings,
    "gemini": GeminiSettings,
    "snowflake": SnowflakeSettings,
    "sync": SyncSettings,
    "scheduler": SchedulerSettings,
    "coach": CoachSettings,
    "inbox": InboxSettings,
    "outbox": OutboxSettings,
    "api": ApiSettings,
    "mentor": MentorSettings,
}


@dataclass(frozen=True)
class Settings:
    """Every area's settings, validated."""

    app: AppSettings
    database: DatabaseSettings
    telegram: TelegramSettings
    slack: SlackSettings
    gemini: GeminiSettings
    snowflake: SnowflakeSettings
    sync: SyncSettings
    scheduler: SchedulerSettings
    coach: CoachSettings
    inbox: InboxSettings
    outbox: OutboxSettings
    api: ApiSettings
    mentor: MentorSettings


def default_config_path() -> Path | None:
    """Return bot.toml from GOALBOT_CONFIG, else ./bot.toml if present, else None."""
    explicit = os.environ.get(CONFIG_ENV)
    if explicit:
        return Path(explicit)
    local = Path("bot.toml")
    return local if local.is_file() else None


def read_toml(path: Path) -> dict[str, dict]:
    """Read bot.toml, turning every failure into a one-line SettingsError."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SettingsError(f"{path}: cannot read the settings file ({exc.strerror})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: not valid TOML ({exc})") from None
    unknown = set(data) - set(AREAS)
    if unknown:
        raise SettingsError(
            f"{path}: unknown table [{sorted(unknown)[0]}]; known: {', '.join(AREAS)}"
        )
    for name, table in data.items():
        if not isinstance(table, dict):
            raise SettingsError(f"{path}: '{name}' must be a table ([{name}])")
    return data


def describe_error(area: type[AreaSettings], exc: ValidationError) -> str:
    """Return one line naming the first bad setting, its env name and what is wrong."""
    err = exc.errors()[0]
    field = str(err["loc"][0]) if err["loc"] else "?"
    env = env_name(area, field)
    message = err["msg"].removeprefix("Value error, ")
    return f"setting {area.toml_table}.{field} ({env}): {message}"


def env_name(area: type[AreaSettings], field: str) -> str:
    """Return the environment variable that sets `field` of `area`."""
    info = area.model_fields.get(field)
    alias = info.validation_alias if info else None
    if isinstance(alias, str):
        return alias
    if isinstance(alias, AliasChoices):
        return str(alias.choices[0])
    return f"{area.model_config.get('env_prefix', '')}{field}".upper()


def load_settings(path: Path | None = None) -> Settings:
    """Build every area from bot.toml and the environment, or raise SettingsError."""
    path = path if path is not None else default_config_path()
    tables = read_toml(path) if path is not None else {}
    built: dict[str, AreaSettings] = {}
    for name, area in AREAS.items():
        try:
            built[name] = area(**tables.get(name, {}))
        except ValidationError as exc:
            raise SettingsError(describe_error(area, exc)) from None
    return Settings(**built)  # type: ignore[arg-type]


def describe_all(settings: Settings) -> list[str]:
    """An aligned table: setting, environment name, what is in use (`bot.settings_view`)."""
    from bot.settings_view import table

    return table(settings, AREAS, env_name)


def settings_table() -> list[str]:
    """The README's configuration table: every setting, its env name and its default."""
    rows = ["| setting | environment | default |", "|---|---|---|"]
    for name, area in AREAS.items():
        for field, info in area.model_fields.items():
            default = "" if info.is_required() else info.get_default(call_default_factory=True)
            if field == "data_dir":
                default = "per-user data dir (root: /var/lib/goalbot)"
            elif "SecretStr" in str(info.annotation):
                default = "unset (secret)"
            elif default is None:
                default = "unset"
            rows.append(f"| `{name}.{field}` | `{env_name(area, field)}` | {_cell(default)} |")
    return rows


def _cell(value: object) -> str:
    text = value if isinstance(value, str) else str(value).replace("'", '"')
    return f"`{text}`" if text and not text.startswith(("unset", "per-user")) else text
