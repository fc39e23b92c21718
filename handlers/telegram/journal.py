"""/journal <text>: an encrypted entry, its mood, and a short reflection."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import Application, CommandHandler, filters

from handlers.telegram.common import run_command
from handlers.telegram.context import GoalbotContext


async def journal(update: Update, context: GoalbotContext) -> None:
    """/journal <text>."""
    await run_command(update, context, "journal", slow=True)


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add /journal (private chats)."""
    app.add_handler(CommandHandler("journal", journal, filters=filters.ChatType.PRIVATE))
