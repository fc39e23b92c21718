"""/start, the time zone (typed or a shared location), /settings and /help."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import Application, CommandHandler, MessageHandler, filters

from coach import members
from handlers.telegram.common import member_for, run_command
from handlers.telegram.context import GoalbotContext
from handlers.telegram.render import send

PRIVATE = filters.ChatType.PRIVATE


async def start(update: Update, context: GoalbotContext) -> None:
    """/start: create the member from their Telegram identity; ask for the time zone."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return
    welcome = await members.start_telegram(
        context.services, telegram_user_id=user.id, chat_id=chat.id,
        name=user.first_name, username=user.username,
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


async def settings(update: Update, context: GoalbotContext) -> None:
    """/settings [NAME VALUE]."""
    await run_command(update, context, "settings")


async def help_command(update: Update, context: GoalbotContext) -> None:
    """/help: the commands."""
    await run_command(update, context, "help")


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add onboarding's handlers (private chats)."""
    app.add_handler(CommandHandler("start", start, filters=PRIVATE))
    app.add_handler(CommandHandler("settings", settings, filters=PRIVATE))
    app.add_handler(CommandHandler("help", help_command, filters=PRIVATE))
    app.add_handler(
        MessageHandler(PRIVATE & filters.LOCATION & filters.UpdateType.MESSAGE, location)
    )
