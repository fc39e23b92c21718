"""The understanding step: a member's message, with their habits and day, as a typed result.

`coach.understanding.offline.parse` is the offline parser (the embedded default and the
fallback); `coach.understanding.online.model_turn` asks Gemini once for the same result plus the
reply. `coach.conversation` routes on the result and nothing else. This package file imports
nothing, so `coach.llm` may use the grammar modules (schedules, deadlines) without a cycle.
"""
