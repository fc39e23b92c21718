"""Plan suggestions on Telegram: "Your mentor suggests …" with Accept and Decline."""

from __future__ import annotations

import logging
import uuid

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler, ContextTypes

from mentor import suggestions
from mentor.notify import SuggestionNotice
from mentor.services import MentorServices

log = logging.getLogger(__name__)
PREFIX = "sugg"


def suggestion_text(notice: SuggestionNotice) -> str:
    """The member's message: who suggests what, and exactly what would change."""
    summary = f": {notice.summary}" if notice.summary else ""
    changes = "\n".join(f"• {c}" for c in notice.changes)
    return f"Your mentor {notice.mentor_name} suggests a change to your plan{summary}\n\n{changes}"


def suggestion_keyboard(suggestion_id: uuid.UUID) -> InlineKeyboardMarkup:
    """Accept or Decline."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton("Accept", callback_data=f"{PREFIX}:accept:{suggestion_id}"),
          InlineKeyboardButton("Decline", callback_data=f"{PREFIX}:decline:{suggestion_id}")]]
    )  # fmt: skip


async def send_suggestion(bot: Bot, notice: SuggestionNotice) -> bool:
    """Send the suggestion to the member's chat; False when Telegram refused it."""
    try:
        await bot.send_message(
            notice.telegram_chat_id,
            suggestion_text(notice),
            reply_markup=suggestion_keyboard(notice.suggestion_id),
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


def register(app: Application, services: MentorServices) -> None:
    """Handle the Accept and Decline buttons."""

    async def decide(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query, user = update.callback_query, update.effective_user
        if query is None or user is None:
            return
        await query.answer()
        _, choice, raw_id = (query.data or "").split(":", 2)
        try:
            suggestion_id = uuid.UUID(raw_id)
        except ValueError:
            await query.edit_message_text("That suggestion is no longer available.")
            return
        decision = await suggestions.member_decided(
            services, suggestion_id=suggestion_id, telegram_user_id=user.id,
            accept=choice == "accept",
        )  # fmt: skip
        await query.edit_message_text(decision.member_text)

    app.add_handler(CallbackQueryHandler(decide, pattern=rf"^{PREFIX}:(accept|decline):"))
