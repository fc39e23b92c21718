"""Plan suggestions on Telegram: "Your mentor suggests …" with Accept and Decline."""

from __future__ import annotations

import logging
import uuid

from telegram import Bot, InlineKeyboardMarkup
from telegram.error import TelegramError

from handlers import present
from handlers.telegram.render import keyboard
from mentor.notify import SuggestionNotice

log = logging.getLogger(__name__)


def suggestion_keyboard(suggestion_id: uuid.UUID) -> InlineKeyboardMarkup | None:
    """Accept or Decline (the presses go through the dialog like every member button)."""
    return keyboard([present.suggestion_row(suggestion_id)])


async def send_suggestion(bot: Bot, notice: SuggestionNotice) -> bool:
    """Send the suggestion to the member's chat; False when Telegram refused it."""
    try:
        reply = present.suggestion(notice)
        await bot.send_message(
            notice.telegram_chat_id, reply.text, reply_markup=keyboard(reply.buttons)
        )
    except TelegramError as exc:
        log.warning("plan suggestion %s not delivered: %s", notice.suggestion_id, exc)
        return False
    return True


class TelegramSuggestionSender:
    """mentor.notify.MemberMessenger over a PTB `Bot`."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send_suggestion(self, notice: SuggestionNotice) -> bool:
        """Send the suggestion with Accept/Decline buttons."""
        return await send_suggestion(self.bot, notice)
