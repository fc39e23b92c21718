"""/start (it needs the Telegram identity) and the time zone from a shared location."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import Application, CommandHandler, MessageHandler, filters

from coach import members
from handlers.i18n import speak_as_telegram
from handlers.telegram.common import member_for
from handlers.telegram.context import GoalbotContext
from handlers.telegram.render import send

PRIVATE = filters.ChatType.PRIVATE


async def start(update: Update, context: GoalbotContext) -> None:
    """/start: create the member from their Telegram identity; ask for the time zone."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return
    speak_as_telegram(user.language_code)  # the welcome then speaks the member's language
    held = context.dialog.admit(None, platform_id=user.id)  # /start counts toward the limit too
    if held is not None:
        await send(update, held)
        return
    welcome = await members.start_telegram(
        context.services, telegram_user_id=user.id, chat_id=chat.id,
        name=user.first_name, username=user.username, language_code=user.language_code,
    )  # fmt: skip
    await send(update, context.dialog.welcome(welcome))


async def location(update: Update, context: GoalbotContext) -> None:
    """A shared location sets the time zone."""
    member = await member_for(update, context)
    message = update.effective_message
    if member is None or message is None or message.location is None:
        return
    where = message.location
    await send(update, await context.dialog.location(member, where.latitude, where.longitude))


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add onboarding's handlers (private chats)."""
    app.add_handler(CommandHandler("start", start, filters=PRIVATE))
    app.add_handler(
        MessageHandler(PRIVATE & filters.LOCATION & filters.UpdateType.MESSAGE, location)
    )
