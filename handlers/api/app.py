"""The API app (FastAPI) and its mount inside goalbot's one aiohttp server.

FastAPI gives the OpenAPI document, /docs and the Pydantic bodies; `aiohttp-asgi` serves it
from the aiohttp server that already carries /healthz, the Telegram webhook and Slack, so
those keep their measured aiohttp path (docs/api.md says why and shows the figures).
"""

from __future__ import annotations

from typing import Any

from aiohttp import web
from aiohttp_asgi import ASGIResource
from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware

from handlers.api import members, mentors, problems
from handlers.api.auth import ApiDeps

PREFIXES = ("/goals", "/chat", "/mentor", "/dashboard")
DOC_PATHS = ("/openapi.json", "/docs")
DESCRIPTION = (
    "goalbot's core over JSON: a member's goals, check-ins, coach chat and dashboard; a "
    "mentor's copilot, patient list and patient picture. Bearer tokens come from /apitoken "
    "(members, in a private chat with the bot) and `goalbot mentor token` (mentors). Errors "
    "are RFC 9457 problem details. See docs/api.md."
)


def build_api(deps: ApiDeps) -> FastAPI:
    """The FastAPI app with every route, problem answers, the body cap and (if set) CORS."""
    docs = deps.settings.docs
    # no slash redirects: behind a TLS proxy they named http://, and a client following one
    # sent its token in clear; /goals and /chat are served as /goals/ and /chat/ instead
    app = FastAPI(title="goalbot API", version="1", description=DESCRIPTION, redoc_url=None,
                  docs_url="/docs" if docs else None, openapi_url="/openapi.json" if docs else None,
                  redirect_slashes=False, dependencies=[Depends(problems.known_query)])  # fmt: skip
    app.state.deps = deps
    app.include_router(members.router)
    app.include_router(mentors.router)
    problems.install(app)
    app.add_middleware(problems.Guard, max_body_bytes=deps.settings.max_body_bytes)
    if deps.settings.cors_origins:  # added last: outermost, so error answers carry CORS too
        app.add_middleware(CORSMiddleware, allow_origins=list(deps.settings.cors_origins),
                           allow_methods=["GET", "POST"], allow_headers=["Authorization", "Content-Type"],
                           expose_headers=["Retry-After"])  # fmt: skip
    return app


class ApiResource(ASGIResource):
    """An aiohttp resource that hands the API's path prefixes to the ASGI app.

    Registered at "/", aiohttp's router tries it only after every more specific route
    (/healthz, the webhook, /slack/events) has not matched.
    """

    def __init__(self, app: Any, prefixes: tuple[str, ...]) -> None:
        super().__init__(app, root_path="/")  # the ASGI app sees whole paths
        self.prefixes = prefixes

    def raw_match(self, path: str) -> bool:
        """True for a path under one of the API's prefixes."""
        return any(path == p or path.startswith(p + "/") for p in self.prefixes)


def mount(web_app: web.Application, api: FastAPI, *, docs: bool = False) -> None:
    """Serve `api` from the aiohttp app under the API's paths."""
    web_app.router.register_resource(ApiResource(api, PREFIXES + (DOC_PATHS if docs else ())))
