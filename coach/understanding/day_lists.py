"""Several days in one check-in: "ran yesterday and today", "gym thu and fri", "both days this
weekend", "all week except friday". Each is found once per message and stands for its days.

A list joined by "and" names each day for sure; "or" ("yesterday or the day before"), a weekend
or a whole week does not say which days exactly, so those are asked about (`vague`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from coach.understanding.lexicon import DAY_WORDS, WEEKDAY_NAMES

MARK = "thosedays"  # what a found list is replaced by: a token no habit and no day word reads
_RELATIVE = r"the day before(?: yesterday)?|" + "|".join(
    p.pattern[len(r"\b(?:") : -len(r")\b")] for p, _ in DAY_WORDS
)
_NAMES = "|".join(sorted(WEEKDAY_NAMES, key=len, reverse=True))
_DAY = rf"(?:on |last )?(?:{_RELATIVE}|(?:{_NAMES})(?!s\b))"
_JOIN = (
    r"\s*(?:,|&|\+|-|\band\b|\bn\b|\by\b|\be\b|\bet\b|\bund\b|\bor\b|\bou\b|\boder\b|"
    r"\bto\b|\bthru\b|\bthrough\b|\btill\b|\buntil\b)\s*"
)
_RANGE = re.compile(r"\s(?:-|to|thru|through|till|until)\s|(?<=\w)-(?=\w)")
# at the end of its clause: in "ran yesterday and today i read" the days are not one list;
# or before the German participle that ends it ("gestern und heute gelaufen", "... meditiert")
_END = (r"(?=\s*(?:$|[^\w\s']|\d|\b(?:too|as well|both|each|again|lol)\b|"
        r"(?:ge\w{3,}|\w{3,}iert)\s*(?:$|[^\w\s'])))")  # fmt: skip
_LIST = re.compile(rf"\b(?<!not )(?<!no )(?:both )?{_DAY}\b(?:{_JOIN}(?:both )?{_DAY}\b)+{_END}")
_ONE = re.compile(rf"\b{_DAY}\b")
_WEEK = re.compile(
    r"\b(?:all|the whole|every ?day|each day)(?: of)? (?:this |the )?week\b(?: long)?"
    rf"(?:,? (?:except|but|apart from|other than|besides) (?:on )?(?P<out>{_NAMES}))?|"
    r"\b(?:every ?day|each day) this week\b"
)
_WEEKEND = re.compile(r"\b(?:both days )?(?:this|last|over the|on the|all) weekend\b")
_BOTH = re.compile(r"\b(?:both|the last (?:2|two)) days\b")


@dataclass(frozen=True)
class DaySpan:
    """The days (back from today) a message names together, and whether they are only roughly so."""

    backs: tuple[int, ...]
    vague: bool


def _back(words: str, today: date) -> int:
    words = words.strip()
    if words.startswith("the day before"):
        return 2
    for pattern, back in DAY_WORDS:  # "last night" is a day word of its own
        if pattern.fullmatch(words):
            return back
    return (today.weekday() - WEEKDAY_NAMES[re.sub(r"^(?:on|last) ", "", words)]) % 7


def _list(words: str, today: date) -> DaySpan:
    """The days of "thu and fri", "yesterday or today", "mon to fri" (the ones between too)."""
    days = [d.group(0) for d in _ONE.finditer(words)]
    backs = [_back(d, today) for d in days]
    if all(re.sub(r"^(?:on|last) ", "", d) in WEEKDAY_NAMES for d in days):
        for i in range(len(backs) - 2, -1, -1):  # named in order: "sat and sun" on a Saturday
            while backs[i] <= backs[i + 1]:
                backs[i] += 7
        if _RANGE.search(words) and len(backs) == 2:
            backs = list(range(backs[0], backs[1] - 1, -1))
    vague = bool(re.search(r"\b(?:or|ou|oder)\b", words))
    return DaySpan(tuple(dict.fromkeys(backs)), vague)


def _week(found: re.Match[str], today: date) -> DaySpan:
    out = found["out"]
    skip = None if out is None else (today.weekday() - WEEKDAY_NAMES[out]) % 7
    return DaySpan(tuple(b for b in range(today.weekday() + 1) if b != skip), True)


def find_days(text: str, today: date) -> tuple[str, DaySpan | None]:
    """The (folded) text with its list of days replaced by `MARK`, and the days; None: no list."""
    if found := _WEEK.search(text):
        span = _week(found, today)
    elif found := _WEEKEND.search(text):
        saturday = (today.weekday() - 5) % 7
        span = DaySpan((saturday, saturday - 1), True)
    elif found := _BOTH.search(text):
        span = DaySpan((1, 0), True)  # "ran both days": which two is a question
    elif found := _LIST.search(text):
        span = _list(found.group(0), today)
        if len(span.backs) < 2:
            return text, None  # "this morning and tonight": one day
    else:
        return text, None
    return f"{text[: found.start()]} {MARK} {text[found.end() :]}", span
