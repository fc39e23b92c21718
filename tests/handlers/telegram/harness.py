"""Dialog tests' harness: services on the real PostgreSQL, a controllable clock, and chats.

`TelegramChat` drives the real PTB Application offline (`tests.fakes.telegram`);
`ConsoleChat` drives the console sandbox. Both `say` and `press`, so one list of steps
`[("/start", "time zone"), ("Berlin", "Europe/Berlin"), ("[Save]", "Saved"), …]`
runs through either (`run_dialog`). "[Label]" presses the button whose label contains Label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet
from telegram import Update

from coach.config import CoachSettings, GeminiSettings
from coach.limits import MemberLimits
from coach.llm import CoachEngine
from coach.services import Services
from handlers.console import Console
from handlers.telegram.app import build_application
from handlers.telegram.config import TelegramSettings
from mentor.services import MentorServices
from storage.crypto import JournalCipher
from storage.db import Sessions
from tests.fakes.telegram import RecordingRequest, callback_update, message_update

START = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # a Wednesday, 10:00 in Berlin
TOKEN = "123456:TEST-token"


@dataclass
class Clock:
    """A clock tests move by hand."""

    now: datetime = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        """Move the clock forward."""
        self.now += timedelta(**delta)


def make_services(sessions: Sessions, clock: Clock, *, gemini: GeminiSettings | None = None,
                  **coach: Any) -> Services:  # fmt: skip
    """Services with the offline coach (or `gemini`), a fresh journal key and `clock`."""
    engine = CoachEngine(gemini or GeminiSettings(), sessions, clock=clock)
    cipher = JournalCipher([Fernet.generate_key().decode()])
    settings = CoachSettings(**coach)
    # The flood limit runs on the test clock: a scripted dialog is never "too fast".
    limits = MemberLimits(
        per_second=settings.messages_per_second, clock=lambda: clock().timestamp()
    )
    return Services(sessions=sessions, engine=engine, cipher=cipher, settings=settings,
                    clock=clock, limits=limits)  # fmt: skip


@dataclass
class TelegramChat:
    """One member's private chat with the real Application."""

    app: Any
    request: RecordingRequest
    user_id: int
    clock: Clock
    keyboard: list[list[dict[str, Any]]] = field(default_factory=list)
    keyboard_message: int = 1
    keyboard_date: datetime = START
    methods: bool = True  # False: answers are the texts alone (no method names), to compare exactly

    async def feed(self, payload: dict[str, Any]) -> str:
        """Process one update; return what the bot showed, one line per call."""
        mark = len(self.request.calls)
        await self.app.process_update(Update.de_json(payload, self.app.bot))
        return self._shown(mark)

    async def say(self, text: str) -> str:
        """Send a message (or command)."""
        return await self.feed(message_update(self.user_id, text, date=self.clock()))

    async def press(self, label: str) -> str:
        """Press the button of the last keyboard whose label contains `label`."""
        data = self.button(label)
        return await self.feed(callback_update(self.user_id, data, message_id=self.keyboard_message,
                                               message_date=self.keyboard_date))  # fmt: skip

    def button(self, label: str) -> str:
        """The callback data of the last keyboard's button labelled `label`."""
        for row in self.keyboard:
            for button in row:
                if label.lower() in button["text"].lower():
                    return button["callback_data"]
        raise AssertionError(f"no button {label!r} in {self.keyboard}")

    def _shown(self, mark: int) -> str:
        lines = []
        for method, params in self.request.sent(mark):
            markup = params.get("reply_markup")
            if isinstance(markup, dict) and "inline_keyboard" in markup:
                self.keyboard = markup["inline_keyboard"]
                self.keyboard_message = int(params.get("message_id") or 1000)
                self.keyboard_date = self.clock()
            if not self.methods:
                lines.extend([params["text"]] if "text" in params else [])
                continue
            text = params.get("text") or params.get("caption") or ""
            extra = {"sendPhoto": " [photo]", "sendDocument": " [document]"}.get(method, "")
            lines.append(f"{method}: {text}{extra}")
        return "\n".join(lines)


async def telegram_chat(services: Services, clock: Clock, *, user_id: int = 4242,
                        settings: TelegramSettings | None = None,
                        mentor_services: MentorServices | None = None,
                        methods: bool = True) -> TelegramChat:  # fmt: skip
    """An initialised Application with the recorder, and one member's chat on it."""
    request = RecordingRequest()
    request.now = clock
    app = build_application(settings or TelegramSettings(bot_token=TOKEN), services,
                            request=request, mentor_services=mentor_services)  # fmt: skip
    await app.initialize()
    return TelegramChat(app=app, request=request, user_id=user_id, clock=clock, methods=methods)


async def mentored_chat(mentor_services: MentorServices, user_id: int, clock: Clock, *,
                        methods: bool = True) -> TelegramChat:  # fmt: skip
    """A member's chat on an Application that also serves `mentor_services` (and shares its core)."""
    svc = mentor_services
    member = Services(sessions=svc.sessions, engine=svc.engine, cipher=svc.cipher,
                      settings=CoachSettings(), clock=svc.clock)  # fmt: skip
    return await telegram_chat(member, clock, user_id=user_id, mentor_services=svc, methods=methods)


@dataclass
class ConsoleChat:
    """The console sandbox, driven line by line."""

    console: Console
    clock: Clock | None = None

    async def say(self, text: str) -> str:
        """Type a line."""
        return await self.console.handle(text)

    async def press(self, label: str) -> str:
        """Type the number of the choice labelled `label`."""
        for number, text in self.console.labels.items():
            if label.lower() in text.lower():
                return await self.console.handle(str(number))
        raise AssertionError(f"no choice {label!r} in {self.console.labels}")


def console_chat(services: Services, out_dir: Path) -> ConsoleChat:
    """A fresh console member."""
    clock = services.clock if isinstance(services.clock, Clock) else None
    return ConsoleChat(Console(services, member_id=None, out_dir=out_dir), clock)


async def run_dialog(chat: TelegramChat | ConsoleChat, steps: list[tuple[str, str]]) -> list[str]:
    """Play `steps`; each answer must contain its expected text (case-insensitive, regex)."""
    answers = []
    for said, expected in steps:
        if (clock := getattr(chat, "clock", None)) is not None:
            clock.advance(seconds=1)  # a person's pace, for the flood limit
        pressed = re.fullmatch(r"\[(.+)\]", said)
        answer = await (chat.press(pressed.group(1)) if pressed else chat.say(said))
        assert re.search(expected, answer, re.IGNORECASE | re.DOTALL), (
            f"after {said!r} expected {expected!r}, got:\n{answer}"
        )
        assert "something went wrong" not in answer, f"after {said!r}: {answer}"
        answers.append(answer)
    return answers
