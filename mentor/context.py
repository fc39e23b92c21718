"""What the copilot may see about one patient: PostgreSQL records plus warehouse analytics."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from cryptography.fernet import InvalidToken

from coach.llm.schemas import PatientContext
from mentor.analytics import (
    PERCENT_FIELDS,
    AnalyticsSource,
    PatientFigures,
    as_fraction,
    bounded_read,
)
from mentor.services import MentorServices
from storage import mentors as store
from storage.goals import goals_for_user, habits_for_user
from storage.journal import newest_entries
from storage.models import Checkin, Goal, Habit, JournalEntry, MentorNote, User
from storage.safety import safety_events

# The engine's names for two figures (coach/llm reads these keys); the rest keep their names.
RENAMED = {"last_checkin_days_ago": "days_since_last_checkin", "current_streak": "streak"}
CRISIS_WINDOW = timedelta(days=14)
FIGURES = (
    "adherence_7d", "adherence_30d", "adherence_90d", "current_streak", "longest_streak",
    "last_completion", "risk_level", "risk_score", "missed_count_3d", "missed_count_7d",
    "last_checkin_days_ago", "mood_trend", "computed_at",
)  # fmt: skip
RISK_FIGURES = (
    "risk_level", "risk_score", "missed_count_3d", "missed_count_7d",
    "last_checkin_days_ago", "mood_trend", "adherence_7d", "adherence_30d", "computed_at",
)  # fmt: skip


@dataclass(frozen=True)
class Warehouse:
    """Analytics for some patients, or why they are unavailable, and how fresh they are."""

    figures: dict[uuid.UUID, PatientFigures]
    last_sync: datetime | None
    error: str | None = None

    @property
    def available(self) -> bool:
        """True when the warehouse answered."""
        return self.error is None


async def read_warehouse(
    analytics: AnalyticsSource | None, user_ids: list[uuid.UUID], wait_seconds: float
) -> Warehouse:
    """Ask the warehouse for these patients; never raises (unavailable is an answer too)."""

    async def both(a: AnalyticsSource) -> tuple[dict[uuid.UUID, PatientFigures], datetime | None]:
        return await a.for_patients(user_ids), await a.last_sync()

    answer, error = await bounded_read(analytics, both, wait_seconds)
    figures, last_sync = answer or ({}, None)
    return Warehouse(figures, last_sync, error)


def figures_dict(
    figures: PatientFigures | None, names: tuple[str, ...] = FIGURES
) -> dict[str, Any]:
    """The named figures as JSON-ready values: adherence as 0–1, dates as ISO strings."""
    if figures is None:
        return {}
    out: dict[str, Any] = {}
    for name in names:
        value = getattr(figures, name, None)
        if name in PERCENT_FIELDS:
            value = as_fraction(value)
        if isinstance(value, date | datetime):
            value = value.isoformat()
        elif isinstance(value, float):
            value = round(value, 3)
        out[RENAMED.get(name, name)] = value
    return out


@dataclass(frozen=True)
class Gathered:
    """The patient context handed to the engine and the record of what it was built from."""

    context: PatientContext
    sources: dict[str, Any]


@dataclass(frozen=True)
class Records:
    """What PostgreSQL holds for one answer."""

    plan: list[tuple[Goal, list[Habit]]]
    checkins: list[tuple[Checkin, str]]
    journal: list[JournalEntry]
    notes: list[MentorNote]
    crises: int


async def read_records(
    services: MentorServices, *, mentor_id: uuid.UUID, patient: User, deep: bool
) -> Records:
    """One short read: plan, check-ins, journal, this mentor's notes, recent safety events."""
    opts = services.options
    async with services.sessions() as session:
        plan = await active_plan(session, user_id=patient.id)
        checkins = await store.latest_checkins_with_seed_rows(
            session,
            user_id=patient.id,
            limit=opts.checkins_history if deep else opts.checkins_brief,
        )
        journal = await newest_entries(
            session, user_id=patient.id, limit=opts.journal_history if deep else opts.journal_brief
        )
        notes = await store.recent_notes(
            session, patient_id=patient.id, mentor_id=mentor_id,
            limit=opts.notes_history if deep else opts.notes_brief,
        )  # fmt: skip
        since = services.clock() - CRISIS_WINDOW
        crises = len(await safety_events(session, user_id=patient.id, since=since))
    return Records(plan, checkins, journal, notes, crises)


async def gather(
    services: MentorServices, *, mentor_id: uuid.UUID, patient: User, mode: str
) -> Gathered:
    """Read PostgreSQL (closed before returning), then the warehouse; no model call here."""
    opts, deep = services.options, mode == "deep_dive"
    records = await read_records(services, mentor_id=mentor_id, patient=patient, deep=deep)
    warehouse = await read_warehouse(
        services.analytics, [patient.id], opts.analytics_timeout_seconds
    )
    figures = warehouse.figures.get(patient.id)
    share = patient.share_journal_text
    journal = [journal_line(e, services, share) for e in records.journal]
    checkins = [checkin_line(c, title) for c, title in records.checkins]
    numbers = figures_dict(figures, RISK_FIGURES if mode == "risk_intervention" else FIGURES)
    if figures is None:  # no warehouse row: what PostgreSQL can tell, so silence still shows
        numbers.update(quiet_days(records.checkins, services.clock().date()))
    numbers["crisis_events"] = records.crises
    context = PatientContext(
        name=patient.name or "the patient",
        language=patient.language,
        plan=plan_lines(records.plan),
        last_checkins=checkins[: opts.checkins_brief],
        journal=journal if deep else journal[: opts.journal_brief],
        mentor_notes=[note_line(n) for n in records.notes],
        analytics=numbers,
        history=checkins[opts.checkins_brief :] if deep else [],
    )
    return Gathered(context, describe_sources(services, records, share, warehouse, figures))


def quiet_days(checkins: list[tuple[Checkin, str]], today: date) -> dict[str, int]:
    """Days since the newest check-in that was not a miss, among those read, as the warehouse
    counts them; when every row read is a miss, since the oldest of them (a lower bound)."""
    days = [c.day for c, _ in checkins if c.day is not None]
    kept = [c.day for c, _ in checkins if c.day is not None and _status(c) != "missed"]
    if not days:
        return {}
    newest = max(kept) if kept else min(days)
    return {"days_since_last_checkin": max((today - newest).days, 0)}


async def active_plan(session: Any, *, user_id: uuid.UUID) -> list[tuple[Goal, list[Habit]]]:
    """The member's active goals, oldest first, each with its active habits."""
    goals = await goals_for_user(session, user_id=user_id, statuses=("active",))
    by_goal: dict[uuid.UUID, list[Habit]] = {g.id: [] for g in goals}
    for habit, goal in await habits_for_user(session, user_id=user_id):
        by_goal.setdefault(goal.id, []).append(habit)
    return [(goal, by_goal[goal.id]) for goal in goals]


def plan_lines(plan: list[tuple[Goal, list[Habit]]]) -> list[str]:
    """One line per goal and per habit."""
    lines = []
    for goal, habits in plan:
        until = f", until {goal.end_date.isoformat()}" if goal.end_date else ""
        lines.append(f"Goal: {goal.title} ({goal.category or 'general'}{until})")
        lines.extend(f"  Habit: {h.title} — {h.frequency}" for h in habits)
    return lines


def checkin_line(checkin: Checkin, title: str) -> str:
    """`2026-11-20 Run: done`."""
    day = checkin.day or checkin.created_at.date()
    status = _status(checkin)
    note = f" — {checkin.note}" if checkin.note else ""
    return f"{day.isoformat()} {title}: {status}{note}"


def _status(checkin: Checkin) -> str:
    return checkin.status or ("done" if checkin.completed else "missed")


def journal_line(entry: JournalEntry, services: MentorServices, share_text: bool) -> str:
    """Date, sentiment and tags; the text only when the patient agreed to share it, and never
    for an entry the safety flow kept (tag "crisis": its words never reach a model)."""
    sentiment = "n/a" if entry.sentiment_score is None else f"{entry.sentiment_score:+.2f}"
    tags = ", ".join(entry.mood_tags) or "none"
    line = f"{entry.created_at.date().isoformat()} sentiment {sentiment}, tags: {tags}"
    if share_text and entry.text and "crisis" not in entry.mood_tags:
        try:
            line += f" — “{services.cipher.decrypt(entry.text)}”"
        except InvalidToken:  # a key no longer configured: say so, never show ciphertext
            line += " — (text unreadable with the current journal key)"
    return line


def note_line(note: MentorNote) -> str:
    """`2026-11-20 note text`."""
    return f"{note.created_at.date().isoformat()} {note.text}"


def describe_sources(
    services: MentorServices,
    records: Records,
    share: bool,
    warehouse: Warehouse,
    figures: PatientFigures | None,
) -> dict[str, Any]:
    """What an answer was built from, stored in the audit and shown to the mentor."""
    postgres = {
        "goals": len(records.plan),
        "habits": sum(len(h) for _, h in records.plan),
        "checkins": len(records.checkins),
        "journal_entries": len(records.journal),
        "journal_text": share and bool(records.journal),
        "mentor_notes": len(records.notes),
        "safety_events_14d": records.crises,
    }
    snowflake: dict[str, Any] = {"available": warehouse.available}
    if warehouse.available:
        computed = getattr(figures, "computed_at", None)
        snowflake.update(
            patient_found=figures is not None,
            computed_at=computed.isoformat() if computed else None,
            last_sync=warehouse.last_sync.isoformat() if warehouse.last_sync else None,
            age_minutes=_age_minutes(services, warehouse.last_sync or computed),
        )
    else:
        snowflake["reason"] = warehouse.error
    used = ["postgresql"] + (["snowflake"] if warehouse.available and figures else [])
    return {"used": used, "postgresql": postgres, "snowflake": snowflake}


def _age_minutes(services: MentorServices, moment: datetime | None) -> int | None:
    if moment is None:
        return None
    if moment.tzinfo is None:  # the warehouse keeps UTC without a zone
        moment = moment.replace(tzinfo=UTC)
    return max(0, int((services.clock() - moment).total_seconds() // 60))
