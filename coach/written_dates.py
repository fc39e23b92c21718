"""Dates a check-in names in digits ("ran on 30/11", "31/02"), against the day it was read for.

The understanding step reads days in words ("yesterday", "on monday"); a date in digits that
none of the message's check-ins fell on — or no day at all, "31/02" — means the day was not
understood, so the router records nothing rather than the wrong day.
"""

from __future__ import annotations

import contextlib
import itertools
import re
from dataclasses import dataclass
from datetime import date

from coach.understanding.types import CheckinItem


@dataclass(frozen=True)
class DayUnclear:
    """A check-in naming a date ("31/02", "20/11") that is not the day it was read for:
    nothing is recorded rather than the wrong day."""

    said: str


# a written date: 31/02, 11/20, 30/11/2026, 30.11. (a dot date needs its closing dot: 5.5 km)
_DATE = re.compile(r"(?<![\d/.])(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?(?![\d/])|"
                   r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{2,4})?(?!\d)")  # fmt: skip


def _written_days(text: str, today: date) -> list[tuple[str, set[date]]]:
    """Each date written in `text` with the days it can be (day/month or month/day)."""
    found = []
    for match in _DATE.finditer(text):
        a, b, year = (int(x) if x else None for x in (match[1] or match[4], match[2] or match[5],
                                                      match[3] or match[6]))  # fmt: skip
        assert a is not None and b is not None
        years = (today.year, today.year - 1) if year is None else (year % 100 + 2000,)
        days = set()
        for (day, month), full in itertools.product(((a, b), (b, a)), years):
            with contextlib.suppress(ValueError):  # "31/02" is no day at all
                days.add(date(full, month, day))
        found.append((match[0], days))
    return found


def day_unclear(text: str, items: tuple[CheckinItem, ...], today: date) -> DayUnclear | None:
    """A date the message names that none of its check-ins was read for, if any."""
    for said, days in _written_days(text, today):
        if not any(item.day in days for item in items):
            return DayUnclear(said)
    return None
