"""Which Telegram update is being handled, so that its rows are found again on a replay.

The inbox runs each update inside `handling(update_id)`; `storage.messages.add_message` and
`storage.journal.add_entry` stamp their rows with it, and when the same update runs again (its
process died mid-handler and another took its lane over) they return the row already there
instead of adding a second one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_CURRENT: ContextVar[int | None] = ContextVar("goalbot_update_id", default=None)


@contextmanager
def handling(update_id: int | None) -> Iterator[None]:
    """Mark the code inside as handling `update_id` (None: not an inbox update)."""
    token = _CURRENT.set(update_id)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def current_update() -> int | None:
    """The update being handled in this task, or None."""
    return _CURRENT.get()
