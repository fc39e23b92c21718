"""RFC 9457 problem details: every error the API answers, and nothing internal in them."""

from __future__ import annotations

import json
import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger(__name__)
MEDIA_TYPE = "application/problem+json"
SLUGS = {400: "bad-request", 401: "unauthorized", 404: "not-found", 405: "method-not-allowed",
         413: "too-large", 415: "unsupported-media-type", 422: "invalid", 429: "rate-limited",
         500: "internal", 503: "unavailable"}  # fmt: skip


class ProblemDetail(BaseModel):
    """An error answer (RFC 9457): `type` names the kind, `detail` says what to do."""

    type: str = Field(examples=["urn:goalbot:problem:not-found"])
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[dict[str, Any]] | None = None  # which fields were wrong (422)
    habits: list[dict[str, str]] | None = None  # a goal's habits to choose from (422)


class Problem(Exception):  # the answer to give, not a failure of the code
    """Raised by a route to answer with a problem; `extra` adds members such as `errors`."""

    def __init__(self, status: int, detail: str, *, kind: str | None = None,
                 headers: dict[str, str] | None = None, **extra: Any) -> None:  # fmt: skip
        super().__init__(detail)
        self.status, self.detail, self.headers, self.extra = status, detail, headers, extra
        self.kind = kind or SLUGS.get(status, "error")


def _path(request: Request) -> str:
    """The request's path, from the ASGI scope: building `request.url` raised a TypeError (a 500)
    for a fuzzed request whose scope had no server host."""
    return str(request.scope.get("path", ""))


def answers(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the problems a route may answer (401, 413, 422, 429 on every one)."""
    wanted = sorted({401, 413, 422, 429, *statuses})
    return {
        code: {"model": ProblemDetail, "description": HTTPStatus(code).phrase,
               "content": {MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/ProblemDetail"}}}}
        for code in wanted
    }  # fmt: skip


def problem_response(
    status: int, detail: str, *, kind: str | None = None, instance: str | None = None,
    headers: dict[str, str] | None = None, **extra: Any,
) -> JSONResponse:  # fmt: skip
    """The JSON response of one problem."""
    body = {"type": f"urn:goalbot:problem:{kind or SLUGS.get(status, 'error')}",
            "title": HTTPStatus(status).phrase, "status": status, "detail": detail,
            "instance": instance, **{k: v for k, v in extra.items() if v is not None}}  # fmt: skip
    return JSONResponse(body, status_code=status, headers=headers, media_type=MEDIA_TYPE)


# FastAPI's 400 when the body could not be decoded (not UTF-8, nested too deep): a 422 here
UNPARSED = "There was an error parsing the body"
NOT_JSON = "The body is not valid JSON: send UTF-8 JSON with Content-Type: application/json."
NOT_AN_OBJECT = "The body must be a JSON object, sent with Content-Type: application/json."
PLAIN = {404: "There is no such route; docs/api.md lists them (mind the trailing slashes).",
         405: "This route does not take that method; the Allow header says which it takes."}  # fmt: skip


def _field_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    """Where and what, without echoing the input back (it may be large or binary)."""
    return [{"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", "")),
             "type": str(e.get("type", ""))} for e in exc.errors()]  # fmt: skip


def install(app: FastAPI) -> None:
    """Answer problems, HTTP errors and validation errors as problem+json."""

    async def on_problem(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, Problem)
        return problem_response(exc.status, exc.detail, kind=exc.kind, headers=exc.headers,
                                instance=_path(request), **exc.extra)  # fmt: skip

    async def on_http(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        if exc.status_code == 400 and exc.detail == UNPARSED:
            errors = [{"loc": ["body"], "msg": "not UTF-8 JSON", "type": "json_invalid"}]
            return problem_response(422, NOT_JSON, instance=_path(request), errors=errors)
        detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        if detail == HTTPStatus(exc.status_code).phrase:  # Starlette's bare phrase says little
            detail = PLAIN.get(exc.status_code, detail)
        return problem_response(exc.status_code, detail, instance=_path(request),
                                headers=getattr(exc, "headers", None))  # fmt: skip

    async def on_invalid(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        errors = _field_errors(exc)
        return problem_response(422, _invalid_detail(errors), instance=_path(request),
                                errors=errors)  # fmt: skip

    app.add_exception_handler(Problem, on_problem)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_invalid)


async def known_query(request: Request) -> None:
    """Refuse query parameters the route does not take, as bodies refuse unknown fields: a
    misspelt `day` (`date=`) was ignored and the check-in recorded for today."""
    dependant = getattr(request.scope.get("route"), "dependant", None)
    if dependant is None:
        return
    if unknown := sorted(set(request.query_params) - _query_names(dependant)):
        errors = [{"loc": ["query", name], "msg": "Unknown query parameter",
                   "type": "extra_forbidden"} for name in unknown]  # fmt: skip
        raise Problem(422, f"Unknown query parameter: {', '.join(unknown)}.", errors=errors)


def _query_names(dependant: Dependant) -> set[str]:
    """The query parameters a route takes, its dependencies' included."""
    names = {param.alias for param in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def _invalid_detail(errors: list[dict[str, Any]]) -> str:
    """One sentence for a 422: the body as a whole when it was the problem, else the fields."""
    if any(e["type"] == "json_invalid" for e in errors):
        return NOT_JSON
    if any(e["loc"] == ["body"] for e in errors):  # no body, or not an object
        return NOT_AN_OBJECT
    where = ", ".join(".".join(e["loc"]) for e in errors[:3])
    return f"The request is not valid: check {where}."


class Guard:
    """ASGI middleware: caps request bodies and turns any unexpected error into a plain 500.

    The cap counts the bytes as they arrive (a missing or false Content-Length cannot pass
    it); an error after the answer started can only be logged.
    """

    def __init__(self, app: ASGIApp, *, max_body_bytes: int) -> None:
        self.app, self.max_body_bytes = app, max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started, seen = False, 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_body_bytes:  # FastAPI passes an HTTPException from reading on
                raise HTTPException(413, f"The request body is over {self.max_body_bytes} bytes.")
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        if _declared_length(scope) > self.max_body_bytes:
            await _send(
                send, scope, Problem(413, f"The request body is over {self.max_body_bytes} bytes.")
            )
            return
        try:
            await self.app(scope, counted, tracked)
        except HTTPException as exc:  # the cap, when the body was read outside a route
            if not started:
                await _send(send, scope, Problem(exc.status_code, str(exc.detail)))
        except Exception:
            log.exception("API request %s %s failed", scope.get("method"), scope.get("path"))
            if not started:
                await _send(
                    send,
                    scope,
                    Problem(
                        500,
                        "Something went wrong on our side; it has been logged. Please try again.",
                    ),
                )


def _declared_length(scope: Scope) -> int:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return 0
    return 0


async def _send(send: Send, scope: Scope, problem: Problem) -> None:
    body = json.dumps({"type": f"urn:goalbot:problem:{problem.kind}",
                       "title": HTTPStatus(problem.status).phrase, "status": problem.status,
                       "detail": problem.detail, "instance": scope.get("path")}).encode()  # fmt: skip
    headers = [(b"content-type", MEDIA_TYPE.encode()), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": problem.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
