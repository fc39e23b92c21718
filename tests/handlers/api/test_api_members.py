"""The member routes through the served app: happy paths, wrong owners, bad input, crisis."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import func, select

from coach.members import today
from storage.models import Checkin, Goal, Message, ModelCall, SafetyEvent
from tests.handlers.api.conftest import ApiWorld

PROBLEM = "application/problem+json"


async def _count(world: ApiWorld, model: type, **where: object) -> int:
    async with world.coach.sessions() as session:
        query = select(func.count()).select_from(model)
        for name, value in where.items():
            query = query.where(getattr(model, name) == value)
        return int(await session.scalar(query) or 0)


async def test_a_goal_is_planned_by_the_engine_and_stored_with_its_habits(
    api_world: ApiWorld,
) -> None:
    token = await api_world.token_for("member", api_world.member.id)
    body = {"user_id": str(api_world.member.id), "title": "Learn Spanish",
            "description": "practise speaking before my trip", "category": "learning",
            "frequency": "4x a week", "constraints": {"time_per_week": 120}}  # fmt: skip
    response = await api_world.call("POST", "/goals/", token, json=body)
    assert response.status == 201, await response.text()
    goal = await response.json()
    assert goal["title"] == "Learn Spanish" and goal["category"] == "learning"
    assert goal["user_id"] == str(api_world.member.id) and goal["status"] == "active"
    assert goal["habits"] and all(h["active"] for h in goal["habits"])
    assert goal["ai_plan"]["source"] == "offline"  # the engine planned it (no Gemini key here)
    assert goal["ai_plan"]["plan"]["habits"][0]["frequency"] == goal["habits"][0]["frequency"]
    assert goal["habits"][0]["frequency"] == "weekly:4"
    assert await _count(api_world, Goal, user_id=api_world.member.id) == 2


async def test_a_goal_for_another_member_is_the_same_404_as_for_nobody(api_world: ApiWorld) -> None:
    token = await api_world.token_for("member", api_world.member.id)
    answers = []
    for user_id in (api_world.patient.id, uuid.uuid4()):  # someone real, and no one
        body = {"user_id": str(user_id), "title": "Sleep more"}
        response = await api_world.call("POST", "/goals/", token, json=body)
        answers.append((response.status, response.content_type, (await response.json())["detail"]))
    assert answers[0] == answers[1] and answers[0][:2] == (404, PROBLEM)
    assert await _count(api_world, Goal, user_id=api_world.patient.id) == 0


async def test_a_check_in_records_and_answers_the_habits_figures(api_world: ApiWorld) -> None:
    token = await api_world.token_for("member", api_world.member.id)
    path = f"/goals/{api_world.goal.id}/checkin"
    params = {"user_id": str(api_world.member.id), "completed": "true"}
    response = await api_world.call("POST", path, token, params=params)
    assert response.status == 200, await response.text()
    answer = await response.json()
    day = today(api_world.coach, api_world.member)  # type: ignore[arg-type]
    assert answer["habit_id"] == str(api_world.habit.id) and answer["day"] == day.isoformat()
    assert answer["status"] == "done" and answer["previous"] is None
    assert answer["figures"]["streak"] == 1
    again = await api_world.call("POST", path, token, params={**params, "completed": "false",
                                                               "status": "skipped"})  # fmt: skip
    assert (await again.json())["previous"] == "done"
    async with api_world.coach.sessions() as session:
        row = await session.scalar(select(Checkin).where(Checkin.habit_id == api_world.habit.id))
    assert row is not None and row.status == "skipped" and row.source == "api"


async def test_check_in_input_that_makes_no_sense_is_a_clear_422(api_world: ApiWorld) -> None:
    token = await api_world.token_for("member", api_world.member.id)
    path = f"/goals/{api_world.goal.id}/checkin"
    base = {"user_id": str(api_world.member.id)}
    day = today(api_world.coach, api_world.member)  # type: ignore[arg-type]
    cases = [
        ({**base, "completed": "true", "status": "missed"}, "contradicts"),
        ({**base, "completed": "maybe"}, "completed"),
        ({**base, "completed": "true", "day": (day + timedelta(days=1)).isoformat()}, "started"),
        ({**base, "completed": "true", "day": (day - timedelta(days=30)).isoformat()}, "too far"),
    ]
    for params, words in cases:
        response = await api_world.call("POST", path, token, params=params)
        problem = await response.json()
        assert (response.status, response.content_type) == (422, PROBLEM), problem
        assert words in problem["detail"], problem
    assert await _count(api_world, Checkin) == 0


async def test_crisis_words_in_chat_get_the_safety_message_and_no_model_call(
    api_world: ApiWorld,
) -> None:
    token = await api_world.token_for("member", api_world.member.id)
    body = {"user_id": str(api_world.member.id), "message": "i want to kill myself tonight"}
    response = await api_world.call("POST", "/chat/", token, json=body)
    assert response.status == 200
    answer = await response.json()
    async with api_world.coach.sessions() as session:
        stored = await session.scalar(select(Message).where(Message.user_id == api_world.member.id))
    assert stored is not None and (stored.context_used or {}).get("source") == "safety"
    assert answer["kind"] == "safety" and answer["ai_reply"] == stored.ai_reply  # the fixed text
    assert "TelefonSeelsorge" in answer["ai_reply"]  # the member is in Berlin
    assert await _count(api_world, SafetyEvent, user_id=api_world.member.id) == 1
    assert await _count(api_world, ModelCall) == 0


async def test_chat_with_a_group_id_needs_one_of_the_members_groups_but_never_delays_safety(
    api_world: ApiWorld,
) -> None:
    from coach.groups import membership, registry

    ours = await registry.added(
        api_world.coach, chat_id=-100501, title="Runners", adder_telegram_id=None
    )
    theirs = await registry.added(
        api_world.coach, chat_id=-100502, title="Other", adder_telegram_id=None
    )
    await membership.join(api_world.coach, group_id=ours.id, user_id=api_world.member.id)
    token = await api_world.token_for("member", api_world.member.id)
    user = str(api_world.member.id)

    def body(group: uuid.UUID, message: str) -> dict[str, str]:
        return {"user_id": user, "group_id": str(group), "message": message}

    answered = await api_world.call("POST", "/chat/", token, json=body(ours.id, "how am I doing?"))
    assert answered.status == 200 and (await answered.json())["ai_reply"]
    for group in (theirs.id, uuid.uuid4()):  # not theirs and not at all: the same 404
        refused = await api_world.call("POST", "/chat/", token, json=body(group, "how am I doing?"))
        assert (refused.status, (await refused.json())["detail"]) == (
            404,
            "No such group for this member.",
        )
    crisis = await api_world.call(
        "POST", "/chat/", token, json=body(theirs.id, "i want to end my life")
    )
    assert crisis.status == 200 and (await crisis.json())["kind"] == "safety"


async def test_chat_is_answered_by_the_coach_with_the_members_own_figures(
    api_world: ApiWorld,
) -> None:
    token = await api_world.token_for("member", api_world.member.id)
    body = {"user_id": str(api_world.member.id), "message": "how am I doing this week?"}
    response = await api_world.call("POST", "/chat/", token, json=body)
    assert response.status == 200, await response.text()
    answer = await response.json()
    assert answer["kind"] == "coach" and answer["user_message"] == body["message"]
    assert answer["ai_reply"] and "Run" in answer["ai_reply"]
    assert await _count(api_world, Message, user_id=api_world.member.id) == 1


async def test_chat_over_the_daily_model_cap_is_a_429_until_the_next_day(
    api_world: ApiWorld,
) -> None:
    async with api_world.coach.sessions.begin() as session:
        for _ in range(api_world.coach.settings.daily_model_calls):
            session.add(
                ModelCall(
                    user_id=api_world.member.id,
                    task="coach_reply",
                    source="offline",
                    outcome="ok",
                    latency_ms=1,
                )
            )
    token = await api_world.token_for("member", api_world.member.id)
    body = {"user_id": str(api_world.member.id), "message": "any tips for tomorrow?"}
    response = await api_world.call("POST", "/chat/", token, json=body)
    assert response.status == 429 and response.content_type == PROBLEM
    assert 0 < int(response.headers["Retry-After"]) <= 24 * 3600


async def test_the_member_dashboard_lists_goals_with_figures(api_world: ApiWorld) -> None:
    token = await api_world.token_for("member", api_world.member.id)
    await api_world.call("POST", f"/goals/{api_world.goal.id}/checkin", token,
                         params={"user_id": str(api_world.member.id), "completed": "true"})  # fmt: skip
    response = await api_world.call("GET", f"/dashboard/user/{api_world.member.id}/goals", token)
    assert response.status == 200, await response.text()
    board = await response.json()
    (goal,) = board["goals"]
    assert goal["title"] == "Run a 5k" and goal["habits"][0]["figures"]["streak"] == 1
    assert board["completion_7d"] is not None
    other = await api_world.call("GET", f"/dashboard/user/{api_world.patient.id}/goals", token)
    assert other.status == 404
