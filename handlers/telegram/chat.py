"""Plain messages: the core routes them (time zone, plan change, goal, check-in, coach chat)."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import Application, MessageHandler, filters

from handlers.telegram.common import member_for, typing
from handlers.telegram.context import GoalbotContext
from handlers.telegram.render import send


async def on_text(update: Update, context: GoalbotContext) -> None:
    """A member's plain message; "typing…" shows while the coach works."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    member = await member_for(update, context)
    if member is None:
        return
    await typing(update)
    await send(update, await context.dialog.text(member, message.text))


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add the plain-text handler (new messages in private chats, not commands)."""
    wanted = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND
    app.add_handler(MessageHandler(wanted, on_text))
