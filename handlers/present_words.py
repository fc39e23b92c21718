"""Replies for check-ins in words: the one-tap question, and several check-ins in one message."""

from __future__ import annotations

from datetime import date

from coach.conversation import CheckinGuess, CheckinsFromWords
from handlers import buttons
from handlers.present import REFUSALS, Button, Reply, outcome_line

_VERB = {"done": "done", "skipped": "skipped", "missed": "missed"}


def _when(day: date, today: date | None) -> str:
    if today is None or day == today:
        return ""
    return " for yesterday" if (today - day).days == 1 else f" for {day:%a %d %b}"


def guess(found: CheckinGuess) -> Reply:
    """The one-tap question: "Shall I mark “Run 5k” as missed for yesterday?" Yes / No."""
    m = found.match
    amount = f" ({found.amount:g})" if found.amount is not None else ""
    yes = Button(f"Yes, {_VERB[m.status]}", buttons.checkin(m.habit_id, found.day, m.status))  # type: ignore[arg-type]
    text = f"Shall I mark “{m.title}” as {m.status}{_when(found.day, found.today)}{amount}?"
    return Reply(text, [[yes, Button("No", buttons.DISMISS)]])


def checkins_from_words(result: CheckinsFromWords) -> list[Reply]:
    """Every check-in one message gave: recorded lines, refusals, then one question each."""
    lines = [outcome_line(o) + _when(o.day, result.today) for o in result.recorded]
    lines += [f"{title}: {REFUSALS[refusal.reason]}" for title, refusal in result.refused]
    if result.reply:
        lines.append(result.reply)
    replies = [Reply("\n".join(lines))] if lines else []
    return replies + [guess(g) for g in result.asks]
