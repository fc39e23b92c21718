"""/checkin, /yesterday, and every press on goalbot's member buttons (check-ins, plans, goals)."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, filters

from handlers.telegram.common import forget_cached, member_for, run_command
from handlers.telegram.context import GoalbotContext
from handlers.telegram.render import send

# The data formats of handlers.buttons; anything else is left to other features' handlers
# and, failing those, to fallbacks.on_unknown_press.
PATTERN = r"^(?:[cupgf]:[A-Za-z0-9_\-:]{1,60}|x)$"


async def checkin(update: Update, context: GoalbotContext) -> None:
    """/checkin: today's habits with Done / Skip / Missed."""
    await run_command(update, context, "checkin")


async def yesterday(update: Update, context: GoalbotContext) -> None:
    """/yesterday: backfill the day before."""
    await run_command(update, context, "yesterday")


async def on_press(update: Update, context: GoalbotContext) -> None:
    """A button press: checked again by the core, answered at once, shown in place."""
    query = update.callback_query
    if query is None:
        return
    member = await member_for(update, context)
    if member is None:
        return
    sent_at = query.message.date if query.message is not None else None
    toast, replies = await context.dialog.press(member, query.data, sent_at=sent_at)
    if (query.data or "").startswith("f:"):
        forget_cached(context, query.from_user.id)
    await query.answer(toast[:190] or None)
    await send(update, replies, edit_pressed=True)


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add the check-in commands and the member button handler."""
    app.add_handler(CommandHandler("checkin", checkin, filters=filters.ChatType.PRIVATE))
    app.add_handler(CommandHandler("yesterday", yesterday, filters=filters.ChatType.PRIVATE))
    app.add_handler(CallbackQueryHandler(on_press, pattern=PATTERN))
