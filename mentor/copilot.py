"""The /patient copilot: find the patient, gather context, ask the engine, audit everything."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC
from enum import Enum
from typing import Any

from coach.i18n import N_, translator
from coach.llm import Outcome
from coach.llm.schemas import MentorAnswer, PatientContext
from coach.suggestions import parse as parse_patch
from mentor import audit, clinical, patients
from mentor.audit import AuditEntry
from mentor.context import gather
from mentor.safety import MENTOR_SAFETY_MESSAGE as MENTOR_SAFETY_MESSAGE  # its old home
from mentor.safety import safety_note
from mentor.services import MentorServices
from storage import mentors as store
from storage.models import Mentor, User

log = logging.getLogger(__name__)

# Marked for the core catalogue: said in the mentor's language where the mentor is known, and
# by the transport with the mentor's translator (`t.gettext(USAGE)`) where the core could not.
USAGE = N_(
    "Usage: /patient <name or @telegram_username> [quick|deep|risk] <question>, "
    "e.g. /patient @anna deep how has her week been?"
)
TOO_LONG = N_("That is too long: keep it under {limit} characters.")
ASK_LENGTH = N_("Ask a question of 1 to {limit} characters.")
FAILED = N_("Sorry, something went wrong while answering; it has been logged. Please try again.")


def over_cap(limit: int, language: str = "en") -> str:
    """What a mentor is told past their own daily copilot cap (the patient's is never used)."""
    return translator(language).ngettext(
        "You have asked the copilot {count} question today, your daily limit; it resets at "
        "00:00 UTC. /patients still shows your patients' figures.",
        "You have asked the copilot {count} questions today, your daily limit; it resets at "
        "00:00 UTC. /patients still shows your patients' figures.",
        limit,
    )


@dataclass(frozen=True)
class CopilotResult:
    """What the mentor is told: an answer with its sources, or a refusal or a question."""

    outcome: str
    text: str
    patient_name: str | None = None
    mode: str | None = None
    answer: MentorAnswer | None = None
    safety_message: str | None = None
    sources: dict[str, Any] = field(default_factory=dict)
    interaction_id: uuid.UUID | None = None

    @property
    def has_plan_patch(self) -> bool:
        """True when the answer proposes a plan change the mentor can send to the member."""
        patch = self.answer.plan_patch if self.answer is not None else None
        return bool(patch) and parse_patch(patch) is not None


class Unread(Enum):
    """A mentor not looked up yet (None is a lookup that found no active mentor)."""

    UNREAD = "unread"


UNREAD = Unread.UNREAD
Known = Mentor | None | Unread  # what a transport already read, passed on to save a lookup


async def find_mentor(services: MentorServices, slack_user_id: str) -> Mentor | None:
    """The active mentor behind a Slack user, or None."""
    async with services.sessions() as session:
        return await store.mentor_by_slack_user(session, slack_user_id=slack_user_id)


async def load_mentor(
    services: MentorServices, slack_user_id: str, mentor: Known = UNREAD
) -> tuple[Mentor | None, list[User]]:
    """The active mentor behind a Slack user (looked up unless given), and their patients."""
    async with services.sessions() as session:
        if mentor is UNREAD:
            mentor = await store.mentor_by_slack_user(session, slack_user_id=slack_user_id)
        if mentor is None:
            return None, []
        return mentor, await store.patients_of(session, mentor_id=mentor.id)


async def ask(
    services: MentorServices, *, slack_user_id: str, text: str, mentor: Known = UNREAD
) -> CopilotResult:
    """Answer `/patient <who> [mode] <question>`; every outcome is audited, failures included."""
    base = AuditEntry(slack_user_id=slack_user_id, action="patient", outcome="failed",
                      mentor_message=text)  # fmt: skip
    try:
        return await _ask(services, base, audit.scrub(text).strip(), mentor)
    except Exception:
        log.exception("copilot failed for %s", slack_user_id)
        await _record_safely(services, base)
        return CopilotResult("failed", FAILED)


async def _ask(
    services: MentorServices, base: AuditEntry, text: str, known: Known
) -> CopilotResult:
    mentor, own = await load_mentor(services, base.slack_user_id, known)
    language = mentor.language if mentor is not None else None
    t, limit = translator(language), services.options.max_message_chars
    # before the patient is looked up: a typo in the name must not lose the safety note
    safety = safety_note(text, language)
    base = replace(base, mentor_id=mentor.id if mentor else None)

    async def told(outcome: str, said: str) -> CopilotResult:
        return await _finish(services, base, CopilotResult(outcome, said, safety_message=safety))

    if not text:
        return await told("invalid", t.gettext(USAGE))
    if len(text) > limit:
        return await told("invalid", t.gettext(TOO_LONG, limit=t.number(limit)))
    match = patients.find_asked(mentor, own, text)
    if mentor is None or (match.patient is None and not match.ambiguous):
        return await told("refused", patients.refusal(match.query, language))
    if match.patient is None:
        return await told("clarify", patients.clarification(match, language))
    return await _answer(services, replace(base, patient_id=match.patient.id), mentor, match,
                         safety)  # fmt: skip


async def _answer(
    services: MentorServices,
    base: AuditEntry,
    mentor: Mentor,
    match: patients.Match,
    safety: str | None,
) -> CopilotResult:
    patient = match.patient
    assert patient is not None
    mode, question = patients.split_mode(match.rest)
    t = translator(mentor.language)
    who = patient.name or t.gettext("my patient")
    question = question.strip() or t.gettext("How is {name} doing?", name=who)
    limit = services.options.daily_model_calls
    if await _calls_today(services, mentor) >= limit:
        refused = CopilotResult("refused", over_cap(limit, mentor.language),
                                patient_name=patient.name, safety_message=safety)  # fmt: skip
        return await _finish(services, base, refused)
    gathered = await gather(services, mentor_id=mentor.id, patient=patient, mode=mode)
    outcome = await services.engine.mentor_answer(
        mode, _flagged(gathered.context, safety), question, mentor_id=mentor.id, patient_id=patient.id,
        language=mentor.language,
    )  # fmt: skip
    answer: MentorAnswer = outcome.value
    sources = {**gathered.sources, "engine": _engine(outcome), "mode": mode}
    if safety:
        sources["safety"] = "mentor message screened as crisis language"
    if told := clinical.notice(question, mentor.language):
        answer = answer.model_copy(update={"reply": f"{told}\n\n{answer.reply}"})
        sources["clinical"] = "question asked for a diagnosis or medication advice"
    result = CopilotResult(
        "answered", answer.reply, patient_name=patient.name, mode=mode, answer=answer,
        safety_message=safety, sources=sources,
    )  # fmt: skip
    entry = replace(base, ai_reply=_audit_reply(answer, safety), sources_used=sources,
                  plan_patch=answer.plan_patch)  # fmt: skip
    return await _finish(services, entry, result)


async def _calls_today(services: MentorServices, mentor: Mentor) -> int:
    """The mentor's copilot calls since 00:00 UTC (model_calls rows carry the mentor)."""
    midnight = services.clock().astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    async with services.sessions() as session:
        return await store.count_mentor_calls(session, mentor_id=mentor.id, since=midnight)


def _engine(outcome: Outcome[MentorAnswer]) -> dict[str, Any]:
    return {
        "source": outcome.source,
        "model": outcome.model,
        "fallback_reason": outcome.fallback_reason,
        "latency_ms": outcome.latency_ms,
        "call_id": str(outcome.call_id) if outcome.call_id else None,
    }


def _flagged(context: PatientContext, safety: str | None) -> PatientContext:
    """The context, marked when the mentor's message held crisis language (third person too),
    so that any engine's answer is about reaching out, not praise."""
    if not safety:
        return context
    analytics = {**context.analytics, "crisis_reported": True}
    return context.model_copy(update={"analytics": analytics})


def _audit_reply(answer: MentorAnswer, safety: str | None) -> str:
    parts = [safety] if safety else []
    parts.append(answer.reply)
    parts += [f"- {a}" for a in answer.suggested_actions]
    return "\n".join(parts)


async def _finish(
    services: MentorServices, entry: AuditEntry, result: CopilotResult
) -> CopilotResult:
    if entry.ai_reply is None:  # a refusal, a question or the usage: audit what was shown
        shown = [result.safety_message, result.text] if result.safety_message else [result.text]
        entry = replace(entry, ai_reply="\n".join(shown))
    interaction_id = await audit.record(services.sessions, replace(entry, outcome=result.outcome))
    return replace(result, interaction_id=interaction_id)


async def _record_safely(services: MentorServices, entry: AuditEntry) -> None:
    try:
        await audit.record(services.sessions, entry)
    except Exception:
        log.exception("could not audit a failed interaction")


async def mentor_by_id(services: MentorServices, mentor_id: uuid.UUID) -> Mentor | None:
    """The active mentor with this id (the HTTP API's tokens name mentors by id)."""
    async with services.sessions() as session:
        mentor = await store.mentor_by_id(session, mentor_id=mentor_id)
    return mentor if mentor is not None and mentor.active else None


async def own_patient(
    services: MentorServices, mentor: Mentor, patient_id: uuid.UUID
) -> User | None:
    """The mentor's consenting, active patient with this id; None for anyone else."""
    async with services.sessions() as session:
        own = await store.patients_of(session, mentor_id=mentor.id)
    return next((p for p in own if p.id == patient_id), None)


async def ask_about(
    services: MentorServices, *, mentor: Mentor, patient_id: uuid.UUID, mode: str, question: str
) -> CopilotResult:
    """A question about one patient named by id (the HTTP API), answered and audited as
    `/patient` is; `mode` is quick_check, deep_dive or risk_intervention."""
    base = AuditEntry(slack_user_id=mentor.slack_user_id or str(mentor.id), action="api_patient",
                      outcome="failed", mentor_id=mentor.id, mentor_message=question)  # fmt: skip
    try:
        if not question.strip() or len(question) > services.options.max_message_chars:
            t, limit = translator(mentor.language), services.options.max_message_chars
            asked = t.gettext(ASK_LENGTH, limit=t.number(limit))
            return await _finish(services, base, CopilotResult("invalid", asked))
        patient = await own_patient(services, mentor, patient_id)
        if patient is None:
            refused = patients.refusal(str(patient_id), mentor.language)
            return await _finish(services, base, CopilotResult("refused", refused))
        word = next(w for w, m in patients.MODES.items() if m == mode)
        match = patients.Match(query=str(patient_id), patient=patient, rest=f"{word} {question}")
        safety = safety_note(question, mentor.language)
        return await _answer(services, replace(base, patient_id=patient.id), mentor, match, safety)
    except Exception:
        log.exception("copilot (API) failed for mentor %s", mentor.id)
        await _record_safely(services, base)
        return CopilotResult("failed", FAILED)
