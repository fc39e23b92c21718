"""Mentor-side queries: mentors, their patients, invites, notes, the audit, alerts, suggestions."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    Checkin,
    Goal,
    Habit,
    Mentor,
    MentorInteraction,
    MentorInvite,
    MentorNote,
    ModelCall,
    OutboxItem,
    PlanSuggestion,
    RiskAlert,
    SlackRequestSeen,
    User,
)

NO_GOAL = "'00000000-0000-0000-0000-000000000000'::uuid"

# ---- mentors and patients ------------------------------------------------------------------


async def add_mentor(session: AsyncSession, *, name: str, slack_user_id: str) -> Mentor:
    """Register a mentor, or rename and reactivate the one with this Slack user id."""
    mentor = await mentor_by_slack_user(session, slack_user_id=slack_user_id, active_only=False)
    if mentor is None:
        mentor = Mentor(name=name, slack_user_id=slack_user_id)
        session.add(mentor)
    else:
        mentor.name, mentor.active = name, True
    await session.flush()
    return mentor


async def deactivate_mentor(session: AsyncSession, *, slack_user_id: str) -> Mentor | None:
    """Mark the mentor inactive (they are refused from then on); None if unknown."""
    mentor = await mentor_by_slack_user(session, slack_user_id=slack_user_id, active_only=False)
    if mentor is not None:
        mentor.active = False
        await session.flush()
    return mentor


async def set_mentor_language(
    session: AsyncSession, *, slack_user_id: str, language: str
) -> Mentor | None:
    """Set the language of the mentor's Slack texts; None if no mentor has that Slack id."""
    mentor = await mentor_by_slack_user(session, slack_user_id=slack_user_id, active_only=False)
    if mentor is not None:
        mentor.language = language
        await session.flush()
    return mentor


async def mentor_by_slack_user(
    session: AsyncSession, *, slack_user_id: str, active_only: bool = True
) -> Mentor | None:
    """The mentor with this Slack user id (active ones only, unless told otherwise)."""
    query = select(Mentor).where(Mentor.slack_user_id == slack_user_id)
    if active_only:
        query = query.where(Mentor.active.is_(True))
    return await session.scalar(query)


async def mentor_by_id(session: AsyncSession, *, mentor_id: uuid.UUID) -> Mentor | None:
    """The mentor with this id."""
    return await session.get(Mentor, mentor_id)


async def list_mentors(session: AsyncSession) -> list[tuple[Mentor, int]]:
    """Every mentor with their number of patients, by name."""
    patients = func.count(User.id)
    rows = await session.execute(
        select(Mentor, patients)
        .outerjoin(User, User.mentor_id == Mentor.id)
        .group_by(Mentor.id)
        .order_by(Mentor.name)
    )
    return [(mentor, count) for mentor, count in rows]


async def patients_of(session: AsyncSession, *, mentor_id: uuid.UUID) -> list[User]:
    """The mentor's active patients who consented, by name."""
    rows = await session.scalars(
        select(User)
        .where(
            User.mentor_id == mentor_id,
            User.active.is_(True),
            User.mentor_consent_at.is_not(None),
        )
        .order_by(User.name, User.id)
    )
    return list(rows)


async def assign_mentor(
    session: AsyncSession,
    *,
    user: User,
    mentor_id: uuid.UUID,
    consent_at: datetime,
    share_journal_text: bool,
) -> None:
    """Link a member to a mentor with the consent time and the journal-sharing choice."""
    user.mentor_id = mentor_id
    user.mentor_consent_at = consent_at
    user.share_journal_text = share_journal_text
    await session.flush()


# ---- invites -------------------------------------------------------------------------------


async def add_invite(
    session: AsyncSession, *, mentor_id: uuid.UUID, code_hash: str, expires_at: datetime
) -> MentorInvite:
    """Store an invite by the hash of its code."""
    invite = MentorInvite(mentor_id=mentor_id, code_hash=code_hash, expires_at=expires_at)
    session.add(invite)
    await session.flush()
    return invite


async def invite_by_hash(session: AsyncSession, *, code_hash: str) -> MentorInvite | None:
    """The invite whose code hashes to `code_hash`."""
    return await session.scalar(select(MentorInvite).where(MentorInvite.code_hash == code_hash))


async def invite_for_update(session: AsyncSession, *, invite_id: uuid.UUID) -> MentorInvite | None:
    """The invite, locked until the transaction ends (so a code is used once)."""
    return await session.scalar(
        select(MentorInvite).where(MentorInvite.id == invite_id).with_for_update()
    )


# ---- notes ---------------------------------------------------------------------------------


async def add_note(
    session: AsyncSession, *, mentor_id: uuid.UUID, patient_id: uuid.UUID, text: str
) -> MentorNote:
    """Store a mentor's note about a patient."""
    note = MentorNote(mentor_id=mentor_id, patient_id=patient_id, text=text)
    session.add(note)
    await session.flush()
    return note


async def recent_notes(
    session: AsyncSession, *, patient_id: uuid.UUID, mentor_id: uuid.UUID, limit: int
) -> list[MentorNote]:
    """This mentor's newest notes about the patient, newest first."""
    rows = await session.scalars(
        select(MentorNote)
        .where(MentorNote.patient_id == patient_id, MentorNote.mentor_id == mentor_id)
        .order_by(MentorNote.created_at.desc())
        .limit(limit)
    )
    return list(rows)


# ---- plan and check-ins (read for the copilot's context) -----------------------------------


async def latest_checkins_with_seed_rows(
    session: AsyncSession, *, user_id: uuid.UUID, limit: int
) -> list[tuple[Checkin, str]]:
    """A patient's newest check-ins with titles, seed rows (goal only, no day) too, newest first."""
    title = func.coalesce(Habit.title, Goal.title)
    rows = await session.execute(
        select(Checkin, title)
        .join(Goal, Goal.id == Checkin.goal_id)
        .outerjoin(Habit, Habit.id == Checkin.habit_id)
        .where(Checkin.user_id == user_id)
        .order_by(Checkin.day.desc().nulls_last(), Checkin.created_at.desc())
        .limit(limit)
    )
    return [(checkin, name) for checkin, name in rows]


# ---- the audit -----------------------------------------------------------------------------


async def add_interaction(session: AsyncSession, **fields: Any) -> MentorInteraction:
    """Store one audited mentor interaction (fields of `MentorInteraction`)."""
    row = MentorInteraction(**fields)
    session.add(row)
    await session.flush()
    return row


async def interaction_by_id(
    session: AsyncSession, *, interaction_id: uuid.UUID
) -> MentorInteraction | None:
    """One audited interaction."""
    return await session.get(MentorInteraction, interaction_id)


async def interactions(
    session: AsyncSession,
    *,
    since: datetime,
    mentor_ids: Sequence[uuid.UUID] | None = None,
    slack_user_id: str | None = None,
) -> list[MentorInteraction]:
    """Audited interactions since `since`, oldest first, for some mentors or a Slack user."""
    query = select(MentorInteraction).where(MentorInteraction.created_at >= since)
    if mentor_ids is not None or slack_user_id is not None:
        conditions = []
        if mentor_ids is not None:
            conditions.append(MentorInteraction.mentor_id.in_(list(mentor_ids)))
        if slack_user_id is not None:
            conditions.append(MentorInteraction.slack_user_id == slack_user_id)
        query = query.where(or_(*conditions))
    rows = await session.scalars(query.order_by(MentorInteraction.created_at, MentorInteraction.id))
    return list(rows)


# ---- plan suggestions ----------------------------------------------------------------------


async def add_suggestion(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    patch: dict[str, Any],
    interaction_id: uuid.UUID | None,
    goal_id: uuid.UUID | None = None,
    origin: str = "mentor",
) -> PlanSuggestion:
    """Store a pending plan suggestion for a member."""
    row = PlanSuggestion(
        user_id=user_id,
        patch=patch,
        interaction_id=interaction_id,
        goal_id=goal_id,
        origin=origin,
    )
    session.add(row)
    await session.flush()
    return row


async def add_suggestion_once(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    patch: dict[str, Any],
    interaction_id: uuid.UUID,
    goal_id: uuid.UUID | None,
) -> uuid.UUID | None:
    """Store the suggestion of one copilot answer and goal; None when it is already there.

    The unique index (migration 0004) decides between concurrent presses: one inserts, the
    others wait for it and get None.
    """
    statement = (
        insert(PlanSuggestion)
        .values(user_id=user_id, patch=patch, interaction_id=interaction_id, goal_id=goal_id)
        .on_conflict_do_nothing(
            index_elements=[PlanSuggestion.interaction_id, text(f"COALESCE(goal_id, {NO_GOAL})")],
            index_where=PlanSuggestion.interaction_id.is_not(None),
        )
        .returning(PlanSuggestion.id)
    )
    return await session.scalar(statement)


async def claim_suggestion_delivery(
    session: AsyncSession, *, suggestion_id: uuid.UUID, hold_seconds: float
) -> PlanSuggestion | None:
    """Take the one right to send an undelivered suggestion for `hold_seconds`; None if sent
    already or another sender holds it (the mentor's press and the outbox job share this)."""
    statement = (
        update(PlanSuggestion)
        .where(
            PlanSuggestion.id == suggestion_id,
            PlanSuggestion.delivered_at.is_(None),
            PlanSuggestion.status == "pending",
            or_(
                PlanSuggestion.next_attempt_at.is_(None),
                PlanSuggestion.next_attempt_at <= func.now(),
            ),
        )
        .values(
            next_attempt_at=func.now() + func.make_interval(0, 0, 0, 0, 0, 0, hold_seconds),
            delivery_attempts=PlanSuggestion.delivery_attempts + 1,
        )
        .returning(PlanSuggestion)
    )
    return await session.scalar(statement)


async def settle_suggestion_delivery(
    session: AsyncSession, *, suggestion_id: uuid.UUID, delivered_at: datetime | None
) -> None:
    """Record a delivery (and its outbox row), or free the claim after a failed one."""
    values = {"next_attempt_at": None}
    if delivered_at is not None:
        values["delivered_at"] = delivered_at  # type: ignore[assignment]
        await session.execute(
            update(OutboxItem)
            .where(OutboxItem.dedup_key == suggestion_outbox_key(suggestion_id),
                   OutboxItem.delivered_at.is_(None))
            .values(delivered_at=delivered_at, last_error=None)
        )  # fmt: skip
    await session.execute(
        update(PlanSuggestion).where(PlanSuggestion.id == suggestion_id).values(**values)
    )


def suggestion_outbox_key(suggestion_id: uuid.UUID) -> str:
    """The outbox dedup key of one suggestion's delivery."""
    return f"plan_suggestion:{suggestion_id}"


async def suggestion_for_interaction(
    session: AsyncSession, *, interaction_id: uuid.UUID
) -> PlanSuggestion | None:
    """The suggestion already made from one copilot answer, if any."""
    return await session.scalar(
        select(PlanSuggestion).where(PlanSuggestion.interaction_id == interaction_id)
    )


async def pending_suggestion_goals(session: AsyncSession, *, user_id: uuid.UUID) -> set[uuid.UUID]:
    """The goals of the member's suggestions still waiting for an answer."""
    rows = await session.scalars(
        select(PlanSuggestion.goal_id).where(
            PlanSuggestion.user_id == user_id, PlanSuggestion.status == "pending"
        )
    )
    return {goal_id for goal_id in rows if goal_id is not None}


async def suggestion_for_update(
    session: AsyncSession, *, suggestion_id: uuid.UUID
) -> PlanSuggestion | None:
    """A suggestion, locked until the transaction ends (so it is decided once)."""
    return await session.scalar(
        select(PlanSuggestion).where(PlanSuggestion.id == suggestion_id).with_for_update()
    )


async def decide_suggestion(
    session: AsyncSession, *, suggestion: PlanSuggestion, status: str, at: datetime
) -> None:
    """Mark a suggestion accepted, declined or failed."""
    suggestion.status, suggestion.decided_at = status, at
    await session.flush()


# ---- the mentor's own model-call quota and the Slack replay guard ---------------------------


async def count_mentor_calls(
    session: AsyncSession, *, mentor_id: uuid.UUID, since: datetime
) -> int:
    """How many copilot model calls the mentor made since `since` (every source counts)."""
    query = select(func.count()).select_from(ModelCall)
    query = query.where(ModelCall.mentor_id == mentor_id, ModelCall.created_at >= since)
    return int(await session.scalar(query) or 0)


async def remember_request(session: AsyncSession, *, signature: str, expires_at: datetime) -> bool:
    """Note a signed request; False when it was seen before (a replay). Prunes expired ones."""
    await session.execute(
        text("DELETE FROM slack_requests_seen WHERE signature IN (SELECT signature FROM "
             "slack_requests_seen WHERE expires_at < now() LIMIT 200)")
    )  # fmt: skip
    statement = insert(SlackRequestSeen).values(signature=signature, expires_at=expires_at)
    result = await session.execute(statement.on_conflict_do_nothing().returning(text("1")))
    return result.scalar() is not None


# ---- alerts --------------------------------------------------------------------------------


async def risk_alerts(
    session: AsyncSession, *, user_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, RiskAlert]:
    """The last reported risk level of each of these members."""
    rows = await session.scalars(select(RiskAlert).where(RiskAlert.user_id.in_(list(user_ids))))
    return {row.user_id: row for row in rows}


async def high_risk_alerts(session: AsyncSession) -> list[RiskAlert]:
    """Members last reported at high risk."""
    return list(await session.scalars(select(RiskAlert).where(RiskAlert.risk_level == "high")))


async def set_risk_alert(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    risk_level: str,
    risk_score: float | None,
    at: datetime,
) -> None:
    """Record the risk level last reported (or last seen) for a member."""
    statement = insert(RiskAlert).values(
        user_id=user_id, risk_level=risk_level, risk_score=risk_score, reported_at=at
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[RiskAlert.user_id],
            set_={"risk_level": risk_level, "risk_score": risk_score, "reported_at": at},
        )
    )
