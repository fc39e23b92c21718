"""Button data: short strings (Telegram allows 64 bytes) that name an action and its ids.

Nothing in them is trusted: every press is parsed here and then checked again by the core
(the habit, goal or draft must be the presser's own, active, and the day within reach), and
the transport refuses keyboards older than `keyboard_max_age_hours` by the message's date.
A forged, tampered or stale press gets a short answer, never an error.
"""

from __future__ import annotations

import base64
import uuid
from dataclasses import dataclass
from datetime import date

STATUS = {"d": "done", "s": "skipped", "m": "missed"}
CODE = {v: k for k, v in STATUS.items()}
PLAN = {"s": "save", "c": "change", "x": "cancel"}
GOAL = {"p": "pause", "r": "resume", "a": "archive", "y": "archive_yes", "u": "restore",
        "k": "keep", "e": "edit"}  # fmt: skip
HABIT = {"d": "daily", "w": "weekdays", "1": "weekly:1", "2": "weekly:2", "3": "weekly:3",
         "4": "weekly:4", "5": "weekly:5", "r": "remind", "o": "remind_off"}  # fmt: skip


def _id(value: uuid.UUID) -> str:
    return base64.urlsafe_b64encode(value.bytes).decode("ascii").rstrip("=")


def _uuid(text: str) -> uuid.UUID:
    if len(text) != 22:
        raise ValueError("bad id")
    return uuid.UUID(bytes=base64.urlsafe_b64decode(text + "=="))


def _day(value: date) -> str:
    return format(value.toordinal(), "x")


def _date(text: str) -> date:
    return date.fromordinal(int(text, 16))


def checkin(habit_id: uuid.UUID, day: date, status: str) -> str:
    """Data of a Done / Skip / Missed button."""
    return f"c:{_id(habit_id)}:{_day(day)}:{CODE[status]}"


def is_checkin(data: object) -> bool:
    """True for the data of a Done / Skip / Missed button (not yet parsed or checked)."""
    return isinstance(data, str) and data.startswith("c:")


def undo(habit_id: uuid.UUID, day: date, previous: str | None) -> str:
    """Data of an Undo button: put the check-in back to `previous` (None: no check-in)."""
    return f"u:{_id(habit_id)}:{_day(day)}:{CODE.get(previous or '', '-')}"


def plan(draft_id: uuid.UUID, action: str) -> str:
    """Data of a Save / Change / Cancel button on a plan draft."""
    return f"p:{_id(draft_id)}:{next(k for k, v in PLAN.items() if v == action)}"


def goal(goal_id: uuid.UUID, action: str) -> str:
    """Data of a Pause / Resume / Archive (/ Yes / Keep / Undo / Restore / Edit) button."""
    return f"g:{_id(goal_id)}:{next(k for k, v in GOAL.items() if v == action)}"


def setting(name: str, value: str = "") -> str:
    """Data of a /settings choice: reminder HH:MM, off or on; daystart H; language; timezone."""
    code = {"reminder": "r", "daystart": "d", "language": "l", "timezone": "t"}[name]
    if name == "reminder" and value in ("off", "on"):
        return f"s:{'o' if value == 'off' else 'n'}"
    return f"s:{code}" + (f":{value.replace(':', '')}" if value else "")


def habit(habit_id: uuid.UUID, action: str, hour: int | None = None) -> str:
    """Data of a habit-edit button: a new frequency, a reminder at `hour`, or reminder off."""
    code = next(k for k, v in HABIT.items() if v == action)
    return f"h:{_id(habit_id)}:{code}" + ("" if hour is None else f":{hour}")


FORGET_YES, FORGET_NO, DISMISS = "f:y", "f:n", "x"
CONSENT = ("text", "notext", "no")  # share journal text, without it, decline
# Every member button starts like this (Telegram routes these presses to the dialog);
# the mentor and suggestion forms are the ones already sent out before they moved here.
PATTERN = r"^(?:[cupgfhs]:|x$|mentor:|sugg:)"
AGELESS = frozenset({"mentor", "suggestion"})  # the core decides (invite expiry, still pending)


def consent(invite_id: uuid.UUID, choice: str) -> str:
    """Data of a mentor-consent button (`choice` one of CONSENT)."""
    return f"mentor:{choice}:{invite_id}"


def suggestion(suggestion_id: uuid.UUID, *, accept: bool) -> str:
    """Data of a plan suggestion's Accept or Decline button."""
    return f"sugg:{'accept' if accept else 'decline'}:{suggestion_id}"


@dataclass(frozen=True)
class Press:
    """A parsed press: kind (checkin, undo, plan, goal, forget, dismiss, mentor, suggestion)."""

    kind: str
    target: uuid.UUID | None = None
    day: date | None = None
    choice: str | None = None


def parse(data: str | None) -> Press | None:
    """The press that `data` encodes, or None when it is malformed."""
    if not data or len(data) > 64:
        return None
    try:
        return _parse(data.split(":"))
    except (ValueError, KeyError, OverflowError):
        return None


def _parse(parts: list[str]) -> Press | None:
    match parts:
        case ["c", hid, day, s]:
            return Press("checkin", _uuid(hid), _date(day), STATUS[s])
        case ["u", hid, day, s]:
            return Press("undo", _uuid(hid), _date(day), None if s == "-" else STATUS[s])
        case ["p", did, a]:
            return Press("plan", _uuid(did), None, PLAN[a])
        case ["g", gid, a]:
            return Press("goal", _uuid(gid), None, GOAL[a])
        case ["h", hid, a]:
            return Press("habit", _uuid(hid), None, HABIT[a])
        case ["s", "o"] | ["s", "n"] as parts:
            return Press("setting", None, None, "reminder=" + ("off" if parts[1] == "o" else "on"))
        case ["s", "r", hhmm] if hhmm.isdigit() and len(hhmm) == 4:
            return Press("setting", None, None, f"reminder={hhmm[:2]}:{hhmm[2:]}")
        case ["s", "d", hour] if hour.isdigit() and int(hour) < 24:
            return Press("setting", None, None, f"daystart={int(hour)}")
        case ["s", "l", code] if code.isalpha() and len(code) <= 8:
            return Press("setting", None, None, f"language={code}")
        case ["s", "t"]:
            return Press("setting", None, None, "timezone=")
        case ["h", hid, "r", hour] if hour.isdigit() and int(hour) < 24:
            return Press("habit", _uuid(hid), None, f"remind:{int(hour)}")
        case ["f", answer] if answer in ("y", "n"):
            return Press("forget", None, None, answer)
        case ["x"]:
            return Press("dismiss")
        case ["mentor", choice, raw] if choice in CONSENT:
            return Press("mentor", uuid.UUID(raw), None, choice)
        case ["sugg", ("accept" | "decline") as choice, raw]:
            return Press("suggestion", uuid.UUID(raw), None, choice)
    return None
