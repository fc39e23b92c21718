"""A signed request sent again within Slack's window is answered once (#19): commands, buttons,
events; the signatures seen are in PostgreSQL, so every process behind the URL agrees."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from aiohttp import ClientResponse
from sqlalchemy import func, select

from handlers.slack.render import REFRESH_ACTION
from storage.models import MentorInteraction, MentorNote, SlackRequestSeen
from tests.fakes.mentoring import add_mentor, add_patient

if TYPE_CHECKING:
    from conftest import SlackWorld


async def sent_four_times(
    world: SlackWorld, send: Callable[[], Awaitable[ClientResponse]]
) -> list[int]:
    """Send once through `send`, then post the very same signed bytes three more times."""
    captured: dict[str, Any] = {}
    original = world.post

    async def capture(body: str, *, content_type: str, timestamp: str | None = None,
                      **kw: Any) -> ClientResponse:  # fmt: skip
        captured.update(body=body, content_type=content_type,
                        timestamp=timestamp or str(int(time.time())))  # fmt: skip
        return await original(body, content_type=content_type, timestamp=captured["timestamp"])

    world.post = capture  # type: ignore[method-assign]
    try:
        statuses = [(await send()).status]
    finally:
        world.post = original  # type: ignore[method-assign]
    for _ in range(3):
        again = await original(captured["body"], content_type=captured["content_type"],
                               timestamp=captured["timestamp"])  # fmt: skip
        statuses.append(again.status)
    return statuses


async def count(world: SlackWorld, model: Any) -> int:
    async with world.services.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_a_replayed_note_is_stored_once_and_answered_once(slack: SlackWorld) -> None:
    mentor = await add_mentor(slack.services.sessions, "U1", "Dr Rivera")
    await add_patient(slack.services.sessions, mentor, "Anna Smith", "anna")
    statuses = await sent_four_times(slack, lambda: slack.command("/note", "@anna likes mornings"))
    await slack.fake.wait_for(lambda f: f.responses("r1"))
    assert statuses == [200] * 4  # Slack is not made to retry; the replays just do nothing
    assert await count(slack, MentorNote) == 1 and await count(slack, MentorInteraction) == 1
    assert len(slack.fake.responses("r1")) == 1
    assert await count(slack, SlackRequestSeen) == 1

    await slack.command("/note", "@anna and evenings", response="r2")  # a new request is fine
    await slack.fake.wait_for(lambda f: f.responses("r2"))
    assert await count(slack, MentorNote) == 2


async def test_a_replayed_button_and_event_run_once(slack: SlackWorld) -> None:
    await add_mentor(slack.services.sessions, "U1", "Dr Rivera")
    await sent_four_times(slack, lambda: slack.button(REFRESH_ACTION, "home"))
    await slack.fake.wait_for(lambda f: f.calls("views.publish"))
    event = {"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "home"}
    await sent_four_times(slack, lambda: slack.event(event))
    await slack.fake.wait_for(lambda f: len(f.calls("views.publish")) >= 2)
    assert len(slack.fake.calls("views.publish")) == 2
    actions = [r.action async for r in _audit(slack)]
    assert actions == ["home_refresh", "home"]


async def _audit(world: SlackWorld):
    async with world.services.sessions() as session:
        rows = await session.scalars(
            select(MentorInteraction).order_by(MentorInteraction.created_at)
        )
        for row in rows:
            yield row
