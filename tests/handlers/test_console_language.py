"""`goalbot console` speaks the locale's language, or the one `--language` names (#16)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli_console import locale_language
from coach.i18n import pick_language, translator
from handlers import dialog

REPO = Path(__file__).resolve().parents[2]


def _console(database_url: str, data_dir: Path, *flags: str, **locale: str) -> str:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GOALBOT_", "GEMINI_", "COACH_", "LC_", "LANG"))}  # fmt: skip
    env |= {"DATABASE_URL": database_url, "GOALBOT_DATA_DIR": str(data_dir), **locale}
    result = subprocess.run([sys.executable, "-m", "bot", "console", "--fresh", *flags],
                            input="/start\nBerlin\n/help\n", capture_output=True, text=True,
                            cwd=REPO, env=env, timeout=180)  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@pytest.mark.slow
@pytest.mark.parametrize(("flags", "locale", "language"), [
    ((), {"LANG": "es_ES.UTF-8"}, "es"),
    (("--language", "de"), {"LANG": "es_ES.UTF-8"}, "de"),  # the flag wins over the locale
    ((), {"LANG": "C.UTF-8"}, "en"),
])  # fmt: skip
def test_the_console_speaks_the_locale_or_the_flag(
    database_url: str, tmp_path: Path, flags: tuple[str, ...], locale: dict[str, str],
    language: str,
) -> None:  # fmt: skip
    t = translator(language)
    out = _console(database_url, tmp_path, *flags, **locale)
    assert t.gettext(dialog.TZ_QUESTION) in out, out
    assert t.gettext("Here's what I can do:") in out, out


def test_the_locale_is_read_like_gettext_reads_it(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    assert locale_language() is None
    monkeypatch.setenv("LANG", "pt_BR.UTF-8")
    assert pick_language(locale_language()) == "pt"
    monkeypatch.setenv("LC_ALL", "de_AT.UTF-8")  # LC_ALL overrides LANG
    assert pick_language(locale_language()) == "de"
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    assert pick_language(locale_language()) == "en"
