"""A fake Gemini API on 127.0.0.1 for the real google-genai SDK, scriptable per test.

Serves POST /v1/models/{model}:generateContent, the route goalbot's client calls.
Each request takes the next scripted `Reply` (or `default` once the script is used up) and is
recorded, so tests can assert what the model was sent.

    async with FakeGemini() as fake:
        fake.script(Reply.error(429), Reply.json({"reply": "hi"}))
        settings = GeminiSettings(api_key="test", api_url=fake.url, ...)
"""

from __future__ import annotations

import asyncio
import json
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.fakes.server import serve_on_loopback

_STATUS = {400: "INVALID_ARGUMENT", 429: "RESOURCE_EXHAUSTED", 500: "INTERNAL",
           503: "UNAVAILABLE"}  # fmt: skip


@dataclass(frozen=True)
class Reply:
    """One scripted answer: an HTTP status, the model's text, token counts and a delay."""

    status: int = 200
    text: str | None = None
    delay: float = 0.0
    prompt_tokens: int = 42
    output_tokens: int = 17

    @classmethod
    def json(cls, value: Any, **kwargs: Any) -> Reply:
        """The model answers `value` serialised as JSON."""
        return cls(text=json.dumps(value), **kwargs)

    @classmethod
    def raw(cls, text: str, **kwargs: Any) -> Reply:
        """The model answers `text` as is (e.g. invalid JSON)."""
        return cls(text=text, **kwargs)

    @classmethod
    def error(cls, status: int, **kwargs: Any) -> Reply:
        """The API answers with an error status (429, 500, 503…)."""
        return cls(status=status, **kwargs)

    def body(self) -> dict[str, Any]:
        """The JSON body the real API would send."""
        if self.status != 200:
            status = _STATUS.get(self.status, "UNKNOWN")
            return {"error": {"code": self.status, "message": f"fake {status}", "status": status}}
        return {
            "candidates": [
                {
                    "content": {"role": "model", "parts": [{"text": self.text or ""}]},
                    "finishReason": "STOP",
                }
            ],
            "usageMetadata": {
                "promptTokenCount": self.prompt_tokens,
                "candidatesTokenCount": self.output_tokens,
                "totalTokenCount": self.prompt_tokens + self.output_tokens,
            },
            "modelVersion": "fake",
        }


@dataclass(frozen=True)
class Request:
    """A request the fake received."""

    api_version: str
    model: str
    body: dict[str, Any]
    headers: dict[str, str]

    @property
    def system(self) -> str:
        """The system instruction's text."""
        parts = (self.body.get("systemInstruction") or {}).get("parts", [])
        return "".join(p.get("text", "") for p in parts)

    @property
    def user(self) -> str:
        """The text of the user turns."""
        return "".join(
            p.get("text", "")
            for c in self.body.get("contents", [])
            if c.get("role", "user") == "user"
            for p in c.get("parts", [])
        )

    @property
    def generation_config(self) -> dict[str, Any]:
        """The generationConfig sent (schema, temperature, max tokens…)."""
        return self.body.get("generationConfig", {})


@dataclass
class FakeGemini:
    """The fake server; `script` queues replies, `requests` records what arrived."""

    default: Reply = field(default_factory=lambda: Reply.error(500))
    requests: list[Request] = field(default_factory=list)
    _queue: deque[Reply] = field(default_factory=deque)
    _runner: web.AppRunner | None = None
    port: int = 0

    @property
    def url(self) -> str:
        """Base URL for `HttpOptions(base_url=…)` / GEMINI_API_URL."""
        return f"http://127.0.0.1:{self.port}"

    def script(self, *replies: Reply) -> None:
        """Queue replies for the next requests, in order."""
        self._queue.extend(replies)

    async def _generate(self, request: web.Request) -> web.Response:
        model, _, method = request.match_info["call"].partition(":")
        if method != "generateContent":
            return web.json_response(Reply.error(400).body(), status=400)
        self.requests.append(
            Request(
                api_version=request.match_info["version"],
                model=model,
                body=await request.json(),
                headers=dict(request.headers),
            )
        )
        reply = self._queue.popleft() if self._queue else self.default
        if reply.delay:
            await asyncio.sleep(reply.delay)
        return web.json_response(reply.body(), status=reply.status)

    async def start(self) -> FakeGemini:
        """Listen on a free port of 127.0.0.1."""
        app = web.Application()
        app.router.add_post(r"/{version:v1}/models/{call}", self._generate)
        self._runner, self.port = await serve_on_loopback(app, shutdown_timeout=0.1)
        return self

    async def stop(self) -> None:
        """Stop listening."""
        if self._runner is not None:
            await self._runner.cleanup()

    async def __aenter__(self) -> FakeGemini:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()
