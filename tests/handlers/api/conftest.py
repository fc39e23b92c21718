"""The HTTP API served the way `goalbot run` serves it: FastAPI mounted in the one aiohttp
server (beside /healthz), on loopback, over the run's real PostgreSQL, offline coach engine."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from aiohttp import ClientResponse, ClientSession

from bot.http import Health, build_http_app
from coach import api_tokens
from coach.api_tokens import Signing
from coach.services import Services
from handlers.api.app import build_api, mount
from handlers.api.auth import ApiDeps
from handlers.api.config import ApiSettings
from handlers.api.limits import TokenRates
from handlers.dialog import Dialog
from mentor.services import MentorServices
from storage.db import Sessions
from storage.models import Goal, Habit, Mentor, User
from tests.fakes.builder import Builder
from tests.fakes.mentoring import WarehouseDouble, add_mentor, add_patient
from tests.fakes.mentoring import services as mentor_services
from tests.fakes.server import serve_on_loopback
from tests.handlers.telegram.harness import Clock, make_services

SECRET = "test-secret-for-the-api-tokens-0123456789abcdef"
SIGNING = Signing("HS256", SECRET, SECRET, "goalbot", "goalbot-api", timedelta(days=90))


@dataclass
class ApiWorld:
    """The served API, its cores, one member with a goal, one mentor with a patient."""

    url: str
    http: ClientSession
    coach: Services
    mentor: MentorServices
    warehouse: WarehouseDouble
    member: User
    goal: Goal
    habit: Habit
    mentor_row: Mentor
    patient: User

    async def token_for(self, scope: str, subject: Any, **kw: Any) -> str:
        """Issue a real token (as /apitoken and `goalbot mentor token` do)."""
        now = kw.pop("now", datetime.now(UTC))
        issued = await api_tokens.issue(self.coach.sessions, kw.pop("signing", SIGNING),
                                        scope=scope, subject_id=subject, now=now)  # fmt: skip
        return issued.token

    async def call(self, method: str, path: str, token: str | None, **kw: Any) -> ClientResponse:
        """One request; `token` None sends no Authorization header."""
        headers = {
            **kw.pop("headers", {}),
            **({"Authorization": f"Bearer {token}"} if token else {}),
        }
        return await self.http.request(method, self.url + path, headers=headers, **kw)


def api_deps(coach: Services, mentor: MentorServices, **settings: Any) -> ApiDeps:
    """The routes' dependencies as bot.wiring.api_routes builds them."""
    config = ApiSettings(docs=True, **settings)
    return ApiDeps(
        coach, mentor, SIGNING, config, Dialog(coach), TokenRates(config.requests_per_second)
    )


@asynccontextmanager
async def served_world(sessions: Sessions, **settings: Any) -> AsyncIterator[ApiWorld]:
    """An ApiWorld on fresh tables; `settings` are ApiSettings fields."""
    coach = make_services(sessions, Clock(datetime.now(UTC)))
    warehouse = WarehouseDouble()
    mentor = mentor_services(sessions, analytics=warehouse, clock=lambda: datetime.now(UTC))
    build = Builder(sessions)
    member = await build.member("Ada", "Europe/Berlin", timezone_confirmed=True)
    goal = await build.goal(member, "Run a 5k", "daily")
    habit = await build.habit(goal, "daily", datetime.now(UTC) - timedelta(days=20), title="Run")
    mentor_row = await add_mentor(sessions, "U0MENTOR1", "Maria")
    patient = await add_patient(sessions, mentor_row, "Pat Patient", "pat")
    web_app = build_http_app(Health(sessions, lambda: "disabled"))
    mount(web_app, build_api(api_deps(coach, mentor, **settings)), docs=True)
    runner, port = await serve_on_loopback(web_app)
    try:
        async with ClientSession() as http:
            yield ApiWorld(f"http://127.0.0.1:{port}", http, coach, mentor, warehouse, member,
                           goal, habit, mentor_row, patient)  # fmt: skip
    finally:
        await runner.cleanup()


@pytest.fixture
async def api_world(sessions: Sessions) -> AsyncIterator[ApiWorld]:
    """An ApiWorld on fresh tables, 10 requests per second per token."""
    async with served_world(sessions) as world:
        yield world
