"""Bring the database up before the event loop starts: embedded or configured, then migrated."""

from __future__ import annotations

import logging
from pathlib import Path

from bot.migrate import upgrade
from storage.embedded import EmbeddedPostgres

log = logging.getLogger(__name__)


class Database:
    """`with Database(url, data_dir) as url:` yields a migrated database URL."""

    def __init__(self, url: str | None, data_dir: Path, *, migrate: bool = True) -> None:
        self.configured_url = url
        self.data_dir = data_dir
        self.migrate = migrate
        self.embedded: EmbeddedPostgres | None = None

    def __enter__(self) -> str:
        if self.configured_url:
            url = self.configured_url
            log.info("database: %s (DATABASE_URL)", _redacted(url))
        else:
            self.embedded = EmbeddedPostgres(self.data_dir)
            url = self.embedded.start()
            log.info(
                "database: embedded PostgreSQL in %s (set DATABASE_URL to use your own)",
                self.embedded.pgdata,
            )
        if self.migrate:
            upgrade(url)
        return url

    def __exit__(self, *exc: object) -> None:
        if self.embedded is not None:
            self.embedded.stop()


def _redacted(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
