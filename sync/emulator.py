"""The local Snowflake emulator: a fakesnow server on a loopback port, data in DuckDB files.

With no `SNOWFLAKE_ACCOUNT`, goalbot starts this server in a background thread and talks to
it with the real `snowflake.connector`, so the emulator runs exactly the code real Snowflake
runs. Every session of the process shares one DuckDB instance with one file per database
under `<data_dir>/warehouse`: fakesnow's per-session `FAKESNOW_DB_PATH` opens the file once
per session, and a second session then fails on DuckDB's file lock.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

_lock = threading.Lock()
_running: Emulator | None = None


@dataclass
class Emulator:
    """A running emulator: where its files are and where it listens."""

    folder: Path
    host: str
    port: int
    _stack: contextlib.ExitStack


def warehouse_folder(data_dir: Path) -> Path:
    """The folder holding the emulator's DuckDB files."""
    return Path(data_dir) / "warehouse"


def ensure_emulator(data_dir: Path) -> Emulator:
    """Start the emulator for `data_dir` once per process and return it."""
    global _running
    folder = warehouse_folder(data_dir).resolve()
    with _lock:
        if _running is not None:
            if _running.folder != folder:
                raise RuntimeError(
                    f"the warehouse emulator already serves {_running.folder}; "
                    "one emulator folder per process"
                )
            return _running
        folder.mkdir(parents=True, exist_ok=True)
        _running = _start(folder)
        log.info(
            "warehouse: local Snowflake emulator (fakesnow) on 127.0.0.1:%d, data in %s "
            "(set SNOWFLAKE_ACCOUNT to use Snowflake)",
            _running.port,
            folder,
        )
        return _running


def _start(folder: Path) -> Emulator:
    import fakesnow.server as fakesnow_server
    import uvicorn
    from fakesnow.instance import FakeSnow

    # Sessions that pass no FAKESNOW_DB_PATH use the module's shared instance: point it at
    # our folder so every session sees the same files (see the module docstring).
    fakesnow_server.shared_fs = FakeSnow(db_path=folder)
    for name in ("fakesnow.server", "uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).setLevel(logging.WARNING)
    warnings.filterwarnings(
        "ignore", message="Arrow output on a DB-API result", category=UserWarning
    )
    port = _free_port()
    config = uvicorn.Config(fakesnow_server.app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="warehouse emulator", daemon=True)
    thread.start()
    while thread.is_alive() and not server.started:
        time.sleep(0.02)
    if not server.started:
        raise RuntimeError(f"the warehouse emulator did not start on 127.0.0.1:{port}")

    def stop() -> None:
        server.should_exit = True
        thread.join(timeout=5)

    stack = contextlib.ExitStack()
    stack.callback(stop)
    return Emulator(folder=folder, host="127.0.0.1", port=port, _stack=stack)


def _free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def remove_stage_files(database: str, schema: str, table: str, prefix: str = "") -> int | None:
    """Delete a table stage's files (fakesnow has no REMOVE); None when the emulator is not ours.

    fakesnow keeps internal stages as folders under its bucket path, one per
    database/schema/%TABLE; only an emulator this process runs shares that path.
    """
    if _running is None:
        return None
    from fakesnow.transforms import stage

    root = Path(stage.LOCAL_BUCKET_PATH) / database.upper() / schema.upper() / f"%{table.upper()}"
    folder = (root / prefix) if prefix else root
    removed = 0
    if folder.resolve().is_relative_to(root.resolve()) and folder.exists():
        for path in sorted(folder.rglob("*"), reverse=True):
            if path.is_file():
                path.unlink()
                removed += 1
    return removed


def stop_emulator() -> None:
    """Stop the emulator if this process started one (tests and shutdown)."""
    global _running
    with _lock:
        if _running is not None:
            _running._stack.close()
            _running = None
