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
    for _ in range(MAX_PASSES):
        report = await run_sync(sessions, settings.snowflake, settings.sync, settings.app.data_dir,
                                as_of=moment, metrics=False, cipher=cipher)  # fmt: skip
        for table, count in report.rows.items():
            totals[table] = totals.get(table, 0) + count
        if report.status != "ok" or report.caught_up:
            break
    if report.status == "ok":  # a failure is recorded on the last pass's row, as run_sync does
        await metrics_after(report, sessions, settings.snowflake, settings.app.data_dir,
                            as_of=moment)  # fmt: skip
    report.rows = totals
    return report


def _summary(report: SyncReport, moment: datetime | None) -> str:
    moved = ", ".join(f"{table.removeprefix('stg_')} {n}" for table, n in report.rows.items() if n)
    when = moment.isoformat() if moment else "now"
    line = (
        f"synced {sum(report.rows.values())} rows ({moved or 'nothing new'}); metrics as of {when}"
    )
    if report.status == "metrics_failed":
        line += f"; metrics FAILED: {report.error}"
    if report.newly_high_risk:
        line += f"; {len(report.newly_high_risk)} member(s) newly at high risk"
    return line


async def _status_lines(sessions: Sessions) -> list[str]:
    from storage.sync_state import last_run, unsynced_checkins
    from sync.schema import STAGING

    async with sessions() as session:
        latest = await last_run(session)
        good = await last_run(session, status="ok")
        waiting, oldest = await unsynced_checkins(session)
    if latest is None:
        return ["no sync has run yet: run `goalbot sync`"]
    now = datetime.now(UTC)
    lines = [f"last run: {latest.started_at:%Y-%m-%d %H:%M:%S} UTC, {latest.status}"
             + (f": {latest.error}" if latest.error else "")]  # fmt: skip
    rows = latest.rows or {}
    ordered = [t for t in STAGING if t in rows] + [t for t in rows if t not in STAGING]
    moved = ", ".join(f"{t.removeprefix('stg_')} {rows[t]}" for t in ordered)
    lines.append(f"rows: {moved or 'none'}")
    if good is not None and good.finished_at is not None:
        lines.append(f"lag: {_ago(now - good.finished_at)} since the last successful sync")
    else:
        lines.append("lag: no successful sync yet")
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
