"""Settings of the durable inbox and its workers, and of the outbox's delivery (#13)."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from storage.config import AreaSettings


class InboxSettings(AreaSettings):
    """The Telegram inbox: leases, sweeps, how many members at once, shutdown, pruning."""

    toml_table: ClassVar[str] = "inbox"
    model_config = SettingsConfigDict(env_prefix="INBOX_", extra="forbid", frozen=True)

    lease_seconds: float = Field(default=15.0, gt=0)
    sweep_seconds: float = Field(default=0.5, gt=0)
    concurrency: int = Field(default=64, gt=0)
    handler_timeout_seconds: float = Field(default=120.0, gt=0)
    shutdown_seconds: float = Field(default=20.0, ge=0)
    max_attempts: int = Field(default=5, gt=0)
    keep_hours: int = Field(default=48, gt=0)
    poll_timeout_seconds: int = Field(default=25, ge=0, le=50)
    presses_at_once: bool = True
    press_timeout_seconds: float = Field(default=8.0, gt=0)


class OutboxSettings(AreaSettings):
    """The outbox: how often pending sends are tried, and the backoff between tries."""

    toml_table: ClassVar[str] = "outbox"
    model_config = SettingsConfigDict(env_prefix="OUTBOX_", extra="forbid", frozen=True)

    interval_seconds: int = Field(default=10, gt=0)
    retry_base_seconds: float = Field(default=15.0, gt=0)
    retry_max_seconds: float = Field(default=900.0, gt=0)
    give_up_hours: float = Field(default=72.0, gt=0)
    batch: int = Field(default=50, gt=0)
