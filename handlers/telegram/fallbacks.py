"""Everything else: other media, edits, unknown commands, unknown buttons, and errors.

Registered last, so the features' handlers see their updates first. Nobody ever sees a
traceback: the error handler logs it and sends a short apology.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, MessageHandler, filters

from coach.i18n import Translator
from handlers.command_hints import hint
from handlers.i18n import N_, speak_as_telegram
from handlers.telegram.context import GoalbotContext

log = logging.getLogger(__name__)
PRIVATE = filters.ChatType.PRIVATE
MEDIA_ONLY = N_("I can only read text. Tell me in words, or send /help.")
EDITED = N_(
    "I saw the edit, but I keep what you first sent. Send a new message if something changed."
)
UNKNOWN_COMMAND = N_("I don't know that command. /help lists what I can do.")
UNKNOWN_BUTTON = N_("That button isn't valid any more.")
APOLOGY = N_("Sorry, something went wrong on my side. Please try again in a moment.")
MEDIA = (
    filters.Sticker.ALL | filters.PHOTO | filters.VOICE | filters.AUDIO | filters.VIDEO
    | filters.VIDEO_NOTE | filters.ANIMATION | filters.Document.ALL | filters.CONTACT
    | filters.POLL | filters.Dice.ALL
)  # fmt: skip


def _speaking(update: Update) -> Translator:
    """These answers look nobody up: they speak the Telegram app's language (a member who
    chose another in /settings still gets these few lines in their app's)."""
    user = update.effective_user
    return speak_as_telegram(user.language_code if user is not None else None)


def answer_with(text: str) -> Callable[[Update, GoalbotContext], Awaitable[None]]:
    """A handler that answers every update it gets with `text`."""

    async def answer(update: Update, context: GoalbotContext) -> None:
        if update.effective_chat is not None:
            await update.effective_chat.send_message(_speaking(update).gettext(text))

    return answer


async def on_unknown_command(update: Update, context: GoalbotContext) -> None:
    """A command no feature handles: the one it most likely means, else the pointer to /help."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None:
        return
    t = _speaking(update)
    name = (message.text or "/").split(maxsplit=1)[0].removeprefix("/").split("@", 1)[0]
    await chat.send_message(hint(t, name) or t.gettext(UNKNOWN_COMMAND))


async def on_unknown_press(update: Update, context: GoalbotContext) -> None:
    """A button press with data no feature understands: still answered."""
    if update.callback_query is not None:
        await update.callback_query.answer(_speaking(update).gettext(UNKNOWN_BUTTON))


async def on_error(update: object, context: GoalbotContext) -> None:
    """Log the error; tell the person briefly (and answer a pending button press)."""
    log.error("update failed", exc_info=context.error)
    if not isinstance(update, Update):
        return
    apology = _speaking(update).gettext(APOLOGY)
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(apology[:190])
        elif update.effective_chat is not None and update.effective_chat.type == "private":
            await update.effective_chat.send_message(apology)
    except Exception:  # the apology itself failed (e.g. Telegram unreachable): logged above
        log.warning("could not send the apology", exc_info=True)


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add the catch-all handlers and the error handler."""
    # an edit changes nothing already recorded; media and unknown commands get a pointer
    app.add_handler(MessageHandler(PRIVATE & filters.UpdateType.EDITED, answer_with(EDITED)))
    app.add_handler(MessageHandler(PRIVATE & MEDIA, answer_with(MEDIA_ONLY)))
    app.add_handler(MessageHandler(PRIVATE & filters.COMMAND, on_unknown_command))
    app.add_handler(CallbackQueryHandler(on_unknown_press))
    app.add_error_handler(on_error)
