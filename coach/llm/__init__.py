"""The coach engine: Gemini through google-genai, the offline coach, and the audit of every call."""

from __future__ import annotations

from coach.llm.engine import CoachEngine
from coach.llm.outcome import Outcome, Source, T

__all__ = ["CoachEngine", "Outcome", "Source", "T"]
