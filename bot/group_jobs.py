"""The accountability groups' own job: challenge ends posted once, and private nudges."""

from __future__ import annotations

import logging
from collections import Counter
from datetime import datetime
from typing import TYPE_CHECKING, Any

from coach.groups import challenges, nudges, registry
from coach.scheduled.group_recaps import GroupPost
from handlers.group_present import challenge_ended

if TYPE_CHECKING:
    from bot.jobs import JobDeps

log = logging.getLogger(__name__)


async def groups_job(deps: JobDeps, fire_time: datetime) -> dict[str, Any]:
    """Every 15 minutes: post each ended challenge's result once; send the nudges now due."""
    if deps.sender is None or deps.coach is None:
        return {"skipped": "no member platform configured"}
    counts: Counter[str] = Counter()
    for ended in await challenges.finish_due(deps.coach):
        group = await registry.by_chat(deps.coach, chat_id=ended.chat_id)
        text = challenge_ended(ended, group.language if group else None)  # the group's language
        sent = await deps.sender.send_post(GroupPost(ended.chat_id, text))
        counts[f"challenge_{sent.status}"] += 1
    for nudge in await nudges.due(deps.coach, now=deps.clock()):
        counts[f"nudge_{(await deps.sender.send_post(nudge)).status}"] += 1
    return dict(counts)
