"""The terminal sandbox: the member journey of Telegram, typed; buttons are numbered choices.

One line is one message. A line that is only a number presses that choice of the last
replies (a number with no such choice says which there are, and the choices stay). Photos
and files are written to the output folder and their path is printed.
"""

from __future__ import annotations

import asyncio
import re
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path

from coach import amount_flow, crisis, members
from coach.members import Member
from coach.services import Services
from handlers.dialog import Dialog
from handlers.i18n import N_, speak, tr
from handlers.present import Reply

BANNER = N_("goalbot console — type /start to begin, /help for commands, Ctrl-D to leave.")
NOT_STARTED = N_("Send /start to begin.")
SAVED = N_("(saved {path})")
NO_LOCATION = N_("(Here in the console, type a city: sharing a location works on Telegram.)")
NO_CHOICE = N_("There is no choice {number} here: type a number from 1 to {last}.")
_NUMBER = re.compile(r"\s*[+-]?\d+\s*")


class Console:
    """Drives `Dialog` from lines of text and prints the replies."""

    def __init__(
        self,
        services: Services,
        *,
        member_id: uuid.UUID | None,
        out_dir: Path,
        remember: Callable[[uuid.UUID | None], None] = lambda _: None,
        name: str = members.SANDBOX_NAME,  # said in the member's language by the core
        language: str | None = None,
    ) -> None:
        self.services = services
        self.dialog = Dialog(services)
        self.member_id = member_id
        self.out_dir = out_dir
        self.remember = remember
        self.name = name
        self.language = language  # a new member's language (the locale's or --language)
        self.choices: dict[int, str] = {}
        self.labels: dict[int, str] = {}

    async def handle(self, line: str) -> str:
        """One typed line in, the printed answer out."""
        line = line.rstrip("\r\n")
        source = crisis.source_of(line.strip())
        safety = await self.dialog.safety_first(line, find_member=self._member, source=source)
        if safety is not None:
            return self._show(safety)  # before the /start check and the rate limit, as in Telegram
        if line.strip() == "/start":
            return await self._start()
        member = await self._member()
        if member is None:
            return "goalbot> " + speak(self.language).gettext(NOT_STARTED)
        await self._paced(member)
        if _NUMBER.fullmatch(line) and self.choices:
            return await self._number(member, line)
        if line.startswith("/"):
            name, _, args = line[1:].lstrip().partition(" ")  # "/ checkin" is /checkin
            return self._show(await self.dialog.command(member, name, args))
        return self._show(await self.dialog.text(member, line))

    async def _number(self, member: Member, line: str) -> str:
        """A number while choices are shown presses one; a number with no choice says which
        there are, unless the core takes it as today's amount ("12" after "Read 20 pages")."""
        if int(line) in self.choices:
            return await self._press(member, self.choices[int(line)])
        if await amount_flow.takes_amount(self.services, member=member, text=line):
            return self._show(await self.dialog.text(member, line))
        t = speak(member.language)
        return "goalbot> " + t.gettext(NO_CHOICE, number=line.strip(), last=max(self.choices))

    async def _paced(self, member: Member) -> None:
        """Over the per-member rate, the console's own member waits its turn instead of losing
        the line: piped lines are all answered, in order (`printf … | goalbot console`). The
        model stays protected by the daily cap on model calls, which still applies."""
        limits = self.services.limits
        if limits is not None and not limits.admit(member.id):
            await asyncio.sleep(1 / max(limits.per_second, 0.1))

    async def _member(self) -> Member | None:
        if self.member_id is None:
            return None
        return await members.get(self.services, user_id=self.member_id)

    async def _start(self) -> str:
        welcome = await members.start_local(
            self.services, user_id=self.member_id, name=self.name, language_code=self.language
        )
        self.member_id = welcome.member.id
        self.remember(self.member_id)
        return self._show(self.dialog.welcome(welcome))

    async def _press(self, member: Member, data: str) -> str:
        pressed = await self.dialog.press(member, data, sent_at=None)
        if pressed.erased:  # the same person goes on typing: in their language still
            self.member_id, self.language = None, self.language or member.language
            self.remember(None)
        return self._show(pressed.replies)

    def _show(self, replies: Iterable[Reply]) -> str:
        # A number presses a choice of the last answer only: older choices have scrolled away,
        # and "1" after a reply without buttons must not pause a goal shown long before.
        self.choices, self.labels = {}, {}
        lines = []
        for reply in replies:
            prefix = "goalbot (updated)> " if reply.edit else "goalbot> "
            lines.append(prefix + reply.text.replace("\n", "\n  "))
            for row in reply.buttons:
                numbered = []
                for button in row:
                    number = len(self.choices) + 1
                    self.choices[number] = button.data
                    self.labels[number] = button.label
                    numbered.append(f"[{number}] {button.label}")
                lines.append("  " + "   ".join(numbered))
            lines += self._files(reply)
            if reply.ask_location:  # Telegram's location button has no console twin
                lines.append("  " + tr().gettext(NO_LOCATION))
        return "\n".join(lines)

    def _files(self, reply: Reply) -> list[str]:
        saved = []
        for name, content in ([("progress.png", reply.photo)] if reply.photo else []) + (
            [reply.document] if reply.document else []
        ):
            self.out_dir.mkdir(parents=True, exist_ok=True)
            path = self.out_dir / name
            path.write_bytes(content)
            saved.append("  " + tr().gettext(SAVED, path=path))
        return saved
