"""`goalbot console`: the member journey in a terminal, on the embedded defaults."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from bot.settings import Settings

MEMBER_FILE = "console-member"


def _remembered(data_dir: Path) -> uuid.UUID | None:
    try:
        return uuid.UUID((data_dir / MEMBER_FILE).read_text().strip())
    except (OSError, ValueError):
        return None


def _remember(data_dir: Path, member_id: uuid.UUID | None) -> None:
    path = data_dir / MEMBER_FILE
    if member_id is None:
        path.unlink(missing_ok=True)
    else:
        path.write_text(str(member_id))


def _read_line(interactive: bool) -> str | None:
    try:
        return input("you> ") if interactive else (sys.stdin.readline() or None)
    except EOFError:
        return None


async def _group_session(settings: Settings, url: str) -> None:
    """`goalbot console --group`: several simulated members and one group chat."""
    from bot.wiring import coach_services, open_sessions
    from handlers.group_console import BANNER, GroupConsole

    interactive = sys.stdin.isatty()
    async with open_sessions(settings, url) as sessions:
        services = coach_services(settings, sessions)
        logging.getLogger().setLevel(logging.WARNING)
        console = GroupConsole(services, out_dir=settings.app.data_dir / "console")
        if interactive:
            typer.echo(BANNER)
        try:
            while (line := await asyncio.to_thread(_read_line, interactive)) is not None:
                if line.strip():
                    typer.echo(await console.handle(line))
        finally:
            await services.engine.aclose()


def locale_language() -> str | None:
    """The language of the terminal's locale (LC_ALL, LC_MESSAGES, then LANG: "de_DE.UTF-8")."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if value := os.environ.get(name):
            return value.split(".")[0]
    return None


async def _session(settings: Settings, url: str, fresh: bool, language: str | None) -> None:
    from bot.wiring import coach_services, open_sessions
    from handlers.console import BANNER, Console
    from handlers.i18n import speak

    data_dir = settings.app.data_dir
    interactive = sys.stdin.isatty()
    async with open_sessions(settings, url) as sessions:
        services = coach_services(settings, sessions)
        logging.getLogger().setLevel(logging.WARNING)  # start-up said what stands in; now the chat
        console = Console(services, member_id=None if fresh else _remembered(data_dir),
                          out_dir=data_dir / "console", remember=lambda m: _remember(data_dir, m),
                          language=language)  # fmt: skip
        if interactive:
            typer.echo(speak(language).gettext(BANNER))
        try:
            while (line := await asyncio.to_thread(_read_line, interactive)) is not None:
                if line.strip():
                    typer.echo(await console.handle(line))
        finally:
            await services.engine.aclose()


def console(
    fresh: Annotated[bool, typer.Option("--fresh", help="Start as a new member")] = False,
    group: Annotated[
        bool, typer.Option("--group", help="Play a group chat with several members (/as NAME)")
    ] = False,
    language: Annotated[
        str | None,
        typer.Option(
            "--language", help="A new member's language (en, es, de, fr, pt); default: the locale's"
        ),
    ] = None,
) -> None:
    """Chat with goalbot in this terminal (buttons are numbered choices); stdin may be a script."""
    from bot.cli import settings_or_exit
    from bot.database import Database

    settings = settings_or_exit()
    settings.app.data_dir.mkdir(parents=True, exist_ok=True)
    with Database(settings.database.url, settings.app.data_dir) as url:
        chosen = language or locale_language()
        asyncio.run(
            _group_session(settings, url) if group else _session(settings, url, fresh, chosen)
        )
