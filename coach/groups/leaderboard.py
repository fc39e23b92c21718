"""/leaderboard: this week's adherence among members who share, with streaks, shaming no one.

Members at zero are a count ("2 more getting started"), members who opted out of ranking a
count too; equal percentages share a place (1, 1, 3).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from coach.groups.registry import GroupInfo, group_today
from coach.groups.standings import Standing, standings
from coach.services import Services


@dataclass(frozen=True)
class Place:
    """One ranked member."""

    place: int
    name: str
    percent: int
    streak: int
    tied: bool


@dataclass(frozen=True)
class Leaderboard:
    """The week's ranking and the counts of those not listed."""

    group: GroupInfo
    places: tuple[Place, ...]
    starting: int
    unranked: int
    enabled: bool = True


def rank(people: list[Standing]) -> tuple[list[Place], int, int]:
    """(places, members at zero, members not ranked by choice)."""
    unranked = sum(1 for s in people if s.rank_opt_out and s.week_credited > 0)
    starting = sum(1 for s in people if s.week_credited == 0)
    ranked = [s for s in people if s.week_credited > 0 and not s.rank_opt_out]
    scored = sorted(
        ((round(100 * s.week_ratio), s) for s in ranked),
        key=lambda p: (-p[0], -p[1].streak, p[1].name),
    )
    percents = [p for p, _ in scored]
    places = [
        Place(percents.index(p) + 1, s.name, p, s.streak, percents.count(p) > 1) for p, s in scored
    ]
    return places, starting, unranked


async def leaderboard(services: Services, *, group: GroupInfo) -> Leaderboard:
    """This week's leaderboard of the group (Monday to today in the group's zone)."""
    if not group.settings["leaderboard"]:
        return Leaderboard(group, (), 0, 0, enabled=False)
    people = await standings(services, group_id=group.id, day=group_today(services, group))
    places, starting, unranked = rank(people)
    return Leaderboard(group, tuple(places), starting, unranked)


def week_start(services: Services, group: GroupInfo) -> str:
    """'Mon 30 Nov': the first day of the group's week."""
    today = group_today(services, group)
    return f"{today - timedelta(days=today.weekday()):%a %d %b}"
