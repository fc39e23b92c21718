"""Every declared command on Telegram: one CommandHandler each, and the command menus.

Generated from `handlers/commands.py`; nothing here names a command except /start, which
needs the Telegram identity and lives in `onboarding.py`.
"""

from __future__ import annotations

from typing import Any

from telegram import BotCommand, BotCommandScopeAllGroupChats, Update
from telegram.constants import ChatMemberStatus
from telegram.ext import Application, CommandHandler, filters

from coach.i18n import SOURCE, SUPPORTED
from handlers import commands
from handlers.commands import Call, Command, Group
from handlers.telegram.common import caller_for, member_for, typing
from handlers.telegram.context import GoalbotContext
from handlers.telegram.render import send

PRIVATE = filters.ChatType.PRIVATE
GROUPS = filters.ChatType.GROUPS
ADMINS = (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)


async def _group(update: Update, spec: Command) -> Group | None:
    """The group the command came from (None in a private chat); admin looked up when needed."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or chat.type == chat.PRIVATE:
        return None
    admin = False
    if spec.who == "group_admin" and user is not None:
        admin = (await chat.get_member(user.id)).status in ADMINS
    return Group(chat.id, chat.title, admin)


def _callback(spec: Command) -> Any:
    """The PTB callback of one command: who, may they go on, run it, send the replies."""

    async def run(update: Update, context: GoalbotContext) -> None:
        user, message = update.effective_user, update.effective_message
        if user is None or message is None:
            return
        if spec.who == "anyone":
            go_on, member = await caller_for(update, context)
        else:
            member = await member_for(update, context)
            go_on = member is not None
        if not go_on:
            return
        if spec.slow:
            await typing(update)
        call = Call(member, (message.text or "").partition(" ")[2], await _group(update, spec),
                    user.id, user.first_name)  # fmt: skip
        await send(update, await context.dialog.run(spec, call))

    run.__doc__ = f"/{spec.name}: {spec.description}."
    return run


async def _not_here(update: Update, context: GoalbotContext) -> None:
    """A private command sent in a group, or a group command in a private chat."""
    message = update.effective_message
    if message is None or not message.text:
        return
    name = message.text.split()[0].lstrip("/").partition("@")[0]
    spec = commands.find(name)
    if spec is not None and spec.handler is not None:
        await send(
            update, await context.dialog.run(spec, Call(None, "", await _group(update, spec)))
        )


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """A CommandHandler per declared command, in its kind of chat; elsewhere, a pointer."""
    elsewhere: list[str] = []
    for spec in commands.table():
        if spec.handler is None:
            continue
        where = PRIVATE if spec.chat == "private" else GROUPS
        app.add_handler(CommandHandler(spec.name, _callback(spec), filters=where))
        elsewhere.append(spec.name)
    app.add_handler(CommandHandler(elsewhere, _not_here))


async def register_menus(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """The command menus: private commands by default, group commands in group chats; once
    in English for everyone (no language_code) and once per other supported language, which
    Telegram shows to users whose app speaks it (an untranslated description stays English)."""
    for language in (None, *(lang for lang in SUPPORTED if lang != SOURCE)):
        await app.bot.set_my_commands(
            [BotCommand(n, t) for n, t in commands.menu("private", language)],
            language_code=language,
        )
        group = commands.menu("group", language)
        if group:
            await app.bot.set_my_commands(
                [BotCommand(n, t) for n, t in group],
                scope=BotCommandScopeAllGroupChats(),
                language_code=language,
            )
