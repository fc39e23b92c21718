"""Group challenges: "/challenge everyone meditates 5x this week" by an admin, opt in by button.

The words, in any group language, give a count ("5x", "5 times", "5 veces"; default 5), a
period ("this week", "today", "N days", "esta semana", "hoy", "10 días"…; default to the end of
this week, or 7 days when fewer than 3 are left) and a keyword (the first word that is not
filler, stemmed): a participant's done check-ins of habits whose title starts a word with the
keyword's first letters count, or of every habit when none of theirs does.
Each participant counts up to the target; the group's progress is the sum.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from coach.groups.registry import GroupInfo, group_today
from coach.services import Services
from storage import groups as store
from storage.models import GroupChallenge

# The words of a challenge in every group language (en, es, de, fr, pt): "5x", "5 veces",
# "5 mal", "5 fois", "5 vezes"; "today", "hoy", "heute"…; "10 days", "10 días", "10 Tage"…
_COUNT = re.compile(r"\b(\d{1,3})\s*(?:x|×|times?|veces|vez|-?mal|fois|vezes)(?=\W|$)",
                    re.IGNORECASE)  # fmt: skip
_DAYS = re.compile(r"\b(\d{1,2})\s*(?:days?|d[ií]as?|tagen?|jours?)\b", re.IGNORECASE)
_TODAY = re.compile(r"\b(?:today|hoy|heute|aujourd'hui|hoje)\b", re.IGNORECASE)
_THIS_WEEK = re.compile(r"\b(?:this week|esta semana|diese woche|cette semaine)\b", re.IGNORECASE)
_FILLER_WORDS = (
    # en
    "everyone everybody we all us lets let's let this week weeks days day times time x a an "
    "the to at least per each for in over next our group challenge do does and of every "
    "together by until till today tonight who can will shall must should try ",
    # es, pt
    "todos todas todo toda nosotros vamos esta este semana semanas veces vez día días dia "
    "dias hoy hoje cada por los las del reto grupo durante hasta juntos menos nós essa vezes "
    "até desafio mundo gente ",
    # de
    "alle wir jeder jede diese woche wochen mal tag tage tagen heute pro mindestens zusammen "
    "gruppe und die der das bis ",
    # fr
    "tout tous toutes nous cette semaine semaines fois jour jours chaque pour les des défi "
    "ensemble moins jusqu monde ",
)
FILLER = frozenset(w for words in _FILLER_WORDS for w in words.split())
# a habit matches the keyword's first letters: 'meditat(es)' ~ 'Meditar', 'Meditation'
KEY_PREFIX = 5
DEFAULT_TARGET = 5


@dataclass(frozen=True)
class ChallengeProgress:
    """A challenge and how far the group got; `reached` names who met the target."""

    challenge_id: uuid.UUID
    title: str
    target: int
    ends_on: date
    participants: int
    done: int
    goal: int
    reached: tuple[str, ...]

    @property
    def percent(self) -> int:
        """The group's progress in percent."""
        return round(100 * self.done / self.goal) if self.goal else 0


@dataclass(frozen=True)
class ChallengeStarted:
    """A new challenge is running."""

    progress: ChallengeProgress


@dataclass(frozen=True)
class ChallengeBusy:
    """The group already runs a challenge (one at a time)."""

    progress: ChallengeProgress


@dataclass(frozen=True)
class ChallengeEnded:
    """A challenge's end, to be posted once."""

    chat_id: int
    progress: ChallengeProgress


def stem(word: str) -> str:
    """A crude English stem: 'meditates' → 'meditat', 'running' → 'runn', 'walks' → 'walk'."""
    for suffix in ("ing", "es", "ed", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiou":
        return word[:-1]  # 'running' → 'run', 'swimming' → 'swim'
    return word


def matches(keyword: str | None, title: str) -> bool:
    """Whether a word of a habit's title starts like the challenge's keyword (in any language:
    'meditat' matches 'Meditate', 'Meditation' and 'Meditar', 'run' matches 'Run 5k', not
    'Brunch')."""
    if keyword is None:
        return False
    start = keyword[:KEY_PREFIX]
    return any(word.startswith(start) for word in re.findall(r"[^\W\d_]+", title.lower()))


def parse(words: str, today: date) -> tuple[int, str | None, date]:
    """(target per participant, keyword stem or None, last day) from the challenge's words."""
    count = _COUNT.search(words)
    target = max(1, min(int(count.group(1)), 500)) if count else DEFAULT_TARGET
    lower = words.lower()
    if _TODAY.search(lower):
        end = today
    elif days := _DAYS.search(lower):
        end = today + timedelta(days=max(1, min(int(days.group(1)), 60)) - 1)
    else:
        sunday = today + timedelta(days=6 - today.weekday())
        end = (
            sunday
            if (sunday - today).days >= 2 or _THIS_WEEK.search(lower)
            else today + timedelta(days=6)
        )
    plain = _DAYS.sub(" ", _COUNT.sub(" ", lower))
    plain = re.sub(r"\d+\s*(?:x|×)?", " ", plain)
    content = [w for w in re.findall(r"[^\W\d_]+", plain) if w not in FILLER and len(w) > 2]
    return target, (stem(content[0]) if content else None), end


async def start(
    services: Services, *, group: GroupInfo, words: str, by: uuid.UUID | None
) -> ChallengeStarted | ChallengeBusy:
    """Start a challenge in the group unless one is running."""
    today = group_today(services, group)
    target, keyword, end = parse(words, today)
    async with services.sessions.begin() as session:
        made = await store.start_challenge(session, group_id=group.id, title=words.strip()[:200], keyword=keyword,
                                           target=target, starts_on=today, ends_on=end, created_by=by)  # fmt: skip
    current = await running(services, group_id=group.id)
    assert current is not None
    return ChallengeStarted(current) if made is not None else ChallengeBusy(current)


async def opt_in(services: Services, *, challenge_id: uuid.UUID, user_id: uuid.UUID) -> bool | None:
    """Opt a member of the group in; None when the challenge is over or they are not a member."""
    async with services.sessions.begin() as session:
        challenge = await session.get(GroupChallenge, challenge_id)
        if challenge is None or challenge.ended_at is not None:
            return None
        if await store.membership(session, group_id=challenge.group_id, user_id=user_id) is None:
            return None
        return await store.join_challenge(session, challenge_id=challenge_id, user_id=user_id)


def _counts(
    found: list[tuple[uuid.UUID, str, int]], keyword: str | None, keyed: set[uuid.UUID]
) -> dict[uuid.UUID, int]:
    """Done check-ins per participant: of the habits matching the keyword for those who have
    one (`keyed`, done yet or not), of every habit for the others."""
    counts: dict[uuid.UUID, int] = {}
    for user_id, title, done in found:
        if user_id not in keyed or matches(keyword, title):
            counts[user_id] = counts.get(user_id, 0) + done
    return counts


async def running(services: Services, *, group_id: uuid.UUID) -> ChallengeProgress | None:
    """The group's running challenge with its progress, or None."""
    async with services.sessions() as session:
        return await running_in(session, group_id=group_id)


async def running_in(session: AsyncSession, *, group_id: uuid.UUID) -> ChallengeProgress | None:
    """`running` within an open session."""
    challenge = await store.running_challenge(session, group_id=group_id)
    return None if challenge is None else await _progress(session, challenge)


async def _progress(session: AsyncSession, c: GroupChallenge) -> ChallengeProgress:
    people = await store.challenge_participants(session, challenge_id=c.id)
    found = await store.done_counts(
        session, user_ids=sorted(people), first=c.starts_on, last=c.ends_on
    )
    habits = await store.member_habit_rows(session, group_id=c.group_id)
    keyed = {r.user_id for r in habits if r.habit_id is not None and matches(c.keyword, r.title)}
    counts = _counts(found, c.keyword, keyed)
    done = sum(min(counts.get(u, 0), c.target) for u in people)
    reached = await store.names_of(
        session, user_ids=[u for u in people if counts.get(u, 0) >= c.target]
    )
    return ChallengeProgress(c.id, c.title, c.target, c.ends_on, len(people), done,
                             c.target * len(people), tuple(sorted(reached.values())))  # fmt: skip


async def finish_due(services: Services) -> list[ChallengeEnded]:
    """End every challenge whose last day is over in its group's zone; each is returned once."""
    ended = []
    async with services.sessions() as session:
        due = await store.challenges_past_end(session, now=services.clock())
    for challenge_id, group_id in due:
        async with services.sessions.begin() as session:
            challenge = await store.running_challenge(session, group_id=group_id)
            group = await store.get_group(session, group_id=group_id)
            if challenge is None or challenge.id != challenge_id or group is None:
                continue
            progress = await _progress(session, challenge)
            result = f"{progress.done}/{progress.goal}"
            closed = await store.end_challenge(session, challenge_id=challenge_id, result=result,
                                               at=services.clock())  # fmt: skip
            if closed and group.active:
                ended.append(ChallengeEnded(group.telegram_chat_id, progress))
    return ended


async def group_of(services: Services, *, challenge_id: uuid.UUID) -> uuid.UUID | None:
    """The group a challenge belongs to, or None."""
    async with services.sessions() as session:
        challenge = await session.get(GroupChallenge, challenge_id)
    return challenge.group_id if challenge is not None else None
