"""Settings plumbing shared by every area, and the database area itself.

It lives in `storage` because that is the lowest layer: every package may import it.
Each area is one `AreaSettings` model; its values come from (highest first) the
environment, the area's table in bot.toml, then the defaults written here.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

POSTGRES_DRIVERS = {"postgres", "postgresql", "postgresql+asyncpg", "postgresql+psycopg"}


class AreaSettings(BaseSettings):
    """One area of settings: environment over its bot.toml table over defaults."""

    toml_table: ClassVar[str] = ""
    model_config = SettingsConfigDict(extra="forbid", frozen=True)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # bot.toml arrives as init kwargs; the environment must win over it.
        return env_settings, init_settings


def asyncpg_url(url: str) -> str:
    """Return a PostgreSQL URL rewritten for SQLAlchemy's asyncpg driver."""
    parsed = make_url(url)
    return parsed.set(drivername="postgresql+asyncpg").render_as_string(hide_password=False)


class DatabaseSettings(AreaSettings):
    """PostgreSQL: unset `url` starts the embedded server in the data folder."""

    toml_table: ClassVar[str] = "database"
    model_config = SettingsConfigDict(env_prefix="DATABASE_", extra="forbid", frozen=True)

    url: str | None = Field(default=None, description="PostgreSQL URL (DATABASE_URL)")
    # Per process at most 2 × pool_size + max_overflow connections: this pool, and the press
    # pool beside it (as many kept, no overflow; `storage.db.autocommit_engine`). 8 + 8 + 2 =
    # 18 lets five `goalbot run` processes share PostgreSQL's default 100 connections with
    # room for migrations, sync and psql. More kept connections than the server has cores do
    # not make statements faster; a burst waits for a free one (cheap) instead of opening new
    # ones (a backend, auth and type codecs: far dearer than the statements themselves).
    pool_size: int = Field(default=8, gt=0)
    max_overflow: int = Field(default=2, ge=0)
    # Off: a ping is one more round trip on every checkout (two per check-in press). After a
    # database restart the first statement on each stale connection fails, and SQLAlchemy
    # then replaces the whole pool; that member is told to try again.
    pool_pre_ping: bool = False
    echo: bool = False

    @field_validator("url")
    @classmethod
    def _postgres_only(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        try:
            parsed = make_url(value)
        except ArgumentError:
            raise ValueError("not a URL like postgresql://user:pass@host:5432/dbname") from None
        if parsed.drivername not in POSTGRES_DRIVERS:
            raise ValueError(f"goalbot needs PostgreSQL, got '{parsed.drivername}://'")
        if not parsed.database:
            raise ValueError("the URL names no database (…/dbname)")
        return asyncpg_url(value)


def area_defaults(area: type[AreaSettings]) -> dict[str, Any]:
    """Return an area's built-in defaults (used to check bot.toml against the code)."""
    return {
        name: field.get_default(call_default_factory=True)
        for name, field in area.model_fields.items()
    }
