"""Words the offline coach reads in a goal: frequencies, deadlines, time budgets, categories.

Canonical frequencies follow coach.schedule: daily, weekdays, weekly:N, days:mon,thu.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from coach.schedule import WEEKDAYS

NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "a": 1, "an": 1, "once": 1, "twice": 2,
           "thrice": 3, "a couple of": 2, "a few": 3}  # fmt: skip
_NUM = r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten|a couple of|a few|an|a)"
_FULL_DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?"
_SHORT_DAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)"
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m} | {
    m.lower(): i for i, m in enumerate(calendar.month_abbr) if m
}
_MONTH = r"(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b"
_WEEK = r"(?:(?:a|per|each|every|in\s+a|/)\s*week|weekly)"

CATEGORIES: dict[str, tuple[str, ...]] = {
    "fitness": ("run", "jog", "gym", "workout", "work out", "exercise", "push-up", "pushup",
                "yoga", "walk", "swim", "bike", "cycle", "cycling", "lift", "marathon", "5k",
                "10k", "fit", "steps", "stretch", "squat", "pilates", "hike", "train", "sport"),
    "health": ("sleep", "water", "eat", "diet", "vegetable", "fruit", "sugar", "smok", "alcohol",
               "drink", "weight", "cook", "meal", "floss", "bed"),
    "mindfulness": ("meditat", "breath", "gratitude", "journal", "mindful", "pray", "calm"),
    "learning": ("learn", "study", "read", "book", "spanish", "french", "german", "language",
                 "course", "class", "exam", "duolingo", "practice", "practise", "vocabulary"),
    "creativity": ("write", "writing", "draw", "paint", "guitar", "piano", "music", "sing",
                   "photo", "novel", "poem", "blog"),
    "career": ("job", "resume", "cv", "portfolio", "career", "interview", "apply", "network",
               "side project", "code", "coding"),
    "finance": ("save", "saving", "budget", "money", "spend", "debt", "invest"),
    "social": ("call", "friend", "family", "mom", "dad", "parents", "date night", "visit"),
    "home": ("clean", "tidy", "declutter", "laundry", "garden", "dishes"),
}  # fmt: skip


@dataclass(frozen=True)
class Found:
    """A frequency found in text and the span it came from."""

    frequency: str
    span: tuple[int, int]


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBERS.get(word, 1)


def _weekly(n: int) -> str:
    return "daily" if n >= 7 else f"weekly:{max(n, 1)}"


def _days(names: list[str]) -> str:
    codes = {n[:3] for n in names}
    ordered = [d for d in WEEKDAYS if d in codes]
    if ordered == list(WEEKDAYS[:5]):
        return "weekdays"
    return "daily" if len(ordered) == 7 else "days:" + ",".join(ordered)


_TIME_OF_DAY = r"(morning|evening|night|afternoon|lunch(?:time)?|bedtime)"
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), kind)
    for p, kind in (
        (r"\bevery other day\b|\bevery second day\b", "other"),
        (r"\b(?:weekdays|every weekday|on weekdays|workdays|work days|mon(?:day)?\s*(?:-|to|through|thru)\s*fri(?:day)?)\b", "weekdays"),
        (r"\b(?:weekends|every weekend|on the weekend|on weekends)\b", "weekends"),
        (rf"\b{_NUM}\s*(?:x|times?)\s*{_WEEK}\b|\b{_NUM}\s*x\s*/?\s*w(?:ee)?k\b", "count"),
        (rf"\b{_NUM}\s+(?:days?|sessions?|runs?|workouts?|classes?)\s+{_WEEK}\b", "count"),
        (rf"\b(once|twice|thrice)\s*(?:{_WEEK}|weekly)\b", "count"),
        (rf"\b({_FULL_DAY}(?:\s*(?:,|/|and|&|\+|or)\s*{_FULL_DAY})*)\b", "days"),
        (rf"\b({_SHORT_DAY}(?:\s*(?:,|/|&|\+)\s*{_SHORT_DAY})+)\b", "days"),
        (rf"\b(?:every|each)\s+{_TIME_OF_DAY}\b|\b{_TIME_OF_DAY}s\b", "daily_tod"),
        (r"\b(?:daily|every day|everyday|each day|per day|a day|every single day|nightly)\b", "daily"),
        (r"\b(?:weekly|every week|each week|once a week)\b", "once"),
    )
)  # fmt: skip


def find_frequency(text: str) -> Found | None:
    """The first frequency phrase in `text` (lower-case), by rule priority."""
    for pattern, kind in _PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        span = match.span()
        if kind == "other":
            return Found("weekly:4", span)
        if kind in ("weekdays", "daily", "once"):
            return Found({"once": "weekly:1"}.get(kind, kind), span)
        if kind == "weekends":
            return Found("days:sat,sun", span)
        if kind == "count":
            word = next(g for g in match.groups() if g)
            return Found(_weekly(_number(word)), span)
        if kind == "days":
            return Found(_days(re.findall(r"[a-z]+", match.group(1))), span)
        return Found("daily", span)
    return None


def find_time_of_day(text: str) -> str | None:
    """ "morning", "evening", "lunchtime"… when the text names a time of day."""
    match = re.search(rf"\b{_TIME_OF_DAY}s?\b", text)
    if not match:
        return None
    word = match.group(1)
    return {"night": "evening", "bedtime": "evening", "lunch": "lunchtime"}.get(word, word)


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _next_date_in(today: date, month: int, day: int | None, end_of_month: bool) -> date:
    """The next date after `today` in `month`: its `day`, its last day, or its first day."""
    for year in (today.year, today.year + 1):
        last = calendar.monthrange(year, month)[1]
        candidate = date(year, month, last if end_of_month else min(day or 1, last))
        if candidate > today:
            return candidate
    return candidate


def find_deadline(text: str, today: date) -> tuple[date | None, tuple[int, int] | None]:
    """An end date from "by June", "by the end of May", "by June 15", "in 6 weeks", "for 30 days"."""
    if m := re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", text):
        try:
            return date(int(m[1]), int(m[2]), int(m[3])), m.span()
        except ValueError:
            pass
    if m := re.search(r"\bby (?:the )?end of (?:the |this )?year\b", text):
        return date(today.year, 12, 31), m.span()
    if m := re.search(
        rf"\b(?:by|before|until|till) (the end of )?{_MONTH}(?:\s+(\d{{1,2}})(?:st|nd|rd|th)?)?",
        text,
    ):
        return _next_date_in(
            today, _MONTHS[m[2]], int(m[3]) if m[3] else None, bool(m[1])
        ), m.span()
    if m := re.search(rf"\bby (?:the )?(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?{_MONTH}", text):
        return _next_date_in(today, _MONTHS[m[2]], int(m[1]), False), m.span()
    if m := re.search(
        rf"\b(?:in|within|for|over)(?: the next)? {_NUM} (day|week|month|year)s?\b", text
    ):
        n, unit = _number(m[1]), m[2]
        if unit == "month":
            return _add_months(today, n), m.span()
        days = {"day": 1, "week": 7, "year": 365}[unit] * n
        return today + timedelta(days=days), m.span()
    return None, None  # fmt: skip


def find_minutes_per_week(text: str) -> int | None:
    """A time budget such as "at most 2 hours a week" or "30 minutes a day", in minutes per week."""
    m = re.search(
        rf"\b(?:at most |max(?:imum)? |up to |no more than |about |around )?{_NUM}\s*"
        r"(hours?|hrs?|h|minutes?|mins?)\s*(?:a|per|each|every|/)\s*(day|week|session)",
        text,
    )
    if not m:
        return None
    amount = _number(m[1]) * (60 if m[2].startswith("h") else 1)
    return amount * 7 if m[3] == "day" else amount if m[3] == "week" else None


_CATEGORY_PATTERNS = {
    name: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + ")")
    for name, words in CATEGORIES.items()
}


def guess_category(text: str) -> str:
    """The category whose keywords appear first in `text`; "general" when none does."""
    hits = [(m.start(), name) for name, p in _CATEGORY_PATTERNS.items() if (m := p.search(text))]
    return min(hits)[1] if hits else "general"
