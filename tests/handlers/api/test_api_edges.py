"""What an app developer trying the API by hand hits: slashes, bodies that are not JSON, the
refusal types, routes that do not exist. Every answer is a problem that says what to do."""

from __future__ import annotations

from datetime import timedelta

from coach.members import today
from tests.handlers.api.conftest import ApiWorld

PROBLEM = "application/problem+json"


async def test_goals_and_chat_without_the_trailing_slash_are_served_not_redirected(
    api_world: ApiWorld,
) -> None:
    token = await api_world.token_for("member", api_world.member.id)
    body = {"user_id": str(api_world.member.id), "message": "how am I doing?"}
    # behind a TLS proxy a redirect named http://, and a client following it re-sent the token
    headers = {"Host": "bot.example.org", "X-Forwarded-Proto": "https"}
    response = await api_world.call("POST", "/chat", token, json=body, headers=headers,
                                    allow_redirects=False)  # fmt: skip
    assert response.status == 200, await response.text()
    assert (await response.json())["kind"] == "coach"
    goal = {"user_id": str(api_world.member.id), "title": "Walk every evening"}
    created = await api_world.call("POST", "/goals", token, json=goal, allow_redirects=False)
    assert created.status == 201, await created.text()


async def test_a_slash_where_none_belongs_is_a_404_problem_not_a_redirect(
    api_world: ApiWorld,
) -> None:
    token = await api_world.token_for("member", api_world.member.id)
    path = f"/dashboard/user/{api_world.member.id}/goals/"
    response = await api_world.call("GET", path, token, allow_redirects=False)
    assert (response.status, response.content_type) == (404, PROBLEM)
    assert "Location" not in response.headers
    assert "docs/api.md" in (await response.json())["detail"]


async def test_a_body_that_is_not_json_is_a_422_that_says_so(api_world: ApiWorld) -> None:
    token = await api_world.token_for("member", api_world.member.id)
    start = b'{"user_id": "%s", "message": ' % str(api_world.member.id).encode()
    deep = b"[" * 5000 + b"]" * 5000
    bodies = {
        "cut short": start,
        "not UTF-8": start + b'"caf\xe9"}',  # Latin-1 é
        "nested too deep": start + b'"hi", "x": ' + deep + b"}",
    }
    for case, body in bodies.items():
        response = await api_world.call("POST", "/chat/", token, data=body,
                                        headers={"Content-Type": "application/json"})  # fmt: skip
        problem = await response.json()
        assert (response.status, response.content_type) == (422, PROBLEM), (case, problem)
        assert "JSON" in problem["detail"], (case, problem)
        assert [e["type"] for e in problem["errors"]] == ["json_invalid"], (case, problem)


async def test_a_body_sent_as_a_form_is_told_to_send_json(api_world: ApiWorld) -> None:
    token = await api_world.token_for("member", api_world.member.id)
    form = {"user_id": str(api_world.member.id), "message": "hi"}
    response = await api_world.call("POST", "/chat/", token, data=form)  # form-encoded
    problem = await response.json()
    assert (response.status, response.content_type) == (422, PROBLEM)
    assert "Content-Type: application/json" in problem["detail"]


async def test_a_refused_check_in_names_its_reason_in_the_problem_type(
    api_world: ApiWorld,
) -> None:
    token = await api_world.token_for("member", api_world.member.id)
    day = today(api_world.coach, api_world.member)  # type: ignore[arg-type]
    params = {"user_id": str(api_world.member.id), "completed": "true",
              "day": (day - timedelta(days=30)).isoformat()}  # fmt: skip
    response = await api_world.call("POST", f"/goals/{api_world.goal.id}/checkin", token,
                                    params=params)  # fmt: skip
    problem = await response.json()
    assert response.status == 422
    assert problem["type"] == "urn:goalbot:problem:too-old"  # the URN words are hyphenated


async def test_a_removed_mentors_token_is_refused_as_revoked(api_world: ApiWorld) -> None:
    from storage.mentors import deactivate_mentor

    mentor = api_world.mentor_row
    token = await api_world.token_for("mentor", mentor.id)
    async with api_world.mentor.sessions.begin() as session:
        await deactivate_mentor(session, slack_user_id=str(mentor.slack_user_id))
    response = await api_world.call("GET", f"/mentor/chat/{mentor.id}/patients", token)
    problem = await response.json()
    assert (response.status, response.content_type) == (401, PROBLEM), problem
    assert problem["type"] == "urn:goalbot:problem:token-revoked"


async def test_a_mentor_without_a_slack_id_still_gets_their_patient_list(
    api_world: ApiWorld,
) -> None:
    from storage.models import Mentor
    from tests.fakes.builder import Builder
    from tests.fakes.mentoring import add_patient

    sessions = api_world.mentor.sessions
    mentor = await Builder(sessions).add(Mentor(name="Dr API Only", slack_user_id=None))
    await add_patient(sessions, mentor, "Noor Haddad", "noor")
    token = await api_world.token_for("mentor", mentor.id)
    response = await api_world.call("GET", f"/mentor/chat/{mentor.id}/patients", token)
    assert response.status == 200, await response.text()
    assert [p["name"] for p in (await response.json())["patients"]] == ["Noor Haddad"]


async def test_an_unknown_query_parameter_is_refused_not_ignored(api_world: ApiWorld) -> None:
    token = await api_world.token_for("member", api_world.member.id)
    day = today(api_world.coach, api_world.member)  # type: ignore[arg-type]
    yesterday = (day - timedelta(days=1)).isoformat()
    # "date" for "day": ignored, it checked in today instead of yesterday
    params = {"user_id": str(api_world.member.id), "completed": "true", "date": yesterday}
    response = await api_world.call("POST", f"/goals/{api_world.goal.id}/checkin", token,
                                    params=params)  # fmt: skip
    problem = await response.json()
    assert (response.status, response.content_type) == (422, PROBLEM), problem
    assert problem["errors"][0]["loc"] == ["query", "date"] and "date" in problem["detail"]
    listed = await api_world.call("GET", f"/dashboard/user/{api_world.member.id}/goals", token,
                                  params={"user": "me"})  # fmt: skip
    assert listed.status == 422
    params["day"] = params.pop("date")
    fine = await api_world.call("POST", f"/goals/{api_world.goal.id}/checkin", token,
                                params=params)  # fmt: skip
    assert (await fine.json())["day"] == yesterday
