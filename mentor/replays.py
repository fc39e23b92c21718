"""Replayed Slack requests: a signed request is handled once within its signing window.

Slack signs each request over its timestamp and body; Bolt refuses a bad signature and a
timestamp more than five minutes away. Inside that window a captured request could be sent
again: the signatures already seen are kept in PostgreSQL (so it holds across processes)
until their window has passed, and a signature seen before is a replay.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from storage import mentors as store
from storage.db import Sessions

log = logging.getLogger(__name__)
WINDOW = timedelta(minutes=5)  # Bolt's timestamp tolerance, either side of now
MARGIN = timedelta(minutes=1)


async def first_time(sessions: Sessions, *, signature: str, timestamp: str) -> bool:
    """True the first time this signature is seen; False for a replay (logged)."""
    try:
        signed_at = datetime.fromtimestamp(int(timestamp), UTC)
    except (ValueError, OverflowError, OSError):
        signed_at = datetime.now(UTC)  # Bolt has checked it already; keep it the longest
    expires = max(signed_at, datetime.now(UTC)) + WINDOW + MARGIN
    async with sessions.begin() as session:
        fresh = await store.remember_request(session, signature=signature, expires_at=expires)
    if not fresh:
        log.warning("slack: a replayed request (signature seen before) was refused")
    return fresh
