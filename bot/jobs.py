"""goalbot's scheduled jobs: what each does, and how often (from `[scheduler]` in bot.toml)."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from bot.group_jobs import groups_job
from bot.scheduler import Clock, Every, JobSpec
from bot.settings import Settings
from coach.outbox import Backoff, Kind, deliver_pending
from coach.scheduled import reviews
from coach.scheduled.delivery import Sent, deliver
from coach.scheduled.easier_plans import propose_easier_plan, withdraw
from coach.scheduled.group_recaps import claim_recap, compose_recap, groups_due
from coach.scheduled.reminders import QuietHours, send_due_reminders
from coach.scheduled.rollover import record_misses
from coach.services import Services, utc_now
from storage.db import Sessions, driver_connection
from storage.inbox import prune

log = logging.getLogger(__name__)

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
REVIEW_TICK = timedelta(minutes=15)  # every UTC offset in use is a multiple of 15 minutes


class MemberSender(Protocol):
    """What the jobs need from a chat platform to reach members (the Telegram notifier)."""

    async def send_reminder(self, item: Any) -> Sent:
        """Send a morning reminder with its check-in buttons."""
        ...

    async def send_post(self, item: Any) -> Sent:
        """Send a prepared post (weekly review, monthly report)."""
        ...

    async def send_suggestion(self, item: Any) -> Sent:
        """Send an easier-plan suggestion with Accept / Decline."""
        ...


@dataclass
class JobDeps:
    """Everything the jobs use; a platform or pipeline left None is skipped, not faked."""

    sessions: Sessions
    settings: Settings
    coach: Services | None = None
    sender: MemberSender | None = None
    run_sync: Callable[[], Awaitable[Any]] | None = None
    run_metrics: Callable[[str], Awaitable[Any]] | None = None
    after_sync: Callable[[Any], Awaitable[Any]] | None = None
    clock: Clock = utc_now
    outbox_kinds: dict[str, Kind] | None = None  # how each kind of outbox row is sent


def _quiet(deps: JobDeps) -> QuietHours | None:
    coach = deps.settings.coach
    if coach.quiet_hours_start is None or coach.quiet_hours_end is None:
        return None
    return QuietHours(coach.quiet_hours_start, coach.quiet_hours_end)


def _grace(deps: JobDeps) -> timedelta:
    return timedelta(seconds=max(60, deps.settings.scheduler.misfire_grace_seconds))


async def reminders_job(deps: JobDeps, fire_time: datetime) -> dict[str, Any]:
    """Every minute: send each member's morning reminder once, within the grace window."""
    if deps.sender is None:
        return {"skipped": "no member platform configured"}
    counts = await send_due_reminders(deps.sessions, deps.sender.send_reminder, now=deps.clock(),
                                      window=_grace(deps), quiet=_quiet(deps))  # fmt: skip
    return dict(counts)


async def _weekly(coach: Services, sender: MemberSender, slot: reviews.Slot) -> Sent:
    """The weekly review, then an easier plan if a goal struggled two weeks running."""
    sent = await sender.send_post(await reviews.compose_weekly(coach, slot))
    if sent.status != "sent":
        return sent
    try:
        plan = await propose_easier_plan(coach, slot)
        if plan is not None and (await sender.send_suggestion(plan)).status != "sent":
            await withdraw(coach, plan)
    except Exception:  # the review went out; a failed suggestion must not mark it failed
        log.exception("weekly plan suggestion failed for member %s", slot.user_id)
    return sent


async def _monthly(coach: Services, sender: MemberSender, slot: reviews.Slot) -> Sent:
    return await sender.send_post(await reviews.compose_monthly(coach, slot))


async def _posts(deps: JobDeps, post: Any, **where: Any) -> dict[str, int]:
    assert deps.sender is not None and deps.coach is not None
    coach, sender = deps.coach, deps.sender

    async def send(slot: reviews.Slot) -> Sent:
        return await post(coach, sender, slot)

    # Read the slots and close the session before composing: compose_* and the plan suggestion
    # call the LLM, which must not hold a connection open. A slot is a few ids and short
    # strings, so even 100k members due in one tick is a few MB.
    async with deps.sessions() as session:
        due = [slot async for slot in reviews.slots(session, now=deps.clock(), window=REVIEW_TICK,
                   at=deps.settings.scheduler.weekly_review_time, **where)]  # fmt: skip
    return dict(await deliver(deps.sessions, _each(due), send, concurrency=8))


async def _each(items: list[Any]) -> AsyncIterator[Any]:
    for item in items:
        yield item


async def reviews_job(deps: JobDeps, fire_time: datetime) -> dict[str, Any]:
    """Every 15 minutes: weekly reviews (with plan suggestions) and monthly reports now due."""
    if deps.sender is None or deps.coach is None:
        return {"skipped": "no member platform configured"}
    scheduler = deps.settings.scheduler
    weekday = WEEKDAYS.index(scheduler.weekly_review_day) + 1
    weekly = await _posts(deps, _weekly, kind=reviews.WEEKLY_REVIEW, weekday=weekday)
    monthly = await _posts(deps, _monthly, kind=reviews.MONTHLY_REPORT,
                           month_day=scheduler.monthly_report_day)  # fmt: skip
    groups = await _group_recaps(deps, weekday)
    return {"weekly": weekly, "monthly": monthly, "groups": groups}


async def _group_recaps(deps: JobDeps, weekday: int) -> dict[str, int]:
    """Each group's weekly recap at the review time in the group's time zone, once."""
    assert deps.sender is not None and deps.coach is not None
    counts: Counter[str] = Counter()
    async with deps.sessions() as session:
        due = [slot async for slot in groups_due(session, now=deps.clock(), window=REVIEW_TICK,
                   at=deps.settings.scheduler.weekly_review_time, weekday=weekday)]  # fmt: skip
    for slot in due:
        if not await claim_recap(deps.coach, slot):
            counts["duplicate"] += 1
            continue
        try:
            counts[(await deps.sender.send_post(await compose_recap(deps.coach, slot))).status] += 1
        except Exception:
            log.exception("group recap failed for group %s", slot.group_id)
            counts["failed"] += 1
    return dict(counts)


async def rollover_job(deps: JobDeps, fire_time: datetime) -> dict[str, Any]:
    """Hourly: record a miss for each scheduled, unchecked habit of every day just closed."""
    missed = await record_misses(deps.sessions, now=deps.clock(),
                                 rollover_hour=deps.settings.scheduler.rollover_hour)  # fmt: skip
    return {"missed": missed}


async def sync_job(deps: JobDeps, fire_time: datetime) -> dict[str, Any]:
    """Postgres → Snowflake, then DM the mentors of patients who just became high risk."""
    if deps.run_sync is None:
        return {"skipped": "sync not wired"}
    report = await deps.run_sync()
    told = await deps.after_sync(report) if deps.after_sync is not None else None
    return {"report": str(report)[:500], "mentors_told": len(told or [])}


def metrics_job(kind: str) -> Callable[[JobDeps, datetime], Awaitable[dict[str, Any]]]:
    """A job recomputing one family of warehouse metrics (adherence and streaks, or risk).

    The sync pass recomputes them only when it changed their inputs; these jobs refresh
    what moves with the calendar alone (7-day windows, streaks, days since a check-in).
    """

    async def run(deps: JobDeps, fire_time: datetime) -> dict[str, Any]:
        if deps.run_metrics is None:
            return {"skipped": "metrics not wired"}
        return {"result": str(await deps.run_metrics(kind))[:500]}

    return run


async def outbox_job(deps: JobDeps, fire_time: datetime) -> dict[str, Any]:
    """Every few seconds: deliver pending outbox sends (mentor alerts), retrying with backoff."""
    if not deps.outbox_kinds:
        return {"skipped": "no outbox sender configured"}
    cfg = deps.settings.outbox
    backoff = Backoff(timedelta(seconds=cfg.retry_base_seconds),
                      timedelta(seconds=cfg.retry_max_seconds), timedelta(hours=cfg.give_up_hours))  # fmt: skip
    counts = await deliver_pending(deps.sessions, deps.outbox_kinds, now=deps.clock,
                                   backoff=backoff, batch=cfg.batch)  # fmt: skip
    return dict(counts)


async def inbox_prune_job(deps: JobDeps, fire_time: datetime) -> dict[str, Any]:
    """Hourly: delete Telegram updates handled longer ago than `inbox.keep_hours`."""
    async with driver_connection(deps.sessions) as conn:
        pruned = await prune(conn, older_than_hours=deps.settings.inbox.keep_hours)
    return {"pruned": pruned}


def job_specs(deps: JobDeps) -> list[JobSpec]:
    """Every job with its cadence; fire times are aligned in UTC so every process agrees."""
    cfg = deps.settings.scheduler
    table: list[tuple[str, Every, Callable[[JobDeps, datetime], Awaitable[dict[str, Any]]]]] = [
        ("reminders", Every(timedelta(minutes=1)), reminders_job),
        ("reviews", Every(REVIEW_TICK), reviews_job),
        ("groups", Every(REVIEW_TICK, timedelta(minutes=2)), groups_job),
        ("rollover", Every(timedelta(hours=1), timedelta(minutes=1)), rollover_job),
        ("sync", Every(timedelta(minutes=cfg.sync_interval_minutes)), sync_job),
        ("metrics_adherence", Every(timedelta(hours=cfg.adherence_interval_hours)),
         metrics_job("adherence")),
        ("metrics_risk", Every(timedelta(hours=cfg.risk_interval_hours)), metrics_job("risk")),
        ("outbox", Every(timedelta(seconds=deps.settings.outbox.interval_seconds)), outbox_job),
        ("inbox_prune", Every(timedelta(hours=1), timedelta(minutes=7)), inbox_prune_job),
    ]  # fmt: skip
    return [JobSpec(name, every, _bound(body, deps)) for name, every, body in table]


def _bound(
    body: Callable[[JobDeps, datetime], Awaitable[dict[str, Any]]], deps: JobDeps
) -> Callable[[datetime], Awaitable[dict[str, Any]]]:
    async def run(fire_time: datetime) -> dict[str, Any]:
        return await body(deps, fire_time)

    return run
