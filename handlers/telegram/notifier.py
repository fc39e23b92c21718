"""Send scheduled messages through PTB's Bot within Telegram's limits, one member at a time.

At most `messages_per_second` (default 30) in any rolling second, and one per second to any
chat; a `RetryAfter` pauses every send for the time
Telegram asks, then retries; a member who blocked the bot comes back as `blocked` (the core
marks them inactive); any other failure is `failed` for that member only.
"""

from __future__ import annotations

import asyncio
import logging
import warnings
from datetime import timedelta
from typing import Any

from telegram import Bot, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError
from telegram.warnings import PTBDeprecationWarning

from coach.scheduled.delivery import Sent
from coach.scheduled.easier_plans import EasierPlan
from coach.scheduled.reminders import DueReminder
from handlers.i18n import speak
from handlers.telegram.render import checkin_keyboard, checkin_text
from handlers.telegram.suggestions import suggestion_keyboard

log = logging.getLogger(__name__)

CHAT_LIMITERS_KEPT = 512
GONE = ("chat not found", "user is deactivated", "bot was kicked", "bot was blocked")


def _retry_seconds(exc: RetryAfter) -> float:
    with warnings.catch_warnings():  # PTB 22 warns that the int form will become a timedelta
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class RollingWindow:
    """At most `count` sends in any rolling `period`, as Telegram counts them, in FIFO order.

    A slot is given back `period` after its send *completed*, so the send that takes it starts
    a full period after the earlier one reached Telegram, whatever the network's jitter. A send
    delayed by the event loop does not push the later ones back (unlike a leaky bucket of one).
    """

    def __init__(self, count: int, period: float) -> None:
        self.period = period
        self._slots = asyncio.Semaphore(count)
        self._held = 0

    async def __aenter__(self) -> None:
        await self._slots.acquire()
        self._held += 1

    async def __aexit__(self, *exc: object) -> None:
        asyncio.get_running_loop().call_later(self.period, self._give_back)

    def _give_back(self) -> None:
        self._held -= 1
        self._slots.release()

    @property
    def idle(self) -> bool:
        """True when no send is in flight or recent (the limiter can be forgotten)."""
        return self._held == 0


class TelegramNotifier:
    """Renders due items and sends them, rate-limited, through one PTB `Bot`."""

    def __init__(
        self,
        bot: Bot,
        *,
        messages_per_second: float = 30.0,
        per_chat_seconds: float = 1.0,
        max_retries: int = 3,
    ) -> None:
        self.bot = bot
        count = max(1, int(messages_per_second))
        self._overall = RollingWindow(count, count / messages_per_second)
        self._per_chat_seconds = per_chat_seconds
        self._chats: dict[int, RollingWindow] = {}
        self._resume = asyncio.Event()
        self._resume.set()
        self.max_retries = max_retries

    async def send_reminder(self, item: DueReminder) -> Sent:
        """The morning reminder: habits due today with check-in buttons, in the member's language."""
        speak(item.language)
        return await self.send(
            item.chat_id,
            checkin_text(item.habits, day=item.day, name=item.name),
            keyboard=checkin_keyboard(item.habits),
        )

    async def send_post(self, item: Any) -> Sent:
        """A prepared post (weekly review, monthly report): anything with chat_id and text."""
        return await self.send(item.chat_id, item.text)

    async def send_suggestion(self, plan: EasierPlan) -> Sent:
        """An easier plan from the weekly review, with the suggestion's Accept / Decline."""
        t = speak(plan.language)  # the member's: the summary and changes are in it too
        changes = "\n".join(f"• {change}" for change in plan.changes)
        text = t.gettext(
            "Your weekly review suggests an easier plan: {summary}", summary=plan.summary
        )
        text += f"\n\n{changes}"
        return await self.send(plan.chat_id, text, keyboard=suggestion_keyboard(plan.suggestion_id))

    async def send(
        self, chat_id: int, text: str, *, keyboard: InlineKeyboardMarkup | None = None
    ) -> Sent:
        """Send one message; `sent` with its id, `blocked`, or `failed` — never raises."""
        for attempt in range(self.max_retries + 1):
            await self._resume.wait()
            try:
                async with self._chat(chat_id), self._overall:
                    message = await self.bot.send_message(chat_id, text, reply_markup=keyboard)
                return Sent("sent", message.message_id)
            except RetryAfter as exc:
                await self._pause(_retry_seconds(exc), attempt)
            except Forbidden:
                log.info("chat %s blocked the bot", chat_id)
                return Sent("blocked")
            except BadRequest as exc:
                gone = any(reason in exc.message.lower() for reason in GONE)
                log.warning("chat %s refused the message: %s", chat_id, exc.message)
                return Sent("blocked" if gone else "failed")
            except TelegramError as exc:
                log.warning("sending to chat %s failed: %s", chat_id, exc)
                return Sent("failed")
        return Sent("failed")

    async def _pause(self, seconds: float, attempt: int) -> None:
        """Hold every send for `seconds` (+0.1), as Telegram asked."""
        log.warning("Telegram flood control: pausing sends %.1f s (attempt %d)", seconds, attempt)
        self._resume.clear()
        try:
            await asyncio.sleep(seconds + 0.1)
        finally:
            self._resume.set()

    def _chat(self, chat_id: int) -> RollingWindow:
        if len(self._chats) > CHAT_LIMITERS_KEPT:
            for key, limiter in list(self._chats.items()):
                if limiter.idle:
                    del self._chats[key]
        if chat_id not in self._chats:
            self._chats[chat_id] = RollingWindow(1, self._per_chat_seconds)
        return self._chats[chat_id]
