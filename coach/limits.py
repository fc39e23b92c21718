"""Flood limits per member: a token bucket for messages, a daily cap on model calls, and a
few wrong invite-code guesses an hour, then a cool-down.

One slow-down note per flood: a flood ends only when the member has been quiet long enough
for the bucket to fill up again (a second at the default rate), not at the first message
the refilling bucket lets through. Every command counts, /start (keyed by the platform's id
before the member exists) and /mentor included.

The buckets live in the process's memory (one `MemberLimits` per process, held by `Services`,
bounded by cachetools so idle members' entries go):
with several processes behind one webhook each enforces the rate on its own share, which is
enough to stop a flood. The daily model-call cap is counted in PostgreSQL (`model_calls`), so
it holds across processes and restarts.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections import deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date

from cachetools import TTLCache

log = logging.getLogger(__name__)
GUESS_WINDOW_SECONDS = 3600.0
KEPT = 100_000  # members held at most; the oldest entries go first
BUCKET_IDLE_SECONDS = 60.0  # a bucket is full again after 1 s idle; older ones are dropped


@dataclass
class _Bucket:
    tokens: float
    updated: float
    noted: bool = False


@dataclass
class MemberLimits:
    """Per-member token buckets (rate and burst = `per_second`) and one note per flood."""

    per_second: float
    clock: Callable[[], float] = time.monotonic
    guesses_per_hour: int = 5
    _buckets: TTLCache[Hashable, _Bucket] = field(init=False)
    _cap_noted: TTLCache[uuid.UUID, date] = field(init=False)
    _guesses: TTLCache[Hashable, deque[float]] = field(init=False)

    def __post_init__(self) -> None:
        self._buckets = TTLCache(KEPT, BUCKET_IDLE_SECONDS, timer=self.clock)
        self._cap_noted = TTLCache(KEPT, 2 * 86_400, timer=self.clock)  # a day's note, then gone
        self._guesses = TTLCache(KEPT, GUESS_WINDOW_SECONDS, timer=self.clock)

    def admit(self, user_id: Hashable) -> bool | None:
        """True to serve the message; False: over the rate, say so once; None: over, stay quiet."""
        now = self.clock()
        bucket = self._buckets.get(user_id) or _Bucket(tokens=self.per_second, updated=now)
        self._buckets[user_id] = bucket  # (re)set: the idle time counts from the last message
        bucket.tokens = min(
            self.per_second, bucket.tokens + (now - bucket.updated) * self.per_second
        )
        bucket.updated = now
        if bucket.tokens >= self.per_second:  # quiet long enough: the flood is over
            bucket.noted = False
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return True
        if bucket.noted:
            return None
        bucket.noted = True
        return False

    def cap_note_due(self, user_id: uuid.UUID, day: date) -> bool:
        """True the first time on `day` that this member hits the daily model-call cap."""
        if self._cap_noted.get(user_id) == day:
            return False
        self._cap_noted[user_id] = day
        return True

    def guess_allowed(self, user_id: Hashable) -> bool:
        """False while the member has used up the hour's wrong invite-code guesses (logged)."""
        recent = self._recent_guesses(user_id)
        if len(recent) < self.guesses_per_hour:
            return True
        log.warning("invite codes: %s is cooling down after %d wrong guesses within an hour",
                    user_id, len(recent))  # fmt: skip
        return False

    def wrong_guess(self, user_id: Hashable) -> None:
        """Count one wrong invite-code guess (logged when it starts the cool-down)."""
        recent = self._recent_guesses(user_id)
        recent.append(self.clock())
        self._guesses[user_id] = recent  # (re)set: kept an hour from the last wrong guess
        if len(recent) == self.guesses_per_hour:
            log.warning("invite codes: %s made %d wrong guesses within an hour; cooling down",
                        user_id, len(recent))  # fmt: skip

    def _recent_guesses(self, user_id: Hashable) -> deque[float]:
        recent = self._guesses.get(user_id) or deque()
        while recent and self.clock() - recent[0] > GUESS_WINDOW_SECONDS:
            recent.popleft()
        return recent

    def forget(self, user_id: uuid.UUID) -> None:
        """Drop what is held about an erased member."""
        self._buckets.pop(user_id, None)
        self._cap_noted.pop(user_id, None)
        self._guesses.pop(user_id, None)
