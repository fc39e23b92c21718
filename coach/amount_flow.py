"""A bare number as a check-in amount: "12" after "Read 20 pages" records 12 pages today.

A message that is only a number (12, 2.5, 7,5) is an amount when exactly one of the member's
measurable habits is due today: the one checked in today (the Done button gives the target;
a number then corrects it), else the only measurable habit due. Otherwise it is not taken as
an amount and the coach answers (asking to say it with the habit, "read 12 pages").
"""

from __future__ import annotations

import re

from coach import checkins
from coach.checkins import CheckinOutcome, CheckinRefused, DueHabit
from coach.members import Member
from coach.services import Services

_NUMBER = re.compile(r"^\s*(\d{1,6}(?:[.,]\d{1,3})?)\s*$")


def as_amount(text: str) -> float | None:
    """The number a message is made of, or None."""
    match = _NUMBER.match(text)
    return None if match is None else float(match.group(1).replace(",", "."))


def _the_habit(items: list[DueHabit]) -> DueHabit | None:
    measurable = [i for i in items if i.target is not None]
    checked = [i for i in measurable if i.status is not None]
    for group in (checked, measurable):
        if len(group) == 1:
            return group[0]
    return None


async def takes_amount(services: Services, *, member: Member, text: str) -> bool:
    """True when `text` is a number that `number_reply` would record as an amount."""
    amount = as_amount(text)
    if amount is None or amount <= 0:
        return False
    return _the_habit(await checkins.due_today(services, member=member)) is not None


async def number_reply(
    services: Services, *, member: Member, text: str
) -> CheckinOutcome | CheckinRefused | None:
    """Record a bare number as today's amount of the one measurable habit it can be for."""
    amount = as_amount(text)
    if amount is None or amount <= 0:
        return None
    item = _the_habit(await checkins.due_today(services, member=member))
    if item is None:
        return None
    return await checkins.record(services, member=member, habit_id=item.habit_id, day=item.day,
                                 status="done", source="number", amount=amount)  # fmt: skip
