"""Per-member token buckets: a burst is served, a flood gets one note, then quiet."""

from __future__ import annotations

import uuid
from datetime import date

from coach.limits import MemberLimits


def test_a_flood_gets_one_note_and_recovers() -> None:
    now = [0.0]
    limits = MemberLimits(per_second=3, clock=lambda: now[0])
    alice, bob = uuid.uuid4(), uuid.uuid4()
    assert [limits.admit(alice) for _ in range(5)] == [True, True, True, False, None]
    assert limits.admit(bob) is True  # buckets are per member
    now[0] += 1.0
    assert limits.admit(alice) is True
    assert [limits.admit(alice) for _ in range(3)] == [True, True, False]


def test_the_daily_cap_note_is_due_once_a_day() -> None:
    limits = MemberLimits(per_second=10)
    member = uuid.uuid4()
    assert limits.cap_note_due(member, date(2026, 1, 1))
    assert not limits.cap_note_due(member, date(2026, 1, 1))
    assert limits.cap_note_due(member, date(2026, 1, 2))


def test_idle_members_buckets_are_dropped_so_the_table_stays_small() -> None:
    now = [0.0]
    limits = MemberLimits(per_second=1.0, clock=lambda: now[0])
    members = [uuid.uuid4() for _ in range(50)]
    for member in members:
        assert limits.admit(member) is True
    now[0] += 120  # two minutes later one of them writes again
    assert limits.admit(members[0]) is True
    assert len(limits._buckets) == 1
