"""Settings of the Slack transport (mentors)."""

from __future__ import annotations

from typing import ClassVar

from pydantic import SecretStr
from pydantic_settings import SettingsConfigDict

from storage.config import AreaSettings


class SlackSettings(AreaSettings):
    """Bot token, request signing, Socket Mode and the Web API endpoint."""

    toml_table: ClassVar[str] = "slack"
    model_config = SettingsConfigDict(env_prefix="SLACK_", extra="forbid", frozen=True)

    bot_token: SecretStr | None = None
    signing_secret: SecretStr | None = None
    app_token: SecretStr | None = None
    api_url: str = "https://slack.com/api/"
    events_path: str = "/slack/events"

    @property
    def configured(self) -> bool:
        """True when a bot token is set (HTTP mode also needs the signing secret)."""
        return self.bot_token is not None and bool(self.bot_token.get_secret_value())
