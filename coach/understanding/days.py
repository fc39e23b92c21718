"""Day words in a check-in ("yday", "last night", "el lunes", "vorgestern") as days back."""

from __future__ import annotations

import re
from datetime import date

from coach.understanding.lexicon import AGO, DAY_WORDS, SMALL_NUMBERS, WEEKDAY_NAMES

# short names that are words too ("sat down", "the sun", French "mon"): only after "on"/"last"
_SHORT = {"mon", "wed", "sat", "sun"}
_WEEKDAY = re.compile(
    r"\b(?P<pre>on|last|el|am|letzten|pasado)?\s*(?P<name>"
    + "|".join(sorted(WEEKDAY_NAMES, key=len, reverse=True))
    # "segunda vez", "quinta parte": Portuguese weekdays are ordinals too
    + r")\b(?!s\b)(?!\s+(?:vez|vezes|volta|parte|serie|colocado|lugar)\b)(?:-feira)?"
    + r"(?:\s+(?P<post>dernier|passe|passada|passado|pasado))?"
)


def _weekday_back(text: str, today: date) -> int | None:
    for found in _WEEKDAY.finditer(text):
        name, pre = found["name"], found["pre"]
        if name in _SHORT and not pre:
            continue  # "sat down", "the sun": a short name needs "on"/"last" before it
        back = (today.weekday() - WEEKDAY_NAMES[name]) % 7
        last = pre in ("last", "letzten", "pasado") or found["post"] is not None
        return 7 if back == 0 and last else back
    return None


def days_back(text: str, today: date) -> int | None:
    """How many days before `today` the (folded) text says; None when it names no day."""
    if found := AGO.search(text):
        word = found.group(1) or found.group(2)
        return int(word) if word.isdigit() else SMALL_NUMBERS.get(word, 1)
    for pattern, back in DAY_WORDS:
        if pattern.search(text):
            return back
    return _weekday_back(text, today)
