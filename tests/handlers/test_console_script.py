"""`printf … | goalbot console`: every piped line is read and answered, in order (#15)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_fourteen_piped_settings_get_fourteen_answers_in_order(
    database_url: str, tmp_path: Path
) -> None:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("GOALBOT_", "GEMINI_", "COACH_"))
    }
    env |= {"DATABASE_URL": database_url, "GOALBOT_DATA_DIR": str(tmp_path)}
    lines = ["/start", "Lisbon"] + [f"/settings reminder 07:{m:02d}" for m in range(14)]
    lines += ["/mentor", "/help"]
    result = subprocess.run([sys.executable, "-m", "bot", "console", "--fresh"],
                            input="\n".join(lines) + "\n", capture_output=True, text=True,
                            cwd=REPO, env=env, timeout=180)  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    out = result.stdout
    answered = [f"07:{m:02d}" for m in range(14) if f"reminder is now 07:{m:02d}" in out]
    assert len(answered) == 14, out
    positions = [out.index(f"reminder is now 07:{m:02d}") for m in range(14)]
    assert positions == sorted(positions)  # in the order they were piped
    assert "slow down" not in out.lower() and "don't know /mentor" not in out
    assert "/mentor CODE" in out  # /help names it
