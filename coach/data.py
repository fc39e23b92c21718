"""A member's own data: export it as JSON, or erase it after an explicit confirmation."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from coach import export_files as files
from coach.i18n import translator
from coach.members import Member
from coach.services import Services
from storage import checkins as checkin_store
from storage import goals as goal_store
from storage import groups as group_store
from storage import members as member_store
from storage import messages as msg_store
from storage.journal import recent_entries

EXPORT_LIMIT = 100_000


@dataclass(frozen=True)
class Export:
    """The member's data as a JSON document, and the zip with it and the CSVs (#15)."""

    filename: str
    content: bytes
    zip_name: str = ""
    zipped: bytes = b""


@dataclass(frozen=True)
class Forgotten:
    """The member and everything they wrote were erased."""


@dataclass(frozen=True)
class ForgetKept:
    """The member said no: nothing was erased."""


def _plain(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return value


def _row(obj: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    return {f: _plain(getattr(obj, f)) for f in fields}


async def export(services: Services, *, member: Member) -> Export:
    """Everything stored about the member, as JSON: profile, goals, habits, check-ins, words."""
    async with services.sessions() as session:
        user = await member_store.get_member(session, user_id=member.id)
        goals = await goal_store.goals_for_user(session, user_id=member.id)
        subgoals = await goal_store.subgoals_of(session, goal_ids=[g.id for g in goals])
        habits = await goal_store.habits_for_user(
            session,
            user_id=member.id,
            goal_statuses=("active", "paused", "archived"),
            only_active=False,
        )
        checkins = await checkin_store.checkins_for_export(session, user_id=member.id)
        messages = await msg_store.recent_messages(
            session,
            user_id=member.id,
            limit=EXPORT_LIMIT,
            types=("chat", "plan_draft", "checkin", "crisis"),
        )
        groups = await group_store.memberships_of(session, user_id=member.id)
        journal = await recent_entries(
            session, cipher=services.cipher, user_id=member.id, limit=EXPORT_LIMIT
        )
    habit_titles = {h.id: h.title for h, _ in habits}
    goal_titles = {g.id: g.title for g in goals}
    decrypt = services.cipher.decrypt
    document = {
        "member": _row(user, ("id", "name", "telegram_username", "timezone", "reminder_time", "reminders_enabled", "day_start_hour", "language", "created_at")),
        "goals": [files.goal_entry(g) for g in goals],
        "subgoals": [_row(s, ("id", "goal_id", "title", "status", "order")) for s in subgoals],
        "habits": [files.habit_entry(h, g, translator(member.language)) for h, g in habits],
        "checkins": files.checkin_entries(checkins, habit_titles, goal_titles),
        "messages": [_row(m, ("id", "message_type", "user_message", "ai_reply", "created_at")) for m in reversed(messages)],
        "journal": [_row(e, ("id", "sentiment_score", "mood_tags", "created_at")) | {"text": text, "reflection": decrypt(e.reflection) if e.reflection else None}
                    for e, text in reversed(journal)],
        "groups": [_row(m, ("group_id", "joined_at", "share_level", "rank_opt_out", "nudge_opt_out"))
                   | {"title": g.title, "shared_goal_ids": [str(i) for i in m.shared_goal_ids]} for g, m in groups],
        "exported_at": services.clock().isoformat(),
    }  # fmt: skip
    content = json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8")
    stem = f"goalbot-export-{services.clock():%Y-%m-%d}"
    zipped = files.archive(document, stem, member.language)
    return Export(filename=f"{stem}.json", content=content, zip_name=f"{stem}.zip", zipped=zipped)


async def forget(
    services: Services, *, user_id: uuid.UUID, confirmed: bool
) -> Forgotten | ForgetKept:
    """Erase the member (rows cascade) and queue the warehouse erasure; only when confirmed."""
    if not confirmed:
        return ForgetKept()
    async with services.sessions.begin() as session:
        await member_store.erase_member(session, user_id=user_id)
    assert services.limits is not None
    services.limits.forget(user_id)
    return Forgotten()
