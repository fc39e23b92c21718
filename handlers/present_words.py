"""Replies for check-ins in words: the one-tap question, and several check-ins in one message."""

from __future__ import annotations

from datetime import date

from coach.conversation import CheckinGuess, CheckinsFromWords
from handlers import buttons
from handlers.i18n import tr
from handlers.present import REFUSALS, STATUS_WORDS, Button, Reply, outcome_line


def _when(day: date, today: date | None) -> str:
    t = tr()
    if today is None or day == today:
        return ""
    if (today - day).days == 1:
        return t.gettext(" for yesterday")
    return t.gettext(" for {day}", day=t.date(day, "EEE dd MMM"))


def _question(found: CheckinGuess, status: str, amount: str) -> str:
    """ "Shall I mark “Run 5k” as missed for yesterday?" as one sentence per kind of day."""
    t, m, day, today = tr(), found.match, found.day, found.today
    if today is None or day == today:
        return t.gettext("Shall I mark “{habit}” as {status}{amount}?",
                         habit=m.title, status=status, amount=amount)  # fmt: skip
    if (today - day).days == 1:
        return t.gettext("Shall I mark “{habit}” as {status} for yesterday{amount}?",
                         habit=m.title, status=status, amount=amount)  # fmt: skip
    return t.gettext("Shall I mark “{habit}” as {status} for {day}{amount}?", habit=m.title,
                     status=status, day=t.date(day, "EEE dd MMM"), amount=amount)  # fmt: skip


def guess(found: CheckinGuess) -> Reply:
    """The one-tap question: "Shall I mark “Run 5k” as missed for yesterday?" Yes / No."""
    t, m = tr(), found.match
    amount = f" ({found.amount:g})" if found.amount is not None else ""
    status = t.gettext(STATUS_WORDS[m.status])
    yes = Button(
        t.gettext("Yes, {status}", status=status), buttons.checkin(m.habit_id, found.day, m.status)
    )  # type: ignore[arg-type]
    return Reply(
        _question(found, status, amount), [[yes, Button(t.gettext("No"), buttons.DISMISS)]]
    )


def checkins_from_words(result: CheckinsFromWords) -> list[Reply]:
    """Every check-in one message gave: recorded lines, refusals, then one question each."""
    t = tr()
    lines = [outcome_line(o) + _when(o.day, result.today) for o in result.recorded]
    lines += [
        f"{title}: {t.gettext(REFUSALS[refusal.reason])}" for title, refusal in result.refused
    ]
    if result.reply:
        lines.append(result.reply)
    replies = [Reply("\n".join(lines))] if lines else []
    return replies + [guess(g) for g in result.asks]
