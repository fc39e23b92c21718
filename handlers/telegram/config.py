"""Settings of the Telegram transport."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field, SecretStr
from pydantic_settings import SettingsConfigDict

from storage.config import AreaSettings


class TelegramSettings(AreaSettings):
    """Bot API token and endpoint, webhook, and sending limits."""

    toml_table: ClassVar[str] = "telegram"
    model_config = SettingsConfigDict(env_prefix="TELEGRAM_", extra="forbid", frozen=True)

    bot_token: SecretStr | None = None
    api_url: str = "https://api.telegram.org"
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_path: str = "/telegram/webhook"
    overall_messages_per_second: float = Field(default=30.0, gt=0)
    group_messages_per_minute: float = Field(default=20.0, gt=0)
    keyboard_max_age_hours: int = Field(default=36, gt=0)

    @property
    def configured(self) -> bool:
        """True when a bot token is set."""
        return self.bot_token is not None and bool(self.bot_token.get_secret_value())
