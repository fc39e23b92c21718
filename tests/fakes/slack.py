"""A fake Slack on 127.0.0.1: the Web API methods goalbot calls, response_url, Socket Mode.

Point the real `AsyncWebClient` at `fake.api_url` (SLACK_API_URL). Every call is recorded as
`(method, params)`; POSTs to `fake.response_url(name)` are recorded as `responses`. The Socket
Mode endpoint says hello, pushes envelopes you send, and records the app's acknowledgements.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import WSMsgType, web

from tests.fakes.server import serve_on_loopback


@dataclass
class Recorded:
    """One request the fake received."""

    kind: str  # a Web API method name, or "response_url"
    params: dict[str, Any]
    name: str = ""  # the response_url's name


@dataclass
class FakeSlack:
    """The fake; `async with FakeSlack() as slack:` starts and stops it."""

    bot_user_id: str = "UBOT"
    team_id: str = "T0001"
    fail: dict[str, str] = field(default_factory=dict)  # method -> Slack error code
    recorded: list[Recorded] = field(default_factory=list)
    socket_acks: list[dict[str, Any]] = field(default_factory=list)
    url: str = ""

    def __post_init__(self) -> None:
        self._changed = asyncio.Condition()
        self._ts = itertools.count(1)
        self._sockets: list[web.WebSocketResponse] = []
        self._runner: web.AppRunner | None = None

    async def __aenter__(self) -> FakeSlack:
        app = web.Application()
        app.router.add_post("/api/{method}", self._api)
        app.router.add_post("/respond/{name}", self._respond)
        app.router.add_get("/socket", self._socket)
        self._runner, port = await serve_on_loopback(app)
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def __aexit__(self, *exc: object) -> None:
        for ws in self._sockets:
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_url(self) -> str:
        """The Web API base URL, with the trailing slash the SDK needs."""
        return f"{self.url}/api/"

    def response_url(self, name: str = "r1") -> str:
        """A response_url that records what is POSTed to it."""
        return f"{self.url}/respond/{name}"

    def calls(self, kind: str) -> list[dict[str, Any]]:
        """The parameters of every recorded call of `kind`, in order."""
        return [r.params for r in self.recorded if r.kind == kind]

    def responses(self, name: str | None = None) -> list[dict[str, Any]]:
        """Bodies POSTed to response URLs (to one of them when `name` is given)."""
        return [
            r.params for r in self.recorded
            if r.kind == "response_url" and (name is None or r.name == name)
        ]  # fmt: skip

    async def wait_for(self, check: Callable[[FakeSlack], bool], seconds: float = 10.0) -> None:
        """Wait until `check(self)` holds (raise TimeoutError after `seconds`)."""
        async with asyncio.timeout(seconds), self._changed:
            await self._changed.wait_for(lambda: check(self))

    async def _record(self, item: Recorded) -> None:
        async with self._changed:
            self.recorded.append(item)
            self._changed.notify_all()

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await _params(request)
        await self._record(Recorded(method, params))
        if method in self.fail:
            return web.json_response({"ok": False, "error": self.fail[method]})
        return web.json_response({"ok": True, **self._result(method, params)})

    def _result(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        if method == "auth.test":
            return {"url": "https://fake.slack.com/", "team": "Fake", "user": "goalbot",
                    "team_id": self.team_id, "user_id": self.bot_user_id, "bot_id": "B0001"}  # fmt: skip
        if method == "conversations.open":
            return {"channel": {"id": "D" + str(params.get("users", "X")).split(",")[0]}}
        if method == "chat.postMessage":
            return {"channel": params.get("channel"), "ts": f"1700000000.{next(self._ts):06d}"}
        if method == "views.publish":
            return {"view": {"id": "V0001", **_json(params.get("view"))}}
        if method == "apps.connections.open":
            return {"url": self.url.replace("http", "ws", 1) + "/socket"}
        return {}

    async def _respond(self, request: web.Request) -> web.Response:
        body = await request.json()
        await self._record(Recorded("response_url", body, request.match_info["name"]))
        return web.Response(text="ok")

    # ---- Socket Mode -------------------------------------------------------------------

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._sockets.append(ws)
        await ws.send_json({"type": "hello", "num_connections": 1})
        async for message in ws:
            if message.type == WSMsgType.TEXT:
                async with self._changed:
                    self.socket_acks.append(json.loads(message.data))
                    self._changed.notify_all()
        return ws

    async def push(self, kind: str, payload: dict[str, Any]) -> str:
        """Send an envelope (slash_commands, interactive, events_api) to the connected app."""
        envelope_id = str(uuid.uuid4())
        await self.wait_for(lambda s: bool(s._sockets))
        await self._sockets[-1].send_json(
            {"envelope_id": envelope_id, "type": kind, "payload": payload,
             "accepts_response_payload": kind != "events_api", "retry_attempt": 0}
        )  # fmt: skip
        return envelope_id


async def _params(request: web.Request) -> dict[str, Any]:
    params: dict[str, Any] = dict(request.query)  # the SDK sends some methods' params here
    text = await request.text()
    if text and request.content_type == "application/json":
        params.update(json.loads(text))
    elif text:
        params.update(parse_qsl(text))
    return params


def _json(value: Any) -> dict[str, Any]:
    if isinstance(value, str):
        return json.loads(value)
    return value or {}
