"""Accountability groups on Telegram: the bot added or removed, supergroup upgrades, titles,
/join, /leave, /leaderboard, /challenge, /groupsettings, /groups, the Join deep link's /start,
group buttons, text addressed to the bot in a group, and the daily board's sends and edits.

Only translation happens here; `handlers.group_dialog.GroupDialog` decides. Admin-only
commands ask Telegram (getChatMember) whether the sender administers the group.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatMemberStatus, MessageLimit
from telegram.error import BadRequest, TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from coach import members
from coach.groups import registry
from coach.members import Member
from coach.safety import screen
from handlers import group_buttons
from handlers.group_boards import BoardPublisher
from handlers.group_dialog import ChatRef, GroupAnswer, GroupDialog
from handlers.group_present import LinkButton
from handlers.i18n import N_, speak, speak_as_telegram
from handlers.present import Button, Reply
from handlers.telegram import onboarding
from handlers.telegram.common import NOT_STARTED
from handlers.telegram.context import GoalbotContext
from handlers.telegram.render import send

log = logging.getLogger(__name__)
GROUPS, PRIVATE = filters.ChatType.GROUPS, filters.ChatType.PRIVATE
ADMINS = (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)
JOIN_FIRST = N_("Tap Join first, or send /start to me privately.")
PRESENT = (ChatMemberStatus.MEMBER, ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)
GROUP_DIALOG, BOARDS = "goalbot.group_dialog", "goalbot.boards"


def markup(rows: Sequence[Sequence[Button]]) -> InlineKeyboardMarkup | None:
    """Inline keyboard for group replies: link buttons open a URL, the others send data."""
    if not rows:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(b.label, url=b.data) if isinstance(b, LinkButton)
                                  else InlineKeyboardButton(b.label, callback_data=b.data) for b in row]
                                 for row in rows])  # fmt: skip


class TelegramBoards:
    """Posts and edits boards through the application's Bot (so AIORateLimiter paces them)."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def post(self, chat_id: int, reply: Reply) -> int | None:
        """Send the board; its message id, or None."""
        try:
            message = await self.bot.send_message(
                chat_id, reply.text, reply_markup=markup(reply.buttons)
            )
        except TelegramError as exc:
            log.warning("board post to %s failed: %s", chat_id, exc)
            return None
        return message.message_id

    async def edit(self, chat_id: int, message_id: int, reply: Reply) -> bool:
        """Edit the board in place ("not modified" counts as done)."""
        try:
            await self.bot.edit_message_text(reply.text, chat_id=chat_id, message_id=message_id,
                                             reply_markup=markup(reply.buttons))  # fmt: skip
        except BadRequest as exc:
            return "not modified" in str(exc).lower()
        except TelegramError as exc:
            log.warning("board edit in %s failed: %s", chat_id, exc)
            return False
        return True


def _dialog(context: GoalbotContext) -> GroupDialog:
    return context.bot_data[GROUP_DIALOG]


def _where(update: Update) -> ChatRef | None:
    chat = update.effective_chat
    if chat is None or chat.type == chat.PRIVATE:
        return None
    return ChatRef(chat.id, chat.title)


async def _member(update: Update, context: GoalbotContext) -> Member | None:
    """The member behind the update; what is said to them privately (and their toasts) then
    speaks their language; what is posted in the group speaks the group's (`in_group`)."""
    user = update.effective_user
    member = (
        None
        if user is None
        else await members.by_telegram(context.services, telegram_user_id=user.id)
    )
    if member is not None:
        speak(member.language)
    return member


async def _is_admin(update: Update) -> bool:
    """Whether the sender administers the group: only an admin can post as the group itself
    (anonymously, sent by GroupAnonymousBot), else Telegram's getChatMember says."""
    chat, user, message = update.effective_chat, update.effective_user, update.effective_message
    if chat is None or user is None:
        return False
    if message is not None and message.sender_chat is not None:
        return message.sender_chat.id == chat.id
    try:
        return (await chat.get_member(user.id)).status in ADMINS
    except TelegramError as exc:  # not a member any more, or Telegram could not say: no admin
        log.info("admin check of %s in %s failed: %s", user.id, chat.id, exc)
        return False


async def deliver(update: Update, context: GoalbotContext, answer: GroupAnswer) -> None:
    """Show a group answer: public replies in the group, private ones to the speaker."""
    chat, user = update.effective_chat, update.effective_user
    for reply in answer.public:
        if chat is not None:
            await chat.send_message(
                reply.text[: MessageLimit.MAX_TEXT_LENGTH], reply_markup=markup(reply.buttons)
            )
    if answer.private and user is not None:
        if chat is not None and chat.type == chat.PRIVATE:
            await send(update, answer.private, edit_pressed=True)
        else:
            for reply in answer.private:
                try:
                    await context.bot.send_message(
                        user.id, reply.text, reply_markup=markup(reply.buttons)
                    )
                except (
                    TelegramError
                ) as exc:  # never started the bot privately: the group said enough
                    log.info("could not message %s privately: %s", user.id, exc)
    if answer.refresh is not None:
        await context.bot_data[BOARDS].refresh(answer.refresh)


async def on_my_member(update: Update, context: GoalbotContext) -> None:
    """The bot was added to a group (welcome with Join) or removed (the group goes inactive)."""
    change = update.my_chat_member
    if change is None or change.chat.type == change.chat.PRIVATE:
        return
    where = ChatRef(change.chat.id, change.chat.title)
    was, now = change.old_chat_member.status, change.new_chat_member.status
    if now in PRESENT and was not in PRESENT:
        await deliver(update, context, await _dialog(context).bot_added(where, change.from_user.id))
    elif now not in PRESENT and was in PRESENT:
        await _dialog(context).bot_removed(where)


async def on_service(update: Update, context: GoalbotContext) -> None:
    """A supergroup upgrade (the chat id changes, the data stays) or a new title."""
    message = update.effective_message
    if message is None:
        return
    if message.migrate_to_chat_id:
        await registry.migrated(
            context.services, old_chat_id=message.chat.id, new_chat_id=message.migrate_to_chat_id
        )
    elif message.migrate_from_chat_id:
        await registry.migrated(
            context.services, old_chat_id=message.migrate_from_chat_id, new_chat_id=message.chat.id
        )
    elif message.new_chat_title:
        await registry.retitled(
            context.services, chat_id=message.chat.id, title=message.new_chat_title
        )


def _args(update: Update) -> str:
    message = update.effective_message
    return (message.text or "").partition(" ")[2].strip() if message is not None else ""


async def _screened(update: Update, context: GoalbotContext, words: str) -> bool:
    """True when a group command's words held crisis language (the safety reply went out)."""
    where = _where(update)
    if where is None or not words or screen(words) is None:
        return False
    await deliver(
        update, context, await _dialog(context).text(where, lambda: _member(update, context), words)
    )
    return True


async def group_command(update: Update, context: GoalbotContext) -> None:
    """/join, /leave, /leaderboard, /challenge, /groupsettings in a group."""
    where, message, user = _where(update), update.effective_message, update.effective_user
    if where is None or message is None or user is None or not message.text:
        return
    name = message.text.split()[0].lstrip("/").partition("@")[0].lower()
    words, dialog = _args(update), _dialog(context)
    if await _screened(update, context, words):  # before anything else, even the member lookup
        return
    member = await _member(update, context)
    if name == "join":
        answer = await dialog.join(where, member, user.first_name)
    elif name == "leave":
        answer = await dialog.leave(where, member)
    elif name == "leaderboard":
        answer = await dialog.leaderboard(where)
    elif name == "challenge":
        answer = await dialog.challenge(where, member, words, await _is_admin(update))
    else:
        answer = await dialog.settings(where, words, await _is_admin(update))
    await deliver(update, context, answer)


async def private_command(update: Update, context: GoalbotContext) -> None:
    """/groups and /leave in a private chat: the member's groups with their buttons."""
    member = await _member(update, context)
    if member is None:
        user = update.effective_user
        t = speak_as_telegram(user.language_code if user else None)
        await send(update, [Reply(t.gettext(NOT_STARTED))])
        return
    await send(update, await _dialog(context).my_groups(member))


async def start_join(update: Update, context: GoalbotContext) -> None:
    """/start <join payload> (the Join deep link): onboard, then complete the join."""
    await onboarding.start(update, context)
    member = await _member(update, context)
    if member is None:
        return
    answer = await _dialog(context).join_by_code(member, _args(update))
    if answer is None:
        return
    group_id = answer.refresh
    await deliver(update, context, GroupAnswer(private=answer.private, refresh=group_id))
    if answer.public and group_id is not None:
        group = await registry.by_id(context.services, group_id=group_id)
        if group is not None:
            for reply in answer.public:
                await context.bot.send_message(group.chat_id, reply.text)


async def on_press(update: Update, context: GoalbotContext) -> None:
    """A group button, in the group (challenge opt-in) or privately (sharing, leave)."""
    query = update.callback_query
    if query is None:
        return
    member = await _member(update, context)
    if member is None:
        t = speak_as_telegram(query.from_user.language_code)
        await query.answer(t.gettext(JOIN_FIRST))
        return
    toast, answer = await _dialog(context).press(member, query.data)
    await query.answer(toast[:190])
    await deliver(update, context, answer)


def _addressed(update: Update, context: GoalbotContext) -> bool:
    message = update.effective_message
    if message is None or not message.text:
        return False
    replied = message.reply_to_message
    if (
        replied is not None
        and replied.from_user is not None
        and replied.from_user.id == context.bot.id
    ):
        return True
    return f"@{context.bot.username}".lower() in message.text.lower()


async def on_group_text(update: Update, context: GoalbotContext) -> None:
    """Text addressed to the bot in a group (a reply to it or a mention): screened first."""
    where, message = _where(update), update.effective_message
    if where is None or message is None or not message.text or not _addressed(update, context):
        return
    answer = await _dialog(context).text(where, lambda: _member(update, context), message.text)
    await deliver(update, context, answer)


def install_groups(app: Application[Any, Any, Any, Any, Any, Any], *, group_interval: float,
                   per_second: float) -> BoardPublisher:  # fmt: skip
    """The group dialog and the board publisher, subscribed to recorded check-ins."""
    services = app.bot_data["goalbot.services"]

    def link(payload: str | None) -> str:
        return f"https://t.me/{app.bot.username}" + (f"?start={payload}" if payload else "")

    app.bot_data[GROUP_DIALOG] = GroupDialog(services, link)
    publisher = BoardPublisher(services, TelegramBoards(app.bot), group_interval=group_interval,
                               per_second=per_second)  # fmt: skip
    services.checkin_listeners.append(publisher.on_checkin)
    app.bot_data[BOARDS] = publisher
    return publisher


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add the group handlers (before the other features, so /start <payload> is seen here)."""
    app.add_handler(ChatMemberHandler(on_my_member, ChatMemberHandler.MY_CHAT_MEMBER))
    service = filters.StatusUpdate.MIGRATE | filters.StatusUpdate.NEW_CHAT_TITLE
    app.add_handler(MessageHandler(GROUPS & service, on_service))
    app.add_handler(
        CommandHandler(
            "start", start_join, filters=PRIVATE & filters.Regex(r"^/start j[A-Za-z0-9_-]{22}$")
        )
    )
    app.add_handler(CommandHandler(["join", "leave", "leaderboard", "challenge", "groupsettings"], group_command,
                                   filters=GROUPS))  # fmt: skip
    app.add_handler(CommandHandler(["groups", "leave"], private_command, filters=PRIVATE))

    app.add_handler(CallbackQueryHandler(on_press, pattern=group_buttons.PATTERN))
    from handlers.telegram import group_edges  # it builds on this module's helpers

    group_edges.register(app)
    app.add_handler(
        MessageHandler(
            GROUPS & filters.TEXT & ~filters.COMMAND & filters.UpdateType.MESSAGE, on_group_text
        )
    )
