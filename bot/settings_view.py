"""`goalbot settings`: an aligned table of every setting, saying what is in use when unset.

An unset `DATABASE_URL` is not "None": the embedded PostgreSQL in `<data_dir>/postgres` is in
use; an unset journal key means the key file `<data_dir>/journal.key`; no Gemini key, the
offline coach; no Snowflake account, the local emulator in `<data_dir>/warehouse`. Secrets
show as *** (set) or "unset".
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import SecretStr

if TYPE_CHECKING:
    from bot.settings import Settings

HEADER = ("setting", "environment", "in use")


def _stand_ins(data_dir: Path) -> dict[str, str]:
    """What goalbot uses instead of an unset setting."""
    home = data_dir.expanduser()
    return {
        "database.url": f"embedded PostgreSQL in {home / 'postgres'}",
        "app.journal_key": f"journal key file {home / 'journal.key'}",
        "gemini.api_key": "unset: the offline coach answers",
        "snowflake.account": f"unset: local Snowflake emulator, data in {home / 'warehouse'}",
        "telegram.bot_token": "unset: `goalbot console` works; `goalbot run` needs it",
    }


def shown(key: str, value: Any, stand_ins: dict[str, str]) -> str:
    """A value as the table shows it."""
    if value is None or (isinstance(value, str | SecretStr) and not str(value)):
        return stand_ins.get(key, "unset")
    if isinstance(value, SecretStr):
        return "*** (set)"
    return str(value)


def table(settings: Settings, areas: dict[str, Any], env_name: Any) -> list[str]:
    """The aligned lines: setting, environment name, what is in use."""
    stand_ins = _stand_ins(Path(settings.app.data_dir))
    rows = [HEADER]
    for name, area in areas.items():
        values = getattr(settings, name)
        for field in area.model_fields:
            key = f"{name}.{field}"
            rows.append((key, env_name(area, field), shown(key, getattr(values, field), stand_ins)))
    widths = [max(len(r[i]) for r in rows) for i in range(2)]
    lines = [f"{a:<{widths[0]}}  {b:<{widths[1]}}  {c}" for a, b, c in rows]
    lines.insert(1, f"{'-' * widths[0]}  {'-' * widths[1]}  {'-' * 6}")
    return lines
