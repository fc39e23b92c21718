"""The groups job (#14): a challenge's end is posted to the group once, through the sender."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from bot.group_jobs import groups_job
from bot.jobs import JobDeps
from bot.settings import load_settings
from coach.groups import challenges, registry
from coach.scheduled.delivery import Sent
from storage.db import Sessions
from tests.handlers.telegram.harness import Clock, make_services


class PostSender:
    """Keeps each post's chat and text."""

    def __init__(self) -> None:
        self.posts: list[tuple[int, str]] = []

    async def send_post(self, item: Any) -> Sent:
        """Keep the post; report it sent."""
        self.posts.append((item.chat_id, item.text))
        return Sent("sent")


async def test_groups_job_posts_a_challenge_end_once(sessions: Sessions) -> None:
    clock = Clock(datetime(2026, 11, 25, 9, tzinfo=UTC))
    services = make_services(sessions, clock)
    group = await registry.added(services, chat_id=-77, title="Crew", adder_telegram_id=None)
    await challenges.start(services, group=group, words="read 3x today", by=None)
    sender = PostSender()
    deps = JobDeps(sessions, load_settings(), coach=services, sender=sender, clock=clock)  # type: ignore[arg-type]
    assert await groups_job(deps, clock()) == {}
    clock.advance(days=1)
    assert await groups_job(deps, clock()) == {"challenge_sent": 1}
    assert await groups_job(deps, clock()) == {}
    assert sender.posts == [
        (-77, "🏁 Challenge over: read 3x today\nTogether: 0/0 (0%).\nThanks for pushing together!")
    ]


async def test_a_german_groups_challenge_end_is_posted_in_german(sessions: Sessions) -> None:
    clock = Clock(datetime(2026, 11, 25, 9, tzinfo=UTC))
    services = make_services(sessions, clock)
    group = await registry.added(services, chat_id=-78, title="Crew", adder_telegram_id=None)
    await registry.change_setting(services, group=group, args="language de")
    await challenges.start(services, group=group, words="read 3x today", by=None)
    sender = PostSender()
    deps = JobDeps(sessions, load_settings(), coach=services, sender=sender, clock=clock)  # type: ignore[arg-type]
    clock.advance(days=1)
    assert await groups_job(deps, clock()) == {"challenge_sent": 1}
    assert sender.posts == [(-78, "🏁 Challenge vorbei: read 3x today\nGemeinsam: 0/0 (0\u00a0%).\n"
                                  "Danke, dass ihr gemeinsam drangeblieben seid!")]  # fmt: skip
