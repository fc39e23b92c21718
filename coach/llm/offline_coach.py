"""The offline coach's replies to members: they answer what was said, with the member's figures.

- struggle / tired: empathy, then ONE concrete next step taken from the member's own figures
  (the habit missed most lately, or the weakest one, and the smallest version of it tonight);
- good news: praise that names what was done (today's check-ins, the longest streak);
- a question about the plan: the plan, habit by habit, with today's state;
- a progress question: the figures, and how the overall figure is made — every scheduled
  check-in of the last 30 days pooled, so it is the sum of the per-habit counts shown;
- a bare number or an emoji: a short answer that says what to do with it.
Wording varies: each kind has several openers, chosen by the message's text (stable for one
message, different across messages), so two replies in a row rarely start alike.
"""

from __future__ import annotations

import re
import zlib

from coach.llm.schemas import CoachReply, HabitFacts, MemberContext
from coach.schedule import describe_frequency

_INTENTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("greeting", re.compile(r"^(?:hi|hey|hello|yo|good (?:morning|evening|afternoon))\b")),
    ("plan", re.compile(r"\b(?:my plan|the plan|what(?:'s| is| are)? (?:my|on) (?:plan|habits|list)|"
                        r"what should i do|what do i do|which habits|my habits|what'?s next)\b")),
    ("struggle", re.compile(r"\b(?:missed|skip|skipped|fail|failed|behind|slipp|fell off|lazy|"
                            r"can'?t|couldn'?t|gave up|quit|unmotivated|no motivation|hard|"
                            r"struggl)\w*")),
    ("tired", re.compile(r"\b(?:tired|exhausted|stressed|overwhelmed|busy|sick|drained)\b")),
    ("progress", re.compile(r"\b(?:how am i doing|progress|stats|streak|score|how'?s it going|doing)\b")),
    ("win", re.compile(r"\b(?:did it|done|finished|completed|nailed|crushed|proud|great day|"
                       r"managed)\b")),
    ("thanks", re.compile(r"\b(?:thanks|thank you|thx|cheers)\b")),
    ("number", re.compile(r"^\s*\d+(?:[.,]\d+)?\s*$")),
    ("emoji", re.compile(r"^[^\w\s]{1,8}$")),
)  # fmt: skip

_OPENERS = {
    "greeting": ("Hi{name}! Good to hear from you.", "Hello{name}, nice to see you here.",
                 "Hey{name}! Let's look at today."),
    "plan": ("Here is your plan{name}:", "This is what you're working on{name}:",
             "Your habits{name}:"),
    "struggle": ("Missing a few days happens to everyone{name} — what matters is the next check-in.",
                 "A rough patch is part of building any habit{name}; it doesn't undo what you did.",
                 "That's frustrating{name}, and it's fixable: one small step gets you moving again."),
    "tired": ("That sounds tiring{name}. On heavy days, the smallest version of a habit still counts.",
              "Being worn out is a real reason{name}. Go gentle: a tiny version beats none.",
              "Rest matters too{name}. Keep the chain alive with something very small."),
    "progress": ("Here is where you stand{name}.", "Your figures{name}:",
                 "Let's look at the numbers{name}."),
    "win": ("Well done{name}!", "Great work{name}!", "That's a win{name}!"),
    "thanks": ("Any time{name}.", "Glad to help{name}.", "You're welcome{name}."),
    "other": ("Thanks for the message{name}.", "Got it{name}.", "I hear you{name}."),
    "number": ("You sent “{text}”{name}.",),
    "emoji": ("{text} right back{name}!",),
}  # fmt: skip


def intent(message: str) -> str:
    """The message's kind: greeting, plan, struggle, tired, progress, win, thanks, number,
    emoji, other (the first that matches, in that order)."""
    lowered = message.lower().strip()
    return next((name for name, pattern in _INTENTS if pattern.search(lowered)), "other")


def _pct(value: float | None) -> str | None:
    return None if value is None else f"{round(value * 100)}%"


def _count(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def overall(context: MemberContext) -> str | None:
    """The 30-day figure with the per-habit counts it is the sum of."""
    ratio = _pct(context.completion_ratio_30d)
    if ratio is None:
        return None
    counted = [h for h in context.habits if h.due_30d]
    if not counted:
        return f"Over the last 30 days you completed {ratio} of your scheduled check-ins."
    done = sum(h.done_30d or 0.0 for h in counted)
    due = sum(h.due_30d or 0.0 for h in counted)
    parts = ", ".join(f"{h.title} {_count(h.done_30d or 0)}/{_count(h.due_30d or 0)}"
                      for h in counted)  # fmt: skip
    return (f"Over the last 30 days you completed {ratio} of your scheduled check-ins "
            f"({_count(done)} of {_count(due)}: {parts}; every scheduled check-in counts once).")  # fmt: skip


def figures(context: MemberContext) -> list[str]:
    """Sentences stating the member's real numbers: streaks, completion, what was missed."""
    facts: list[str] = [line] if (line := overall(context)) else []
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
    if context.habits and all(h.done_today for h in context.habits):
        facts.append("Everything is checked in for today.")
    return facts


def next_step(context: MemberContext) -> str | None:
    """One concrete step from the figures: the habit missed most lately (else the weakest, else
    one still open today), its smallest version tonight."""
    missed = max(context.habits, key=lambda h: len(h.missed_recently), default=None)
    habit = missed if missed is not None and missed.missed_recently else weakest(context.habits)
    if habit is None or (habit.adherence_7d or 0) >= 0.8:
        habit = next((h for h in context.habits if not h.done_today), habit)
    if habit is None:
        return None
    return (f"Tonight, do a 2-minute version of {habit.title} and check it in — "
            f"that restarts it{'' if habit.done_today else ' today'}.")  # fmt: skip


def _praise(context: MemberContext) -> list[str]:
    done = [h.title for h in context.habits if h.done_today]
    lines = [f"Checked in today: {', '.join(done)}."] if done else []
    best = max(context.habits, key=lambda h: h.streak, default=None)
    if best is not None and best.streak >= 2:
        lines.append(f"{best.title} is at {best.streak} in a row — that's a habit forming.")
    return lines


def _plan(context: MemberContext) -> list[str]:
    return [f"• {h.title} — {describe_frequency(h.frequency)}, "
            f"{'done today' if h.done_today else 'open today'}, streak {h.streak}"
            for h in context.habits]  # fmt: skip


def _opener(kind: str, message: str, name: str) -> str:
    choices = _OPENERS[kind]
    text = message.strip()[:20]
    return choices[zlib.crc32(message.encode()) % len(choices)].format(name=name, text=text)


def offline_reply(context: MemberContext, message: str) -> CoachReply:
    """A reply that answers the kind of message, quoting the member's own figures."""
    kind = intent(message)
    name = f", {context.name}" if context.name else ""
    lines = [_opener(kind, message, name)]
    step = next_step(context)
    if not context.habits:
        lines += figures(context)
        lines.append("You have no habits yet — tell me a goal (e.g. “run 3x a week”) to start.")
        return CoachReply(reply=" ".join(lines), action_steps=[])
    if kind == "plan":
        return CoachReply(reply="\n".join([*lines, *_plan(context)])[:1500], action_steps=[])
    if kind == "win":
        lines += _praise(context)
    if kind == "number":
        lines.append("If it's an amount, say it with the habit, e.g. “read 12 pages”, and I'll "
                     "record it.")  # fmt: skip
    lines += figures(context)
    if kind in ("struggle", "tired") and step:
        lines.append("One step: " + step[0].lower() + step[1:])
    steps = [step] if step and kind in ("struggle", "tired") else _steps(context)
    return CoachReply(reply=" ".join(lines)[:1500], action_steps=steps)


def _steps(context: MemberContext) -> list[str]:
    pending = [h for h in context.habits if not h.done_today]
    steps = [f"Check in {pending[0].title} today, even a small version counts."] if pending else []
    streak = max(context.habits, key=lambda h: h.streak, default=None)
    if streak and streak.streak:
        steps.append(f"Protect your {streak.title} streak of {streak.streak}: keep it going today.")
    return steps[:3]


def weakest(habits: list[HabitFacts]) -> HabitFacts | None:
    """The habit with the lowest 7-day adherence (None when none has a figure)."""
    rated = [h for h in habits if h.adherence_7d is not None]
    return min(rated, key=lambda h: h.adherence_7d or 0.0, default=None)
