"""How `goalbot run` wires the API: settings, the key file, docs off by default, CORS, RS256,
`goalbot mentor token`, and an unexpected failure answered as a plain 500 problem."""

from __future__ import annotations

import asyncio
import stat
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from aiohttp import ClientSession
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlalchemy import select

from bot.http import Health, build_http_app
from bot.settings import load_settings
from bot.wiring import api_routes, api_signing, coach_services
from coach import api_tokens, goals
from coach.api_tokens import Principal
from storage.db import Sessions
from storage.models import Checkin
from tests.fakes.mentoring import add_mentor
from tests.fakes.mentoring import services as mentor_services
from tests.fakes.server import serve_on_loopback
from tests.goalbot_cli import invoke
from tests.handlers.api.conftest import SIGNING, ApiWorld


async def _serve_from_settings(sessions: Sessions) -> tuple[object, int]:
    settings = load_settings()
    coach = coach_services(settings, sessions)
    web_app = build_http_app(Health(sessions, lambda: "disabled"))
    add_api = api_routes(settings, coach, mentor_services(sessions))
    assert add_api is not None
    add_api(web_app)
    return await serve_on_loopback(web_app)


async def test_the_api_from_settings_has_docs_off_and_a_private_key_file(
    sessions: Sessions, clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GOALBOT_DATA_DIR", str(clean_env / "data"))
    runner, port = await _serve_from_settings(sessions)
    try:
        async with ClientSession(f"http://127.0.0.1:{port}") as http:
            assert (await http.get("/openapi.json")).status == 404
            assert (await http.get("/docs")).status == 404
            assert (await http.get("/healthz")).status == 200  # the server's own route stays
            assert (await http.post("/goals/", json={})).status == 401
    finally:
        await runner.cleanup()  # type: ignore[attr-defined]
    key = clean_env / "data" / "api_jwt.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and len(key.read_text().strip()) >= 48
    assert api_signing(load_settings()).signing_key == key.read_text().strip()  # stable


async def test_docs_and_cors_when_the_settings_turn_them_on(
    sessions: Sessions, clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GOALBOT_DATA_DIR", str(clean_env / "data"))
    monkeypatch.setenv("GOALBOT_API_DOCS", "true")
    monkeypatch.setenv("GOALBOT_API_CORS_ORIGINS", '["https://app.example.org"]')
    runner, port = await _serve_from_settings(sessions)
    try:
        async with ClientSession(f"http://127.0.0.1:{port}") as http:
            doc = await (await http.get("/openapi.json")).json()
            assert {"/goals/", "/goals/{goal_id}/checkin", "/chat/", "/mentor/chat/",
                    "/mentor/chat/{mentor_id}/patients", "/dashboard/user/{user_id}/goals",
                    "/dashboard/mentor/{mentor_id}/patient/{user_id}"} == set(doc["paths"])  # fmt: skip
            assert (await http.get("/docs")).status == 200
            allowed = await http.options("/chat/", headers={
                "Origin": "https://app.example.org", "Access-Control-Request-Method": "POST"})  # fmt: skip
            assert allowed.headers["Access-Control-Allow-Origin"] == "https://app.example.org"
            other = await http.get("/chat/", headers={"Origin": "https://evil.example"})
            assert "Access-Control-Allow-Origin" not in other.headers
    finally:
        await runner.cleanup()  # type: ignore[attr-defined]


def test_the_api_can_be_switched_off(
    sessions: Sessions, clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GOALBOT_DATA_DIR", str(clean_env / "data"))
    monkeypatch.setenv("GOALBOT_API_ENABLED", "false")
    settings = load_settings()
    coach = coach_services(settings, sessions)
    assert (
        coach.api_signing is None and api_routes(settings, coach, mentor_services(sessions)) is None
    )


async def test_rs256_tokens_verify_with_the_public_key_only(
    sessions: Sessions, tmp_path: Path
) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()).decode()  # fmt: skip
    public = key.public_key().public_bytes(serialization.Encoding.PEM,
                                           serialization.PublicFormat.SubjectPublicKeyInfo).decode()  # fmt: skip
    signing = replace(SIGNING, algorithm="RS256", signing_key=private, verify_key=public)
    mentor = await add_mentor(sessions, "U0RSA", "Ria")
    now = datetime.now(UTC)
    issued = await api_tokens.issue(
        sessions, signing, scope="mentor", subject_id=mentor.id, now=now
    )
    found = await api_tokens.authenticate(
        sessions, replace(signing, signing_key=""), issued.token, now=now
    )
    assert found == Principal("mentor", mentor.id, found.token_id)  # type: ignore[union-attr]
    hs = await api_tokens.authenticate(sessions, SIGNING, issued.token, now=now)
    assert isinstance(hs, api_tokens.TokenRefused)  # an HS256 verifier does not take it


async def test_goalbot_mentor_token_prints_one_that_works_and_revoke_stops_it(
    sessions: Sessions, database_url: str, clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("GOALBOT_DATA_DIR", str(clean_env / "data"))
    mentor = await add_mentor(sessions, "U012ABCDEF", "Dr Rivera")
    made = await asyncio.to_thread(invoke, "mentor", "token", "U012ABCDEF")
    assert made.exit_code == 0, made.output
    token, signing = made.stdout.strip(), api_signing(load_settings())
    assert str(mentor.id) in made.stderr
    now = datetime.now(UTC)
    assert (
        await api_tokens.authenticate(sessions, signing, token, now=now)
    ).subject_id == mentor.id  # type: ignore[union-attr]
    revoked = await asyncio.to_thread(invoke, "mentor", "token", "U012ABCDEF", "--revoke")
    assert revoked.exit_code == 0 and "1 token(s)" in revoked.stdout
    refused = await api_tokens.authenticate(sessions, signing, token, now=now)
    assert isinstance(refused, api_tokens.TokenRefused) and refused.reason == "revoked"
    unknown = await asyncio.to_thread(invoke, "mentor", "token", "U404NOBODY")
    assert unknown.exit_code == 1 and "no active mentor" in unknown.stderr


async def test_an_unexpected_failure_is_a_plain_500_problem(
    api_world: ApiWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*args: object, **kw: object) -> object:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(goals, "list_goals", broken)
    token = await api_world.token_for("member", api_world.member.id)
    response = await api_world.call("GET", f"/dashboard/user/{api_world.member.id}/goals", token)
    text = await response.text()
    assert response.status == 500 and response.content_type == "application/problem+json"
    assert "secret internal detail" not in text and "Traceback" not in text


async def test_a_check_in_keeps_its_amount(api_world: ApiWorld) -> None:
    token = await api_world.token_for("member", api_world.member.id)
    params = {"user_id": str(api_world.member.id), "completed": "true", "amount": "5.5"}
    response = await api_world.call(
        "POST", f"/goals/{api_world.goal.id}/checkin", token, params=params
    )
    assert response.status == 200, await response.text()
    async with api_world.coach.sessions() as session:
        row = await session.scalar(select(Checkin).where(Checkin.habit_id == api_world.habit.id))
    assert row is not None and row.amount == 5.5
