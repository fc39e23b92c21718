"""The offline coach's replies to members: templates filled with the member's real figures."""

from __future__ import annotations

import re

from coach.llm.schemas import CoachReply, HabitFacts, MemberContext

_INTENTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("greeting", re.compile(r"^(?:hi|hey|hello|yo|good (?:morning|evening|afternoon))\b")),
    ("struggle", re.compile(r"\b(?:missed|skip|skipped|fail|failed|behind|slipp|fell off|lazy|"
                            r"can'?t|couldn'?t|gave up|quit|unmotivated|no motivation|hard)\w*")),
    ("tired", re.compile(r"\b(?:tired|exhausted|stressed|overwhelmed|busy|sick|drained)\b")),
    ("progress", re.compile(r"\b(?:how am i doing|progress|stats|streak|score|how'?s it going|doing)\b")),
    ("win", re.compile(r"\b(?:did it|done|finished|completed|nailed|crushed|proud)\b")),
    ("thanks", re.compile(r"\b(?:thanks|thank you|thx|cheers)\b")),
)  # fmt: skip


def intent(message: str) -> str:
    """The message's intent by keywords: struggle, tired, progress, win, thanks, greeting, other."""
    lowered = message.lower()
    return next((name for name, pattern in _INTENTS if pattern.search(lowered)), "other")


def _pct(value: float | None) -> str | None:
    return None if value is None else f"{round(value * 100)}%"


def figures(context: MemberContext) -> list[str]:
    """Sentences stating the member's real numbers: streaks, completion, what was missed."""
    facts: list[str] = []
    if (ratio := _pct(context.completion_ratio_30d)) is not None:
        facts.append(f"Over the last 30 days you completed {ratio} of your scheduled check-ins.")
    if streaking := [h for h in context.habits if h.streak > 0]:
        best = max(streaking, key=lambda h: h.streak)
        facts.append(f"Your longest current streak is {best.streak} on {best.title}.")
    low = weakest(context.habits)
    if low is not None and (low.adherence_7d or 0.0) < 0.6:
        facts.append(f"{low.title} is at {_pct(low.adherence_7d)} over the last 7 days.")
    missed = [h for h in context.habits if h.missed_recently]
    if missed:
        parts = [
            f"{h.title} on {', '.join(f'{d:%a %d %b}' for d in sorted(h.missed_recently)[-3:])}"
            for h in missed[:2]
        ]
        facts.append(f"Recently missed: {'; '.join(parts)}.")
    pending = [h.title for h in context.habits if not h.done_today]
    if context.habits and not pending:
        facts.append("Everything is checked in for today.")
    return facts


def _steps(context: MemberContext, kind: str) -> list[str]:
    steps: list[str] = []
    missed = sorted(context.habits, key=lambda h: len(h.missed_recently), reverse=True)
    for habit in missed:
        if habit.missed_recently and len(steps) < 2:
            steps.append(
                f"Pick a fixed time tomorrow for {habit.title} and put it in your calendar."
            )
    if kind in ("tired", "struggle"):
        steps.append("Shrink it: do a 2-minute version today instead of skipping.")
    pending = [h for h in context.habits if not h.done_today]
    if pending and len(steps) < 3:
        steps.append(f"Check in {pending[0].title} today, even a small version counts.")
    streak = max(context.habits, key=lambda h: h.streak, default=None)
    if streak and streak.streak and len(steps) < 3:
        steps.append(f"Protect your {streak.title} streak of {streak.streak}: keep it going today.")
    return list(dict.fromkeys(steps))[:3]


_OPENERS = {
    "greeting": "Hi{name}! Good to hear from you.",
    "struggle": "Missing a few days happens to everyone{name} — what matters is the next check-in.",
    "tired": "That sounds tiring{name}. On heavy days, the smallest version of a habit still counts.",
    "progress": "Here is where you stand{name}.",
    "win": "Well done{name}! That's exactly how habits get built.",
    "thanks": "Any time{name}.",
    "other": "Thanks for the message{name}.",
}


def offline_reply(context: MemberContext, message: str) -> CoachReply:
    """A reply from templates that quotes the member's own streaks, completion and misses."""
    kind = intent(message)
    name = f", {context.name}" if context.name else ""
    lines = [_OPENERS[kind].format(name=name), *figures(context)]
    if not context.habits:
        lines.append("You have no habits yet — tell me a goal (e.g. “run 3x a week”) to start.")
    return CoachReply(reply=" ".join(lines)[:1500], action_steps=_steps(context, kind))


def weakest(habits: list[HabitFacts]) -> HabitFacts | None:
    """The habit with the lowest 7-day adherence (None when none has a figure)."""
    rated = [h for h in habits if h.adherence_7d is not None]
    return min(rated, key=lambda h: h.adherence_7d or 0.0, default=None)
