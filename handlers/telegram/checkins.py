"""Every press on goalbot's member buttons (check-ins, plans, goals, forget, mentor, suggestions)."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler

from handlers import buttons
from handlers.telegram.common import forget_cached, member_for
from handlers.telegram.context import GoalbotContext
from handlers.telegram.render import send


async def on_press(update: Update, context: GoalbotContext) -> None:
    """A button press: checked again by the core, answered at once, shown in place."""
    query = update.callback_query
    if query is None:
        return
    member = await member_for(update, context)
    if member is None:
        return
    sent_at = query.message.date if query.message is not None else None
    pressed = await context.dialog.press(member, query.data, sent_at=sent_at)
    if pressed.erased:
        forget_cached(context, query.from_user.id)
    await query.answer(pressed.toast[:190] or None)
    await send(update, pressed.replies, edit_pressed=True)


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add the member button handler (other data is left to fallbacks.on_unknown_press)."""
    app.add_handler(CallbackQueryHandler(on_press, pattern=buttons.PATTERN))
