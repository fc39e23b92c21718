"""The safety screen, ahead of every other handler: any text a person sends, in any update.

Registered in group -1, so PTB runs it before the features' handlers (and before their rate
limit and "/start first" checks): new and edited messages, photo and video captions, commands
with their words (/goal, /journal, …), private chats and groups alike. Crisis language gets the
fixed safety message, and ApplicationHandlerStop ends the update there; any other update goes on.
"""

from __future__ import annotations

from typing import Any

from telegram import Message, Update
from telegram.ext import Application, ApplicationHandlerStop, TypeHandler

from coach import members
from coach.crisis import source_of
from handlers.group_dialog import with_private_offer
from handlers.i18n import speak_as_telegram
from handlers.telegram.context import GoalbotContext
from handlers.telegram.render import send


def words_of(update: Update) -> tuple[str, str] | None:
    """(text or caption, where it came from) of an update a person wrote, else None."""
    message: Message | None = update.message or update.edited_message
    if message is None or update.effective_user is None or update.effective_user.is_bot:
        return None
    text = message.text or message.caption
    if not text:
        return None
    if update.edited_message is not None:
        source = "edit"
    elif message.caption:
        source = "caption"
    else:
        source = source_of(text, "chat" if message.chat.type == "private" else "group")
    return text, source


async def screen_first(update: Update, context: GoalbotContext) -> None:
    """Send the safety message and stop the update when its words hold crisis language."""
    found = words_of(update)
    if found is None:
        return
    text, source = found
    user = update.effective_user
    assert user is not None

    async def find_member() -> members.Member | None:
        return await members.by_telegram(context.services, telegram_user_id=user.id)

    replies = await context.dialog.safety_first(text, find_member=find_member, source=source,
                                                language_code=user.language_code)  # fmt: skip
    if replies is None:
        return
    if update.effective_chat is not None and update.effective_chat.type != "private":
        speak_as_telegram(user.language_code)
        replies = with_private_offer(replies, f"https://t.me/{context.bot.username}")
    await send(update, replies)
    raise ApplicationHandlerStop


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add the screen in group -1: before every other handler, for every update."""
    app.add_handler(TypeHandler(Update, screen_first), group=-1)
