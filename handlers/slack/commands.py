"""Slash commands /patient, /patients and /note: acknowledge at once, answer by response_url."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond

from handlers.slack import render
from mentor import copilot, dashboard, notes
from mentor.services import MentorServices


def looking_into(text: str) -> str:
    """The acknowledgement: names only what the mentor typed, so it reveals nothing."""
    who = (text or "").split(maxsplit=1)
    return f"Looking into {render.escape(who[0])}…" if who else "Looking into it…"


def register(app: AsyncApp, services: MentorServices) -> None:
    """Add the three slash commands to `app`."""

    async def patient(ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond) -> None:
        await ack(response_type="ephemeral", text=looking_into(command.get("text", "")))
        result = await copilot.ask(services, slack_user_id=command["user_id"],
                                   text=command.get("text", ""))  # fmt: skip
        await respond(**render.copilot(result))

    async def patients(ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond) -> None:
        await ack(response_type="ephemeral", text="Loading your patients…")
        board = await dashboard.build(services, slack_user_id=command["user_id"], action="patients")
        await respond(**render.patients(board))

    async def note(ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond) -> None:
        await ack(response_type="ephemeral", text="Saving your note…")
        result = await notes.add(services, slack_user_id=command["user_id"],
                                 text=command.get("text", ""))  # fmt: skip
        await respond(**render.ephemeral(render.escape(result.text)))

    app.command("/patient")(patient)
    app.command("/patients")(patients)
    app.command("/note")(note)
