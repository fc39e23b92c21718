"""The engine's result: a validated value plus where it came from and what it cost."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel

T = TypeVar("T", bound=BaseModel)
Source = Literal["gemini", "offline", "safety"]


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """A task's answer and its provenance (source, fallback reason, model, latency, tokens)."""

    value: T
    source: Source
    fallback_reason: str | None = None
    model: str | None = None
    latency_ms: int = 0
    prompt_tokens: int | None = None
    output_tokens: int | None = None
    call_id: uuid.UUID | None = None
