"""/note <patient> <text>: a mentor's note that later copilot answers use."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from mentor import audit, patients
from mentor.audit import AuditEntry
from mentor.copilot import load_mentor
from mentor.services import MentorServices
from storage import mentors as store

log = logging.getLogger(__name__)

USAGE = "Usage: /note <name or @telegram_username> <text>, e.g. /note @anna prefers mornings"


@dataclass(frozen=True)
class NoteResult:
    """Whether the note was saved, and what to tell the mentor."""

    outcome: str
    text: str


async def add(services: MentorServices, *, slack_user_id: str, text: str) -> NoteResult:
    """Store a note about one of the mentor's own patients; audited whatever happens."""
    entry = AuditEntry(slack_user_id, "note", "failed", mentor_message=text)
    try:
        result, entry = await _add(services, entry, text.strip())
    except Exception:
        log.exception("note failed for %s", slack_user_id)
        result = NoteResult("failed", "Sorry, the note could not be saved; please try again.")
    await audit.record(
        services.sessions, AuditEntry(**{**entry.__dict__, "outcome": result.outcome})
    )
    return result


async def _add(
    services: MentorServices, entry: AuditEntry, text: str
) -> tuple[NoteResult, AuditEntry]:
    mentor, own = await load_mentor(services, entry.slack_user_id)
    match = patients.find(mentor, own, text)
    if not text:
        return NoteResult("invalid", USAGE), entry
    if mentor is None or (match.patient is None and not match.ambiguous):
        return NoteResult("refused", patients.refusal(match.query)), entry
    entry = AuditEntry(**{**entry.__dict__, "mentor_id": mentor.id})
    if match.patient is None:
        return NoteResult("clarify", patients.clarification(match)), entry
    entry = AuditEntry(**{**entry.__dict__, "patient_id": match.patient.id})
    body = match.rest.strip()
    if not body:
        return NoteResult("invalid", USAGE), entry
    if len(body) > services.options.max_note_chars:
        limit = services.options.max_note_chars
        return NoteResult(
            "invalid", f"That note is too long: keep it under {limit} characters."
        ), entry
    async with services.sessions.begin() as session:
        await store.add_note(session, mentor_id=mentor.id, patient_id=match.patient.id, text=body)
    return NoteResult("answered", f"Noted for {match.patient.name or 'your patient'}."), entry
