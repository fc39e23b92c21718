"""One mentor lookup per slash command: the language read for the ack is the one the core uses."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from storage import mentors as store
from tests.fakes.mentoring import add_mentor, add_patient, add_plan

if TYPE_CHECKING:
    from conftest import SlackWorld


@pytest.fixture
def lookups(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The Slack user ids `storage.mentors.mentor_by_slack_user` was asked about, in order."""
    asked: list[str] = []
    real = store.mentor_by_slack_user

    async def counted(session: Any, *, slack_user_id: str, **kw: Any) -> Any:
        asked.append(slack_user_id)
        return await real(session, slack_user_id=slack_user_id, **kw)

    monkeypatch.setattr(store, "mentor_by_slack_user", counted)
    return asked


@pytest.mark.parametrize(
    ("command", "text", "expected"),
    [
        ("/patient", "@anna deep how was her week?", "*Anna Smith* · deep dive"),
        ("/patients", "", "Anna Smith"),
        ("/note", "@anna called, feeling better", "Noted for Anna Smith"),
    ],
)
async def test_each_command_reads_its_mentor_once(
    slack: SlackWorld, lookups: list[str], command: str, text: str, expected: str
) -> None:
    mentor = await add_mentor(slack.services.sessions, "U1", "Dr Rivera")
    anna = await add_patient(slack.services.sessions, mentor, "Anna Smith", "anna")
    await add_plan(slack.services.sessions, anna, "Run a 5k", [("Run", "weekly:3")])
    lookups.clear()

    reply = await slack.command(command, text)

    assert reply.status == 200
    await slack.fake.wait_for(lambda f: f.responses("r1"))
    (answer,) = slack.fake.responses("r1")
    assert expected in str(answer)
    assert lookups == ["U1"]


async def test_a_stranger_is_looked_up_once_and_refused(
    slack: SlackWorld, lookups: list[str]
) -> None:
    reply = await slack.command("/patient", "@anna how is she?", user="U999")

    assert reply.status == 200
    await slack.fake.wait_for(lambda f: f.responses("r1"))
    assert lookups == ["U999"]
