"""The console plays a group: several simulated members, one group chat, their private chats.

    /as NAME         speak as NAME from now on (a new name is a new member; the first one
                     adds goalbot to the group and is its admin)
    NAME: words      say one line as NAME
    /dm LINE         LINE goes to goalbot privately (e.g. /dm /goal walk daily, /dm 1)
    /join /leave /leaderboard /challenge … /groupsettings …   in the group
    /groups          your groups, privately; a number presses a group button
    anything else    said in the group, addressed to goalbot (screened first)

Boards are written at once (the console has no Telegram limits) and shown as they change.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path

from coach import crisis
from coach.members import Member
from coach.services import Services
from handlers.console import Console
from handlers.group_boards import BoardPublisher
from handlers.group_dialog import ChatRef, GroupAnswer, GroupDialog, with_private_offer
from handlers.present import Reply

CHAT = ChatRef(-1, "Console group")
BANNER = ("goalbot console, group mode — /as NAME to speak as someone (the first adds me to the "
          "group), /dm LINE to talk to me privately, /join, /leaderboard, /challenge …")  # fmt: skip
GROUP_COMMANDS = ("join", "leave", "leaderboard", "challenge", "groupsettings")


class ConsoleBoards:
    """Board 'messages' in the terminal: each post or edit is printed when it happens."""

    def __init__(self) -> None:
        self.shown: list[str] = []
        self.posted = 0

    async def post(self, chat_id: int, reply: Reply) -> int | None:
        """Show a new board."""
        self.posted += 1
        self.shown.append("goalbot (board)> " + reply.text.replace("\n", "\n  "))
        return self.posted

    async def edit(self, chat_id: int, message_id: int, reply: Reply) -> bool:
        """Show the board, edited in place."""
        self.shown.append("goalbot (board, edited)> " + reply.text.replace("\n", "\n  "))
        return True


class GroupConsole:
    """Drives `GroupDialog` and each member's private `Console` from typed lines."""

    def __init__(self, services: Services, *, out_dir: Path) -> None:
        self.services, self.out_dir = services, out_dir
        self.dialog = GroupDialog(
            services, lambda p: "https://t.me/goalbot" + (f"?start={p}" if p else "")
        )
        self.boards = ConsoleBoards()
        self.publisher = BoardPublisher(services, self.boards, group_interval=0.0, per_second=1000,
                                        schedule=False)  # fmt: skip
        services.checkin_listeners.append(self.publisher.on_checkin)
        self.people: dict[str, Console] = {}
        self.speaker: str | None = None
        self.admin: str | None = None
        self.choices: dict[int, str] = {}
        self._refresh: list[uuid.UUID] = []

    async def handle(self, line: str) -> str:
        """One typed line in, everything the group and the speaker saw out."""
        line, out = line.strip(), []
        if said := re.match(r"^(\w{1,30}):\s*(.+)$", line):
            out.append(await self._switch(said.group(1)))
            line = said.group(2)
        elif line.startswith("/as "):
            return await self._switch(line[4:].strip()[:30] or "friend")
        if self.speaker is None:
            return "goalbot> Say who you are first: /as Ada"
        out += await self._line(line)
        for group_id in self._refresh:
            await self.publisher.refresh(group_id)
        self._refresh = []
        await self.publisher.flush()
        out += self.boards.shown
        self.boards.shown = []
        return "\n".join(out)

    async def _switch(self, name: str) -> str:
        lines = []
        if name not in self.people:
            self.people[name] = Console(
                self.services, member_id=None, out_dir=self.out_dir, name=name
            )
            lines.append(self._private(name, await self.people[name].handle("/start")))
        self.speaker = name
        if self.admin is None:
            self.admin = name
            lines += self._show(await self.dialog.bot_added(CHAT, None))
        return "\n".join([f"(now speaking: {name})", *lines])

    async def _member(self) -> Member | None:
        assert self.speaker is not None
        return await self.people[self.speaker]._member()

    async def _line(self, line: str) -> list[str]:
        assert self.speaker is not None
        if line.startswith("/dm "):
            return [self._private(self.speaker, await self.people[self.speaker].handle(line[4:]))]
        safety = await crisis.respond_first(
            self.services, text=line, source="group", find_member=self._member
        )
        if safety is not None:
            return self._show(
                GroupAnswer(with_private_offer([Reply(safety.text)], self.dialog.bot_link(None)))
            )
        member = await self._member()
        if line.isdigit() and int(line) in self.choices and member is not None:
            toast, answer = await self.dialog.press(member, self.choices[int(line)])
            return [f"({toast})", *self._show(answer)]
        name, _, args = line.lstrip("/").partition(" ")
        if line.startswith("/") and name in GROUP_COMMANDS:
            return self._show(await self._command(name, args, member))
        if line == "/groups" and member is not None:
            return self._show(GroupAnswer(private=await self.dialog.my_groups(member)))
        return self._show(await self.dialog.text(CHAT, self._member, line))

    async def _command(self, name: str, args: str, member: Member | None) -> GroupAnswer:
        admin = self.speaker == self.admin
        if name == "join":
            return await self.dialog.join(CHAT, member, self.speaker)
        if name == "leave":
            return await self.dialog.leave(CHAT, member)
        if name == "leaderboard":
            return await self.dialog.leaderboard(CHAT)
        if name == "challenge":
            return await self.dialog.challenge(CHAT, member, args, admin)
        return await self.dialog.settings(CHAT, args, admin)

    def _private(self, name: str, printed: str) -> str:
        return "\n".join(f"  [{name}, privately] {row}" for row in printed.splitlines())

    def _show(self, answer: GroupAnswer) -> list[str]:
        self.choices = {}
        lines = []
        for where, replies in (
            ("goalbot (group)> ", answer.public),
            (f"goalbot → {self.speaker}> ", answer.private),
        ):
            for reply in replies:
                lines.append(where + reply.text.replace("\n", "\n  "))
                lines += [
                    "  " + "   ".join(self._number(b.label, b.data) for b in row)
                    for row in reply.buttons
                ]
        if answer.refresh is not None:
            self._refresh.append(answer.refresh)
        return lines

    def _number(self, label: str, data: str) -> str:
        if data.startswith("https://"):
            return f"[{label}: {data}]"
        number = len(self.choices) + 1
        self.choices[number] = data
        return f"[{number}] {label}"
