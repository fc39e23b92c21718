"""The edges of a group chat on Telegram: /start and /groups typed in the group, a command
addressed to goalbot that it does not know, and today's boards after a member's /forget.

Built on `handlers.telegram.groups` (which registers these after its own handlers).
"""

from __future__ import annotations

import re
from typing import Any

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from handlers import buttons, commands
from handlers.telegram.context import GoalbotContext
from handlers.telegram.groups import (
    BOARDS,
    GROUPS,
    _args,
    _dialog,
    _member,
    _screened,
    _where,
    deliver,
)

ERASING = "goalbot.erasing"  # update id → the groups of a member confirming /forget


async def not_here(update: Update, context: GoalbotContext) -> None:
    """/start or /groups in a group (their handlers answer private chats only): a pointer."""
    where, message = _where(update), update.effective_message
    if where is None or message is None or not message.text:
        return
    if await _screened(update, context, _args(update)):
        return
    name = message.text.split()[0].lstrip("/").partition("@")[0].lower()
    await deliver(update, context, await _dialog(context).not_here(where, name))


async def unknown_command(update: Update, context: GoalbotContext) -> None:
    """A command addressed to this bot (/stats@goalbot) that no handler knows; an unaddressed
    one may be another bot's in the same group, so it is left alone."""
    where, message = _where(update), update.effective_message
    if where is None or message is None or not message.text:
        return
    command, _, bot = message.text.split()[0].lstrip("/").partition("@")
    if bot.lower() != (context.bot.username or "").lower() or commands.find(command) is not None:
        return
    if command.lower() in ("start", "groups") or await _screened(update, context, _args(update)):
        return
    await deliver(update, context, await _dialog(context).unknown(where, command))


async def before_forget(update: Update, context: GoalbotContext) -> None:
    """/forget confirmed: note the member's groups before their memberships are erased."""
    member = await _member(update, context)
    if member is not None:
        erasing = context.bot_data.setdefault(ERASING, {})
        erasing[update.update_id] = await _dialog(context).group_ids(member)


async def after_forget(update: Update, context: GoalbotContext) -> None:
    """After the erasure: today's boards of those groups are rewritten without the member."""
    for group_id in context.bot_data.get(ERASING, {}).pop(update.update_id, []):
        await context.bot_data[BOARDS].refresh(group_id)


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """The edge handlers, around and after the features' own (group 0)."""
    app.add_handler(CommandHandler(["start", "groups"], not_here, filters=GROUPS))
    # after every feature's handlers, so only a command none of them knows is answered
    app.add_handler(MessageHandler(GROUPS & filters.COMMAND, unknown_command), group=1)
    # around the member's own /forget press: the groups are read before, the boards after
    forget = f"^{re.escape(buttons.FORGET_YES)}$"
    app.add_handler(CallbackQueryHandler(before_forget, pattern=forget), group=-2)
    app.add_handler(CallbackQueryHandler(after_forget, pattern=forget), group=1)
