"""Slack's requests on goalbot's one aiohttp server: POST /slack/events into Bolt."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp

Handler = Callable[[web.Request], Awaitable[web.Response]]


def events_handler(app: AsyncApp) -> Handler:
    """An aiohttp handler that hands the request to Bolt (signature and timestamp checked there)."""

    async def handle(request: web.Request) -> web.Response:
        bolt_request = await to_bolt_request(request)
        bolt_response = await app.async_dispatch(bolt_request)
        return await to_aiohttp_response(bolt_response)

    return handle


def add_routes(web_app: web.Application, app: AsyncApp, path: str = "/slack/events") -> None:
    """Mount Bolt at `path` (SLACK_EVENTS_PATH) on an aiohttp application."""
    web_app.router.add_post(path, events_handler(app))
