"""`goalbot mentor …`, `goalbot audit` and `goalbot slack manifest`: the mentor admin's commands."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Annotated, TypeVar

import typer

T = TypeVar("T")

mentor_app = typer.Typer(help="Register mentors and invite their patients.", no_args_is_help=True)
slack_app = typer.Typer(help="Set up the Slack app for mentors.", no_args_is_help=True)


def _with_sessions(work: Callable[..., Awaitable[T]]) -> T:
    """Bring the database up, open sessions, run `work(sessions)`, return its result."""
    from bot.cli import settings_or_exit
    from bot.database import Database
    from bot.wiring import open_sessions

    settings = settings_or_exit()

    async def run(url: str) -> T:
        async with open_sessions(settings, url) as sessions:
            return await work(sessions)

    with Database(settings.database.url, settings.app.data_dir) as url:
        return asyncio.run(run(url))


@mentor_app.command("add")
def add(
    slack_user_id: Annotated[
        str, typer.Argument(help="The mentor's Slack member ID, e.g. U012ABCDEF")
    ],
    name: Annotated[str, typer.Argument(help="The mentor's name as patients will see it")],
) -> None:
    """Register a mentor (or rename and reactivate one) by Slack user id."""
    from storage.mentors import add_mentor

    if not re.fullmatch(r"[UW][A-Z0-9]{2,}", slack_user_id):
        typer.echo(f"goalbot: '{slack_user_id}' is not a Slack member ID (like U012ABCDEF: "
                   "profile → ⋮ → Copy member ID)", err=True)  # fmt: skip
        raise typer.Exit(2)

    async def work(sessions):  # type: ignore[no-untyped-def]
        async with sessions.begin() as session:
            return await add_mentor(session, name=name.strip(), slack_user_id=slack_user_id)

    mentor = _with_sessions(work)
    typer.echo(f"mentor {mentor.name} ({mentor.slack_user_id}) registered")


@mentor_app.command("invite")
def invite(
    slack_user_id: Annotated[str, typer.Argument(help="The mentor's Slack member ID")],
    hours: Annotated[int, typer.Option(min=1, max=24 * 30, help="Hours the code stays valid")] = 72,
) -> None:
    """Print a one-time code a member sends as /mentor CODE in Telegram (only its hash is kept)."""
    from mentor.invites import UnknownMentor, create

    async def work(sessions):  # type: ignore[no-untyped-def]
        return await create(sessions, slack_user_id=slack_user_id, now=datetime.now(UTC),
                            ttl_hours=hours)  # fmt: skip

    try:
        code, expires = _with_sessions(work)
    except UnknownMentor:
        typer.echo(f"goalbot: no active mentor has Slack id {slack_user_id} "
                   "(add one with: goalbot mentor add <slack-user-id> <name>)", err=True)  # fmt: skip
        raise typer.Exit(1) from None
    typer.echo(code)
    typer.echo(f"one-time code; the member sends /mentor {code} to the bot on Telegram. "
               f"Valid until {expires:%Y-%m-%d %H:%M} UTC.", err=True)  # fmt: skip


@mentor_app.command("token")
def token(
    slack_user_id: Annotated[str, typer.Argument(help="The mentor's Slack member ID")],
    revoke: Annotated[bool, typer.Option("--revoke", help="Revoke their tokens instead")] = False,
) -> None:
    """Print an HTTP API token for a mentor (shown once; it replaces their earlier one)."""
    from bot.cli import settings_or_exit
    from bot.wiring import api_signing
    from coach.api_tokens import UnknownMentor, issue_for_mentor
    from coach.api_tokens import revoke as revoke_tokens
    from storage.mentors import mentor_by_slack_user

    signing = api_signing(settings_or_exit())

    async def work(sessions):  # type: ignore[no-untyped-def]
        now = datetime.now(UTC)
        if not revoke:
            return await issue_for_mentor(sessions, signing, slack_user_id=slack_user_id, now=now)
        async with sessions() as session:
            mentor = await mentor_by_slack_user(session, slack_user_id=slack_user_id)
        if mentor is None:
            raise UnknownMentor(slack_user_id)
        return await revoke_tokens(sessions, now=now, mentor_id=mentor.id)

    try:
        issued = _with_sessions(work)
    except UnknownMentor:
        typer.echo(f"goalbot: no active mentor has Slack id {slack_user_id}", err=True)
        raise typer.Exit(1) from None
    if revoke:
        typer.echo(f"{issued} token(s) of {slack_user_id} revoked")
        return
    typer.echo(issued.token)
    typer.echo(f"mentor id {issued.subject_id}; shown once; valid until "
               f"{issued.expires_at:%Y-%m-%d} UTC. Authorization: Bearer <token> (docs/api.md)", err=True)  # fmt: skip


@mentor_app.command("remove")
def remove(
    slack_user_id: Annotated[str, typer.Argument(help="The mentor's Slack member ID")],
) -> None:
    """Deactivate a mentor: Slack requests from them are refused, their invites stop working."""
    from storage.mentors import deactivate_mentor

    async def work(sessions):  # type: ignore[no-untyped-def]
        async with sessions.begin() as session:
            return await deactivate_mentor(session, slack_user_id=slack_user_id)

    if _with_sessions(work) is None:
        typer.echo(f"goalbot: no mentor has Slack id {slack_user_id}", err=True)
        raise typer.Exit(1)
    typer.echo(f"mentor {slack_user_id} deactivated (their audit history is kept)")


@mentor_app.command("language")
def language(
    slack_user_id: Annotated[str, typer.Argument(help="The mentor's Slack member ID")],
    code: Annotated[str, typer.Argument(help="en, es, de, fr or pt")],
) -> None:
    """Set the language of a mentor's Slack texts (English unless set; the copilot answers in it)."""
    from coach.i18n import SUPPORTED
    from storage.mentors import set_mentor_language

    chosen = code.strip().lower()
    if chosen not in SUPPORTED:
        typer.echo(f"goalbot: '{code}' is not a supported language ({', '.join(SUPPORTED)})",
                   err=True)  # fmt: skip
        raise typer.Exit(2)

    async def work(sessions):  # type: ignore[no-untyped-def]
        async with sessions.begin() as session:
            return await set_mentor_language(session, slack_user_id=slack_user_id, language=chosen)

    if _with_sessions(work) is None:
        typer.echo(f"goalbot: no mentor has Slack id {slack_user_id}", err=True)
        raise typer.Exit(1)
    typer.echo(f"mentor {slack_user_id} now reads goalbot in {chosen}")


@mentor_app.command("list")
def list_all() -> None:
    """List mentors with their Slack ids and number of patients."""
    from storage.mentors import list_mentors

    async def work(sessions):  # type: ignore[no-untyped-def]
        async with sessions() as session:
            return await list_mentors(session)

    rows = _with_sessions(work)
    if not rows:
        typer.echo("no mentors yet (goalbot mentor add <slack-user-id> <name>)")
    for mentor, patients in rows:
        state = "" if mentor.active else "  (inactive)"
        typer.echo(
            f"{mentor.slack_user_id or '-':<14} {mentor.name:<30} {patients} patients{state}"
        )


def parse_since(value: str, now: datetime) -> datetime:
    """`7d`, `12h`, `30m` ago, or an ISO date/time (UTC unless it says otherwise)."""
    if match := re.fullmatch(r"(\d+)\s*([dhm])", value.strip()):
        unit = {"d": "days", "h": "hours", "m": "minutes"}[match.group(2)]
        return now - timedelta(**{unit: int(match.group(1))})
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise typer.BadParameter("use 7d, 12h, 30m or a date like 2026-11-01") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def audit(
    mentor: Annotated[str | None, typer.Option(help="Slack user id or name of one mentor")] = None,
    since: Annotated[str, typer.Option(help="7d, 12h, or a date like 2026-11-01")] = "7d",
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line")] = False,
) -> None:
    """List audited mentor interactions: commands and buttons, answered, refused or failed."""
    from mentor.audit import history

    start = parse_since(since, datetime.now(UTC))
    lines = _with_sessions(lambda sessions: history(sessions, since=start, mentor=mentor))
    for line in lines:
        if as_json:
            typer.echo(json.dumps({**line.__dict__, "at": line.at.isoformat(),
                                   "patient_id": str(line.patient_id) if line.patient_id else None}))  # fmt: skip
            continue
        sources = ",".join(line.sources) or "-"
        patch = " plan_patch" if line.plan_patch else ""
        typer.echo(f"{line.at:%Y-%m-%d %H:%M:%S} {line.slack_user_id or '-':<12} {line.action:<13} "
                   f"{line.outcome:<9} {sources:<20} {(line.message or '')[:60]!r} → "
                   f"{(line.reply or '')[:60]!r}{patch}")  # fmt: skip
    if not as_json:
        typer.echo(f"{len(lines)} interactions since {start:%Y-%m-%d %H:%M} UTC", err=True)


@slack_app.command("manifest")
def manifest(
    url: Annotated[
        str | None, typer.Option(help="goalbot's public base URL, e.g. https://bot.example.org")
    ] = None,
    name: Annotated[str, typer.Option(help="The app's name in Slack")] = "goalbot",
    socket_mode: Annotated[
        bool, typer.Option("--socket-mode", help="Events over Socket Mode")
    ] = False,
) -> None:
    """Print a Slack app manifest (JSON) for "Create New App → From an app manifest"."""
    from bot.cli import settings_or_exit
    from handlers.slack.manifest import BadBaseUrl
    from handlers.slack.manifest import manifest as build

    if url is None and not socket_mode:
        typer.echo("goalbot: give --url https://… (goalbot's public address) or --socket-mode",
                   err=True)  # fmt: skip
        raise typer.Exit(2)
    path = settings_or_exit().slack.events_path
    try:
        typer.echo(json.dumps(build(url, name=name, path=path, socket_mode=socket_mode), indent=2))
    except BadBaseUrl as exc:
        typer.echo(f"goalbot: {exc}", err=True)
        raise typer.Exit(2) from None


def register(app: typer.Typer) -> None:
    """Add `mentor`, `audit` and `slack` to the goalbot command."""
    app.add_typer(mentor_app, name="mentor")
    app.command("audit")(audit)
    app.add_typer(slack_app, name="slack")
