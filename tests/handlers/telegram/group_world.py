"""A group chat, its members and their private chats on the real PTB Application (offline).

`GroupWorld` feeds group and private updates as Telegram sends them (group and supergroup,
my_chat_member, migrations, titles, replies to the bot) and reads what the bot sent where.
"""

from __future__ import annotations

import itertools
import json
import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from telegram import Update

from coach.services import Services
from handlers import buttons
from handlers.telegram.config import TelegramSettings
from storage.models import Habit, User
from tests.fakes.builder import LONG_AGO, Builder
from tests.fakes.telegram import BOT, STATUS_FIELDS, callback_update, message_update
from tests.handlers.telegram.harness import TOKEN, Clock, telegram_chat

_ids = itertools.count(50_000)
GROUP_ID = -100_777


def _user(user_id: int, name: str) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": name}


@dataclass
class GroupWorld:
    """One Application, one group chat, and the members' private chats."""

    app: Any
    request: Any
    clock: Clock
    services: Services
    chat_id: int = GROUP_ID
    chat_type: str = "group"
    title: str = "Morning Crew"
    names: dict[int, str] = field(default_factory=dict)

    def chat(self) -> dict[str, Any]:
        """The group chat as updates carry it."""
        return {"id": self.chat_id, "type": self.chat_type, "title": self.title}

    async def feed(self, payload: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
        """Process one update; the calls it made (and the boards it triggered)."""
        mark = len(self.request.calls)
        await self.app.process_update(Update.de_json(payload, self.app.bot))
        await self.app.bot_data["goalbot.boards"].idle()
        return self.request.calls[mark:]

    def message(self, user_id: int, text: str, **extra: Any) -> dict[str, Any]:
        """A message in the group."""
        content: dict[str, Any] = {"text": text, **extra}
        if text.startswith("/"):
            content["entities"] = [
                {"type": "bot_command", "offset": 0, "length": len(text.split()[0])}
            ]
        return {"update_id": next(_ids), "message": {
            "message_id": next(_ids), "date": int(self.clock().timestamp()), "chat": self.chat(),
            "from": _user(user_id, self.names.get(user_id, "Ada")), **content}}  # fmt: skip

    async def say(self, user_id: int, text: str, **extra: Any) -> list[tuple[str, dict[str, Any]]]:
        """A member writes in the group."""
        return await self.feed(self.message(user_id, text, **extra))

    async def reply_to_bot(self, user_id: int, text: str) -> list[tuple[str, dict[str, Any]]]:
        """A member replies to one of the bot's messages in the group."""
        bot_message = {"message_id": 7, "date": int(self.clock().timestamp()), "chat": self.chat(),
                       "from": BOT, "text": "📋 board"}  # fmt: skip
        return await self.say(user_id, text, reply_to_message=bot_message)

    async def bot_status(
        self, by_user: int, old: str, new: str
    ) -> list[tuple[str, dict[str, Any]]]:
        """The bot's own membership changed (added, removed, kicked)."""
        when = int(self.clock().timestamp())
        change = {"chat": self.chat(), "from": _user(by_user, self.names.get(by_user, "Ada")), "date": when,
                  "old_chat_member": {"status": old, "user": BOT, **STATUS_FIELDS.get(old, {})},
                  "new_chat_member": {"status": new, "user": BOT, **STATUS_FIELDS.get(new, {})}}  # fmt: skip
        return await self.feed({"update_id": next(_ids), "my_chat_member": change})

    async def private(self, user_id: int, text: str) -> list[tuple[str, dict[str, Any]]]:
        """A member writes to the bot privately."""
        payload = message_update(user_id, text, date=self.clock())
        payload["message"]["from"]["first_name"] = self.names.get(user_id, "Ada")
        return await self.feed(payload)

    async def press(
        self, user_id: int, data: str, *, in_group: bool = False
    ) -> list[tuple[str, dict[str, Any]]]:
        """A member presses a button (privately, or on a message in the group)."""
        payload = callback_update(user_id, data, message_date=self.clock())
        if in_group:
            payload["callback_query"]["message"]["chat"] = self.chat()
        return await self.feed(payload)

    async def check_in(
        self, user_id: int, habit: Habit, day: date
    ) -> list[tuple[str, dict[str, Any]]]:
        """Press Done on a habit (the /checkin list's or the morning reminder's button)."""
        return await self.press(user_id, buttons.checkin(habit.id, day, "done"))

    def in_group(self, calls: list[tuple[str, dict[str, Any]]]) -> list[tuple[str, dict[str, Any]]]:
        """The sends and edits that went to the group chat."""
        return [(m, p) for m, p in calls if m in ("sendMessage", "editMessageText")
                and int(p.get("chat_id", 0)) == self.chat_id]  # fmt: skip

    def to(self, user_id: int, calls: list[tuple[str, dict[str, Any]]]) -> list[str]:
        """Texts sent or edited in one member's private chat."""
        return [p.get("text", "") for m, p in calls if m in ("sendMessage", "editMessageText")
                and int(p.get("chat_id", 0)) == user_id]  # fmt: skip


def keyboard(params: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """The inline keyboard of a sent message."""
    markup = params.get("reply_markup")
    markup = json.loads(markup) if isinstance(markup, str) else markup
    return (markup or {}).get("inline_keyboard", [])


def button(params: dict[str, Any], label: str) -> dict[str, Any]:
    """The button labelled `label` (substring) of a sent message."""
    for row in keyboard(params):
        for b in row:
            if label.lower() in b["text"].lower():
                return b
    raise AssertionError(f"no {label!r} in {keyboard(params)}")


async def group_world(services: Services, clock: Clock, *, chat_type: str = "group") -> GroupWorld:
    """An initialised Application whose boards may be written at once (tests need no waiting)."""
    settings = TelegramSettings(bot_token=TOKEN, group_messages_per_minute=100_000)
    chat = await telegram_chat(services, clock, settings=settings)
    return GroupWorld(chat.app, chat.request, clock, services, chat_type=chat_type)


async def member(build: Builder, world: GroupWorld, user_id: int, name: str, habits: list[str],
                 tz: str = "Europe/Berlin") -> tuple[User, list[Habit]]:  # fmt: skip
    """A member who uses goalbot privately, with one goal holding `habits`."""
    user = await build.member(name, tz, telegram_user_id=user_id, telegram_chat_id=user_id,
                              timezone_confirmed=True, created_at=LONG_AGO)  # fmt: skip
    goal = await build.goal(user, f"{name}'s goal", None, created_at=LONG_AGO)
    made = await build.habits(goal, [(t, "daily") for t in habits], LONG_AGO)
    world.names[user_id] = name
    return user, made


def gid(value: uuid.UUID) -> str:
    """A group id as the deep link carries it."""
    from coach.groups.registry import join_code

    return join_code(value)
