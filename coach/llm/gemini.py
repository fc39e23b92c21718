"""Gemini through google-genai: structured output, bounded retries, a rate limit, a breaker.

Failures surface as `ModelFailure(reason, attempts)`; the engine then answers offline.
- Retries (tenacity): 429, 5xx, timeouts and dropped connections, `max_retries` times, with
  exponential backoff plus jitter; an overall deadline bounds the whole call.
- Rate limit (aiolimiter): `requests_per_minute` requests leave this process, per minute; a
  call still queued when its deadline passes ends with reason "local_rate_limit" and counts
  as a failure for the breaker too (a saturated process then answers offline at once).
- Circuit breaker (purgatory, in memory): after `breaker_failures` failed calls in a row the
  model is not asked for `breaker_reset_seconds`; then calls go through again (half-open):
  the first success closes the circuit, a failure opens it again. Invalid output does not count: the
  model answered, it is the answer that was unusable.
"""

from __future__ import annotations

import asyncio
import copy
from dataclasses import dataclass
from typing import Any

import aiohttp
from aiolimiter import AsyncLimiter
from google import genai
from google.genai import errors, types
from purgatory import AsyncCircuitBreakerFactory
from purgatory.domain.model import OpenedState
from pydantic import BaseModel
from tenacity import (
    AsyncRetrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential_jitter,
)

from coach.config import GeminiSettings
from coach.llm.prompts import Prompt

MAX_BACKOFF_SECONDS = 8.0
CIRCUIT = "gemini"


class ModelFailure(Exception):
    """The model gave no answer: `reason` (rate_limited, server_error, timeout…) and attempts."""

    def __init__(self, reason: str, attempts: int) -> None:
        super().__init__(f"{reason} after {attempts} attempt(s)")
        self.reason = reason
        self.attempts = attempts


@dataclass
class _Progress:
    """How far one call got: requests sent, and whether it is waiting for the rate limit."""

    attempts: int = 0
    queued: bool = False


@dataclass(frozen=True)
class ModelAnswer:
    """The model's raw text and what it cost."""

    text: str
    prompt_tokens: int | None
    output_tokens: int | None
    attempts: int


def _transient(exc: BaseException) -> bool:
    if isinstance(exc, errors.ClientError):
        return exc.code == 429
    return isinstance(exc, errors.ServerError | TimeoutError | aiohttp.ClientConnectionError)


def failure_reason(exc: BaseException) -> str:
    """The audit's name for an exception raised while asking the model."""
    if isinstance(exc, errors.ClientError):
        return "rate_limited" if exc.code == 429 else "client_error"
    if isinstance(exc, errors.ServerError):
        return "server_error"
    if isinstance(exc, TimeoutError):
        return "timeout"
    return "unreachable"


def _strip(node: Any) -> Any:
    if isinstance(node, dict):
        node.pop("additionalProperties", None)
        if node.get("type") == "object" and not node.get("properties") and "$ref" not in node:
            # Gemini refuses free-form objects: ask for the JSON as a string (decoded later).
            node.clear()
            node.update({"type": "string", "description": "a JSON object, as text"})
        for value in node.values():
            _strip(value)
    elif isinstance(node, list):
        for value in node:
            _strip(value)
    return node


def response_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON schema in the subset Gemini accepts (no additionalProperties).

    Pydantic's `extra="forbid"` emits `additionalProperties: false`, which the Gemini API
    refuses with a 400; the shape and values are checked by Pydantic after the answer anyway.
    """
    return _strip(copy.deepcopy(model.model_json_schema()))


class GeminiModel:
    """One google-genai async client with its retries, rate limit and circuit breaker."""

    def __init__(self, settings: GeminiSettings) -> None:
        self._settings = settings
        key = settings.api_key.get_secret_value() if settings.api_key else ""
        options = types.HttpOptions(
            base_url=settings.api_url,
            timeout=max(1, int(settings.timeout_seconds * 1000)),
            # Without retry_options the SDK silently retries a refused connection once after
            # sleeping 1-10 s; one attempt here, and our own retries decide.
            retry_options=types.HttpRetryOptions(attempts=1),
        )
        self._client = genai.Client(api_key=key, http_options=options)
        self._limiter = AsyncLimiter(settings.requests_per_minute, 60)
        self._breakers = AsyncCircuitBreakerFactory(
            default_threshold=settings.breaker_failures, default_ttl=settings.breaker_reset_seconds
        )

    @property
    def deadline_seconds(self) -> float:
        """The most one call may take: every attempt's timeout plus every backoff's maximum."""
        s = self._settings
        backoffs = sum(
            min(MAX_BACKOFF_SECONDS, s.retry_base_seconds * 2**i) + s.retry_base_seconds
            for i in range(s.max_retries)
        )
        return s.timeout_seconds * (s.max_retries + 1) + backoffs

    def _config(self, prompt: Prompt, schema: type[BaseModel], max_tokens: int) -> Any:
        thinking = None
        if self._settings.model.startswith("gemini-2.5-flash"):
            # 2.5 Flash thinks by default and thinking tokens eat max_output_tokens: JSON
            # answers were cut off. These tasks need no thinking.
            thinking = types.ThinkingConfig(thinking_budget=0)
        return types.GenerateContentConfig(
            system_instruction=prompt.system,
            response_mime_type="application/json",
            response_schema=response_schema(schema),
            temperature=self._settings.temperature,
            max_output_tokens=max_tokens,
            thinking_config=thinking,
        )

    async def generate(
        self, prompt: Prompt, schema: type[BaseModel], max_tokens: int,
        deadline: float | None = None,
    ) -> ModelAnswer:  # fmt: skip
        """Ask the model; raise ModelFailure when no answer came back within `deadline` s."""
        progress = _Progress()
        limit = min(deadline or self.deadline_seconds, self.deadline_seconds)
        try:
            breaker = await self._breakers.get_breaker(CIRCUIT)
            async with breaker, asyncio.timeout(limit):
                config = self._config(prompt, schema, max_tokens)
                return await self._with_retries(prompt, config, progress)
        except OpenedState:
            raise ModelFailure("circuit_open", 0) from None
        except (errors.APIError, TimeoutError, aiohttp.ClientError, OSError) as exc:
            reason = "local_rate_limit" if progress.queued else failure_reason(exc)
            raise ModelFailure(reason, progress.attempts) from exc

    async def _with_retries(self, prompt: Prompt, config: Any, progress: _Progress) -> ModelAnswer:
        s = self._settings
        retrying = AsyncRetrying(
            stop=stop_after_attempt(s.max_retries + 1),
            wait=wait_exponential_jitter(
                initial=s.retry_base_seconds, max=MAX_BACKOFF_SECONDS, jitter=s.retry_base_seconds
            ),
            retry=retry_if_exception(_transient),
            reraise=True,
        )
        async for attempt in retrying:
            with attempt:
                progress.queued = True
                async with self._limiter:
                    progress.queued = False
                    progress.attempts += 1
                    response = await self._client.aio.models.generate_content(
                        model=s.model, contents=prompt.user, config=config
                    )
        usage = response.usage_metadata
        output = None
        if usage is not None and usage.candidates_token_count is not None:
            output = usage.candidates_token_count + (usage.thoughts_token_count or 0)
        return ModelAnswer(
            text=response.text or "",
            prompt_tokens=usage.prompt_token_count if usage else None,
            output_tokens=output,
            attempts=progress.attempts,
        )

    async def aclose(self) -> None:
        """Close the HTTP sessions of the client."""
        await self._client.aio.aclose()
