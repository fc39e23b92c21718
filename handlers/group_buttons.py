"""Group buttons' data ("j:…", 64 bytes at most): share level, goals, opt-outs, leave, challenge.

As with `handlers.buttons`, nothing in them is trusted: the core checks membership again.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from handlers.buttons import _id, _uuid

LEVELS = {"a": "all", "g": "goals", "c": "checked_in"}
PATTERN = r"^j:[a-z]:[A-Za-z0-9_\-:]{1,50}$"


@dataclass(frozen=True)
class GroupPress:
    """kind: share, goal, leave, rank, nudge, challenge, choices; the ids and the choice."""

    kind: str
    target: uuid.UUID
    choice: str | None = None
    other: uuid.UUID | None = None


def share(group_id: uuid.UUID, level: str) -> str:
    """Choose what this group sees."""
    return f"j:s:{_id(group_id)}:{next(k for k, v in LEVELS.items() if v == level)}"


def goal(group_id: uuid.UUID, goal_id: uuid.UUID) -> str:
    """Share one goal with the group, or stop."""
    return f"j:o:{_id(group_id)}:{_id(goal_id)}"


def simple(kind: str, target: uuid.UUID) -> str:
    """leave / rank / nudge / challenge / choices: one id."""
    code = {"leave": "l", "rank": "r", "nudge": "n", "challenge": "c", "choices": "m"}[kind]
    return f"j:{code}:{_id(target)}"


_KINDS = {"l": "leave", "r": "rank", "n": "nudge", "c": "challenge", "m": "choices"}


def parse(data: str | None) -> GroupPress | None:
    """The press `data` encodes, or None when it is not a valid group button."""
    if not data or len(data) > 64 or not data.startswith("j:"):
        return None
    parts = data.split(":")
    try:
        match parts:
            case ["j", "s", gid, level]:
                return GroupPress("share", _uuid(gid), LEVELS[level])
            case ["j", "o", gid, goal_id]:
                return GroupPress("goal", _uuid(gid), None, _uuid(goal_id))
            case ["j", code, gid] if code in _KINDS:
                return GroupPress(_KINDS[code], _uuid(gid))
    except (ValueError, KeyError):
        return None
    return None
