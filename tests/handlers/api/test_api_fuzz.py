"""Property-based fuzzing of the whole OpenAPI surface (schemathesis) through the served app:
no server error, and every answer fits its own documented status, media type and schema."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from storage.db import Sessions
from tests.handlers.api.conftest import ApiWorld, served_world

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]  # fmt: skip
EXAMPLES = 25  # per token scope and mode, over every operation (about 30 s in all)


def _real_ids(world: ApiWorld) -> dict[str, str]:
    return {"user_id": str(world.member.id), "goal_id": str(world.goal.id),
            "habit_id": str(world.habit.id), "mentor_id": str(world.mentor_row.id),
            "patient_id": str(world.patient.id)}  # fmt: skip


def _aim(case: Any, ids: dict[str, str], which: set[str]) -> None:
    """Put the world's real ids where the drawn case has ids, so owners' paths are reached."""
    for part in (case.path_parameters, case.query, case.body):
        if isinstance(part, dict):
            for name in which & set(part):
                part[name] = ids[name]
    if "user_id" in which and case.path_parameters and "mentor_id" in case.path_parameters:
        case.path_parameters["user_id"] = ids["patient_id"]  # the mentor's patient


def _fuzz(schema: Any, world: ApiWorld, token: str, mode: GenerationMode) -> list[str]:
    """Run the cases in this thread (the server answers on the test's event loop)."""
    ids, headers, seen = _real_ids(world), {"Authorization": f"Bearer {token}"}, []
    aims = st.one_of(st.just(set(ids)), st.sets(st.sampled_from(sorted(ids))))

    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(case=schema.as_strategy(generation_mode=mode), which=aims)
    def check(case: Any, which: set[str]) -> None:
        _aim(case, ids, which)
        response = case.call(base_url=world.url, headers=headers)
        seen.append(f"{case.method} {case.path} {response.status_code}")
        case.validate_response(response, checks=CHECKS)

    check()
    return seen


@pytest.mark.slow
async def test_fuzzing_every_operation_finds_no_server_error_and_no_schema_break(
    sessions: Sessions,
) -> None:
    async with served_world(sessions, requests_per_second=100_000) as world:
        async with world.http.get(world.url + "/openapi.json") as response:
            schema = schemathesis.openapi.from_dict(await response.json())
        member = await world.token_for("member", world.member.id)
        mentor = await world.token_for("mentor", world.mentor_row.id)
        seen = []
        for token in (member, mentor):
            for mode in GenerationMode:  # valid data, then data that breaks the schema
                seen += await asyncio.to_thread(_fuzz, schema, world, token, mode)
    statuses = {line.rsplit(" ", 1)[1] for line in seen}
    assert {"200", "201", "404", "422"} <= statuses, statuses  # owners', strangers', bad input
    reached = {line.rsplit(" ", 1)[0] for line in seen if line.endswith((" 200", " 201"))}
    assert len(reached) == 7, reached  # every operation answered its owner at least once
    assert not any(s.startswith("5") for s in statuses)
