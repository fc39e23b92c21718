"""Showing the core's results on Telegram: inline keyboards, edits in place, photos, files.

`checkin_keyboard` and `checkin_text` render the habits due on a day (`coach.checkins.DueHabit`);
the morning reminder (`handlers/telegram/notifier.py`) sends the same message as /checkin.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date

from telegram import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    Update,
)
from telegram.constants import MessageLimit
from telegram.error import BadRequest

from coach.checkins import DueHabit
from handlers import present
from handlers.i18n import N_, tr
from handlers.present import Button, Reply

log = logging.getLogger(__name__)
SHARE_LOCATION = N_("📍 Share my location")


def location_keyboard() -> ReplyKeyboardMarkup:
    """The one-tap "share my location" keyboard, in the language being spoken."""
    label = tr().gettext(SHARE_LOCATION)
    return ReplyKeyboardMarkup(
        [[KeyboardButton(label, request_location=True)]],
        one_time_keyboard=True,
        resize_keyboard=True,
    )


def keyboard(rows: Sequence[Sequence[Button]]) -> InlineKeyboardMarkup | None:
    """An inline keyboard for button rows (None when there are none)."""
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.label, callback_data=b.data) for b in row] for row in rows]
    )


async def edit_in_place(query: CallbackQuery, text: str, rows: Sequence[Sequence[Button]]) -> None:
    """Edit the pressed message in place (raises BadRequest when Telegram refuses), by its
    chat and message id: PTB's `query.edit_message_text` raises for an InaccessibleMessage."""
    message = query.message
    assert message is not None
    await query.get_bot().edit_message_text(
        text, chat_id=message.chat.id, message_id=message.message_id, reply_markup=keyboard(rows)
    )


def checkin_keyboard(items: Sequence[DueHabit]) -> InlineKeyboardMarkup:
    """Done / Skip / Missed for each habit due (the current choice marked)."""
    return keyboard(present.checkin_rows(items)) or InlineKeyboardMarkup([])


def checkin_text(
    items: Sequence[DueHabit], *, day: date | None = None, name: str | None = None
) -> str:
    """The habits due on `day` with their state so far."""
    return present.checkin_text(items, day=day or (items[0].day if items else None), name=name)


async def send(update: Update, replies: Sequence[Reply], *, edit_pressed: bool = False) -> None:
    """Send each reply to the update's chat; with `edit_pressed`, edits replace the pressed message."""
    chat = update.effective_chat
    if chat is None:
        return
    query = update.callback_query
    for reply in replies:
        text = reply.text[: MessageLimit.MAX_TEXT_LENGTH]
        if reply.edit and edit_pressed and query is not None and query.message is not None:
            try:
                await edit_in_place(query, text, reply.buttons)
                continue
            except BadRequest as exc:  # unchanged, or too old to edit: send it new instead
                if "not modified" in str(exc).lower():
                    continue
                log.info("could not edit message: %s", exc)
        if reply.photo is not None:
            await chat.send_photo(
                reply.photo, caption=text[: MessageLimit.CAPTION_LENGTH], filename="progress.png"
            )
        elif reply.document is not None:
            name, content = reply.document
            await chat.send_document(
                content, filename=name, caption=text[: MessageLimit.CAPTION_LENGTH]
            )
        else:
            extra = keyboard(reply.buttons) or (location_keyboard() if reply.ask_location else None)
            await chat.send_message(text, reply_markup=extra)
