"""The inbox's statements: store an update and lease its member's lane, finish it, sweep, prune.

A lane is one member (their Telegram user id, else the chat id). A process handles a lane
while it holds the lane's lease (`inbox_lanes`); taking or renewing a lease is one
`INSERT … ON CONFLICT DO UPDATE … WHERE`, which PostgreSQL runs atomically on the lane's row,
so two processes can never hold one lane at once. Every statement here is a single
autocommit statement on the driver connection (`storage.db.driver_connection`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import asyncpg

# Every statement here gives up after this and raises TimeoutError (asyncpg cancels it cleanly):
# a connection stuck after a server restart must not stall the inbox's loops.
STATEMENT_SECONDS = 5.0

# $1 update_id, $2 lane, $3 payload, $4 owner, $5 lease seconds, $6 synchronous_commit
# for this statement's own transaction (NULL: the server's setting; 'off' for presses)
_STORE_AND_LEASE = """
WITH ins AS (
  INSERT INTO telegram_updates (update_id, lane, payload) VALUES ($1, $2, $3::jsonb)
  ON CONFLICT (update_id) DO NOTHING
  RETURNING update_id
), lease AS (
  INSERT INTO inbox_lanes AS l (lane, owner, lease_until)
  SELECT $2, $4, now() + make_interval(secs => $5) WHERE EXISTS (SELECT 1 FROM ins)
  ON CONFLICT (lane) DO UPDATE SET owner = EXCLUDED.owner, lease_until = EXCLUDED.lease_until
    WHERE l.lease_until < now() OR l.owner = EXCLUDED.owner
  RETURNING lane
)
SELECT (SELECT count(*) FROM ins) AS stored, (SELECT count(*) FROM lease) AS leased,
       (SELECT count(*) FROM telegram_updates
         WHERE lane = $2 AND handled_at IS NULL AND update_id <> $1) AS older,
       (SELECT set_config('synchronous_commit',
                          coalesce($6::text, current_setting('synchronous_commit')), true)) AS commit
"""

# $1 update_id (NULL: mark nothing, only let go), $2 outcome, $3 lane, $4 owner, $5 release
# when nothing else is pending, $6 synchronous_commit as in _STORE_AND_LEASE.
# The release compares the lease row's xmin with the one this statement's snapshot saw: the
# member's next update, stored after that snapshot by another statement, renewed the lease and
# so changed xmin, and the lease is kept (PostgreSQL re-checks a concurrently updated row
# against the WHERE with the snapshot's initplan values: tests/bot/test_inbox_release_race.py).
_FINISH_AND_NEXT = """
WITH done AS (
  UPDATE telegram_updates SET handled_at = now(), outcome = $2 WHERE update_id = $1
  RETURNING update_id
), next AS (
  SELECT update_id, payload::text AS payload FROM telegram_updates
  WHERE lane = $3 AND handled_at IS NULL AND update_id IS DISTINCT FROM $1
  ORDER BY update_id LIMIT 50
), released AS (
  DELETE FROM inbox_lanes l WHERE lane = $3 AND owner = $4 AND $5
    AND NOT EXISTS (SELECT 1 FROM next)
    AND l.xmin = (SELECT xmin FROM inbox_lanes WHERE lane = $3)
  RETURNING lane
), flags AS (
  SELECT (SELECT count(*) FROM released) AS released,
         coalesce((SELECT owner = $4 FROM inbox_lanes WHERE lane = $3), false) AS ours
)
SELECT update_id, payload, released, ours, NULL AS commit FROM next, flags
UNION ALL
SELECT NULL, NULL, released, ours,
       set_config('synchronous_commit', coalesce($6::text, current_setting('synchronous_commit')),
                  true)
FROM flags WHERE NOT EXISTS (SELECT 1 FROM next)
"""

# $1 owner, $2 lease seconds, $3 most lanes to take
_SWEEP = """
WITH waiting AS (
  SELECT lane FROM telegram_updates WHERE handled_at IS NULL
  GROUP BY lane ORDER BY min(update_id) LIMIT $3
)
INSERT INTO inbox_lanes AS l (lane, owner, lease_until)
SELECT lane, $1, now() + make_interval(secs => $2) FROM waiting
ON CONFLICT (lane) DO UPDATE SET owner = EXCLUDED.owner, lease_until = EXCLUDED.lease_until
  WHERE l.lease_until < now()
RETURNING lane
"""


@dataclass(frozen=True)
class Stored:
    """What storing an update did: new (not a redelivery), lane leased to us, older pending."""

    stored: bool
    leased: bool
    older: int


async def store_and_lease(
    conn: asyncpg.Connection, *, update_id: int, lane: int, payload: str, owner: str,
    lease: float, durable: bool = True,
) -> Stored:  # fmt: skip
    """Store the update (a redelivery changes nothing) and take or renew its lane's lease;
    not `durable`: the commit does not wait for the WAL flush (docs/operations.md: presses)."""
    commit = None if durable else "off"
    row = await conn.fetchrow(
        _STORE_AND_LEASE, update_id, lane, payload, owner, lease, commit, timeout=STATEMENT_SECONDS
    )
    assert row is not None
    return Stored(row["stored"] > 0, row["leased"] > 0, int(row["older"]))


async def store_handled(
    conn: asyncpg.Connection, *, update_id: int, lane: int, payload: str, outcome: str
) -> bool:
    """Keep an update that will not be handled (e.g. unparsable), marked so; True if new."""
    status = await conn.execute(
        "INSERT INTO telegram_updates (update_id, lane, payload, handled_at, outcome) "
        "VALUES ($1, $2, $3::jsonb, now(), $4) ON CONFLICT (update_id) DO NOTHING",
        update_id, lane, payload, outcome, timeout=STATEMENT_SECONDS,
    )  # fmt: skip
    return status.endswith(" 1")


@dataclass(frozen=True)
class Finished:
    """After an update is marked handled: the lane's other pending updates, oldest first,
    whether the lease was let go, and whether it is still ours (else another process took
    it over when it ran out, and handles the rest)."""

    pending: list[tuple[int, dict[str, Any]]]
    released: bool
    ours: bool


async def finish_and_next(
    conn: asyncpg.Connection, *, update_id: int | None, outcome: str, lane: int, owner: str,
    release: bool, durable: bool = True,
) -> Finished:  # fmt: skip
    """Mark the update handled (None: none, only let go); let the lease go when `release` and
    nothing else is pending or arrived meanwhile; what the lane holds then."""
    commit = None if durable else "off"
    rows = await conn.fetch(
        _FINISH_AND_NEXT, update_id, outcome, lane, owner, release, commit,
        timeout=STATEMENT_SECONDS,
    )  # fmt: skip
    pending = [(r["update_id"], json.loads(r["payload"])) for r in rows if r["update_id"]]
    return Finished(pending, bool(rows[0]["released"]), bool(rows[0]["ours"]))


async def pending_in_lane(conn: asyncpg.Connection, *, lane: int) -> list[tuple[int, dict]]:
    """A lane's pending updates, oldest first."""
    rows = await conn.fetch(
        "SELECT update_id, payload::text AS payload FROM telegram_updates "
        "WHERE lane = $1 AND handled_at IS NULL ORDER BY update_id LIMIT 50",
        lane, timeout=STATEMENT_SECONDS,
    )  # fmt: skip
    return [(r["update_id"], json.loads(r["payload"])) for r in rows]


async def count_attempt(conn: asyncpg.Connection, *, update_id: int) -> int:
    """Count one more attempt at handling the update; the attempts so far, this one included."""
    value = await conn.fetchval(
        "UPDATE telegram_updates SET attempts = attempts + 1 WHERE update_id = $1 "
        "RETURNING attempts",
        update_id, timeout=STATEMENT_SECONDS,
    )  # fmt: skip
    return int(value or 0)


async def sweep(conn: asyncpg.Connection, *, owner: str, lease: float, limit: int) -> list[int]:
    """Lease up to `limit` lanes with pending updates and no live lease; the lanes taken."""
    return [
        r["lane"] for r in await conn.fetch(_SWEEP, owner, lease, limit, timeout=STATEMENT_SECONDS)
    ]


async def renew(conn: asyncpg.Connection, *, owner: str, lanes: list[int], lease: float) -> int:
    """Extend our leases on `lanes` (those being handled here); how many were still ours."""
    status = await conn.execute(
        "UPDATE inbox_lanes SET lease_until = now() + make_interval(secs => $3) "
        "WHERE owner = $1 AND lane = ANY($2::bigint[])",
        owner, lanes, lease, timeout=STATEMENT_SECONDS,
    )  # fmt: skip
    return int(status.split()[-1])


async def release(conn: asyncpg.Connection, *, owner: str, lanes: list[int] | None = None) -> int:
    """Give up our leases (all of them, or on `lanes`): another process may take them at once."""
    if lanes is None:
        status = await conn.execute(
            "DELETE FROM inbox_lanes WHERE owner = $1", owner, timeout=STATEMENT_SECONDS
        )
    else:
        status = await conn.execute(
            "DELETE FROM inbox_lanes WHERE owner = $1 AND lane = ANY($2::bigint[])", owner, lanes,
            timeout=STATEMENT_SECONDS,
        )  # fmt: skip
    return int(status.split()[-1])


async def prune(conn: asyncpg.Connection, *, older_than_hours: float) -> int:
    """Delete updates handled more than `older_than_hours` ago, and stale leases; rows deleted."""
    status = await conn.execute(
        "DELETE FROM telegram_updates WHERE handled_at < now() - make_interval(hours => $1)",
        int(older_than_hours),
    )
    await conn.execute("DELETE FROM inbox_lanes WHERE lease_until < now() - interval '1 hour'")
    return int(status.split()[-1])


async def backlog(conn: asyncpg.Connection) -> int:
    """How many stored updates are not handled yet."""
    return int(
        await conn.fetchval("SELECT count(*) FROM telegram_updates WHERE handled_at IS NULL")
    )


async def lease_lane(conn: asyncpg.Connection, *, lane: int, owner: str, lease: float) -> bool:
    """Take one lane's lease if it is free or expired (or ours already); True when taken."""
    value = await conn.fetchval(
        "INSERT INTO inbox_lanes AS l (lane, owner, lease_until) "
        "VALUES ($1, $2, now() + make_interval(secs => $3)) "
        "ON CONFLICT (lane) DO UPDATE SET owner = EXCLUDED.owner, lease_until = EXCLUDED.lease_until "
        "WHERE l.lease_until < now() OR l.owner = EXCLUDED.owner RETURNING lane",
        lane, owner, lease, timeout=STATEMENT_SECONDS,
    )  # fmt: skip
    return value is not None
