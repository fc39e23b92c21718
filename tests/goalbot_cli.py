"""`goalbot …` invoked in the test process, leaving the root logger as it was."""

from __future__ import annotations

import logging

from click.testing import Result
from typer.testing import CliRunner

from bot.cli import app


def invoke(*args: str, stdin: str | None = None) -> Result:
    """Run `goalbot ARGS` in this process; its result (commands install their own log handler)."""
    handlers = logging.getLogger().handlers[:]
    try:
        return CliRunner().invoke(app, list(args), input=stdin)
    finally:
        logging.getLogger().handlers[:] = handlers
