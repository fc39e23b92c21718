"""A stand-in for the member platform's notifier: records the reminders and posts it is given."""

from __future__ import annotations

from coach.scheduled.delivery import Sent
from coach.scheduled.reminders import DueReminder


class RecordingSender:
    """Records reminders (each answered as sent) and answers posts as sent."""

    def __init__(self) -> None:
        self.reminders: list[DueReminder] = []

    async def send_reminder(self, item: DueReminder) -> Sent:
        """Keep the reminder; report it sent."""
        self.reminders.append(item)
        return Sent("sent", len(self.reminders))

    async def send_post(self, item: object) -> Sent:
        """Report the post sent."""
        return Sent("sent")
