"""A command typed wrong, or by another name: the one it most likely means ("/stats")."""

from __future__ import annotations

import difflib

from coach.i18n import Translator
from handlers import commands

# what newcomers type for a command of another name (Telegram bots' habits, other apps' words)
MEANT = {"stats": "/progress", "streak": "/progress", "streaks": "/progress",
         "status": "/progress", "report": "/progress", "today": "/checkin", "check": "/checkin",
         "done": "/checkin", "habits": "/goals", "plan": "/goals", "plans": "/goals",
         "diary": "/journal", "note": "/journal", "timezone": "/settings", "tz": "/settings",
         "language": "/settings", "reminder": "/settings", "reminders": "/settings",
         "stop": "/settings reminder off", "delete": "/forget", "reset": "/forget",
         "commands": "/help", "menu": "/help"}  # fmt: skip


def meant_command(name: str) -> str | None:
    """The command a mistyped or other-named one most likely means ("/chekin", "/stats")."""
    said = name.lower().strip()
    if said in MEANT:
        return MEANT[said]
    known = [spec.name for spec in commands.table() if spec.handler is not None]
    close = difflib.get_close_matches(said, known, n=1, cutoff=0.75)
    return f"/{close[0]}" if close else None


def hint(t: Translator, name: str) -> str | None:
    """ "I don't know /stats. Did you mean /progress?" in `t`'s language; None with no likely one."""
    meant = meant_command(name)
    if meant is None:
        return None
    return t.gettext("I don't know /{name}. Did you mean {meant}?", name=name[:30], meant=meant)
