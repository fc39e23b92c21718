"""Editing saved habits and goals: rename, frequency, target, the habit's own reminders.

In words (`apply_words`, e.g. from `/edit …`): "rename guitar to practise guitar", "rename
goal learn guitar to play in a band", "guitar on mon and thu", "guitar 3 times a week",
"reading target 30 pages", "remind me about guitar at 18:00 and 21:00", "no reminders for
guitar". The habit is the one whose title (or goal's title) shares the most words with the
text (`coach.matching.concepts`). A habit's reminders are its own times (several a day); an
empty list is "no reminders for this habit"; NULL is the member's general reminder.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import time

from coach.i18n import N_, Translator, translator
from coach.i18n.words import describe_frequency
from coach.llm.offline_words import find_new_frequency
from coach.matching import concepts
from coach.members import Member, parse_time
from coach.services import Services
from coach.targets import Target, parse_target, target_of
from storage import goals as goal_store
from storage.models import Goal, Habit

TITLE_MAX = 80
# what an edit changed, as the member reads it ("Done: Run — frequency now 3 times a week.")
PARTS = {"title": N_("title"), "frequency": N_("frequency"), "target": N_("target"),
         "reminders": N_("reminders"), "goal title": N_("goal title")}  # fmt: skip


@dataclass(frozen=True)
class HabitCard:
    """One habit as its edit card shows it."""

    habit_id: uuid.UUID
    title: str
    goal_title: str
    frequency: str
    target: Target | None
    reminder_times: tuple[time, ...] | None  # None: the member's general reminder


@dataclass(frozen=True)
class HabitEdited:
    """A habit or goal changed: what (title, frequency, target, reminders) and now how, both in
    the member's language."""

    title: str
    what: str
    now: str
    card: HabitCard | None = None


@dataclass(frozen=True)
class EditUnclear:
    """The words named no habit, or no change; `habits` are the titles to choose from."""

    words: str
    habits: tuple[str, ...]


@dataclass(frozen=True)
class WhenInDay:
    """A time of day asked for a saved habit: none is kept, but a reminder can be set then."""

    habit: str  # the habit to name in the example (the first when there are several)
    at: time  # an example time for that part of the day


DAYPART_TIMES = {"morning": time(7), "lunchtime": time(12, 30), "afternoon": time(15),
                 "evening": time(19)}  # fmt: skip


async def _pairs(services: Services, member: Member) -> list[tuple[Habit, Goal]]:
    async with services.sessions() as session:
        return await goal_store.habits_for_user(
            session, user_id=member.id, goal_statuses=("active", "paused")
        )


def _card(habit: Habit, goal: Goal) -> HabitCard:
    times = None if habit.reminder_times is None else tuple(habit.reminder_times)
    return HabitCard(habit.id, habit.title, goal.title, habit.frequency, target_of(habit), times)


async def card(services: Services, *, member: Member, habit_id: uuid.UUID) -> HabitCard | None:
    """One of the member's habits as its edit card shows it (None: not theirs)."""
    for habit, goal in await _pairs(services, member):
        if habit.id == habit_id:
            return _card(habit, goal)
    return None


async def cards_of_goal(
    services: Services, *, member: Member, goal_id: uuid.UUID
) -> list[HabitCard]:
    """The edit cards of one goal's habits."""
    return [_card(h, g) for h, g in await _pairs(services, member) if g.id == goal_id]


async def _edit(
    services: Services, member: Member, habit_id: uuid.UUID, what: str, **values: object
) -> HabitEdited | None:
    found = await card(services, member=member, habit_id=habit_id)
    if found is None:
        return None
    async with services.sessions.begin() as session:
        if what == "target":
            await goal_store.set_habit_target(session, habit_id=habit_id, **values)  # type: ignore[arg-type]
        else:
            await goal_store.edit_habit(session, habit_id=habit_id, **values)
    after = await card(services, member=member, habit_id=habit_id)
    assert after is not None
    t = translator(member.language)
    return HabitEdited(after.title, t.gettext(PARTS[what]), describe(after, what, t), after)


def describe(habit: HabitCard, what: str, t: Translator | None = None) -> str:
    """How the changed part of a habit reads now, in the language of `t` (English by default)."""
    t = t or translator(None)
    if what == "frequency":
        return describe_frequency(t, habit.frequency)
    if what == "target":
        return habit.target.describe(t) if habit.target else t.gettext("no target (done or not)")
    if what == "reminders":
        if habit.reminder_times is None:
            return t.gettext("your general reminder")
        if not habit.reminder_times:
            return t.gettext("no reminders")
        times = ", ".join(f"{at:%H:%M}" for at in habit.reminder_times)
        return t.gettext("reminders at {times}", times=times)
    return habit.title


async def set_frequency(
    services: Services, *, member: Member, habit_id: uuid.UUID, frequency: str
) -> HabitEdited | None:
    """A new frequency ("daily", "weekdays", "weekly:N", "days:…"); its history stays."""
    return await _edit(services, member, habit_id, "frequency", frequency=frequency)


async def set_reminders(
    services: Services, *, member: Member, habit_id: uuid.UUID, times: list[time] | None
) -> HabitEdited | None:
    """The habit's own reminder times ([] none, None the member's general reminder)."""
    kept = None if times is None else sorted(set(times))
    return await _edit(services, member, habit_id, "reminders", reminder_times=kept)


async def rename_habit(
    services: Services, *, member: Member, habit_id: uuid.UUID, title: str
) -> HabitEdited | None:
    """A new title for a habit (its check-ins stay with it)."""
    return await _edit(services, member, habit_id, "title", title=title.strip()[:TITLE_MAX])


async def set_target(
    services: Services, *, member: Member, habit_id: uuid.UUID, target: Target | None
) -> HabitEdited | None:
    """Make a habit measurable with `target`, or yes/no again with None."""
    values = {"amount": None, "unit": None, "period": None}
    if target is not None:
        values = {"amount": target.amount, "unit": target.unit, "period": target.period}
    return await _edit(services, member, habit_id, "target", **values)


async def rename_goal(
    services: Services, *, member: Member, goal_id: uuid.UUID, title: str
) -> HabitEdited | None:
    """A new title for one of the member's goals."""
    async with services.sessions.begin() as session:
        goal = await goal_store.rename_goal(
            session, user_id=member.id, goal_id=goal_id, title=title.strip()[:TITLE_MAX]
        )
    if goal is None:
        return None
    return HabitEdited(goal.title, translator(member.language).gettext(PARTS["goal title"]),
                       goal.title)  # fmt: skip


_RENAME = re.compile(r"^\s*(?:rename|call)\s+(goal\s+)?(.+?)\s+(?:to|as)\s+(.+?)\s*$", re.I)
_REMIND = re.compile(r"\bremind\s+me\s+(?:about|to|of)?\s*(.+?)\s+at\s+(.+?)\s*$", re.I)
_NO_REMIND = re.compile(
    r"\b(?:no\s+reminders?\s+(?:for|about)|stop\s+reminding\s+me\s+(?:about|to|of)?)\s*(.+?)\s*$"
    r"|^\s*(.+?)\s+reminders?\s+off\s*$", re.I,
)  # fmt: skip
_TARGET = re.compile(r"\btarget\b", re.I)


def _best(
    pairs: list[tuple[Habit, Goal]], words: str, *, goals: bool = False
) -> Habit | Goal | None:
    said = concepts(words)
    # the habit's own title first: habits of one goal share its title ("Run … and read …")
    scored = [((0 if goals else len(said & concepts(h.title)), len(said & concepts(g.title))), i)
              for i, (h, g) in enumerate(pairs)]  # fmt: skip
    if not scored or max(scored)[0] == (0, 0):
        return None
    best = sorted(scored, key=lambda pair: (-pair[0][0], -pair[0][1], pair[1]))[0][1]
    return pairs[best][1] if goals else pairs[best][0]


def named_habit(pairs: list[tuple[Habit, Goal]], words: str) -> Habit | None:
    """The habit the words name best ("run" → Run 5k), or None when they name none."""
    found = _best(pairs, words)
    return found if isinstance(found, Habit) else None


def _times(text: str) -> list[time]:
    parts = re.split(r"\s*(?:,|\band\b|&)\s*", text.strip())
    found = [parse_time(p) for p in parts if p]
    return [t for t in found if t is not None] if all(found) else []


async def apply_words(
    services: Services, *, member: Member, text: str
) -> HabitEdited | EditUnclear:
    """Change a habit or goal as the member's words say (see the module's examples)."""
    pairs = await _pairs(services, member)
    unclear = EditUnclear(text[:80], tuple(h.title for h, _ in pairs))
    if match := _RENAME.match(text):
        target = _best(pairs, match.group(2), goals=bool(match.group(1)))
        if isinstance(target, Goal):
            return await rename_goal(services, member=member, goal_id=target.id,
                                     title=match.group(3)) or unclear  # fmt: skip
        if isinstance(target, Habit):
            done = await rename_habit(services, member=member, habit_id=target.id,
                                      title=match.group(3))  # fmt: skip
            return done or unclear
        return unclear
    if match := _NO_REMIND.search(text):
        habit = _best(pairs, match.group(1) or match.group(2) or "")
        if isinstance(habit, Habit):
            return (
                await set_reminders(services, member=member, habit_id=habit.id, times=[]) or unclear
            )
        return unclear
    if (match := _REMIND.search(text)) and (times := _times(match.group(2))):
        habit = _best(pairs, match.group(1))
        if isinstance(habit, Habit):
            return (
                await set_reminders(services, member=member, habit_id=habit.id, times=times)
                or unclear
            )
        return unclear
    habit = _best(pairs, text)
    if not isinstance(habit, Habit):
        return unclear
    if _TARGET.search(text) and (target := parse_target(text)) is not None:
        return (
            await set_target(services, member=member, habit_id=habit.id, target=target) or unclear
        )
    if (found := find_new_frequency(text)) is not None:
        return await set_frequency(services, member=member, habit_id=habit.id,
                                   frequency=found.frequency) or unclear  # fmt: skip
    return unclear
