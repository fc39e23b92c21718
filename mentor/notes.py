"""/note <patient> <text>: a mentor's note that later copilot answers use."""

from __future__ import annotations

from dataclasses import replace

from coach.i18n import N_, translator
from mentor import audit, patients
from mentor.audit import AuditEntry, Reply
from mentor.copilot import UNREAD, Known, load_mentor
from mentor.safety import safety_note
from mentor.services import MentorServices
from storage import mentors as store
from storage.models import Mentor, User

# in the mentor's language (FAILED comes before the mentor is known: the transport says it)
USAGE = N_("Usage: /note <name or @telegram_username> <text>, e.g. /note @anna prefers mornings")
FAILED = N_("Sorry, the note could not be saved; please try again.")
TOO_LONG = N_("That note is too long: keep it under {limit} characters.")
NOTED = N_("Noted for {name}.")


async def add(
    services: MentorServices, *, slack_user_id: str, text: str, mentor: Known = UNREAD
) -> Reply:
    """Store a note about one of the mentor's own patients; audited whatever happens."""
    entry = AuditEntry(slack_user_id, "note", "failed", mentor_message=text)
    scrubbed = audit.scrub(text).strip()
    return await audit.audited(
        services.sessions, entry, lambda e: _add(services, e, scrubbed, mentor), FAILED
    )


async def _add(
    services: MentorServices, entry: AuditEntry, text: str, known: Known
) -> tuple[Reply, AuditEntry]:
    mentor, own = await load_mentor(services, entry.slack_user_id, known)
    language = mentor.language if mentor is not None else None
    reply, entry = await _note(services, entry, text, mentor, own)
    if safety := safety_note(text, language):  # a note is read as closely as a question
        reply = Reply(reply.outcome, f"{safety}\n\n{reply.text}")
    return reply, entry


async def _note(
    services: MentorServices, entry: AuditEntry, text: str, mentor: Mentor | None, own: list[User]
) -> tuple[Reply, AuditEntry]:
    language = mentor.language if mentor is not None else None
    t, match = translator(language), patients.find(mentor, own, text)
    if not text:
        return Reply("invalid", t.gettext(USAGE)), entry
    if mentor is None or (match.patient is None and not match.ambiguous):
        return Reply("refused", patients.refusal(match.query, language)), entry
    entry = replace(entry, mentor_id=mentor.id)
    if match.patient is None:
        return Reply("clarify", patients.clarification(match, language)), entry
    entry = replace(entry, patient_id=match.patient.id)
    body = match.rest.strip()
    if not body:
        return Reply("invalid", t.gettext(USAGE)), entry
    if len(body) > (limit := services.options.max_note_chars):
        return Reply("invalid", t.gettext(TOO_LONG, limit=t.number(limit))), entry
    async with services.sessions.begin() as session:
        await store.add_note(session, mentor_id=mentor.id, patient_id=match.patient.id, text=body)
    name = match.patient.name or t.gettext("your patient")
    return Reply("answered", t.gettext(NOTED, name=name)), entry
