"""Flood limits per member: a token bucket for messages and a daily cap on model calls.

The buckets live in the process's memory (one `MemberLimits` per process, held by `Services`,
bounded by cachetools so idle members' entries go):
with several processes behind one webhook each enforces the rate on its own share, which is
enough to stop a flood. The daily model-call cap is counted in PostgreSQL (`model_calls`), so
it holds across processes and restarts.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from cachetools import TTLCache

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
    _buckets: TTLCache[uuid.UUID, _Bucket] = field(init=False)
    _cap_noted: TTLCache[uuid.UUID, date] = field(init=False)

    def __post_init__(self) -> None:
        self._buckets = TTLCache(KEPT, BUCKET_IDLE_SECONDS, timer=self.clock)
        self._cap_noted = TTLCache(KEPT, 2 * 86_400, timer=self.clock)  # a day's note, then gone

    def admit(self, user_id: uuid.UUID) -> bool | None:
        """True to serve the message; False: over the rate, say so once; None: over, stay quiet."""
        now = self.clock()
        bucket = self._buckets.get(user_id) or _Bucket(tokens=self.per_second, updated=now)
        self._buckets[user_id] = bucket  # (re)set: the idle time counts from the last message
        bucket.tokens = min(
            self.per_second, bucket.tokens + (now - bucket.updated) * self.per_second
        )
        bucket.updated = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            bucket.noted = False
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

    def forget(self, user_id: uuid.UUID) -> None:
        """Drop what is held about an erased member."""
        self._buckets.pop(user_id, None)
        self._cap_noted.pop(user_id, None)
