"""A loopback fake of Telegram's Bot API for the real PTB `Bot`: records sends, enforces limits.

`blocked` chats answer 403 like a member who blocked the bot. With `max_per_second`, more than
that many sendMessage calls in any rolling second answer 429 with retry_after, as Telegram's
flood control does; `per_chat_seconds` does the same for one chat. (`tests.fakes.telegram`
answers inside the process instead, for tests that need no HTTP server.)
"""

from __future__ import annotations

import json
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.fakes.server import serve_on_loopback

ME = {"id": 4242, "is_bot": True, "first_name": "goalbot", "username": "goalbot_test_bot"}


@dataclass
class Sent:
    """One message the fake accepted."""

    chat_id: int
    text: str
    reply_markup: dict[str, Any] | None
    at: float


@dataclass
class FakeBotApi:
    """Start with `await fake.start()`; point PTB at `fake.base_url` (…/bot)."""

    blocked: set[int] = field(default_factory=set)
    max_per_second: int | None = None
    per_chat_seconds: float | None = None
    sent: list[Sent] = field(default_factory=list)
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    too_many: int = 0
    port: int = 0
    _window: deque[float] = field(default_factory=deque)
    _last_in_chat: dict[int, float] = field(default_factory=dict)
    _runner: web.AppRunner | None = None

    @property
    def base_url(self) -> str:
        """What to pass to `Bot(base_url=…)`."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def api_url(self) -> str:
        """What TELEGRAM_API_URL should be."""
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> FakeBotApi:
        """Serve on a free loopback port."""
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._handle)
        self._runner, self.port = await serve_on_loopback(app)
        return self

    async def stop(self) -> None:
        """Stop serving."""
        if self._runner is not None:
            await self._runner.cleanup()

    async def _params(self, request: web.Request) -> dict[str, Any]:
        if request.content_type == "application/json":
            return dict(await request.json())
        form = await request.post()
        return {k: v for k, v in form.items() if isinstance(v, str)}

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await self._params(request)
        self.calls.append((method, params))
        if method == "getMe":
            return _ok(ME)
        if method == "getUpdates":
            return _ok([])
        if method == "sendMessage":
            return self._send_message(params)
        return _ok(True)

    def _send_message(self, params: dict[str, Any]) -> web.Response:
        chat_id, now = int(params["chat_id"]), time.monotonic()
        if chat_id in self.blocked:
            return _error(403, "Forbidden: bot was blocked by the user")
        if self._flooded(chat_id, now):
            self.too_many += 1
            return _error(429, "Too Many Requests: retry after 1", {"retry_after": 1})
        self._window.append(now)
        self._last_in_chat[chat_id] = now
        markup = params.get("reply_markup")
        markup = json.loads(markup) if isinstance(markup, str) else markup
        self.sent.append(Sent(chat_id, str(params.get("text", "")), markup, now))
        message = {"message_id": len(self.sent), "date": int(time.time()),
                   "chat": {"id": chat_id, "type": "private"}, "text": params.get("text", "")}  # fmt: skip
        return _ok(message)

    def _flooded(self, chat_id: int, now: float) -> bool:
        while self._window and now - self._window[0] >= 1.0:
            self._window.popleft()
        if self.max_per_second is not None and len(self._window) >= self.max_per_second:
            return True
        last = self._last_in_chat.get(chat_id)
        return (
            self.per_chat_seconds is not None
            and last is not None
            and (now - last < self.per_chat_seconds)
        )


def _ok(result: Any) -> web.Response:
    return web.json_response({"ok": True, "result": result})


def _error(code: int, description: str, parameters: dict[str, Any] | None = None) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return web.json_response(body, status=code)
