"""The schema: migrations up, down and without drift; the constraints that keep data whole."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import insert, inspect, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.migrate import downgrade, upgrade
from storage.db import Sessions, create_engine
from storage.models import Base, Checkin, Goal, Habit, ReminderSent, User
from tests.fakes.builder import Builder

SEED_COLUMNS = {
    "users": {"id", "name", "mentor_id", "created_at", "updated_at"},
    "goals": {"id", "user_id", "title", "category", "frequency", "ai_plan", "start_date",
              "end_date"},
    "subgoals": {"id", "goal_id", "title", "status", "order"},
    "habits": {"id", "goal_id", "title", "frequency", "schedule"},
    "checkins": {"id", "goal_id", "user_id", "completed", "synced_to_snowflake", "created_at",
                 "updated_at"},
    "messages": {"id", "user_id", "user_message", "ai_reply", "message_type", "context_used"},
    "journal_entries": {"id", "user_id", "text", "sentiment_score", "mood_tags"},
    "mentor_interactions": {"id", "mentor_id", "patient_id", "mentor_message", "ai_reply",
                            "sources_used", "plan_patch"},
}  # fmt: skip


async def test_models_and_migrations_do_not_drift(engine: AsyncEngine) -> None:
    def diff(sync_conn) -> list:
        ctx = MigrationContext.configure(sync_conn, opts={"compare_type": True})
        return compare_metadata(ctx, Base.metadata)

    async with engine.connect() as conn:
        assert await conn.run_sync(diff) == []


async def test_seed_tables_keep_their_column_names(engine: AsyncEngine) -> None:
    def columns(sync_conn) -> dict[str, set[str]]:
        inspector = inspect(sync_conn)
        return {t: {c["name"] for c in inspector.get_columns(t)} for t in SEED_COLUMNS}

    async with engine.connect() as conn:
        found = await conn.run_sync(columns)
    for table, seed in SEED_COLUMNS.items():
        assert seed <= found[table], f"{table} lost {seed - found[table]}"


async def test_a_row_with_only_seed_columns_can_be_inserted(sessions: Sessions) -> None:
    async with sessions.begin() as session:
        user_id = (
            await session.execute(insert(User).values(name="Ada").returning(User.id))
        ).scalar()
        goal_id = (
            await session.execute(
                insert(Goal).values(user_id=user_id, title="Run", frequency="3x").returning(Goal.id)
            )
        ).scalar()
        await session.execute(
            text("INSERT INTO checkins (goal_id, user_id, completed) VALUES (:g, :u, true)"),
            {"g": goal_id, "u": user_id},
        )
        await session.execute(
            text("INSERT INTO journal_entries (user_id, text) VALUES (:u, 'old entry')"),
            {"u": user_id},
        )
        user = await session.get(User, user_id)
    assert user is not None and user.timezone == "UTC" and user.day_start_hour == 3


async def _habit(sessions: Sessions) -> tuple[User, Goal, Habit]:
    build = Builder(sessions)
    user = await build.member("Bo", telegram_user_id=42)
    goal = await build.goal(user, "Read", None)
    return user, goal, await build.habit(goal, "daily", title="Read 10 pages")


async def test_a_second_checkin_for_one_habit_and_day_is_refused(sessions: Sessions) -> None:
    user, goal, habit = await _habit(sessions)
    values = dict(goal_id=goal.id, user_id=user.id, habit_id=habit.id, day=date(2026, 11, 2))
    async with sessions.begin() as session:
        session.add(Checkin(**values, completed=True, status="done"))
    with pytest.raises(IntegrityError):
        async with sessions.begin() as session:
            session.add(Checkin(**values, completed=False, status="missed"))
    async with sessions() as session:
        assert len((await session.scalars(select(Checkin))).all()) == 1


async def test_a_checkin_status_outside_the_vocabulary_is_refused(sessions: Sessions) -> None:
    user, goal, habit = await _habit(sessions)
    with pytest.raises(IntegrityError):
        async with sessions.begin() as session:
            session.add(Checkin(goal_id=goal.id, user_id=user.id, habit_id=habit.id,
                                day=date(2026, 11, 2), status="maybe"))  # fmt: skip


async def test_a_second_reminder_of_one_kind_per_day_is_refused(sessions: Sessions) -> None:
    user, _, _ = await _habit(sessions)
    async with sessions.begin() as session:
        session.add(ReminderSent(user_id=user.id, day=date(2026, 11, 2), kind="daily"))
    with pytest.raises(IntegrityError):
        async with sessions.begin() as session:
            session.add(ReminderSent(user_id=user.id, day=date(2026, 11, 2), kind="daily"))


async def test_erasing_a_member_removes_their_rows(sessions: Sessions) -> None:
    user, goal, habit = await _habit(sessions)
    async with sessions.begin() as session:
        session.add(Checkin(goal_id=goal.id, user_id=user.id, habit_id=habit.id,
                            day=date(2026, 11, 2), status="done", completed=True))  # fmt: skip
    async with sessions.begin() as session:
        await session.delete(await session.get(User, user.id))
    async with sessions() as session:
        assert (await session.scalars(select(Checkin))).all() == []
        assert (await session.scalars(select(Habit))).all() == []


@pytest.mark.slow
async def test_upgrade_and_downgrade_on_an_empty_database(fresh_database: str) -> None:
    # fresh_database is this run's database before `database_url` migrates it, so use a
    # sibling database to leave the shared one alone.
    import asyncpg
    from sqlalchemy.engine import make_url

    url = make_url(fresh_database)
    name = f"{url.database}_updown"
    admin = await asyncpg.connect(url.set(database="postgres", drivername="postgresql")
                                  .render_as_string(hide_password=False))  # fmt: skip
    await admin.execute(f'CREATE DATABASE "{name}"')
    target = url.set(database=name).render_as_string(hide_password=False)
    try:
        await asyncio.to_thread(upgrade, target)
        tables = await _tables(target)
        assert {"users", "checkins", "reminders_sent", "model_calls"} <= tables
        await asyncio.to_thread(downgrade, target)
        assert await _tables(target) == {"alembic_version"}
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def _tables(url: str) -> set[str]:
    eng = create_engine(url)
    async with eng.connect() as conn:
        names = await conn.run_sync(lambda c: set(inspect(c).get_table_names()))
    await eng.dispose()
    return names
