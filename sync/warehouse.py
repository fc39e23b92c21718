"""A session on Snowflake, or on the local emulator, through snowflake-connector-python.

Every method blocks: the pipeline and the analytics reads call them in worker threads
(`asyncio.to_thread`), never on the event loop. Rows go in as Parquet files PUT on the
target table's stage and loaded with one COPY INTO: the bulk path Snowflake recommends,
and one the emulator runs fast (a multi-row INSERT costs it about 3 ms a row to parse).
"""

from __future__ import annotations

import logging
import tempfile
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from sync.config import SnowflakeSettings
from sync.emulator import ensure_emulator, remove_stage_files

log = logging.getLogger(__name__)


class WarehouseError(Exception):
    """The warehouse could not be reached or refused a statement; the message is one line."""


@dataclass(frozen=True)
class Column:
    """A staged column: its name, its warehouse type and its Parquet type."""

    name: str
    sql_type: str
    arrow_type: pa.DataType


class Warehouse:
    """One warehouse session; `execute`, bulk `load`, and explicit transactions."""

    def __init__(self, connection: Any, *, emulated: bool) -> None:
        self._connection = connection
        self.emulated = emulated
        self._cursor: Any = None  # the statement running now, for `cancel`

    def execute(
        self,
        sql: str,
        params: Sequence[Any] | dict[str, Any] | None = None,
        *,
        timeout: int | None = None,
    ) -> list[tuple]:
        """Run one statement and return its rows (DML returns its counts).

        `timeout` (seconds) has the connector cancel the statement on the server after that.
        """
        from snowflake.connector.errors import Error

        try:
            cursor = self._connection.cursor()
            self._cursor = cursor
            try:
                if timeout:
                    cursor.execute(sql, params, timeout=timeout)
                else:
                    cursor.execute(sql, params)
                return list(cursor.fetchall()) if cursor.description else []
            finally:
                self._cursor = None
                cursor.close()
        except Error as exc:
            raise WarehouseError(_one_line(exc)) from exc

    def cancel(self) -> None:
        """Ask the server to abort the statement running now, if any (from any thread)."""
        cursor = self._cursor
        query_id = getattr(cursor, "sfqid", None) if cursor is not None else None
        if not query_id:
            return
        try:
            cursor.abort_query(query_id)
        except Exception as exc:  # the statement may have just ended; nothing to undo
            log.debug("warehouse cancel of %s failed: %s", query_id, exc)

    def load(
        self, table: str, columns: Sequence[Column], rows: Sequence[tuple], *, batch_size: int
    ) -> int:
        """Replace `table`'s rows with `rows`, staged as Parquet files and copied in bulk.

        The files leave the stage whatever happens: COPY purges what it loaded, and a
        failed load removes its folder (a killed one is purged by the next pass).
        """
        self.execute(f"DELETE FROM {table}")
        if not rows:
            return 0
        # a fresh stage folder per load: leftovers of a failed load are never copied in
        prefix = f"load_{uuid.uuid4().hex}"
        try:
            with tempfile.TemporaryDirectory(prefix="goalbot-load-") as folder:
                for number, chunk in enumerate(_chunks(rows, batch_size)):
                    path = Path(folder) / f"{table.lower()}_{number}.parquet"
                    pq.write_table(_arrow_table(columns, chunk), path)
                    self.execute(
                        f"PUT 'file://{path}' @%{table}/{prefix} "
                        "AUTO_COMPRESS = FALSE OVERWRITE = TRUE"
                    )
            self.execute(
                f"COPY INTO {table} FROM @%{table}/{prefix}/ "
                "FILE_FORMAT = (TYPE = PARQUET) MATCH_BY_COLUMN_NAME = CASE_INSENSITIVE "
                "PURGE = TRUE FORCE = TRUE"
            )
        finally:
            self.purge_stage(table, prefix)
        return len(rows)

    def stage_files(self, table: str) -> list[str]:
        """The files in `table`'s stage (LIST)."""
        return [str(row[0]) for row in self.execute(f"LIST @%{table}")]

    def purge_stage(self, table: str, prefix: str = "") -> None:
        """Remove `table`'s staged files (under `prefix`); a failure is logged, not raised."""
        try:
            if self.emulated:  # fakesnow has no REMOVE: its stages are folders we can clear
                removed = remove_stage_files(self._database(), self._schema(), table, prefix)
                if removed is None and self.stage_files(table):
                    log.warning("cannot remove %s's stage files on this emulator server", table)
                return
            self.execute(f"REMOVE @%{table}/{prefix}" if prefix else f"REMOVE @%{table}")
        except WarehouseError as exc:
            log.warning("could not purge the stage of %s: %s", table, exc)

    def truncate(self, table: str) -> None:
        """Empty `table` (outside any transaction: TRUNCATE commits on Snowflake)."""
        self.execute(f"TRUNCATE TABLE {table}")

    def _database(self) -> str:
        return str(self.execute("SELECT CURRENT_DATABASE()")[0][0])

    def _schema(self) -> str:
        return str(self.execute("SELECT CURRENT_SCHEMA()")[0][0])

    def begin(self) -> None:
        """Open an explicit transaction (DDL must not run inside it on Snowflake).

        The emulator cannot run a MERGE inside a multi-statement transaction (fakesnow
        writes its own catalog in the middle), so there every statement commits alone;
        each statement the sync runs is idempotent, so a rerun completes a broken pass.
        """
        if not self.emulated:
            self.execute("BEGIN")

    def commit(self) -> None:
        """Commit the open transaction."""
        if not self.emulated:
            self.execute("COMMIT")

    def rollback(self) -> None:
        """Roll the open transaction back; errors here are logged, not raised."""
        if self.emulated:
            return
        try:
            self.execute("ROLLBACK")
        except WarehouseError as exc:
            log.warning("warehouse rollback failed: %s", exc)

    def close(self) -> None:
        """Close the session."""
        try:
            self._connection.close()
        except Exception as exc:  # closing a dead session must not hide the real error
            log.debug("warehouse close failed: %s", exc)


def connect(
    settings: SnowflakeSettings,
    data_dir: Path,
    *,
    role: str | None = None,
    statement_timeout_seconds: int | None = None,
) -> Warehouse:
    """Open a session: on Snowflake when an account is set, else on the local emulator.

    `statement_timeout_seconds` sets Snowflake's STATEMENT_TIMEOUT_IN_SECONDS for the session
    (the emulator has no such parameter: there `execute(timeout=…)` is all there is).
    """
    import snowflake.connector
    from snowflake.connector.errors import Error

    params = connect_params(settings, data_dir, role=role)
    if statement_timeout_seconds and not settings.emulated and settings.protocol != "http":
        params["session_parameters"] = {
            **params.get("session_parameters", {}),
            "STATEMENT_TIMEOUT_IN_SECONDS": statement_timeout_seconds,
        }
    try:
        connection = snowflake.connector.connect(**params)
    except Error as exc:
        raise WarehouseError(f"cannot connect to the warehouse: {_one_line(exc)}") from exc
    # plain http is only ever an emulator server (`fakesnow -s`): treat it as the emulator
    return Warehouse(connection, emulated=settings.emulated or settings.protocol == "http")


def connect_params(
    settings: SnowflakeSettings, data_dir: Path, *, role: str | None = None
) -> dict[str, Any]:
    """The connector's arguments for these settings (the emulator is started if needed)."""
    params: dict[str, Any] = {
        "database": settings.database,
        "schema": settings.schema_name,
        "login_timeout": settings.login_timeout_seconds,
        "network_timeout": settings.login_timeout_seconds,
        "application": "goalbot",
    }
    if settings.emulated:
        emulator = ensure_emulator(data_dir)
        return params | {
            "account": "goalbot",
            "user": "goalbot",
            "password": "emulator",
            "host": emulator.host,
            "port": emulator.port,
            "protocol": "http",
            "session_parameters": {"CLIENT_OUT_OF_BAND_TELEMETRY_ENABLED": False},
        }
    params |= {"account": settings.account, "user": settings.user}
    params |= _credentials(settings)
    optional = {
        "role": role or settings.role,
        "warehouse": settings.warehouse,
        "host": settings.host,
        "port": settings.port,
        "protocol": settings.protocol,
    }
    params |= {key: value for key, value in optional.items() if value is not None}
    if settings.protocol == "http":  # only an emulator speaks plain http: no telemetry
        params["session_parameters"] = {"CLIENT_OUT_OF_BAND_TELEMETRY_ENABLED": False}
    return params


def _credentials(settings: SnowflakeSettings) -> dict[str, Any]:
    if settings.private_key_path:
        return {"private_key": _private_key_der(settings)}
    if settings.password is None:
        raise WarehouseError(
            "SNOWFLAKE_ACCOUNT is set but neither SNOWFLAKE_PASSWORD nor "
            "SNOWFLAKE_PRIVATE_KEY_PATH is"
        )
    return {"password": settings.password.get_secret_value()}


def _private_key_der(settings: SnowflakeSettings) -> bytes:
    """Read the PEM private key (optionally encrypted) and return it as PKCS#8 DER."""
    from cryptography.hazmat.primitives import serialization

    path = Path(settings.private_key_path or "").expanduser()
    secret = settings.private_key_passphrase
    passphrase = secret.get_secret_value().encode() if secret is not None else None
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=passphrase)
    except OSError as exc:
        raise WarehouseError(
            f"cannot read SNOWFLAKE_PRIVATE_KEY_PATH {path}: {exc.strerror}"
        ) from exc
    except (ValueError, TypeError) as exc:
        raise WarehouseError(
            f"SNOWFLAKE_PRIVATE_KEY_PATH {path}: not a PEM private key, or the "
            f"passphrase (SNOWFLAKE_PRIVATE_KEY_PASSPHRASE) is wrong ({exc})"
        ) from exc
    return key.private_bytes(
        encoding=serialization.Encoding.DER,
        format=serialization.PrivateFormat.PKCS8,
        encryption_algorithm=serialization.NoEncryption(),
    )


def _arrow_table(columns: Sequence[Column], rows: Sequence[tuple]) -> pa.Table:
    values = list(zip(*rows, strict=True)) if rows else [() for _ in columns]
    arrays = {}
    for column, data in zip(columns, values, strict=True):
        if pa.types.is_timestamp(column.arrow_type):
            data = tuple(_naive_utc(v) for v in data)
        arrays[column.name] = pa.array(data, type=column.arrow_type)
    return pa.table(arrays)


def ntz_literal(moment: datetime) -> str:
    """A moment as the text of a UTC TIMESTAMP_NTZ (naive moments are taken as UTC)."""
    naive = _naive_utc(moment)
    assert naive is not None
    return naive.isoformat(sep=" ")


def _naive_utc(value: datetime | None) -> datetime | None:
    if value is None or value.tzinfo is None:
        return value
    return value.astimezone(UTC).replace(tzinfo=None)


def _chunks(rows: Sequence[tuple], size: int) -> Iterator[Sequence[tuple]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:300]
