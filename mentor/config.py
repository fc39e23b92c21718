"""Settings of the mentor side (`[mentor]` in bot.toml, MENTOR_* in the environment)."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from storage.config import AreaSettings


class MentorSettings(AreaSettings):
    """The copilot's own limits: a mentor's questions never spend a patient's quota."""

    toml_table: ClassVar[str] = "mentor"
    model_config = SettingsConfigDict(env_prefix="MENTOR_", extra="forbid", frozen=True)

    daily_model_calls: int = Field(default=100, gt=0)  # copilot calls per mentor and UTC day
