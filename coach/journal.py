"""The journal: an entry is screened, stored encrypted, then analysed and reflected on.

Crisis language is screened before anything: such an entry is kept encrypted with the mood tag
"crisis" by the safety flow (`coach.crisis`), is never analysed or reflected on, and its text is
never shown to a model (the mentor copilot leaves it out).
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.chat import SafetyReply, over_daily_cap
from coach.crisis import respond
from coach.i18n import translator
from coach.members import Member
from coach.services import Services
from storage.journal import add_entry
from storage.models import JournalEntry


@dataclass(frozen=True)
class JournalSaved:
    """A stored entry with its sentiment in [-1, 1], mood tags and a short reflection."""

    sentiment: float | None
    mood_tags: list[str]
    reflection: str
    source: str


async def write(services: Services, *, member: Member, text: str) -> JournalSaved | SafetyReply:
    """Screen the entry, store it (encrypted), then analyse it."""
    if (safety := await respond(services, member=member, text=text, source="journal")) is not None:
        return safety
    async with services.sessions.begin() as session:
        entry = await add_entry(session, cipher=services.cipher, user_id=member.id, text=text)
    if await over_daily_cap(services, member=member):  # saved, but no model call today
        done = translator(member.language).gettext(
            "Saved. That's all my reading for today; more tomorrow."
        )
        return JournalSaved(None, [], done, "none")
    outcome = await services.engine.analyze_journal(
        text, user_id=member.id, language=member.language
    )
    analysis = outcome.value
    async with services.sessions.begin() as session:
        row = await session.get(JournalEntry, entry.id)
        if row is not None:
            row.sentiment_score = analysis.sentiment_score
            row.mood_tags = list(analysis.mood_tags)
            row.reflection = services.cipher.encrypt(analysis.reflection)  # for the export
    return JournalSaved(
        analysis.sentiment_score, list(analysis.mood_tags), analysis.reflection, outcome.source
    )
