"""/progress (summary and chart), /export (the member's data as a file), /forget (erase)."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.constants import ChatAction
from telegram.ext import Application, CommandHandler, filters

from handlers.telegram.common import run_command
from handlers.telegram.context import GoalbotContext


async def progress(update: Update, context: GoalbotContext) -> None:
    """/progress: figures and a 30-day chart."""
    if update.effective_chat is not None:
        await update.effective_chat.send_action(ChatAction.UPLOAD_PHOTO)
    await run_command(update, context, "progress")


async def export(update: Update, context: GoalbotContext) -> None:
    """/export: everything kept about the member, as JSON."""
    await run_command(update, context, "export")


async def forget(update: Update, context: GoalbotContext) -> None:
    """/forget: erase after an explicit confirmation."""
    await run_command(update, context, "forget")


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add the data commands (private chats)."""
    for name, callback in (("progress", progress), ("export", export), ("forget", forget)):
        app.add_handler(CommandHandler(name, callback, filters=filters.ChatType.PRIVATE))
