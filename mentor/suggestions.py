"""Plan suggestions from a copilot answer: send to the member, then tell the mentor the answer.

One press, one suggestion: the database keeps one per copilot answer and goal (migration
0004), so concurrent presses make one row and one send. The row and its outbox entry are
written together; the press then tries to deliver at once. Whoever sends (the press, a
later press, or the outbox job that retries with backoff) first claims the suggestion for
a while, so two senders never send the same suggestion at the same time.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import replace
from typing import Any

from coach import suggestions as member_side
from coach.i18n import N_, Translator, translator
from coach.outbox import Kind
from coach.suggestions import STATUS_WORDS, Decision, PatchProblem
from mentor import audit
from mentor.audit import AuditEntry, Reply
from mentor.notify import SuggestionNotice
from mentor.services import MentorServices
from storage import mentors as store
from storage import outbox
from storage.members import get_member
from storage.models import MentorInteraction, PlanSuggestion, User

log = logging.getLogger(__name__)

# What the mentor is told, in their language (marked for the core catalogue; FAILED comes
# before the mentor is known, so the transport says it with the mentor's translator).
YOUR_MENTOR = N_("Your mentor")  # the member's word for a mentor no longer on record
NOT_YOURS = N_("That answer is not one of yours to act on.")
FAILED = N_("Sorry, the suggestion could not be sent; please try again.")
NO_PATCH = N_("That answer has no plan change to send.")
CANT_SEND = N_("That plan change can't be sent: {problem}.")
ALREADY_SENT = N_("Already sent to {name} ({status}).")
SENT = N_("Sent to {name} on Telegram; you'll get a DM when they answer.")
BEING_SENT = N_("It is being sent to {name} right now.")
CANT_REACH = N_("It can't be sent to {name}: {reason}.")
NOT_DELIVERED = N_(
    "Telegram did not deliver it to {name}. goalbot keeps retrying; you can also press the "
    "button again."
)
# why a suggestion was not sent ("skipped: …" / "failed: …" results, kept in English in the
# outbox; said to the mentor in their language)
GONE = N_("the suggestion is gone (the member was erased)")
DELIVERED = N_("already delivered")
UNREACHABLE = N_("the member can't be reached on Telegram right now")
OUTBOX_KIND = "plan_suggestion"  # payload: suggestion_id


async def propose(services: MentorServices, *, slack_user_id: str, interaction_id: str) -> Reply:
    """Send the plan patch of one of the mentor's copilot answers to the patient; audited."""
    entry = AuditEntry(slack_user_id, "suggest_plan", "failed")
    raw = audit.scrub(interaction_id).strip()
    return await audit.audited(
        services.sessions, entry, lambda e: _propose(services, e, raw), FAILED
    )


async def _propose(
    services: MentorServices, entry: AuditEntry, raw_id: str
) -> tuple[Reply, AuditEntry]:
    async with services.sessions() as session:
        mentor = await store.mentor_by_slack_user(session, slack_user_id=entry.slack_user_id)
    t = translator(mentor.language if mentor is not None else None)
    try:
        interaction_id = uuid.UUID(raw_id)
    except ValueError:
        return Reply("invalid", t.gettext(NOT_YOURS)), entry
    async with services.sessions() as session:
        source = await store.interaction_by_id(session, interaction_id=interaction_id)
        patient = (
            await get_member(session, user_id=source.patient_id)
            if source and source.patient_id
            else None
        )
    if mentor is None or source is None or patient is None or source.mentor_id != mentor.id:
        return Reply("refused", t.gettext(NOT_YOURS)), entry
    entry = replace(entry, mentor_id=mentor.id, patient_id=patient.id, plan_patch=source.plan_patch)
    if patient.mentor_id != mentor.id or patient.mentor_consent_at is None:
        return Reply("refused", t.gettext(NOT_YOURS)), entry
    if not source.plan_patch:
        return Reply("invalid", t.gettext(NO_PATCH)), entry
    row = await _suggestion_of(services, source, patient, t)
    if isinstance(row, Reply):
        return row, entry
    return await _deliver_for_mentor(services, row, patient, t), entry


async def _suggestion_of(
    services: MentorServices, source: MentorInteraction, patient: User, t: Translator
) -> PlanSuggestion | Reply:
    """The answer's one suggestion: made now (with its outbox entry), or the one made before."""
    async with services.sessions() as session:
        earlier = await store.suggestion_for_interaction(session, interaction_id=source.id)
    if earlier is None:
        try:
            await member_side.preview(
                services.sessions, user_id=patient.id, patch=source.plan_patch or {}
            )
        except PatchProblem as problem:
            return Reply("invalid", t.gettext(CANT_SEND, problem=t.gettext(str(problem))))
        parsed = member_side.parse(source.plan_patch or {})
        async with services.sessions.begin() as session:
            made = await store.add_suggestion_once(
                session, user_id=patient.id, patch=source.plan_patch or {},
                interaction_id=source.id, goal_id=parsed.goal_id if parsed else None,
            )  # fmt: skip
            if made is not None:
                await outbox.enqueue(session, kind=OUTBOX_KIND,
                                     payload={"suggestion_id": str(made)},
                                     dedup_key=store.suggestion_outbox_key(made))  # fmt: skip
    async with services.sessions() as session:
        row = await store.suggestion_for_interaction(session, interaction_id=source.id)
    assert row is not None
    if row.delivered_at is not None or row.status != "pending":
        status = t.gettext(STATUS_WORDS.get(row.status, row.status))
        return Reply("invalid", t.gettext(ALREADY_SENT, name=patient.name, status=status))
    return row


async def _deliver_for_mentor(
    services: MentorServices, row: PlanSuggestion, patient: User, t: Translator
) -> Reply:
    result, name = await deliver(services, suggestion_id=row.id), patient.name
    if result == "sent":
        return Reply("answered", t.gettext(SENT, name=name))
    if result == "busy":
        return Reply("invalid", t.gettext(BEING_SENT, name=name))
    if result.startswith("skipped"):
        reason = _reason(t, result.split(": ", 1)[-1])
        return Reply("invalid", t.gettext(CANT_REACH, name=name, reason=reason))
    return Reply("failed", t.gettext(NOT_DELIVERED, name=name))


def _reason(t: Translator, reason: str) -> str:
    """Why a suggestion was skipped, in the mentor's language ("already accepted", …)."""
    status = reason.removeprefix("already ")
    if status != reason and status in STATUS_WORDS:
        return t.gettext("already {status}", status=t.gettext(STATUS_WORDS[status]))
    return t.gettext(reason)


async def deliver(services: MentorServices, *, suggestion_id: uuid.UUID) -> str:
    """Send one suggestion if nobody else is: "sent", "failed: why", "skipped: why" or "busy"."""
    async with services.sessions.begin() as session:
        row = await store.claim_suggestion_delivery(
            session, suggestion_id=suggestion_id,
            hold_seconds=services.options.suggestion_hold_seconds,
        )  # fmt: skip
    if row is None:
        return await _why_not_claimed(services, suggestion_id)
    notice = await _notice(services, row)
    sent = False
    if isinstance(notice, SuggestionNotice):
        assert services.member_messenger is not None
        try:
            sent = await services.member_messenger.send_suggestion(notice)
        except Exception:  # a bug or a timeout in the sender: the claim is freed below
            log.exception("plan suggestion %s: sending failed", suggestion_id)
    async with services.sessions.begin() as session:
        await store.settle_suggestion_delivery(
            session, suggestion_id=suggestion_id, delivered_at=services.clock() if sent else None
        )
    if isinstance(notice, str):
        return notice
    return "sent" if sent else "failed: Telegram did not accept it"


async def _why_not_claimed(services: MentorServices, suggestion_id: uuid.UUID) -> str:
    async with services.sessions() as session:
        row = await session.get(PlanSuggestion, suggestion_id)
    if row is None:
        return f"skipped: {GONE}"
    if row.delivered_at is not None:
        return f"skipped: {DELIVERED}"
    if row.status != "pending":
        return f"skipped: already {row.status}"
    return "busy"


async def _notice(services: MentorServices, row: PlanSuggestion) -> SuggestionNotice | str:
    """What the member is shown, or why it cannot be sent ("failed: …" / "skipped: …")."""
    if services.member_messenger is None:
        return "failed: Telegram is not set up in this process"
    async with services.sessions() as session:
        patient = await get_member(session, user_id=row.user_id)
        source = (
            await store.interaction_by_id(session, interaction_id=row.interaction_id)
            if row.interaction_id
            else None
        )
        mentor = (
            await store.mentor_by_id(session, mentor_id=source.mentor_id)
            if source and source.mentor_id
            else None
        )
    if patient is None or patient.telegram_chat_id is None:
        return f"failed: {UNREACHABLE}"
    try:
        changes = await member_side.preview(services.sessions, user_id=row.user_id,
                                            patch=row.patch, language=patient.language)  # fmt: skip
    except PatchProblem as problem:
        return f"skipped: {problem}"
    summary = str(row.patch.get("summary") or "")
    name = mentor.name if mentor else translator(patient.language).gettext(YOUR_MENTOR)
    return SuggestionNotice(row.id, patient.telegram_chat_id, name, summary, changes)


def outbox_kinds(services: MentorServices) -> dict[str, Kind]:
    """The outbox job's sender for plan suggestions (retries until Telegram accepts one)."""

    async def send(payload: dict[str, Any]) -> str:
        result = await deliver(services, suggestion_id=uuid.UUID(str(payload["suggestion_id"])))
        return "failed: another sender holds it" if result == "busy" else result

    return {OUTBOX_KIND: Kind(send=send)}


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
    """The DM a mentor gets when the member answers, in the mentor's language."""
    t = translator(decision.mentor_language)
    who = decision.member_name or t.gettext("Your patient")
    summary = decision.summary
    if decision.status == "accepted":
        text = (t.gettext("{who} accepted your plan suggestion “{summary}”.", who=who,
                          summary=summary) if summary
                else t.gettext("{who} accepted your plan suggestion.", who=who))  # fmt: skip
        return "\n".join([text, *decision.changes])
    if decision.status == "declined":
        if summary:
            return t.gettext("{who} declined your plan suggestion “{summary}”. Their plan is "
                             "unchanged.", who=who, summary=summary)  # fmt: skip
        return t.gettext("{who} declined your plan suggestion. Their plan is unchanged.", who=who)
    if summary:
        return t.gettext("Your plan suggestion “{summary}” to {who} could not be applied: their "
                         "plan has changed.", who=who, summary=summary)  # fmt: skip
    return t.gettext("Your plan suggestion to {who} could not be applied: their plan has "
                     "changed.", who=who)  # fmt: skip


async def _tell_mentor(services: MentorServices, decision: Decision) -> None:
    if services.mentor_notifier is None or not decision.mentor_slack_user_id:
        return
    try:
        await services.mentor_notifier.notify(
            decision.mentor_slack_user_id, mentor_message(decision)
        )
    except Exception:  # the member's answer is stored; a failed DM must not undo it
        log.exception("could not DM the mentor about a plan suggestion")
