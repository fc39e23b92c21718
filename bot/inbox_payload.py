"""What the inbox reads off an update's JSON: its member (lane), whether it is a check-in press,
whether its commit waits for the disk, and the text PostgreSQL can store."""

from __future__ import annotations

import re
from typing import Any

from handlers import buttons

_BAD_CHARS = re.compile("[\x00\ud800-\udfff]")


def clean(value: Any) -> Any:
    """The JSON value with NUL bytes and lone surrogates removed from every string.

    PostgreSQL's text and jsonb refuse both, and neither is anything a person meant to send.
    """
    if isinstance(value, str):
        return _BAD_CHARS.sub("", value) if _BAD_CHARS.search(value) else value
    if isinstance(value, dict):
        return {clean(k): clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean(v) for v in value]
    return value


def durable(payload: dict[str, Any]) -> bool:
    """False for a button press: stored and marked without waiting for the disk's flush.

    A press is idempotent by design (one check-in per habit and day) and its own statement
    already commits that way (`coach.checkin_commit`); a crash in the flush's few hundred ms
    can lose it as it could before, and the member, who saw no answer, presses again.
    Everything else waits for the flush before its 200. docs/operations.md has the figures.
    """
    return "callback_query" not in payload


def checkin_press(payload: dict[str, Any]) -> bool:
    """True for a press of a check-in button (Done / Skip / Missed: data "c:…")."""
    query = payload.get("callback_query")
    return isinstance(query, dict) and buttons.is_checkin(query.get("data"))


def lane_of(payload: dict[str, Any]) -> int:
    """The member an update belongs to: its sender's user id, else its chat's id, else 0."""
    for key, part in payload.items():
        if key == "update_id" or not isinstance(part, dict):
            continue
        for who in ("from", "user", "chat"):
            person = part.get(who)
            ident = person.get("id") if isinstance(person, dict) else None
            if isinstance(ident, int) and not isinstance(ident, bool):
                return ident
    return 0
