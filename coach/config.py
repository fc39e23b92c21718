"""Settings of the member-side core: the coach engine (Gemini) and the coaching rules."""

from __future__ import annotations

from datetime import time
from typing import ClassVar, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import SettingsConfigDict

from storage.config import AreaSettings

TASKS = (
    "plan_goal",
    "coach_reply",
    "coach_turn",
    "analyze_journal",
    "group_recap",
    "mentor_answer",
)


def check_timezone(value: str) -> str:
    """Return `value` if it names an IANA time zone, else raise ValueError."""
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"unknown time zone '{value}' (use an IANA name like Europe/Berlin)"
        ) from None
    return value


class GeminiSettings(AreaSettings):
    """Gemini through google-genai; unset `api_key` selects the offline coach."""

    toml_table: ClassVar[str] = "gemini"
    model_config = SettingsConfigDict(env_prefix="GEMINI_", extra="forbid", frozen=True)

    api_key: SecretStr | None = None
    api_url: str | None = None
    model: str = "gemini-2.5-flash"
    temperature: float = Field(default=0.4, ge=0, le=2)
    timeout_seconds: float = Field(default=20.0, gt=0)
    max_retries: int = Field(default=2, ge=0, le=10)
    retry_base_seconds: float = Field(default=0.5, gt=0)
    requests_per_minute: int = Field(default=100, gt=0)
    breaker_failures: int = Field(default=5, gt=0)
    breaker_reset_seconds: float = Field(default=60.0, gt=0)
    # A whole call, retries included: someone waiting (chat, plan, journal, a mentor's
    # question) gets the offline answer after this; scheduled work (recaps) may wait longer.
    interactive_deadline_seconds: float = Field(default=10.0, gt=0)
    scheduled_deadline_seconds: float = Field(default=120.0, gt=0)
    input_token_budget: dict[str, int] = Field(
        default_factory=lambda: {
            "plan_goal": 1500,
            "coach_reply": 3000,
            "coach_turn": 3200,
            "analyze_journal": 1500,
            "group_recap": 2500,
            "mentor_answer": 6000,
        }
    )
    output_token_budget: dict[str, int] = Field(
        default_factory=lambda: {
            "plan_goal": 1024,
            "coach_reply": 512,
            "coach_turn": 640,
            "analyze_journal": 256,
            "group_recap": 512,
            "mentor_answer": 1024,
        }
    )

    @field_validator("input_token_budget", "output_token_budget")
    @classmethod
    def _budget_per_task(cls, value: dict[str, int]) -> dict[str, int]:
        unknown = set(value) - set(TASKS)
        if unknown:
            raise ValueError(f"unknown task(s) {sorted(unknown)}; tasks are {list(TASKS)}")
        if any(v <= 0 for v in value.values()):
            raise ValueError("token budgets must be positive")
        return value

    @property
    def online(self) -> bool:
        """True when a Gemini key is configured."""
        return self.api_key is not None and bool(self.api_key.get_secret_value())


class CoachSettings(AreaSettings):
    """Coaching rules: members' defaults, scores, limits."""

    toml_table: ClassVar[str] = "coach"
    model_config = SettingsConfigDict(env_prefix="COACH_", extra="forbid", frozen=True)

    default_timezone: str = "UTC"
    reminder_time: time = time(7, 0)
    day_start_hour: int = Field(default=3, ge=0, le=23)
    default_language: str = "en"
    backfill_days: int = Field(default=2, ge=0, le=14)
    skip_budget_per_week: int = Field(default=1, ge=0, le=7)
    milestones: list[int] = Field(default_factory=lambda: [7, 21, 30, 100])
    adherent_threshold: float = Field(default=0.8, gt=0, le=1)
    messages_per_second: float = Field(default=10.0, gt=0)
    daily_model_calls: int = Field(default=50, gt=0)
    max_message_chars: int = Field(default=4096, gt=0)
    quiet_hours_start: time | None = None
    quiet_hours_end: time | None = None
    # "async": a button press commits without waiting for the disk's WAL flush (PostgreSQL's
    # synchronous_commit off, for that one statement): a database *server* crash may lose the
    # last fraction of a second of presses, which the member re-presses; typed messages,
    # journal entries and plans always commit durably. "durable": presses wait too.
    checkin_commit: Literal["async", "durable"] = "async"

    @field_validator("default_timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        return check_timezone(value)

    @field_validator("milestones")
    @classmethod
    def _positive_milestones(cls, value: list[int]) -> list[int]:
        if any(v <= 0 for v in value):
            raise ValueError("milestones are positive day counts")
        return sorted(set(value))
