"""The mentor routes: the copilot in three modes, the list, the picture — all audited."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from storage.models import MentorInteraction
from tests.fakes.mentoring import Figures, add_checkins, add_patient, add_plan
from tests.handlers.api.conftest import ApiWorld

PROBLEM = "application/problem+json"


async def _audit(world: ApiWorld) -> list[tuple[str, str, uuid.UUID | None]]:
    async with world.mentor.sessions() as session:
        rows = await session.scalars(
            select(MentorInteraction).order_by(MentorInteraction.created_at)
        )
        return [(r.action, r.outcome, r.patient_id) for r in rows]


async def _patient_with_history(world: ApiWorld) -> None:
    _, (habit,) = await add_plan(
        world.mentor.sessions, world.patient, "Walk daily", [("Walk", "daily")]
    )
    await add_checkins(world.mentor.sessions, world.patient, habit, ["done", "missed", "missed"])
    world.warehouse.figures[world.patient.id] = Figures(world.patient.id, risk_level="high",
                                                        risk_score=0.8, adherence_7d=40.0)  # fmt: skip


async def test_the_copilot_answers_in_each_mode_with_its_sources(api_world: ApiWorld) -> None:
    await _patient_with_history(api_world)
    token = await api_world.token_for("mentor", api_world.mentor_row.id)
    for mode in ("quick_check", "deep_dive", "risk_intervention"):
        body = {"mentor_id": str(api_world.mentor_row.id), "patient_id": str(api_world.patient.id),
                "message": "How has the week been?", "mode": mode}  # fmt: skip
        response = await api_world.call("POST", "/mentor/chat/", token, json=body)
        assert response.status == 200, await response.text()
        answer = await response.json()
        assert answer["ai_reply"] and answer["sources_used"]["mode"] == mode
        assert "snowflake" in answer["sources_used"]["used"] and answer["interaction_id"]
    assert await _audit(api_world) == [("api_patient", "answered", api_world.patient.id)] * 3


async def test_another_mentors_patient_is_the_same_404_as_nobody_and_audited(
    api_world: ApiWorld,
) -> None:
    stranger = await add_patient(api_world.mentor.sessions, None, "Sam Stranger", "sam")
    unconsented = await add_patient(
        api_world.mentor.sessions, api_world.mentor_row, "Una", consent=False
    )
    token = await api_world.token_for("mentor", api_world.mentor_row.id)
    answers = []
    for patient in (stranger.id, unconsented.id, uuid.uuid4()):
        body = {
            "mentor_id": str(api_world.mentor_row.id),
            "patient_id": str(patient),
            "message": "hi",
        }
        response = await api_world.call("POST", "/mentor/chat/", token, json=body)
        answers.append((response.status, (await response.json())["detail"]))
        picture = await api_world.call(
            "GET", f"/dashboard/mentor/{api_world.mentor_row.id}/patient/{patient}", token
        )
        answers.append((picture.status, (await picture.json())["detail"]))
    assert {a for a in answers} == {(404, "No patient with that id is reachable with this token.")}
    assert [(a, o) for a, o, _ in await _audit(api_world)] == [("api_patient", "refused"),
                                                               ("api_dashboard", "refused")] * 3  # fmt: skip


async def test_a_mentor_token_reaches_only_its_own_mentor_id(api_world: ApiWorld) -> None:
    token = await api_world.token_for("mentor", api_world.mentor_row.id)
    response = await api_world.call("GET", f"/mentor/chat/{uuid.uuid4()}/patients", token)
    assert response.status == 404 and response.content_type == PROBLEM
    assert [(a, o) for a, o, _ in await _audit(api_world)] == [("api_patients", "refused")]
    member = await api_world.call("GET", f"/dashboard/user/{api_world.patient.id}/goals", token)
    assert member.status == 404  # a mentor's token is not a member's


async def test_the_patient_list_is_riskiest_first_with_figures(api_world: ApiWorld) -> None:
    await _patient_with_history(api_world)
    calm = await add_patient(api_world.mentor.sessions, api_world.mentor_row, "Cal Calm", "cal")
    api_world.warehouse.figures[calm.id] = Figures(calm.id, risk_level="low", risk_score=0.1)
    token = await api_world.token_for("mentor", api_world.mentor_row.id)
    response = await api_world.call(
        "GET", f"/mentor/chat/{api_world.mentor_row.id}/patients", token
    )
    assert response.status == 200, await response.text()
    listed = await response.json()
    assert [p["name"] for p in listed["patients"]] == ["Pat Patient", "Cal Calm"]
    first = listed["patients"][0]["analytics"]
    assert first["risk_level"] == "high" and first["adherence_7d"] == 0.4
    assert listed["analytics_available"] is True
    assert await _audit(api_world) == [("api_patients", "answered", None)]


async def test_the_patient_picture_says_how_old_the_analytics_are(api_world: ApiWorld) -> None:
    await _patient_with_history(api_world)
    token = await api_world.token_for("mentor", api_world.mentor_row.id)
    path = f"/dashboard/mentor/{api_world.mentor_row.id}/patient/{api_world.patient.id}"
    response = await api_world.call("GET", path, token)
    assert response.status == 200, await response.text()
    picture = await response.json()
    assert any("Walk" in line for line in picture["plan"])
    assert picture["analytics"]["risk_level"] == "high" and picture["analytics_age_minutes"] >= 0
    assert len(picture["recent_checkins"]) == 3
    api_world.warehouse.down = True
    down = await (await api_world.call("GET", path, token)).json()
    assert (
        down["analytics_age_minutes"] is None
        and down["sources_used"]["snowflake"]["available"] is False
    )
    assert [o for _, o, _ in await _audit(api_world)] == ["answered", "answered"]
