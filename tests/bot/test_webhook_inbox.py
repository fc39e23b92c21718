"""The webhook in front of the inbox: secret first, never a 500 for bad input, stored before
the 200, and a redelivered update_id handled once by the real Application."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import func, select

from bot.http import SECRET_HEADER, Health, build_http_app
from bot.inbox import Inbox
from bot.inbox_config import InboxSettings
from bot.telegram_intake import application_handler, database_gone
from storage.db import Sessions, create_engine, session_factory
from storage.models import Checkin, JournalEntry, Message, ModelCall, TelegramUpdate
from storage.replay import handling
from tests.fakes.telegram import callback_update, message_update
from tests.handlers.telegram.harness import Clock, TelegramChat, make_services, telegram_chat

SECRET = "webhook-secret_1"
PATH = "/telegram/webhook"
FAST = InboxSettings(lease_seconds=1.0, sweep_seconds=0.05)


@pytest.fixture
async def chat(sessions: Sessions) -> AsyncIterator[TelegramChat]:
    chat = await telegram_chat(make_services(sessions, Clock()), Clock(), user_id=501)
    yield chat
    await chat.app.shutdown()


@pytest.fixture
async def served(sessions: Sessions, chat: TelegramChat) -> AsyncIterator[tuple[TestClient, Inbox]]:
    inbox = Inbox(sessions, application_handler(chat.app), FAST)
    inbox.start()
    web_app = build_http_app(Health(sessions, lambda: "standby"),
                             telegram=(inbox, chat.app.bot, PATH, SECRET))  # fmt: skip
    client = TestClient(TestServer(web_app))
    await client.start_server()
    yield client, inbox
    await client.close()
    await inbox.stop()


def numbered(update_id: int, text: str) -> dict[str, Any]:
    """A private message from member 501 with this update_id."""
    return message_update(501, text) | {"update_id": update_id}


async def post(client: TestClient, body: Any, secret: str = SECRET) -> int:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    response = await client.post(PATH, data=data, headers={SECRET_HEADER: secret})
    return response.status


async def handled(sessions: Sessions, count: int) -> None:
    async with asyncio.timeout(10):
        while True:
            async with sessions() as session:
                done = await session.scalar(
                    select(func.count()).where(TelegramUpdate.handled_at.is_not(None))
                )
            if done >= count:
                return
            await asyncio.sleep(0.05)


async def count(sessions: Sessions, model: Any) -> int:
    async with sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_a_byte_0xff_in_the_secret_header_is_refused_not_a_500(
    served: tuple[TestClient, Inbox],
) -> None:
    client, _ = served
    body = json.dumps(numbered(1, "hi")).encode()
    reader, writer = await asyncio.open_connection(client.host, client.port)
    writer.write(b"POST " + PATH.encode() + b" HTTP/1.1\r\nHost: x\r\n"
                 + SECRET_HEADER.encode() + b": \xffnope\r\nContent-Type: application/json\r\n"
                 + f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode() + body)  # fmt: skip
    await writer.drain()
    status_line = await reader.readline()
    writer.close()
    assert status_line.split()[1] == b"403"


async def test_bad_bodies_get_400_and_unparsable_updates_200_kept_aside(
    sessions: Sessions, served: tuple[TestClient, Inbox]
) -> None:
    client, _ = served
    too_deep = b"[" * 100_000 + b"]" * 100_000
    statuses = [await post(client, b"{not json"), await post(client, too_deep),
                await post(client, [1, 2]), await post(client, {"update_id": "7"}),
                await post(client, b"\xff\xfe{}")]  # fmt: skip
    assert statuses == [400] * 5
    far_future = numbered(9, "hi")
    far_future["message"]["date"] = 10**20  # well-formed JSON, no date PTB can make of it
    assert await post(client, far_future) == 200
    assert await post(client, far_future) == 200  # Telegram must not retry it forever
    async with sessions() as session:
        (row,) = await session.scalars(select(TelegramUpdate))
    assert (row.update_id, row.outcome) == (9, "unparsable")


@pytest.mark.slow
async def test_a_redelivered_update_stores_one_message_one_entry_one_model_call(
    sessions: Sessions, served: tuple[TestClient, Inbox], chat: TelegramChat
) -> None:
    client, _ = served
    steps = ["/start", "Berlin", "/journal ran 5k this morning, felt strong",
             "how am I doing this week?"]  # fmt: skip
    for n, text in enumerate(steps, start=1):
        update = numbered(n, text)
        assert await post(client, update) == 200
        await handled(sessions, n)
        assert await post(client, update) == 200  # Telegram retried: absorbed
    await handled(sessions, len(steps))
    assert await count(sessions, TelegramUpdate) == 4
    assert await count(sessions, JournalEntry) == 1
    async with sessions() as session:
        chats = await session.scalar(
            select(func.count()).where(Message.user_message == "how am I doing this week?")
        )
    assert chats == 1
    assert await count(sessions, ModelCall) == 2  # the journal's analysis and the one reply


async def test_nul_bytes_and_lone_surrogates_are_removed_stored_and_answered(
    sessions: Sessions, served: tuple[TestClient, Inbox], chat: TelegramChat
) -> None:
    client, _ = served
    for n, text in enumerate(["/start", "Berlin"], start=1):
        assert await post(client, numbered(n, text)) == 200
        await handled(sessions, n)
    raw = json.dumps(numbered(3, "PLACEHOLDER"))
    raw = raw.replace("PLACEHOLDER", "how am I doing\\u0000 today?\\ud83d")
    mark = len(chat.request.calls)
    assert await post(client, raw.encode()) == 200
    await handled(sessions, 3)
    async with sessions() as session:
        stored = await session.scalar(select(Message.user_message).where(
            Message.user_message.like("how am I doing%")))  # fmt: skip
    assert stored == "how am I doing today?"
    replies = [p.get("text", "") for m, p in chat.request.sent(mark) if m == "sendMessage"]
    assert replies and not any("Sorry, something went wrong" in r for r in replies)


BROKEN_URL = "postgresql+asyncpg://postgres@127.0.0.1:1/nowhere"  # nothing listens there


@contextlib.asynccontextmanager
async def webhook_on(sessions: Sessions, app: Any) -> AsyncIterator[TestClient]:
    """The webhook in front of an inbox on `sessions`, handing updates to `app`."""
    inbox = Inbox(sessions, application_handler(app), FAST)
    web_app = build_http_app(Health(sessions, lambda: "standby"),
                             telegram=(inbox, app.bot, PATH, SECRET))  # fmt: skip
    client = TestClient(TestServer(web_app))
    await client.start_server()
    try:
        yield client
    finally:
        await client.close()


async def test_a_database_that_cannot_store_gets_503_so_telegram_retries(
    chat: TelegramChat,
) -> None:
    broken = create_engine(BROKEN_URL)
    try:
        async with webhook_on(session_factory(broken), chat.app) as client:
            assert await post(client, numbered(1, "hi")) == 503
    finally:
        await broken.dispose()


async def test_a_replayed_update_finds_its_message_and_entry_again(
    sessions: Sessions, chat: TelegramChat
) -> None:
    await chat.say("/start")
    await chat.say("Berlin")
    for update_id, text in ((77, "/journal slept badly, walked anyway"), (78, "how is my week?")):
        for _ in range(2):  # its process died mid-handler: the next lease holder runs it again
            with handling(update_id):
                await chat.feed(numbered(update_id, text))
    assert await count(sessions, JournalEntry) == 1
    async with sessions() as session:
        chats = await session.scalar(
            select(func.count()).where(Message.user_message == "how is my week?")
        )
    assert chats == 1


async def _planned(chat: TelegramChat) -> None:
    """Member 501 started, in Berlin, one daily habit saved, /checkin's buttons shown."""
    for text in ("/start", "Berlin", "I want to read 20 pages every day"):
        await chat.say(text)
    await chat.press("Save")
    await chat.say("/checkin")


async def test_a_check_in_press_is_handled_before_its_200_and_a_redelivery_changes_nothing(
    sessions: Sessions, served: tuple[TestClient, Inbox], chat: TelegramChat
) -> None:
    client, _ = served
    await _planned(chat)
    press = callback_update(501, chat.button("Done"))
    mark = len(chat.request.calls)
    assert await post(client, press) == 200  # handled by the time Telegram has its answer:
    toasts = [p.get("text") for m, p in chat.request.sent(mark) if m == "answerCallbackQuery"]
    assert len(toasts) == 1 and "Streak 1" in toasts[0]
    assert await post(client, press) == 200  # Telegram retried it: the same check-in again
    async with sessions() as session:
        rows = (await session.execute(select(Checkin.status, Checkin.source))).all()
        stored = await session.scalar(
            select(func.count()).where(TelegramUpdate.update_id == press["update_id"])
        )
    assert rows == [("done", "button")]
    assert stored == 0  # a press keeps no inbox row


async def test_a_press_waits_behind_the_members_running_message_in_this_process(
    sessions: Sessions,
) -> None:
    gate, started = asyncio.Event(), asyncio.Event()

    async def slow(update_id: int, payload: dict[str, Any], parsed: Any) -> str:
        started.set()
        await gate.wait()  # the member's message is still being answered
        return "done"

    inbox = Inbox(sessions, slow, FAST)
    press = callback_update(501, "c:AAAAAAAAAAAAAAAAAAAAAA:b5f9d:d")
    assert inbox.takes_at_once(press)
    await inbox.receive(1, numbered(1, "how am I doing?"))
    await started.wait()
    assert not inbox.takes_at_once(press)  # into the lane, behind the message
    assert inbox.takes_at_once(callback_update(502, "c:AAAAAAAAAAAAAAAAAAAAAA:b5f9d:d"))
    gate.set()
    await handled(sessions, 1)
    await inbox.stop()
    assert inbox.takes_at_once(press) is False  # a stopping process takes nothing at once
    by_setting = Inbox(sessions, slow, InboxSettings(presses_at_once=False))
    assert not by_setting.takes_at_once(press)


async def test_a_press_the_database_cannot_take_gets_503_so_telegram_sends_it_again() -> None:
    broken = create_engine(BROKEN_URL)
    sessions = session_factory(broken)
    chat = await telegram_chat(make_services(sessions, Clock()), Clock(), user_id=501)
    try:
        async with webhook_on(sessions, chat.app) as client:
            press = callback_update(501, "c:AAAAAAAAAAAAAAAAAAAAAA:b5f9d:d")
            assert await post(client, press) == 503
    finally:
        await chat.app.shutdown()
        await broken.dispose()


def _raised_from(cause: BaseException, wrapper: type[Exception]) -> Exception:
    """`wrapper` raised while handling `cause`, as SQLAlchemy wraps a driver's error."""
    try:
        try:
            raise cause
        except BaseException as inner:
            raise wrapper("wrapped") from inner
    except Exception as outer:
        return outer


def test_errors_of_a_database_going_away_are_retried_and_bugs_are_not() -> None:
    from asyncpg.exceptions import CannotConnectNowError, ConnectionDoesNotExistError

    gone = [
        FileNotFoundError(2, "No such file or directory"),  # a restarting server's Unix socket
        ConnectionRefusedError(111, "Connection refused"),
        BrokenPipeError(32, "Broken pipe"),
        CannotConnectNowError("the database system is shutting down"),
        ConnectionDoesNotExistError("connection was closed in the middle of operation"),
    ]
    assert all(database_gone(_raised_from(e, RuntimeError)) for e in gone)
    bugs = [KeyError("habit"), ValueError("bad day"), AttributeError("title")]
    assert not any(database_gone(_raised_from(e, RuntimeError)) for e in bugs)
    assert not database_gone(None)
