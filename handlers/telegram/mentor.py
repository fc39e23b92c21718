"""/mentor CODE: a member accepts a mentor, with explicit consent and a journal-text choice."""

from __future__ import annotations

import uuid

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes, filters

from mentor import invites
from mentor.services import MentorServices

PREFIX = "mentor"
DECLINED = "OK, nothing was shared. Your mentor invitation is still open if you change your mind."


def consent_text(check: invites.InviteCheck) -> str:
    """What the member agrees to, in plain words."""
    replace = (
        f"\nThis replaces your current mentor, {check.current_mentor}."
        if check.current_mentor
        else ""
    )
    return (
        f"{check.mentor_name} would like to be your mentor on goalbot.\n\n"
        "If you agree, they will see your goals and plan, your check-ins and streaks, and your "
        "journal's mood and tags. You choose whether they may also read your journal text. "
        "They see it in Slack, only in private messages to them. You can stop at any time "
        f"with /mentor off.{replace}"
    )


def consent_keyboard(invite_id: uuid.UUID) -> InlineKeyboardMarkup:
    """Agree with or without journal text, or decline."""
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton("Agree, and share my journal text", callback_data=f"{PREFIX}:text:{invite_id}")],
            [InlineKeyboardButton("Agree, without journal text", callback_data=f"{PREFIX}:notext:{invite_id}")],
            [InlineKeyboardButton("No, thanks", callback_data=f"{PREFIX}:no:{invite_id}")],
        ]
    )  # fmt: skip


def register(app: Application, services: MentorServices) -> None:
    """Add /mentor (private chats only) and its consent buttons."""

    async def mentor_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message, user = update.effective_message, update.effective_user
        if message is None or user is None:
            return
        arg = " ".join(context.args or []).strip()
        if arg.casefold() == "off":
            await message.reply_text(
                await invites.withdraw(services.sessions, telegram_user_id=user.id)
            )
            return
        check = await invites.check(services.sessions, telegram_user_id=user.id, code=arg,
                                    now=services.clock())  # fmt: skip
        if check.problem or check.invite_id is None:
            await message.reply_text(check.problem or invites.BAD_CODE)
            return
        await message.reply_text(
            consent_text(check), reply_markup=consent_keyboard(check.invite_id)
        )

    async def consent_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query, user = update.callback_query, update.effective_user
        if query is None or user is None:
            return
        await query.answer()
        _, choice, raw_id = (query.data or "").split(":", 2)
        if choice == "no":
            await query.edit_message_text(DECLINED)
            return
        try:
            invite_id = uuid.UUID(raw_id)
        except ValueError:
            await query.edit_message_text(invites.BAD_CODE)
            return
        reply = await invites.accept(services.sessions, telegram_user_id=user.id, invite_id=invite_id,
                                     share_journal_text=choice == "text", now=services.clock())  # fmt: skip
        await query.edit_message_text(reply)

    async def not_here(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if update.effective_message is not None:
            await update.effective_message.reply_text(
                "Please send /mentor to me in a private chat."
            )

    app.add_handler(CommandHandler("mentor", mentor_command, filters=filters.ChatType.PRIVATE))
    app.add_handler(CommandHandler("mentor", not_here, filters=~filters.ChatType.PRIVATE))
    app.add_handler(CallbackQueryHandler(consent_button, pattern=rf"^{PREFIX}:(text|notext|no):"))
