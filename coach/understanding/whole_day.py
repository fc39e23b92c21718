"""Check-ins about the whole day that name no habit: "skipped today, legs sore", "rest day",
"took the day off", "did everything today", "all done ✅", and the same with an exception
("did everything except meditate", "did everything but read"). "did nothing today" is no
check-in: it is as often about the day as about the habits (the chatter corpus says so).

Only a clause that is nothing but such words counts ("skipped breakfast", "tomorrow is a rest
day", "all done with work" are not); the other clauses may give a reason ("legs sore"). A day
said of every habit ("all done", "skipped everything") is recorded for up to
`EVERY_SURE_UP_TO` habits and asked about beyond: the more habits, the likelier one was not
meant. A day that does not say which ("skipped today", "rest day") is recorded for a member
with one habit and asked about, habit by habit, with several: the parser does not know which
habits are due today, and a rest day from running is no rest day from reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.understanding.habits import TOKEN

EVERY_SURE_UP_TO = 3
SURE, ASK = 0.9, 0.6
_DAY = r"(?:\s+(?:today|for today|yesterday|this time|again|for me|lol|tbh))*"
_LEAD = r"(?:(?:i|just|so|ok|okay|yay|ugh)\s+)*"
_ALL = (r"(?:(?:it|them)\s+all|all(?:\s+of\s+(?:them|it))?|everything|all\s+(?:my\s+)?(?:habits|"
        r"\d|three|four|of them))")  # fmt: skip
_EVERY = {
    "done": re.compile(
        rf"{_LEAD}(?:(?:did|done|finished|completed|nailed|smashed|crushed|ticked off)\s+{_ALL}|"
        rf"{_ALL}\s+(?:done|finished|complete|completed|ticked off|checked off)){_DAY}"
    ),
    "skipped": re.compile(rf"{_LEAD}(?:skipped|skipping|skip)\s+(?:{_ALL}|the lot){_DAY}"),
}
_SOME = re.compile(
    rf"{_LEAD}(?:(?:skipped|skipping|skip)(?:\s+(?:it|this one|the day))?|"
    r"(?:(?:took|taking|having|had|it's|its|today's|todays|today is|today was)\s+)*"
    rf"(?:(?:a|my)\s+)?(?:(?:rest|recovery|off)\s+day|day\s+off|the\s+day\s+off)){_DAY}"
)
_EXCEPT = re.compile(r"\s+(?:except(?: for)?|apart from|other than|besides|but not|but|minus)\s+")
_MARKS = {"✅", "✔", "☑", "👍", "💪"}


@dataclass(frozen=True)
class WholeDay:
    """What a message says of the whole day: a status, whether it says "every habit", and the
    words of an exception ("except meditate"), if any."""

    status: str
    every: bool
    exception: str | None = None


def _plain(clause: str) -> str:
    return " ".join(t for t in TOKEN.findall(clause) if t not in _MARKS)


def _match(clause: str) -> WholeDay | None:
    head, *rest = _EXCEPT.split(_plain(clause), maxsplit=1)
    exception = rest[0] if rest else None
    for status, pattern in _EVERY.items():
        if pattern.fullmatch(head):
            return WholeDay(status, True, exception)
    if exception is None and _SOME.fullmatch(head):
        return WholeDay("skipped", False)
    return None


def read(clauses: list[tuple[str, str]]) -> WholeDay | None:
    """The whole day one clause speaks of (clauses with the separator before each), with the
    next clause as the exception when it follows a "but" ("did everything but read")."""
    for i, (clause, _) in enumerate(clauses):
        if (found := _match(clause)) is None:
            continue
        after = clauses[i + 1] if i + 1 < len(clauses) else None
        if found.exception is None and found.every and after and "but" in after[1].split():
            return WholeDay(found.status, True, after[0])
        return found
    return None


def confidence(day: WholeDay, habits: int, abstain: bool) -> float:
    """How sure a whole-day check-in is for one of `habits` habits (see the module's rule)."""
    if abstain:  # a "rest day" from "No sugar" is a cheat day: kept or broken? ask
        return ASK
    return SURE if habits <= (EVERY_SURE_UP_TO if day.every else 1) else ASK
