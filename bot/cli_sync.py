"""`goalbot sync`: one PostgreSQL → warehouse pass with metrics, its status, or the schema."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from bot.settings import Settings
    from storage.db import Sessions
    from sync.pipeline import SyncReport

MAX_PASSES = 1000  # a backlog is loaded max_rows_per_run rows per table at a time


def sync(
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Compute metrics as of this moment, e.g. 2026-11-15T10:00 (UTC unless it has an offset)",
        ),
    ] = None,
    status: Annotated[
        bool, typer.Option("--status", help="Print the last run, rows per table and the lag")
    ] = False,
    init: Annotated[
        bool, typer.Option("--init", help="Create or upgrade the warehouse schema, then stop")
    ] = False,
) -> None:
    """Sync PostgreSQL into Snowflake (or the local emulator) and compute the metrics."""
    from bot.cli import settings_or_exit
    from bot.database import Database

    settings = settings_or_exit()
    moment = _parse_moment(as_of) if as_of else None
    if init:
        _init(settings)
        return
    with Database(settings.database.url, settings.app.data_dir) as url:
        asyncio.run(_main(settings, url, moment, status))


def _parse_moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        typer.echo(f"goalbot: --as-of {text!r} is not a time like 2026-11-15T10:00", err=True)
        raise typer.Exit(2) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _init(settings: Settings) -> None:
    from sync.schema import ensure_schema
    from sync.warehouse import WarehouseError, connect

    try:
        warehouse = connect(settings.snowflake, settings.app.data_dir)
        try:
            added = ensure_schema(warehouse, schema=settings.snowflake.schema_name)
        finally:
            warehouse.close()
    except WarehouseError as exc:
        typer.echo(f"goalbot: {exc}", err=True)
        raise typer.Exit(1) from None
    where = f"{settings.snowflake.database}.{settings.snowflake.schema_name}"
    typer.echo(
        f"warehouse schema {where}: " + (f"added {', '.join(added)}" if added else "up to date")
    )


async def _main(settings: Settings, url: str, moment: datetime | None, status: bool) -> None:
    from bot.wiring import open_sessions

    async with open_sessions(settings, url) as sessions:
        if status:
            for line in await _status_lines(sessions):
                typer.echo(line)
            return
        report = await _sync_until_caught_up(settings, sessions, moment)
    if report.status == "busy":
        typer.echo("goalbot: another sync pass is still running (one at a time); "
                   "try again when it has finished", err=True)  # fmt: skip
        raise typer.Exit(1)
    if report.status == "failed":
        typer.echo(f"goalbot: sync failed (the next run retries): {report.error}", err=True)
        raise typer.Exit(1)
    typer.echo(_summary(report, moment))


async def _sync_until_caught_up(
    settings: Settings, sessions: Sessions, moment: datetime | None
) -> SyncReport:
    from bot.wiring import journal_cipher
    from sync.pipeline import metrics_after, run_sync

    cipher = journal_cipher(settings) if settings.sync.include_journal_text else None
    totals: dict[str, int] = {}
    safety_changed, abandoned = False, 0
    for _ in range(MAX_PASSES):
        report = await run_sync(sessions, settings.snowflake, settings.sync, settings.app.data_dir,
                                as_of=moment, metrics=False, cipher=cipher,
                                lock_wait_seconds=settings.sync.lock_wait_seconds)  # fmt: skip
        for table, count in report.rows.items():
            totals[table] = totals.get(table, 0) + count
        safety_changed |= report.safety_changed
        abandoned += report.abandoned
        if report.status != "ok" or report.caught_up:
            break
    if report.status == "ok":  # a failure is recorded on the last pass's row, as run_sync does
        await metrics_after(report, sessions, settings.snowflake, settings.app.data_dir,
                            as_of=moment)  # fmt: skip
    report.rows, report.safety_changed, report.abandoned = totals, safety_changed, abandoned
    return report


def _summary(report: SyncReport, moment: datetime | None) -> str:
    when = moment.isoformat() if moment else "now"
    if report.nothing_new:
        line = f"nothing new to sync; metrics as of {when}"
    else:
        moved = ", ".join(_counted(table, n) for table, n in report.rows.items() if n)
        line = f"synced {_rows(report.rows)} rows ({moved}); metrics as of {when}"
    if report.abandoned:
        line += f"; closed {report.abandoned} run(s) a dead process had left running"
    if report.status == "metrics_failed":
        line += f"; metrics FAILED: {report.error}"
    if report.newly_high_risk:
        line += f"; {len(report.newly_high_risk)} member(s) newly at high risk"
    return line


def _rows(rows: dict[str, int]) -> int:
    """Rows moved; the open-safety snapshot is a count of members flagged, not rows moved."""
    return sum(n for table, n in rows.items() if table != "stg_safety")


def _counted(table: str, n: int) -> str:
    if table == "stg_safety":
        return f"open safety flags now on {n} member(s)"
    return f"{table.removeprefix('stg_')} {n}"


async def _status_lines(sessions: Sessions) -> list[str]:
    from storage.sync_state import count_runs, last_run, unsynced_checkins, waiting_changes
    from sync.schema import STAGING

    async with sessions() as session:
        latest = await last_run(session)
        good = await last_run(session, status="ok")
        waiting, oldest = await unsynced_checkins(session)
        changes, first_change = await waiting_changes(session)
        abandoned = await count_runs(session, status="abandoned")
    if latest is None:
        return ["no sync has run yet: run `goalbot sync`"]
    now = datetime.now(UTC)
    lines = [f"last run: {latest.started_at:%Y-%m-%d %H:%M:%S} UTC, {latest.status}"
             + (f": {latest.error}" if latest.error else "")]  # fmt: skip
    rows = latest.rows or {}
    ordered = [t for t in STAGING if t in rows] + [t for t in rows if t not in STAGING]
    moved = ", ".join(f"{t.removeprefix('stg_')} {rows[t]}" for t in ordered)
    lines.append(f"rows: {moved or 'none'}")
    if latest.status == "running":
        lines.append("running now (or its process died: the next run marks it abandoned)")
    if abandoned:
        lines.append(f"abandoned runs: {abandoned} (a process died mid-pass; the next run "
                     "closed each and cleared what it left)")  # fmt: skip
    if good is not None and good.finished_at is not None:
        lines.append(f"lag: {_ago(now - good.finished_at)} since the last successful sync")
    else:
        lines.append("lag: no successful sync yet")
    lines.append(
        f"changes waiting: {changes}"
        + (f" (oldest written {_ago(now - first_change)} ago)" if first_change else "")
    )
    lines.append(f"check-ins waiting: {waiting}"
                 + (f" (oldest changed {_ago(now - oldest)} ago)" if oldest else ""))  # fmt: skip
    return lines


def _ago(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 7200:
        return f"{seconds // 60} min"
    return f"{seconds // 3600} h {seconds % 3600 // 60} min"
