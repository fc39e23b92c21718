"""Scores the offline understanding against a labelled corpus (bench/corpus/understanding).

One JSON object per line: {"text", "lang", "kind", "expect", "note"} plus "habits" and "today"
where the kind needs them. Kinds: checkin (expect a list of {habit, status, day_offset,
amount[, refused | ask]}, or "ask", or "none"; an item marked "ask" must be asked about and
never recorded, as for "maybe I ran"), schedule ({frequencies, titles}), deadline (an ISO
date), sentiment (-1, 0 or 1), chat ("question" or "chat"); crisis items are scored by
`coach.safety.screen` (expect true/false). Used by bench/bench_understanding.py and the tests.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from coach.understanding.deadlines import find_deadline
from coach.understanding.lexicon import fold
from coach.understanding.offline import parse
from coach.understanding.sentiment import score
from coach.understanding.types import HabitRef, Turn

TODAY = date(2026, 11, 28)
NEUTRAL = 0.05  # |score| below this is a 0


@dataclass
class Tally:
    """Counts for one kind and language."""

    items: int = 0
    correct: int = 0
    wrong_records: int = 0  # check-ins: an item where something was recorded that is not so
    recorded: int = 0  # check-ins: items where anything was recorded
    expected: int = 0  # check-ins: items that report a check-in (or should be asked about)
    found: int = 0  # ...of those, recorded right or asked about right
    misses: list[str] = field(default_factory=list)


def load(folder: Path) -> list[dict[str, Any]]:
    """Every item of every .jsonl file in `folder`."""
    rows = []
    for path in sorted(folder.glob("*.jsonl")):
        rows += [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return rows


def _turn(row: dict[str, Any]) -> tuple[Turn, dict[str, uuid.UUID]]:
    today = date.fromisoformat(row.get("today", TODAY.isoformat()))
    ids = {title: uuid.uuid5(uuid.NAMESPACE_URL, title) for title in row.get("habits", [])}
    habits = tuple(HabitRef(i, t, today - timedelta(days=30)) for t, i in ids.items())
    return Turn(row["text"], habits, today, 2, row.get("lang", "en")), ids


def _key(habit: str, status: str, back: int, amount: float | None) -> tuple:
    return (habit, status, back, amount)


def score_checkin(row: dict[str, Any], tally: Tally) -> bool:
    """Update `tally` with one check-in item; True when it was understood right."""
    turn, _ = _turn(row)
    result = parse(turn)
    items = result.checkins if result.intent == "checkin" else ()
    back = {i: (turn.today - i.day).days for i in items}
    recorded = {_key(i.title, i.status, back[i], i.amount) for i in items if i.sure}
    asked = {(i.title, i.status, back[i]) for i in items if not i.sure and i.reach is None}
    refused = {(i.title, i.status, back[i]) for i in items if i.reach is not None}
    expect = row["expect"]
    if isinstance(expect, list):
        want = {_key(e["habit"], e["status"], e["day_offset"], e.get("amount"))
                for e in expect if not e.get("refused") and not e.get("ask")}  # fmt: skip
        want_refused = {
            (e["habit"], e["status"], e["day_offset"]) for e in expect if e.get("refused")
        }
        want_asked = {(e["habit"], e["status"], e["day_offset"]) for e in expect if e.get("ask")}
        wrong = bool(recorded - want)
        covered = (
            all(k in recorded or k[:3] in asked for k in want)
            and want_refused <= refused
            and want_asked <= asked
        )
        ok = covered and not wrong
        tally.expected += 1
        tally.found += ok
    else:
        wrong = bool(recorded)
        ok = not recorded and (bool(asked) if expect == "ask" else not asked)
        if expect == "ask":
            tally.expected += 1
            tally.found += ok
    tally.recorded += bool(recorded)
    tally.wrong_records += wrong
    return ok


def _score_schedule(row: dict[str, Any]) -> bool:
    from coach.llm.offline_plan import offline_plan
    from coach.llm.schemas import PlanRequest

    plan = offline_plan(PlanRequest(text=row["text"], today=TODAY), row["text"])
    frequencies = [h.frequency for h in plan.habits]
    titles = " | ".join(h.title.lower() for h in plan.habits)
    goal = parse(Turn(row["text"], (), TODAY)).intent == "goal"
    expect = row["expect"]
    return (
        goal
        and frequencies == expect["frequencies"]
        and all(t.lower() in titles for t in expect["titles"])
    )


def _score_other(row: dict[str, Any]) -> bool:
    kind, expect = row["kind"], row["expect"]
    if kind == "deadline":
        today = date.fromisoformat(row.get("today", TODAY.isoformat()))
        found, _ = find_deadline(fold(row["text"]), today)
        return found is not None and found.isoformat() == expect
    if kind == "sentiment":
        value = score(row["text"])
        return (0 if abs(value) < NEUTRAL else 1 if value > 0 else -1) == expect
    if kind == "chat":
        return parse(_turn(row)[0]).intent == expect
    if kind == "crisis":
        from coach.safety import screen

        return bool(screen(row["text"])) == bool(expect)
    return _score_schedule(row)


def evaluate(rows: list[dict[str, Any]]) -> dict[tuple[str, str], Tally]:
    """Tallies per (kind, language), and per (kind, "all")."""
    tallies: dict[tuple[str, str], Tally] = defaultdict(Tally)
    for row in rows:
        kind, lang = row["kind"], row.get("lang", "en")
        for key in ((kind, lang), (kind, "all")):
            tallies[key].items += 1
        per_lang, total = tallies[(kind, lang)], tallies[(kind, "all")]
        if kind == "checkin":
            ok = score_checkin(row, per_lang)
            score_checkin(row, total)
        else:
            ok = _score_other(row)
        for tally in (per_lang, total):
            tally.correct += ok
            if not ok:
                tally.misses.append(row["text"])
    return dict(tallies)
