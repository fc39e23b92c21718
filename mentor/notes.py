"""/note <patient> <text>: a mentor's note that later copilot answers use."""

from __future__ import annotations

from dataclasses import replace

from mentor import audit, patients
from mentor.audit import AuditEntry, Reply
from mentor.copilot import load_mentor
from mentor.services import MentorServices
from storage import mentors as store

USAGE = "Usage: /note <name or @telegram_username> <text>, e.g. /note @anna prefers mornings"
FAILED = "Sorry, the note could not be saved; please try again."


async def add(services: MentorServices, *, slack_user_id: str, text: str) -> Reply:
    """Store a note about one of the mentor's own patients; audited whatever happens."""
    entry = AuditEntry(slack_user_id, "note", "failed", mentor_message=text)
    return await audit.audited(
        services.sessions, entry, lambda e: _add(services, e, audit.scrub(text).strip()), FAILED
    )


async def _add(services: MentorServices, entry: AuditEntry, text: str) -> tuple[Reply, AuditEntry]:
    mentor, own = await load_mentor(services, entry.slack_user_id)
    match = patients.find(mentor, own, text)
    if not text:
        return Reply("invalid", USAGE), entry
    if mentor is None or (match.patient is None and not match.ambiguous):
        return Reply("refused", patients.refusal(match.query)), entry
    entry = replace(entry, mentor_id=mentor.id)
    if match.patient is None:
        return Reply("clarify", patients.clarification(match)), entry
    entry = replace(entry, patient_id=match.patient.id)
    body = match.rest.strip()
    if not body:
        return Reply("invalid", USAGE), entry
    if len(body) > services.options.max_note_chars:
        limit = services.options.max_note_chars
        return Reply("invalid", f"That note is too long: keep it under {limit} characters."), entry
    async with services.sessions.begin() as session:
        await store.add_note(session, mentor_id=mentor.id, patient_id=match.patient.id, text=body)
    return Reply("answered", f"Noted for {match.patient.name or 'your patient'}."), entry
