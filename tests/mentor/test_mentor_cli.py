"""`goalbot mentor add/invite/list`, `goalbot audit` and `goalbot slack manifest`."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from bot.cli import app
from mentor import copilot
from storage.db import Sessions
from storage.mentors import mentor_by_slack_user
from tests.fakes.mentoring import add_mentor, add_patient, services


@pytest.fixture
def cli(
    sessions: Sessions, database_url: str, clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> CliRunner:
    """A runner against this run's (emptied) database."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("GOALBOT_DATA_DIR", str(clean_env / "data"))
    return CliRunner()


@pytest.mark.slow
def test_add_invite_list_and_audit(cli: CliRunner) -> None:
    added = cli.invoke(app, ["mentor", "add", "U012ABCDEF", "Dr Rivera"])
    assert added.exit_code == 0, added.output
    assert "mentor Dr Rivera (U012ABCDEF) registered" in added.stdout

    invited = cli.invoke(app, ["mentor", "invite", "U012ABCDEF", "--hours", "24"])
    assert invited.exit_code == 0, invited.output
    code = invited.stdout.strip()
    assert len(code) == 11 and code[5] == "-"
    assert f"/mentor {code}" in invited.stderr

    listed = cli.invoke(app, ["mentor", "list"])
    assert listed.stdout.split() == ["U012ABCDEF", "Dr", "Rivera", "0", "patients"]

    audit = cli.invoke(app, ["audit", "--mentor", "U012ABCDEF", "--since", "1d"])
    assert audit.exit_code == 0 and "0 interactions since" in audit.stderr

    removed = cli.invoke(app, ["mentor", "remove", "U012ABCDEF"])
    assert removed.exit_code == 0 and "deactivated" in removed.stdout
    assert "(inactive)" in cli.invoke(app, ["mentor", "list"]).stdout
    assert cli.invoke(app, ["mentor", "invite", "U012ABCDEF"]).exit_code == 1
    assert cli.invoke(app, ["mentor", "remove", "U404"]).exit_code == 1


def test_bad_ids_and_unknown_mentors_get_one_clear_line(cli: CliRunner) -> None:
    bad = cli.invoke(app, ["mentor", "add", "rivera", "Dr Rivera"])
    unknown = cli.invoke(app, ["mentor", "invite", "U999999"])
    since = cli.invoke(app, ["audit", "--since", "last tuesday"])
    assert bad.exit_code == 2 and "is not a Slack member ID" in bad.stderr
    assert unknown.exit_code == 1 and "no active mentor has Slack id U999999" in unknown.stderr
    assert since.exit_code == 2 and "use 7d, 12h, 30m or a date" in since.output


async def test_audit_lists_every_interaction_of_one_mentor(
    cli: CliRunner, sessions: Sessions
) -> None:

    mentor = await add_mentor(sessions, "U1", "Dr Rivera")
    await add_patient(sessions, mentor, "Anna Smith", "anna")
    svc = services(sessions)
    await copilot.ask(svc, slack_user_id="U1", text="@anna how is she?")
    await copilot.ask(svc, slack_user_id="U1", text="@bob how is he?")
    await copilot.ask(svc, slack_user_id="U2", text="@anna how is she?")

    args = ["audit", "--mentor", "Dr Rivera", "--since", "2000-01-01", "--json"]
    result = await asyncio.to_thread(cli.invoke, app, args)  # the command runs its own loop

    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(x["action"], x["outcome"], x["sources"]) for x in lines] == [
        ("patient", "answered", ["postgresql"]), ("patient", "refused", []),
    ]  # fmt: skip
    plain = await asyncio.to_thread(cli.invoke, app, args[:-1])  # the table a person reads
    (answered, refused) = plain.stdout.splitlines()
    assert "'@anna how is she?' → " in answered and lines[0]["reply"][:20] in answered
    assert "'@bob how is he?' → " in refused and lines[1]["reply"][:20] in refused


def test_the_manifest_has_commands_home_interactivity_and_scopes(cli: CliRunner) -> None:
    result = cli.invoke(app, ["slack", "manifest", "--url", "https://bot.example.org/"])
    assert result.exit_code == 0, result.output
    manifest = json.loads(result.stdout)
    url = "https://bot.example.org/slack/events"
    commands = {c["command"]: c["url"] for c in manifest["features"]["slash_commands"]}
    assert commands == {"/patient": url, "/patients": url, "/note": url}
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True
    assert manifest["settings"]["interactivity"] == {"is_enabled": True, "request_url": url}
    assert manifest["settings"]["event_subscriptions"] == {
        "request_url": url,
        "bot_events": ["app_home_opened"],
    }
    assert manifest["oauth_config"]["scopes"]["bot"] == ["commands", "chat:write", "im:write"]

    plain = cli.invoke(app, ["slack", "manifest", "--url", "http://bot.example.org"])
    assert plain.exit_code == 2 and "not an https:// URL" in plain.stderr

    socket = cli.invoke(app, ["slack", "manifest", "--socket-mode"])
    assert socket.exit_code == 0, socket.output
    settings = json.loads(socket.stdout)["settings"]
    assert (
        settings["socket_mode_enabled"] is True and "request_url" not in settings["interactivity"]
    )
    assert cli.invoke(app, ["slack", "manifest"]).exit_code == 2


async def _language_of(sessions: Sessions, slack_user_id: str) -> str:
    async with sessions() as session:
        mentor = await mentor_by_slack_user(session, slack_user_id=slack_user_id)
        assert mentor is not None
        return mentor.language


async def test_a_mentor_reads_english_until_a_language_is_set(
    cli: CliRunner, sessions: Sessions
) -> None:
    def run(*args: str) -> Result:  # the command runs its own event loop: another thread
        return cli.invoke(app, ["mentor", *args])

    assert (await asyncio.to_thread(run, "add", "U012ABCDEF", "Dr Weber")).exit_code == 0
    assert await _language_of(sessions, "U012ABCDEF") == "en"
    chosen = await asyncio.to_thread(run, "language", "U012ABCDEF", "DE")
    assert chosen.exit_code == 0 and "now reads goalbot in de" in chosen.stdout
    assert await _language_of(sessions, "U012ABCDEF") == "de"
    wrong = await asyncio.to_thread(run, "language", "U012ABCDEF", "klingon")
    assert wrong.exit_code == 2 and "not a supported language" in wrong.stderr
    assert (await asyncio.to_thread(run, "language", "U404", "es")).exit_code == 1
