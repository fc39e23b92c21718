"""Send 3,000 reminders through the real sending path to a Bot API that enforces 30 msgs/s.

The path is the reminder job's: `coach.scheduled.reminders.send_due_reminders` streams the due members
from PostgreSQL, claims each `reminders_sent` row, and hands it to `TelegramNotifier` over the
Bot of goalbot's PTB Application (`build_application`), which sends to a loopback fake Bot API.
The fake answers 429 (retry_after 1) to any sendMessage beyond 30 in a rolling second, as
Telegram's flood control does. Telegram's limit sets the baseline: 3,000 / 30 = 100 s.
Targets: total time within 5 % of that (≤ 105 s) and zero 429 answers.

    .venv/bin/python bench/bench_send.py [--messages 3000] [--rate 30]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from cryptography.fernet import Fernet
from pydantic import SecretStr
from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._scratch_db import add_members, scratch_database
from coach.config import GeminiSettings
from coach.llm import CoachEngine
from coach.scheduled.reminders import send_due_reminders
from coach.services import Services
from handlers.telegram.app import build_application
from handlers.telegram.config import TelegramSettings
from handlers.telegram.notifier import TelegramNotifier
from storage.crypto import JournalCipher
from storage.db import create_engine, session_factory
from tests.fakes.telegram_server import FakeBotApi

NOW = datetime(2026, 6, 1, 7, 0, 30, tzinfo=UTC)


def busiest_second(times: list[float]) -> int:
    """The most messages the fake accepted within any rolling second."""
    best, start = 0, 0
    for end, moment in enumerate(times):
        while moment - times[start] >= 1.0:
            start += 1
        best = max(best, end - start + 1)
    return best


async def main(messages: int, rate: int) -> None:
    fake = await FakeBotApi(max_per_second=rate, per_chat_seconds=1.0).start()
    async with scratch_database() as url:
        await add_members(url.replace("+asyncpg", ""), messages)
        engine = create_engine(url)
        sessions = session_factory(engine)
        async with engine.begin() as conn:
            await conn.execute(text("UPDATE users SET timezone = 'UTC'"))
        cipher = JournalCipher.from_setting(Fernet.generate_key().decode())
        services = Services(sessions=sessions, cipher=cipher,
                            engine=CoachEngine(GeminiSettings(api_key=None), sessions))  # fmt: skip
        settings = TelegramSettings(bot_token=SecretStr("123:BENCH"), api_url=fake.api_url,
                                    overall_messages_per_second=rate)  # fmt: skip
        application = build_application(settings, services)
        async with application:
            notifier = TelegramNotifier(application.bot, messages_per_second=rate)
            started = time.perf_counter()
            counts = await send_due_reminders(sessions, notifier.send_reminder, now=NOW)
            elapsed = time.perf_counter() - started
        await engine.dispose()
    await fake.stop()
    limit = messages / rate
    print(f"sent {counts.get('sent', 0)} of {messages} ({dict(counts)})")
    print(f"total {elapsed:.1f} s vs Telegram's limit {limit:.0f} s: {elapsed / limit:.3f}x "
          f"(target <= 1.05x)")  # fmt: skip
    print(f"429 answers: {fake.too_many} (target 0); busiest rolling second at the fake: "
          f"{busiest_second([m.at for m in fake.sent])} messages (limit {rate})")  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--rate", type=int, default=30)
    args = parser.parse_args()
    asyncio.run(main(args.messages, args.rate))
