"""Milestones told once: claimed by one atomic statement, never by read-modify-write."""

from __future__ import annotations

import uuid

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

# The row lock of UPDATE serialises two presses on one habit; the second re-checks the WHERE
# on the row the first wrote (READ COMMITTED), finds the milestone there and claims nothing.
_CLAIM = text("""
UPDATE habits
SET schedule = jsonb_set(
  CASE WHEN jsonb_typeof(schedule) = 'object' THEN schedule ELSE '{}'::jsonb END, '{celebrated}',
  CASE WHEN jsonb_typeof(schedule->'celebrated') = 'array' THEN schedule->'celebrated'
       ELSE '[]'::jsonb END || jsonb_build_array(CAST(:m AS integer)))
WHERE id = CAST(:habit AS uuid)
  AND NOT coalesce(schedule->'celebrated', '[]'::jsonb) @> jsonb_build_array(CAST(:m AS integer))
RETURNING id
""")


async def claim_milestones(
    session: AsyncSession, *, habit_id: uuid.UUID, milestones: list[int]
) -> list[int]:
    """Add these milestones to the habit's celebrated ones; those this call added, in order."""
    claimed = []
    for milestone in sorted(milestones):
        row = await session.execute(_CLAIM, {"habit": habit_id, "m": milestone})
        if row.first() is not None:
            claimed.append(milestone)
    return claimed
