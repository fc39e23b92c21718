"""A mentor's language for Slack, from Slack itself: `/patient language` shows it and the
choices, `/patient language de` sets it (`goalbot mentor language` does the same from the CLI).

Only `language` alone, or `language` followed by one word that looks like a language code
("de", "pt-BR", "it"), is this command; any other text that starts with the word is a
question for the copilot as before (a patient named "Language" is reached by @username).
Every show and change is audited like the other mentor commands (action `language`).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, replace

from coach.i18n import SOURCE, offered_languages, pick_language
from mentor import audit
from mentor.audit import AuditEntry
from mentor.services import MentorServices
from storage import mentors as store
from storage.models import Mentor

WORD = "language"
_CODE = re.compile(r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})?$")


@dataclass(frozen=True)
class LanguageAsked:
    """`/patient language [code]`: `code` None shows the current language."""

    code: str | None


@dataclass(frozen=True)
class MentorLanguage:
    """What to tell the mentor: `language` is the one now in use (the new one after a change)."""

    outcome: str  # answered (shown or changed) | invalid (not offered) | refused (no mentor)
    language: str
    choices: tuple[str, ...]
    changed: bool = False
    asked: str | None = None  # what the mentor typed, when it is not a language on offer


def parse(text: str) -> LanguageAsked | None:
    """The language command in `/patient` text, or None when it is a copilot question."""
    words = (text or "").split()
    if not words or words[0].casefold() != WORD or len(words) > 2:
        return None
    if len(words) == 1:
        return LanguageAsked(None)
    return LanguageAsked(words[1]) if _CODE.match(words[1]) else None


def spoken_by(mentor: Mentor | None) -> str:
    """The language of this mentor's Slack texts (English when there is no active mentor)."""
    return mentor.language if mentor is not None else SOURCE


async def choose(services: MentorServices, *, slack_user_id: str, text: str) -> MentorLanguage:
    """Show (no code) or set the mentor's language; audited as `language`, failures included."""
    asked = parse(text)
    code = asked.code if asked is not None else None
    results: list[MentorLanguage] = []

    async def work(entry: AuditEntry) -> tuple[audit.Reply, AuditEntry]:
        result, mentor_id = await _apply(services, slack_user_id, code)
        results.append(result)
        done = replace(entry, outcome=result.outcome, mentor_id=mentor_id, ai_reply=result.language)
        return audit.Reply(result.outcome, result.language), done

    entry = AuditEntry(slack_user_id, WORD, "failed", mentor_message=text)
    reply = await audit.audited(services.sessions, entry, work, failed=SOURCE)
    return results[0] if results else MentorLanguage(reply.outcome, SOURCE, offered_languages())


async def _apply(
    services: MentorServices, slack_user_id: str, code: str | None
) -> tuple[MentorLanguage, uuid.UUID | None]:
    choices = offered_languages()
    async with services.sessions.begin() as session:
        mentor = await store.mentor_by_slack_user(session, slack_user_id=slack_user_id)
        if mentor is None:
            return MentorLanguage("refused", SOURCE, choices), None
        if code is None:
            return MentorLanguage("answered", mentor.language, choices), mentor.id
        chosen = pick_language(code, default="")
        if chosen not in choices:
            return MentorLanguage("invalid", mentor.language, choices, asked=code), mentor.id
        changed = chosen != mentor.language
        await store.set_mentor_language(session, slack_user_id=slack_user_id, language=chosen)
        return MentorLanguage("answered", chosen, choices, changed=changed), mentor.id
