"""/goal <words> (a plan with Save / Change / Cancel) and /goals (pause, resume, archive)."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import Application, CommandHandler, filters

from handlers.telegram.common import run_command
from handlers.telegram.context import GoalbotContext


async def goal(update: Update, context: GoalbotContext) -> None:
    """/goal <words>: a plan from the coach engine."""
    await run_command(update, context, "goal", slow=True)


async def goals(update: Update, context: GoalbotContext) -> None:
    """/goals: the member's goals with their progress."""
    await run_command(update, context, "goals")


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add the goal commands (private chats); their buttons go through checkins.on_press."""
    app.add_handler(CommandHandler("goal", goal, filters=filters.ChatType.PRIVATE))
    app.add_handler(CommandHandler("goals", goals, filters=filters.ChatType.PRIVATE))
