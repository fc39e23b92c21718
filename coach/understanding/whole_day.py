"""Check-ins about the whole day that name no habit: "skipped today, legs sore", "rest day",
"took the day off", "did everything today", "all done ✅".

Only a clause that is nothing but such words counts ("skipped breakfast", "tomorrow is a rest
day", "all done with work" are not); the other clauses may give a reason ("legs sore"). A skip
or a rest day is recorded for a member with one habit and asked about, habit by habit, with
several (the parser does not know which habits are due today, and a rest day from running is
no rest day from reading). "All done" is recorded for up to `ALL_SURE_UP_TO` habits and asked
about beyond: the more habits, the likelier one of them was not meant.
"""

from __future__ import annotations

import re

from coach.understanding.habits import TOKEN

ALL_SURE_UP_TO = 3
SURE, ASK = 0.9, 0.6
_DAY = r"(?:\s+(?:today|for today|yesterday|this time|again|for me|lol|tbh))*"
_SKIP = re.compile(
    rf"(?:(?:i|just|so|ok)\s+)*(?:skipped|skipping|skip)(?:\s+(?:it|this one|the day))?{_DAY}"
)
_REST = re.compile(
    r"(?:(?:i|just|so|ok|took|taking|having|had|it's|its|today's|todays|today is|today was)\s+)*"
    rf"(?:(?:a|my)\s+)?(?:(?:rest|recovery|off)\s+day|day\s+off|the\s+day\s+off){_DAY}"
)
_ALL = r"(?:(?:it|them)\s+all|all(?:\s+of\s+(?:them|it))?|everything|all\s+(?:my\s+)?(?:habits|\d|three|four|of them))"
_DONE_ALL = re.compile(
    rf"(?:(?:i|just|so|ok|yay)\s+)*(?:(?:did|done|finished|completed|nailed|smashed|crushed|"
    rf"ticked off)\s+{_ALL}|{_ALL}\s+(?:done|finished|complete|completed|ticked off|checked off)){_DAY}"
)
_MARKS = {"✅", "✔", "☑", "👍", "💪"}


def _plain(clause: str) -> str:
    return " ".join(t for t in TOKEN.findall(clause) if t not in _MARKS)


def read(clauses: list[str]) -> str | None:
    """ "skipped" or "done" when one clause says so of the whole day, else None."""
    plain = [_plain(c) for c in clauses]
    if any(_DONE_ALL.fullmatch(p) for p in plain):
        return "done"
    if any(_SKIP.fullmatch(p) or _REST.fullmatch(p) for p in plain):
        return "skipped"
    return None


def confidence(status: str, habits: int, abstain: bool) -> float:
    """How sure a whole-day check-in is for one of `habits` habits (see the module's rule)."""
    if abstain:  # a "rest day" from "No sugar" is a cheat day: kept or broken? ask
        return ASK
    if status == "done":
        return SURE if habits <= ALL_SURE_UP_TO else ASK
    return SURE if habits == 1 else ASK
