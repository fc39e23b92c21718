"""The mentor routes: the copilot, the patient list and one patient's picture — all audited."""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from handlers.api import schemas as s
from handlers.api.auth import Caller, Deps, mentor_for
from handlers.api.problems import Problem, answers
from mentor import copilot, dashboard

router = APIRouter(tags=["mentor"])
NO_PATIENT = "No patient with that id is reachable with this token."


@router.post("/mentor/chat", response_model=s.MentorChatOut, include_in_schema=False)
@router.post("/mentor/chat/", response_model=s.MentorChatOut, responses=answers(404, 422, 503))
async def mentor_chat(body: s.MentorChatIn, d: Deps, caller: Caller) -> s.MentorChatOut:
    """Ask the copilot about one consenting patient (quick_check, deep_dive, risk_intervention)."""
    mentor = await mentor_for(d, caller, body.mentor_id, "api_patient")
    result = await copilot.ask_about(d.mentor, mentor=mentor, patient_id=body.patient_id,
                                     mode=body.mode, question=body.message)  # fmt: skip
    if result.outcome == "refused":
        raise Problem(404, NO_PATIENT)
    if result.outcome == "invalid":
        raise Problem(422, result.text)
    if result.outcome != "answered" or result.answer is None:
        raise Problem(503, result.text)
    answer = result.answer
    return s.MentorChatOut(
        ai_reply=answer.reply, safety_message=result.safety_message, sources_used=result.sources,
        suggested_actions=list(answer.suggested_actions), risk_patterns=list(answer.risk_patterns),
        interaction_id=result.interaction_id, timestamp=d.mentor.clock(),
    )  # fmt: skip


@router.get(
    "/mentor/chat/{mentor_id}/patients", response_model=s.PatientsOut, responses=answers(404, 503)
)
async def mentor_patients(mentor_id: uuid.UUID, d: Deps, caller: Caller) -> s.PatientsOut:
    """The mentor's consenting patients, riskiest first, with their warehouse figures."""
    mentor = await mentor_for(d, caller, mentor_id, "api_patients")
    board = await dashboard.build(d.mentor, slack_user_id=mentor.slack_user_id or str(mentor.id),
                                  action="api_patients", mentor=mentor)  # fmt: skip
    if board.outcome != "answered":
        raise Problem(503, board.text or "The patient list could not be loaded; please try again.")
    rows = [
        s.PatientOut(id=r.user_id, name=r.name, handle=r.handle, analytics=s.PatientAnalytics(
            adherence_7d=r.adherence_7d, risk_level=r.risk_level, risk_score=r.risk_score,
            missed_count_7d=r.missed_count_7d, days_since_checkin=r.last_checkin_days_ago))
        for r in board.rows
    ]  # fmt: skip
    return s.PatientsOut(patients=rows, analytics_available=board.analytics_error is None,
                         analytics_error=board.analytics_error, last_sync=board.last_sync)  # fmt: skip


@router.get("/dashboard/mentor/{mentor_id}/patient/{user_id}", response_model=s.PatientPictureOut,
            responses=answers(404))  # fmt: skip
async def patient_picture(
    mentor_id: uuid.UUID, user_id: uuid.UUID, d: Deps, caller: Caller
) -> s.PatientPictureOut:
    """One patient's whole picture from PostgreSQL and the warehouse, with the figures' age."""
    mentor = await mentor_for(d, caller, mentor_id, "api_dashboard")
    found = await dashboard.patient_picture(d.mentor, mentor=mentor, patient_id=user_id)
    if found.patient is None or found.gathered is None:
        raise Problem(404, NO_PATIENT)
    c, sources = found.gathered.context, found.gathered.sources
    return s.PatientPictureOut(
        id=found.patient.id, name=c.name, plan=c.plan, recent_checkins=c.last_checkins,
        checkin_history=c.history, journal=c.journal, mentor_notes=c.mentor_notes,
        analytics=c.analytics, analytics_age_minutes=sources.get("snowflake", {}).get("age_minutes"),
        sources_used=sources,
    )  # fmt: skip
