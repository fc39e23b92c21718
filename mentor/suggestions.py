"""Plan suggestions from a copilot answer: send to the member, then tell the mentor the answer."""

from __future__ import annotations

import logging
import uuid
from dataclasses import replace

from coach import suggestions as member_side
from coach.suggestions import Decision, PatchProblem
from mentor import audit
from mentor.audit import AuditEntry, Reply
from mentor.notify import SuggestionNotice
from mentor.services import MentorServices
from storage import mentors as store
from storage.members import get_member

log = logging.getLogger(__name__)

NOT_YOURS = "That answer is not one of yours to act on."
FAILED = "Sorry, the suggestion could not be sent; please try again."


async def propose(services: MentorServices, *, slack_user_id: str, interaction_id: str) -> Reply:
    """Send the plan patch of one of the mentor's copilot answers to the patient; audited."""
    entry = AuditEntry(slack_user_id, "suggest_plan", "failed")
    return await audit.audited(
        services.sessions, entry, lambda e: _propose(services, e, interaction_id), FAILED
    )


async def _propose(
    services: MentorServices, entry: AuditEntry, raw_id: str
) -> tuple[Reply, AuditEntry]:
    try:
        interaction_id = uuid.UUID(raw_id)
    except ValueError:
        return Reply("invalid", NOT_YOURS), entry
    async with services.sessions() as session:
        mentor = await store.mentor_by_slack_user(session, slack_user_id=entry.slack_user_id)
        source = await store.interaction_by_id(session, interaction_id=interaction_id)
        patient = (
            await get_member(session, user_id=source.patient_id)
            if source and source.patient_id
            else None
        )
        earlier = await store.suggestion_for_interaction(session, interaction_id=interaction_id)
    if mentor is None or source is None or patient is None or source.mentor_id != mentor.id:
        return Reply("refused", NOT_YOURS), entry
    entry = replace(entry, mentor_id=mentor.id, patient_id=patient.id, plan_patch=source.plan_patch)
    if patient.mentor_id != mentor.id or patient.mentor_consent_at is None:
        return Reply("refused", NOT_YOURS), entry
    if earlier is not None:
        return Reply("invalid", f"Already sent to {patient.name} ({earlier.status})."), entry
    if not source.plan_patch:
        return Reply("invalid", "That answer has no plan change to send."), entry
    try:
        changes = await member_side.preview(
            services.sessions, user_id=patient.id, patch=source.plan_patch
        )
    except PatchProblem as problem:
        return Reply("invalid", f"That plan change can't be sent: {problem}."), entry
    if services.member_messenger is None or patient.telegram_chat_id is None:
        return Reply("failed", f"{patient.name} can't be reached on Telegram right now."), entry
    async with services.sessions.begin() as session:
        row = await store.add_suggestion(session, user_id=patient.id, patch=source.plan_patch,
                                         interaction_id=interaction_id)  # fmt: skip
    notice = SuggestionNotice(row.id, patient.telegram_chat_id, mentor.name,
                              str(source.plan_patch.get("summary") or ""), changes)  # fmt: skip
    if not await services.member_messenger.send_suggestion(notice):
        async with services.sessions.begin() as session:
            locked = await store.suggestion_for_update(session, suggestion_id=row.id)
            if locked is not None:
                await store.decide_suggestion(session, suggestion=locked, status="failed",
                                              at=services.clock())  # fmt: skip
        return Reply("failed", f"Telegram did not deliver it to {patient.name}."), entry
    sent = f"Sent to {patient.name} on Telegram; you'll get a DM when they answer."
    return Reply("answered", sent), entry


async def member_decided(
    services: MentorServices, *, suggestion_id: uuid.UUID, user_id: uuid.UUID, accept: bool
) -> Decision:
    """Apply or decline the member's answer, then tell the mentor by DM."""
    decision = await member_side.decide(
        services.sessions, suggestion_id=suggestion_id, user_id=user_id,
        accept=accept, now=services.clock(),
    )  # fmt: skip
    if decision.status in ("accepted", "declined", "not_applicable"):
        await _tell_mentor(services, decision)
    return decision


def mentor_message(decision: Decision) -> str:
    """The DM a mentor gets when the member answers."""
    who = decision.member_name or "Your patient"
    what = f" “{decision.summary}”" if decision.summary else ""
    if decision.status == "accepted":
        return f"{who} accepted your plan suggestion{what}.\n" + "\n".join(decision.changes)
    if decision.status == "declined":
        return f"{who} declined your plan suggestion{what}. Their plan is unchanged."
    return f"Your plan suggestion{what} to {who} could not be applied: their plan has changed."


async def _tell_mentor(services: MentorServices, decision: Decision) -> None:
    if services.mentor_notifier is None or not decision.mentor_slack_user_id:
        return
    try:
        await services.mentor_notifier.notify(
            decision.mentor_slack_user_id, mentor_message(decision)
        )
    except Exception:  # the member's answer is stored; a failed DM must not undo it
        log.exception("could not DM the mentor about a plan suggestion")
