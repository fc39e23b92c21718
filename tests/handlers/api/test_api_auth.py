"""Tokens: missing, forged, expired, revoked, another scope; the rate limit; the body cap."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import jwt
import pytest
from sqlalchemy import select

from coach import api_tokens
from handlers.commands import find
from storage.models import ApiToken
from tests.handlers.api.conftest import SIGNING, ApiWorld, served_world

PROBLEM = "application/problem+json"


def _path(world: ApiWorld) -> str:
    return f"/dashboard/user/{world.member.id}/goals"


async def test_a_request_without_a_token_is_told_how_to_send_one(api_world: ApiWorld) -> None:
    response = await api_world.call("GET", _path(api_world), None)
    problem = await response.json()
    assert (response.status, response.content_type) == (401, PROBLEM)
    assert (
        "Authorization: Bearer" in problem["detail"]
        and response.headers["WWW-Authenticate"] == "Bearer"
    )


async def test_forged_tokens_are_refused(api_world: ApiWorld) -> None:
    good = await api_world.token_for("member", api_world.member.id)
    claims = jwt.decode(good, options={"verify_signature": False})
    forged = [
        jwt.encode(claims, "another-secret-of-the-same-length-0123456789abcd", algorithm="HS256"),
        jwt.encode({**claims, "aud": "someone-else"}, SIGNING.signing_key, algorithm="HS256"),
        jwt.encode({**claims, "iss": "not-goalbot"}, SIGNING.signing_key, algorithm="HS256"),
        jwt.encode(claims, None, algorithm="none"),  # unsigned
        # signed right, but never issued: its hash is not stored
        jwt.encode({**claims, "jti": "made-up"}, SIGNING.signing_key, algorithm="HS256"),
        # issued for the member, claims edited to reach the patient (the signature breaks)
        good.rsplit(".", 2)[0] + "." + jwt.encode({**claims, "sub": str(api_world.patient.id)},
                                                  "x" * 48, algorithm="HS256").split(".")[1] + ".sig",
        "not-a-jwt-at-all",
    ]  # fmt: skip
    for token in forged:
        response = await api_world.call("GET", _path(api_world), token)
        assert (response.status, response.content_type) == (401, PROBLEM), token
    ok = await api_world.call("GET", _path(api_world), good)
    assert ok.status == 200


async def test_an_expired_token_is_refused_with_that_reason(api_world: ApiWorld) -> None:
    short = replace(SIGNING, lifetime=timedelta(seconds=1))
    token = await api_world.token_for("member", api_world.member.id, signing=short,
                                      now=datetime.now(UTC) - timedelta(minutes=5))  # fmt: skip
    response = await api_world.call("GET", _path(api_world), token)
    problem = await response.json()
    assert response.status == 401 and problem["type"] == "urn:goalbot:problem:token-expired"
    assert "expired" in problem["detail"]


async def test_apitoken_in_the_dialog_issues_once_and_revoke_stops_it(api_world: ApiWorld) -> None:
    from coach.members import get
    from handlers.commands import Call
    from handlers.dialog import Dialog

    world = api_world
    world.coach.api_signing = SIGNING
    dialog, member = Dialog(world.coach), await get(world.coach, user_id=world.member.id)
    spec = find("apitoken")
    assert spec is not None and spec.chat == "private"
    (shown,) = await dialog.run(spec, Call(member))
    token = next(word for word in shown.text.split() if word.count(".") == 2 and len(word) > 100)
    assert str(world.member.id) in shown.text
    assert (await world.call("GET", _path(world), token)).status == 200
    (newer,) = await dialog.run(spec, Call(member))  # a new one replaces the old one
    assert (await world.call("GET", _path(world), token)).status == 401
    newest = next(w for w in newer.text.split() if w.count(".") == 2 and len(w) > 100)
    (revoked,) = await dialog.run(spec, Call(member, "revoke"))
    assert "1 token revoked" in revoked.text
    response = await world.call("GET", _path(world), newest)
    assert response.status == 401 and "revoked" in (await response.json())["detail"]
    async with world.coach.sessions() as session:
        stored = {row.token_hash for row in await session.scalars(select(ApiToken))}
    assert stored == {api_tokens.token_hash(t) for t in (token, newest)} and token not in stored


async def test_a_member_token_does_not_open_the_mentor_routes(api_world: ApiWorld) -> None:
    token = await api_world.token_for("member", api_world.member.id)
    mentor = api_world.mentor_row.id
    paths = [
        f"/mentor/chat/{mentor}/patients",
        f"/dashboard/mentor/{mentor}/patient/{api_world.patient.id}",
    ]
    for path in paths:
        assert (await api_world.call("GET", path, token)).status == 404


@pytest.mark.slow
async def test_over_the_rate_a_token_gets_429_with_retry_after(sessions) -> None:  # type: ignore[no-untyped-def]
    async with served_world(sessions, requests_per_second=5) as world:
        token = await world.token_for("member", world.member.id)
        other = await world.token_for("mentor", world.mentor_row.id)
        answers = await asyncio.gather(*[world.call("GET", _path(world), token) for _ in range(12)])
        statuses = sorted(r.status for r in answers)
        assert statuses.count(200) == 5 and statuses.count(429) == 7
        limited = next(r for r in answers if r.status == 429)
        assert limited.headers["Retry-After"] == "1" and limited.content_type == PROBLEM
        path = f"/mentor/chat/{world.mentor_row.id}/patients"
        assert (await world.call("GET", path, other)).status == 200  # buckets are per token
        await asyncio.sleep(1.1)
        assert (await world.call("GET", _path(world), token)).status == 200


async def test_a_body_over_the_cap_is_413_declared_or_not(api_world: ApiWorld) -> None:
    token = await api_world.token_for("member", api_world.member.id)
    big = (
        b'{"user_id": "%s", "message": "' % str(api_world.member.id).encode()
        + b"a" * 70_000
        + b'"}'
    )
    declared = await api_world.call("POST", "/chat/", token, data=big,
                                    headers={"Content-Type": "application/json"})  # fmt: skip
    assert declared.status == 413 and declared.content_type == PROBLEM

    async def chunks():  # no Content-Length: chunked transfer
        for start in range(0, len(big), 8192):
            yield big[start : start + 8192]

    streamed = await api_world.call("POST", "/chat/", token, data=chunks(),
                                    headers={"Content-Type": "application/json"})  # fmt: skip
    assert streamed.status == 413 and streamed.content_type == PROBLEM


async def test_broken_json_is_a_422_problem_not_a_500(api_world: ApiWorld) -> None:
    token = await api_world.token_for("member", api_world.member.id)
    for body in (
        b"{not json",
        b'{"user_id": "x", "message": 5}',
        b"\xff\xfe",
        b'{"message": "a\\u0000b"}',
    ):
        response = await api_world.call("POST", "/chat/", token, data=body,
                                        headers={"Content-Type": "application/json"})  # fmt: skip
        assert (response.status, response.content_type) == (422, PROBLEM), body
        assert "Traceback" not in await response.text()


async def test_apitoken_on_telegram_gives_a_token_that_works_until_revoked(
    api_world: ApiWorld,
) -> None:
    from tests.handlers.telegram.harness import Clock, make_services, run_dialog, telegram_chat

    clock = Clock(datetime.now(UTC))
    services = make_services(api_world.coach.sessions, clock)
    services.api_signing = SIGNING
    chat = await telegram_chat(services, clock, methods=False)
    await run_dialog(chat, [("/start", "time zone"), ("Berlin", "Europe/Berlin")])
    shown = await chat.say("/apitoken")
    token = next(word for word in shown.split() if word.count(".") == 2 and len(word) > 100)
    user_id = shown.split("Your member id: ")[1].split()[0]
    response = await api_world.call("GET", f"/dashboard/user/{user_id}/goals", token)
    assert response.status == 200, await response.text()
    assert "revoked" in await chat.say("/apitoken revoke")
    assert (await api_world.call("GET", f"/dashboard/user/{user_id}/goals", token)).status == 401
