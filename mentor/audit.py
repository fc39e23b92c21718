"""The audit: every slash command and button a mentor uses, answered, refused or failed."""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from storage import mentors as store
from storage.db import Sessions

log = logging.getLogger(__name__)
OUTCOMES = ("answered", "refused", "clarify", "invalid", "failed")
AUDIT_CHARS = 4000  # of what the mentor sent, the audit keeps this much, and its length
_LONE_SURROGATES = re.compile("[\ud800-\udfff]")  # a str holds one only when it is lone


def scrub(text: str | None) -> str:
    """The text without NUL bytes and lone surrogates, which PostgreSQL text and JSON refuse."""
    if not text:
        return ""
    return _LONE_SURROGATES.sub("", text.replace("\x00", ""))


def _scrub_json(value: Any) -> Any:
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, dict):
        return {scrub(str(k)): _scrub_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub_json(v) for v in value]
    return value


@dataclass(frozen=True)
class AuditEntry:
    """One interaction to record; `outcome` is one of OUTCOMES."""

    slack_user_id: str
    action: str
    outcome: str
    mentor_id: uuid.UUID | None = None
    patient_id: uuid.UUID | None = None
    mentor_message: str | None = None
    ai_reply: str | None = None
    sources_used: dict[str, Any] | None = None
    plan_patch: dict[str, Any] | None = None


async def record(sessions: Sessions, entry: AuditEntry) -> uuid.UUID:
    """Store the entry in its own short transaction; return its id.

    Bad bytes are removed first; of the mentor's message the first AUDIT_CHARS characters
    are kept, with its full length.
    """
    if entry.outcome not in OUTCOMES:
        raise ValueError(f"unknown audit outcome {entry.outcome!r}")
    sent = entry.mentor_message
    async with sessions.begin() as session:
        row = await store.add_interaction(
            session,
            mentor_id=entry.mentor_id,
            patient_id=entry.patient_id,
            slack_user_id=scrub(entry.slack_user_id),
            action=entry.action,
            outcome=entry.outcome,
            mentor_message=None if sent is None else scrub(sent[: AUDIT_CHARS * 2])[:AUDIT_CHARS],
            mentor_message_chars=None if sent is None else len(sent),
            ai_reply=None if entry.ai_reply is None else scrub(entry.ai_reply),
            sources_used=_scrub_json(entry.sources_used),
            plan_patch=_scrub_json(entry.plan_patch),
        )
        return row.id


@dataclass(frozen=True)
class Reply:
    """What the mentor is told after a command or a button: the audited outcome and a text."""

    outcome: str
    text: str


async def audited(
    sessions: Sessions,
    entry: AuditEntry,
    work: Callable[[AuditEntry], Awaitable[tuple[Reply, AuditEntry]]],
    failed: str,
) -> Reply:
    """Run `work`, then audit its outcome; an exception becomes a `failed` reply, audited too."""
    try:
        reply, entry = await work(entry)
    except Exception:
        log.exception("%s failed for %s", entry.action, entry.slack_user_id)
        reply = Reply("failed", failed)
    try:
        shown = reply.text if entry.ai_reply is None else entry.ai_reply
        await record(sessions, replace(entry, outcome=reply.outcome, ai_reply=shown))
    except Exception:  # the mentor still gets an answer; the log says the audit is missing
        log.exception("could not audit %s for %s", entry.action, entry.slack_user_id)
    return reply


@dataclass(frozen=True)
class AuditLine:
    """One audited interaction as the `goalbot audit` command lists it."""

    at: datetime
    slack_user_id: str | None
    action: str
    outcome: str
    patient_id: uuid.UUID | None
    message: str | None
    reply: str | None  # what the mentor was shown (answer, refusal, question or usage)
    sources: list[str]
    plan_patch: bool


async def history(
    sessions: Sessions, *, since: datetime, mentor: str | None = None
) -> list[AuditLine]:
    """Interactions since `since`, for a mentor named by Slack user id or name, or for all."""
    async with sessions() as session:
        mentor_ids, slack_user_id = None, None
        if mentor is not None:
            mentor_ids = [
                m.id
                for m, _ in await store.list_mentors(session)
                if mentor in (m.name, m.slack_user_id)
            ]
            slack_user_id = mentor
        rows = await store.interactions(
            session, since=since, mentor_ids=mentor_ids, slack_user_id=slack_user_id
        )
    return [
        AuditLine(
            at=row.created_at,
            slack_user_id=row.slack_user_id,
            action=row.action,
            outcome=row.outcome,
            patient_id=row.patient_id,
            message=row.mentor_message,
            reply=row.ai_reply,
            sources=sorted((row.sources_used or {}).get("used", [])),
            plan_patch=row.plan_patch is not None,
        )
        for row in rows
    ]
