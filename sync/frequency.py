"""Habit frequencies as the warehouse stores them: a count per week, or a weekday mask.

The same rules as `coach.schedule.parse_frequency` (sync may not import coach; a test holds
the two equal): "daily"; "weekdays"; "days:mon,wed,fri"; "weekly:N" (N = 1..7); anything
else counts as daily.
"""

from __future__ import annotations

import re

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKLY = re.compile(r"^weekly:([1-7])$")
_DAYS = re.compile(r"^days:((?:mon|tue|wed|thu|fri|sat|sun)(?:,(?:mon|tue|wed|thu|fri|sat|sun))*)$")
EVERY_DAY = "1111111"


def warehouse_frequency(text: str | None) -> tuple[int | None, str]:
    """Return (per_week, weekday_mask): per_week for "weekly:N", else None and a Mon..Sun mask."""
    value = (text or "daily").strip().lower()
    if value == "weekdays":
        return None, "1111100"
    if match := _WEEKLY.match(value):
        return int(match.group(1)), EVERY_DAY
    if match := _DAYS.match(value):
        chosen = set(match.group(1).split(","))
        return None, "".join("1" if day in chosen else "0" for day in WEEKDAYS)
    return None, EVERY_DAY
