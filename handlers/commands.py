"""Every slash command, declared once: name, menu text, /help line, handler, who and where.

A command is one `@command(...)` declaration on one `Dialog` method (or on a method of a
class `Dialog` inherits); everything else is generated from this table — Telegram's
CommandHandlers and command menus (`handlers/telegram/commands.py`), `/help`, the console,
and `docs/commands.md` (`goalbot commands --markdown`). Adding a command:

    @command("streaks", "Your streaks at a glance", help="– every habit's streak")
    async def streaks(self, call: Call) -> list[Reply]:
        ...

A handler is any `async def h(dialog, call) -> list[Reply]`; a module other than the dialog
may declare with `declare(Command(...))` and is then listed in `DECLARING`. Afterwards run
`goalbot commands --markdown > docs/commands.md` (a test keeps it in step), and if the
command is in the private menu, paste `goalbot commands` into the README's BotFather list.
"""

from __future__ import annotations

import importlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from coach.i18n import translator
from handlers.i18n import tr

if TYPE_CHECKING:
    from coach.members import Member
    from handlers.present import Reply

Chat = Literal["private", "group"]
Who = Literal["member", "anyone", "group_admin"]
WHO_TEXT = {"member": "a member (after /start)", "anyone": "anyone",
            "group_admin": "a group's admin"}  # fmt: skip


@dataclass(frozen=True)
class Group:
    """The group chat a group command was sent in."""

    chat_id: int
    title: str | None = None
    admin: bool = False  # the sender administers it (looked up only for group_admin commands)


@dataclass(frozen=True)
class Call:
    """One command as the dialog receives it: who sent it, the words after it, and where.

    `member` is None only for `who="anyone"` commands sent by someone who has not started;
    `user_id` and `user_name` are the platform's (None in the console).
    """

    member: Member | None
    args: str = ""
    group: Group | None = None
    user_id: int | None = None
    user_name: str | None = None


Handler = Callable[[Any, Call], Awaitable["list[Reply]"]]


@dataclass(frozen=True)
class Command:
    """A declared command. `handler` None: the transport answers it (it needs its identity)."""

    name: str
    description: str
    handler: Handler | None
    help: str | None = None
    chat: Chat = "private"
    who: Who = "member"
    slow: bool = False
    menu: bool = True

    def help_line(self) -> str | None:
        """'/goal <words> – turn a goal into a plan', or None when /help leaves it out."""
        return None if self.help is None else f"/{self.name} {tr().gettext(self.help)}"


TABLE: dict[str, Command] = {}


def declare(spec: Command) -> Command:
    """Add one command to the table (names are unique and what Telegram allows)."""
    if TABLE.get(spec.name) == spec:  # the same declaration, its module imported again
        return spec
    if spec.name in TABLE:
        raise ValueError(f"/{spec.name} is declared twice")
    if not (spec.name.isascii() and spec.name.replace("_", "a").isalnum() and spec.name.islower()
            and len(spec.name) <= 32 and len(spec.description) <= 256):  # fmt: skip
        raise ValueError(f"/{spec.name}: Telegram allows a-z, 0-9, _ and 32 characters")
    TABLE[spec.name] = spec
    return spec


def command(
    name: str,
    description: str,
    *,
    help: str | None = None,
    chat: Chat = "private",
    who: Who = "member",
    slow: bool = False,
    menu: bool = True,
) -> Callable[[Handler], Handler]:
    """Declare the decorated dialog method as the handler of /name (see the module docstring).

    `description`: the command menu's text; `help`: the /help line after "/name" (None: left
    out); `chat`: where it works; `who`: who may use it; `slow`: show "typing…" first;
    `menu`: listed in the command menu.
    """

    def declared(handler: Handler) -> Handler:
        declare(Command(name, description, handler, help, chat, who, slow, menu))
        return handler

    return declared


# The modules that declare commands, in the order of the command menus and of /help. A new
# module with declarations goes here (a test checks every declaring module is listed).
DECLARING = ("handlers.dialog", "handlers.group_dialog", "handlers.api.token_command")


def table() -> list[Command]:
    """Every command, in declaration order (importing the declaring modules fills the table)."""
    for module in DECLARING:
        importlib.import_module(module)
    return list(TABLE.values())


def find(name: str) -> Command | None:
    """The command called `name` (any case), or None."""
    table()
    return TABLE.get(name.lower())


def menu(chat: Chat, language: str | None = None) -> list[tuple[str, str]]:
    """(name, description) of the command menu for private or group chats, in `language`
    (None: English, the source)."""
    t = translator(language)
    return [(c.name, t.gettext(c.description)) for c in table() if c.menu and c.chat == chat]


def help_text() -> str:
    """/help: the private commands, then the group ones, then plain words."""
    t = tr()
    lines = [t.gettext("Here's what I can do:")]
    lines += [line for c in table() if c.chat == "private" and (line := c.help_line())]
    group = [f"/{c.name}" for c in table() if c.chat == "group" and c.menu]
    if group:
        lines.append(t.gettext("In an accountability group: {commands}", commands=", ".join(group)))
    lines.append(
        t.gettext("Or just tell me how it went: “ran 5k this morning”, “skipped the gym today”.")
    )
    return "\n".join(lines)


def botfather_list() -> list[str]:
    """The private menu as BotFather's /setcommands wants it ('name - description')."""
    return [f"{name} - {text}" for name, text in menu("private")]


def markdown_table() -> list[str]:
    """docs/commands.md: every command with where it works and who may use it."""
    lines = [
        "# Commands",
        "",
        "Generated from `handlers/commands.py` by `goalbot commands --markdown`; a test keeps it",
        "in step. How to add one: [architecture](architecture.md#how-to-add-a-command).",
        "",
        "| Command | What it does | Where | Who | In the menu |",
        "|---|---|---|---|---|",
    ]
    for c in table():
        usage, _, what = (c.help_line() or f"/{c.name} – {c.description}").partition(" – ")
        lines.append(f"| `{usage}` | {what} | {c.chat} | {WHO_TEXT[c.who]} | "
                     f"{'yes' if c.menu else 'no'} |")  # fmt: skip
    return lines
