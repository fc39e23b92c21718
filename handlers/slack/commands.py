"""Slash commands /patient, /patients and /note: acknowledge at once, answer by response_url.

Each speaks the mentor's language (English by default); `/patient language [code]` shows or
sets it (`mentor.language.parse` decides what is that command). The mentor is looked up once,
before the ack, and handed to the core, which then reads only their patients.
"""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond

from coach.i18n import Translator, translator
from handlers.i18n import N_
from handlers.slack import render
from mentor import copilot, dashboard, notes
from mentor import language as mentor_language
from mentor.services import MentorServices
from storage.models import Mentor

LANGUAGE_HINT = N_("To choose your language instead: `/patient language de`.")


def looking_into(text: str, t: Translator) -> str:
    """The acknowledgement: names only what the mentor typed, so it reveals nothing."""
    who = (text or "").split(maxsplit=1)
    if not who:
        return t.gettext("Looking into it…")
    return t.gettext("Looking into {who}…", who=render.escape(who[0]))


def register(app: AsyncApp, services: MentorServices) -> None:
    """Add the three slash commands to `app`."""

    async def speaker(command: dict[str, Any]) -> tuple[Mentor | None, Translator]:
        # read once: the same mentor serves the ack's language and the core's work
        mentor = await copilot.find_mentor(services, command["user_id"])
        return mentor, translator(mentor_language.spoken_by(mentor))

    async def patient(ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond) -> None:
        text = command.get("text", "")
        if mentor_language.parse(text) is not None:
            chosen = await mentor_language.choose(services, slack_user_id=command["user_id"],
                                                  text=text)  # fmt: skip
            await ack(**_acked(render.language(chosen, translator(chosen.language))))
            return
        mentor, t = await speaker(command)
        await ack(response_type="ephemeral", text=looking_into(text, t))
        result = await copilot.ask(services, slack_user_id=command["user_id"], text=text,
                                   mentor=mentor)  # fmt: skip
        message = render.copilot(result, t)
        if result.outcome == "refused" and text.casefold().split()[:1] == [mentor_language.WORD]:
            message["text"] += "\n" + t.gettext(LANGUAGE_HINT)
        await respond(**message)

    async def patients(ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond) -> None:
        mentor, t = await speaker(command)
        await ack(response_type="ephemeral", text=t.gettext("Loading your patients…"))
        board = await dashboard.build(services, slack_user_id=command["user_id"],
                                      action="patients", mentor=mentor)  # fmt: skip
        await respond(**render.patients(board, t))

    async def note(ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond) -> None:
        mentor, t = await speaker(command)
        await ack(response_type="ephemeral", text=t.gettext("Saving your note…"))
        result = await notes.add(services, slack_user_id=command["user_id"],
                                 text=command.get("text", ""), mentor=mentor)  # fmt: skip
        await respond(**render.ephemeral(render.escape(result.text)))

    app.command("/patient")(patient)
    app.command("/patients")(patients)
    app.command("/note")(note)


def _acked(message: dict[str, Any]) -> dict[str, Any]:
    """An ephemeral message as `ack()` takes it (ack has no replace_original)."""
    return {key: value for key, value in message.items() if key != "replace_original"}
