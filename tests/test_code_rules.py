"""The code rules CI enforces: ruff lint and format, and docs/architecture.md's import rules."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    exe = BIN / command[0]
    program = str(exe) if exe.exists() else shutil.which(command[0]) or command[0]
    return subprocess.run(
        [program, *command[1:]], cwd=REPO, capture_output=True, text=True, timeout=120
    )


def test_ruff_finds_nothing() -> None:
    result = _run("ruff", "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_code_is_formatted() -> None:
    result = _run("ruff", "format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_rules_hold() -> None:
    result = _run("lint-imports")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
