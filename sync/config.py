"""Settings of the Postgres → Snowflake pipeline; unset `account` selects the local emulator."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import SettingsConfigDict

from storage.config import AreaSettings


class SnowflakeSettings(AreaSettings):
    """Connection to Snowflake (password or key-pair) or to an emulator server."""

    toml_table: ClassVar[str] = "snowflake"
    model_config = SettingsConfigDict(
        env_prefix="SNOWFLAKE_", extra="forbid", frozen=True, populate_by_name=True
    )

    account: str | None = None
    user: str | None = None
    password: SecretStr | None = None
    private_key_path: str | None = None
    private_key_passphrase: SecretStr | None = None
    role: str | None = None
    reader_role: str | None = None  # the read-only role the mentor side's analytics reads use
    warehouse: str | None = None
    database: str = "GOALBOT"
    schema_name: str = Field(default="ANALYTICS", validation_alias="SNOWFLAKE_SCHEMA")
    host: str | None = None
    port: int | None = Field(default=None, gt=0, lt=65536)
    protocol: str | None = None
    login_timeout_seconds: int = Field(default=30, gt=0)
    # the mentor side's reads: each statement is cancelled after this long, on this many threads
    read_timeout_seconds: int = Field(default=10, gt=0)
    read_threads: int = Field(default=4, gt=0)

    @field_validator("protocol")
    @classmethod
    def _protocol(cls, value: str | None) -> str | None:
        if value not in (None, "http", "https"):
            raise ValueError("must be http or https")
        return value

    @property
    def emulated(self) -> bool:
        """True when no account is configured and the local emulator stands in."""
        return not self.account


class SyncSettings(AreaSettings):
    """What the sync moves and how."""

    toml_table: ClassVar[str] = "sync"
    model_config = SettingsConfigDict(env_prefix="SYNC_", extra="forbid", frozen=True)

    include_journal_text: bool = False
    batch_size: int = Field(default=100_000, gt=0)  # rows per staged Parquet file
    max_rows_per_run: int = Field(default=200_000, gt=0)
    # kept so old configurations still load; change tracking (sync_changes) made it unneeded
    settle_seconds: float = Field(default=30.0, ge=0)
    lock_key: int = 7_400_200  # the PostgreSQL advisory lock: one pass at a time, whoever starts it
    lock_wait_seconds: float = Field(default=120.0, ge=0)  # `goalbot sync` waits this long for it
