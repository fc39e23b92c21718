"""Requests per second per token (aiolimiter's leaky bucket), answered 429 with Retry-After."""

from __future__ import annotations

import math

from aiolimiter import AsyncLimiter
from cachetools import LRUCache

MAX_TRACKED = 50_000  # the least recently seen tokens' buckets are dropped beyond this


class TokenRates:
    """One leaky bucket per token (rate and burst `per_second`), never waiting: over is over.

    Buckets live in this process (as the members' chat limits do): behind several processes
    each enforces the rate on its own share of the requests.
    """

    def __init__(self, per_second: float) -> None:
        self.per_second = per_second
        self._buckets: LRUCache[str, AsyncLimiter] = LRUCache(maxsize=MAX_TRACKED)

    async def admit(self, key: str) -> bool:
        """True when this token may make one more request now (and count it)."""
        bucket = self._buckets.get(key)  # a get counts as a use: busy tokens stay
        if bucket is None:
            bucket = self._buckets[key] = AsyncLimiter(max(1.0, self.per_second), 1.0)
        if not bucket.has_capacity():
            return False
        await bucket.acquire()  # returns at once: there is room
        return True

    @property
    def retry_after(self) -> int:
        """Whole seconds until one more request fits (Retry-After)."""
        return max(1, math.ceil(1 / self.per_second))
