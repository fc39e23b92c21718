"""How Telegram updates reach the inbox (webhook body or long polling) and leave it (PTB).

Webhook: bot.http checks the secret, parses the body and calls `Inbox.receive` before
answering 200. Polling: `poll_updates` asks getUpdates and stores each update; the offset
passed to the next getUpdates (which is what confirms them to Telegram) moves only past
updates already stored. Either way the inbox hands each update to `application_handler`,
which runs it through the real PTB Application.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from telegram import Bot, Update
from telegram.error import NetworkError, TelegramError
from telegram.ext import Application

from bot.inbox import Handle, Inbox
from bot.inbox_payload import clean
from handlers.telegram.app import update_from_json

log = logging.getLogger(__name__)


def application_handler(app: Application[Any, Any, Any, Any, Any, Any]) -> Handle:
    """The inbox's handler: parse (unless the webhook did) and `app.process_update`.

    PTB hands a handler's exception to the error handlers and returns normally; one that came
    from the database going away (a restart, a failover) makes the outcome "retry": the update
    stays unhandled and is run again when the database is back (`Inbox`)."""
    unavailable: set[int] = set()

    async def note_outage(update: object, context: Any) -> None:
        if isinstance(update, Update) and database_gone(context.error):
            unavailable.add(update.update_id)

    app.add_error_handler(note_outage)

    async def handle(update_id: int, payload: dict[str, Any], parsed: Any) -> str:
        update = parsed
        if update is None:
            try:
                update = update_from_json(payload, app.bot)
            except Exception as exc:  # stored before it was parsed (polling, or an old row)
                log.warning("telegram: update %s cannot be parsed (%r); set aside", update_id, exc)
                return "unparsable"
        await app.process_update(update)
        if update.update_id in unavailable:
            unavailable.discard(update.update_id)
            return "retry"
        return "done"

    return handle


def database_gone(error: BaseException | None) -> bool:
    """True for errors of a database that went away (not for bugs, which are not retried).

    Any OSError in the chain counts: besides refused and reset connections, a restarting
    server on a Unix socket has no socket file for a moment (FileNotFoundError on connect).
    """
    from asyncpg import InterfaceError, PostgresConnectionError
    from asyncpg.exceptions import CannotConnectNowError, OperatorInterventionError
    from sqlalchemy.exc import DBAPIError

    seen = error
    while seen is not None:
        if isinstance(seen, DBAPIError) and seen.connection_invalidated:
            return True
        if isinstance(seen, PostgresConnectionError | InterfaceError | CannotConnectNowError
                      | OperatorInterventionError | OSError):  # fmt: skip
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def parse_update(data: dict[str, Any], bot: Bot) -> Update | None:
    """PTB's Update for a webhook body, or None when the library cannot parse it."""
    try:
        return update_from_json(data, bot)
    except Exception as exc:  # a date out of range, a field of the wrong type…
        log.warning("telegram: update %s is not one PTB can parse (%r); kept, not handled",
                    data.get("update_id"), exc)  # fmt: skip
        return None


async def poll_updates(bot: Bot, inbox: Inbox, stop: asyncio.Event, *, wait_seconds: int) -> None:
    """Long polling into the inbox until `stop`: store each update, then move the offset."""
    await bot.delete_webhook()
    offset: int | None = None
    backoff = 1.0
    while not stop.is_set():
        try:
            updates = await bot.get_updates(offset=offset, timeout=wait_seconds,
                                            read_timeout=wait_seconds + 10,
                                            allowed_updates=Update.ALL_TYPES)  # fmt: skip
            for update in updates:
                await inbox.receive(update.update_id, clean(update.to_dict()))
                offset = update.update_id + 1  # confirmed to Telegram by the next call
            backoff = 1.0
        except (NetworkError, TelegramError, OSError) as exc:
            log.warning("telegram: getUpdates failed (%s); again in %.0f s", exc, backoff)
        except Exception as exc:  # the database could not store: ask again from the same offset
            log.warning("telegram: could not store updates (%s); again in %.0f s", exc, backoff)
        else:
            continue
        await _pause(stop, backoff)
        backoff = min(backoff * 2, 30.0)


async def _pause(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)
