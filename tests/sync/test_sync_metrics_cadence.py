"""When metrics are recomputed: a sync pass only when it changed their inputs (or the last run
did not settle them); each scheduled metrics job only its own family."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

import sync.pipeline
from sync.metrics import ADHERENCE, HIGH_RISK, RISK, STREAK, compute_metrics

pytestmark = pytest.mark.slow  # warehouse passes on the emulator: seconds each

CREATED = datetime(2026, 11, 2, 9, tzinfo=UTC)


async def test_an_idle_pass_leaves_the_metrics_and_a_changed_or_retried_one_recomputes(
    build, sync_once, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[str, ...]] = []
    fail = [False]

    def counted(warehouse: Any, **kw: Any) -> list[str]:
        calls.append(kw["families"])
        if fail[0]:
            raise RuntimeError("metrics down")
        return compute_metrics(warehouse, **kw)

    monkeypatch.setattr(sync.pipeline, "compute_metrics", counted)
    ann = await build.member("Ann")
    habit = await build.habit(await build.goal(ann, "Walk"), "daily", CREATED)
    await build.checkin(habit, ann, date(2026, 11, 3))
    assert (await sync_once()).status == "ok" and calls == [("adherence", "risk")]
    assert (await sync_once()).status == "ok" and len(calls) == 1  # nothing moved

    await build.checkin(habit, ann, date(2026, 11, 4))
    fail[0] = True
    assert (await sync_once()).status == "metrics_failed" and len(calls) == 2
    fail[0] = False
    assert (await sync_once()).status == "ok" and len(calls) == 3  # retried, though idle
    assert (await sync_once()).status == "ok" and len(calls) == 3


class RecordingWarehouse:
    """Records each statement; answers every query with no rows."""

    def __init__(self) -> None:
        self.statements: list[str] = []

    def execute(self, sql: str, params: Any = None) -> list[tuple]:
        self.statements.append(sql)
        return []

    def begin(self) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...


@pytest.mark.parametrize(
    ("family", "runs", "skips"),
    [("adherence", [ADHERENCE, STREAK], [RISK, HIGH_RISK]),
     ("risk", [RISK, HIGH_RISK], [ADHERENCE, STREAK])],
)  # fmt: skip
def test_each_metrics_job_recomputes_its_own_family(
    family: str, runs: list[str], skips: list[str]
) -> None:
    warehouse = RecordingWarehouse()
    moment = datetime(2026, 11, 10, 12, tzinfo=UTC)
    compute_metrics(warehouse, as_of=moment, computed_at=moment, families=(family,))  # type: ignore[arg-type]
    assert all(sql in warehouse.statements for sql in runs)
    assert not any(sql in warehouse.statements for sql in skips)
