"""One process of bench_sync_faults.py: a sync pass (that may be killed) or a warehouse dump.

    python bench/_sync_child.py sync URL DATA_DIR [--slow] [--down] [--journal-text]
    python bench/_sync_child.py dump URL DATA_DIR

Each child starts its own emulator on DATA_DIR (DuckDB allows one process at a time), so the
parent can kill a pass with SIGKILL and look at what it left with the next child.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from storage.crypto import JournalCipher
from storage.db import create_engine, session_factory
from sync.config import SnowflakeSettings, SyncSettings
from sync.emulator import stop_emulator
from sync.pipeline import run_sync
from sync.schema import STAGING, TABLES
from sync.warehouse import Warehouse, connect

KEYS = {  # what identifies a row (and, for the dims, its current content) in each table
    "dim_users": "user_id || ':' || name", "dim_goals": "goal_id || ':' || title",
    "dim_habits": "habit_id",
    "fact_checkins": "checkin_id", "fact_journal_entries": "entry_id",
    "dim_group_memberships": "group_id || ':' || user_id",
}  # fmt: skip
CURRENT = {"dim_users", "dim_goals"}  # SCD-2: one current version per key


class SlowWarehouse(Warehouse):
    """A warehouse whose every staged load takes a second longer (a slow link): kill lands mid-pass."""

    def load(self, table, columns, rows, *, batch_size):  # type: ignore[no-untyped-def]
        loaded = super().load(table, columns, rows, batch_size=batch_size)
        mark = os.environ.get("BENCH_STAGED_MARK")
        if mark and loaded:  # tell the parent: rows are staged now (it kills us here)
            Path(mark).write_text(table)
        time.sleep(3.0)
        return loaded


def slow(settings: SnowflakeSettings, data_dir: Path) -> Warehouse:
    real = connect(settings, data_dir)
    return SlowWarehouse(real._connection, emulated=real.emulated)


async def sync(url: str, data_dir: Path, flags: list[str]) -> None:
    engine = create_engine(url)
    settings = SyncSettings(include_journal_text="--journal-text" in flags, max_rows_per_run=50_000)
    cipher = JournalCipher([os.environ["BENCH_JOURNAL_KEY"]])
    try:
        target = down() if "--down" in flags else warehouse()
        report = await run_sync(session_factory(engine), target, settings, data_dir,
                                metrics=False, cipher=cipher,
                                warehouse_factory=slow if "--slow" in flags else None)  # fmt: skip
        print(json.dumps({"status": report.status, "rows": report.rows, "error": report.error,
                          "abandoned": report.abandoned}))  # fmt: skip
    finally:
        await engine.dispose()


def dump(data_dir: Path) -> None:
    """Every checked table's keys (with repeats), texts, staging rows and stage files."""
    wh = connect(warehouse(), data_dir)
    out: dict[str, object] = {}
    try:
        for table, key in KEYS.items():
            where = " WHERE is_current" if table in CURRENT else ""
            out[table] = [r[0] for r in wh.execute(f"SELECT {key} FROM {table}{where}")]
        out["journal_text"] = [r[0] for r in wh.execute(
            "SELECT entry_id FROM fact_journal_entries WHERE text IS NOT NULL")]  # fmt: skip
        out["names"] = [r[0] for r in wh.execute("SELECT name FROM dim_users")]
        out["staging"] = {t: int(wh.execute(f"SELECT COUNT(*) FROM {t}")[0][0]) for t in STAGING}
        out["stage_files"] = {t: len(wh.stage_files(t)) for t in STAGING}
        out["tables"] = sorted(TABLES)
        cells = []
        for table in TABLES:
            cells += [" ".join(map(str, row)) for row in wh.execute(f"SELECT * FROM {table}")]
        out["cells"] = cells
    finally:
        wh.close()
    print(json.dumps(out))


def warehouse() -> SnowflakeSettings:
    return SnowflakeSettings(database="FAULTS")


def down() -> SnowflakeSettings:
    """A warehouse that cannot be reached (nothing listens on port 9)."""
    return SnowflakeSettings(account="down", user="u", password="p", host="127.0.0.1", port=9,
                             protocol="http", login_timeout_seconds=2)  # fmt: skip


if __name__ == "__main__":
    mode, url, folder, *rest = sys.argv[1:]
    try:
        if mode == "sync":
            asyncio.run(sync(url, Path(folder), rest))
        else:
            dump(Path(folder))
    finally:
        stop_emulator()
