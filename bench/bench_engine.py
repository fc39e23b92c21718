"""Coach engine benchmark: prompt sizes against budgets, and the engine's own overhead per call.

Run: .venv/bin/python bench/bench_engine.py [--iterations N]

1. For a synthetic member with 90 days of history, each task's prompt in estimated tokens
   (⌈chars/4⌉) before and after trimming, against its `input_token_budget`.
2. The engine's overhead excluding the model, timed in this run:
   - offline path: `CoachEngine` without a key (cleaning, safety screen, rules), per call,
     against a trivial baseline (`model_dump()` of the same context);
   - prompt building per task against the same baseline;
   - the Gemini path against a loopback fake answering at once, against a raw google-genai
     `generate_content` call to the same fake: the difference is the engine's own work
     (prompt, schema, limiter, breaker, retries wrapper, validation, output check).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fakes.gemini import FakeGemini, Reply  # noqa: E402
from google import genai  # noqa: E402
from google.genai import types  # noqa: E402

from coach.config import GeminiSettings  # noqa: E402
from coach.llm import CoachEngine  # noqa: E402
from coach.llm.prompts import build_prompt, compact  # noqa: E402
from coach.llm.schemas import (  # noqa: E402
    GroupWeek,
    HabitFacts,
    MemberContext,
    MemberWeek,
    PatientContext,
    PlanRequest,
)

TODAY = date(2026, 11, 28)
DAYS = 90
HABITS = ("Run", "Meditate", "Read 20 pages", "Stretch", "No sugar")


def member() -> MemberContext:
    """A member with 5 habits and 90 days of check-ins and messages."""
    days = [TODAY - timedelta(days=DAYS - i) for i in range(DAYS)]
    habits = [
        HabitFacts(title=t, goal=f"Goal for {t}", frequency="daily", streak=i * 3, strength=0.6,
                   adherence_7d=0.7, adherence_30d=0.75,
                   missed_recently=[d for d in days[-14:] if d.day % (i + 2) == 0])
        for i, t in enumerate(HABITS)
    ]  # fmt: skip
    return MemberContext(
        name="Ana", today=TODAY, timezone="Europe/Berlin", goals=["Run a 10k", "Sleep better"],
        habits=habits, completion_ratio_30d=0.74, milestones=["7-day streak on Meditate"],
        recent_checkins=[f"{d} {t} {'done' if (d.day + i) % 4 else 'missed'}"
                         for d in days for i, t in enumerate(HABITS)],
        recent_messages=[f"{d}: felt okay today, did most of my plan but skipped one thing"
                         for d in days],
    )  # fmt: skip


def patient() -> PatientContext:
    """The same member as a mentor's patient, with 90 journal entries and notes."""
    ctx = member()
    return PatientContext(
        name="Ana", plan=[f"{h.title} {h.frequency}" for h in ctx.habits],
        last_checkins=ctx.recent_checkins, journal=[f"{m} — mood fairly calm" for m in ctx.recent_messages],
        mentor_notes=[f"note {i}: discussed pacing" for i in range(20)],
        analytics={"adherence_7d": 0.7, "adherence_30d": 0.75, "streak": 12, "risk_level": "low"},
        history=[f"Q{i}: how is Ana doing? A: steady" for i in range(30)],
    )  # fmt: skip


def inputs() -> dict[str, tuple[dict[str, Any], str | None]]:
    """Each task's data and user text, as the engine renders them."""
    week = GroupWeek(group="Morning Runners", week_start=TODAY - timedelta(days=5),
                     members=[MemberWeek(name=f"Member {i}", completed=i % 6, scheduled=5, streak=i)
                              for i in range(30)])  # fmt: skip
    request = PlanRequest(text="run 3x a week by June and meditate every morning", today=TODAY)
    journal = " ".join(member().recent_messages[-20:])
    return {
        "plan_goal": (
            request.model_dump(mode="json", exclude={"text", "correction"}),
            request.text,
        ),
        "coach_reply": (member().model_dump(mode="json"), "how am I doing this month?"),
        "analyze_journal": ({}, journal),
        "group_recap": (week.model_dump(mode="json"), None),
        "mentor_answer": ({"mode": "deep_dive", **patient().model_dump(mode="json")}, "overview?"),
    }


def prompt_sizes(settings: GeminiSettings) -> None:
    """Print each task's prompt size before and after trimming, against its budget."""
    print(f"\n1. Prompt size, member with {DAYS} days of history (tokens ≈ chars/4)")
    print(f"{'task':<16}{'untrimmed':>10}{'sent':>8}{'budget':>8}  within")
    for task, (data, text) in inputs().items():
        budget = settings.input_token_budget[task]
        untrimmed = build_prompt(task, data, text, 10**9).tokens
        sent = build_prompt(task, data, text, budget).tokens
        print(f"{task:<16}{untrimmed:>10}{sent:>8}{budget:>8}  {'yes' if sent <= budget else 'NO'}")


async def per_call(fn: Callable[[], Awaitable[Any]], n: int) -> float:
    """Mean microseconds per awaited call over n calls (after 10 warm-up calls)."""
    for _ in range(10):
        await fn()
    start = time.perf_counter()
    for _ in range(n):
        await fn()
    return (time.perf_counter() - start) / n * 1e6


async def overhead(n: int) -> None:
    """Print the offline path, prompt building and Gemini-path overhead per call."""
    ctx, engine = member(), CoachEngine(GeminiSettings(), None)

    async def baseline() -> Any:
        return ctx.model_dump()

    base = await per_call(baseline, n)
    print(f"\n2. Engine overhead per call, excluding the model ({n} iterations)")
    print(f"{'what':<44}{'µs/call':>10}{'× baseline':>12}")
    print(f"{'baseline: model_dump() of the 90-day context':<44}{base:>10.0f}{1:>12.1f}")
    data = {t: d for t, d in inputs().items()}

    async def offline_reply() -> Any:
        return await engine.coach_reply(ctx, "how am I doing this month?")

    async def offline_plan() -> Any:
        return await engine.plan_goal(PlanRequest(text="run 3x a week by June", today=TODAY))

    budgets = GeminiSettings().input_token_budget

    async def prompt(task: str) -> Any:
        d, text = data[task]
        return build_prompt(task, d, text, budgets[task])

    for label, fn in (("offline coach_reply", offline_reply), ("offline plan_goal", offline_plan)):
        us = await per_call(fn, n)
        print(f"{label:<44}{us:>10.0f}{us / base:>12.1f}")
    for task in data:
        us = await per_call(lambda t=task: prompt(t), max(10, n // 10))
        print(f"{'build + trim prompt: ' + task:<44}{us:>10.0f}{us / base:>12.1f}")
    await gemini_path(ctx, max(20, n // 10))


async def gemini_path(ctx: MemberContext, n: int) -> None:
    """Engine call vs raw SDK call against a fake that answers at once."""
    async with FakeGemini(default=Reply.json({"reply": "Keep going!", "action_steps": []})) as fake:
        settings = GeminiSettings(api_key="bench", api_url=fake.url, requests_per_minute=10**6)
        engine = CoachEngine(settings, None)
        client = genai.Client(api_key="bench", http_options=types.HttpOptions(base_url=fake.url))
        prompt = compact(ctx.model_dump(mode="json"))

        async def raw() -> Any:
            return await client.aio.models.generate_content(model=settings.model, contents=prompt)

        async def engine_call() -> Any:
            return await engine.coach_reply(ctx, "how am I doing this month?")

        raw_us, engine_us = await per_call(raw, n), await per_call(engine_call, n)
        await engine.aclose()
        await client.aio.aclose()
    print(f"{'raw SDK call to a loopback fake':<44}{raw_us:>10.0f}{1:>12.1f}")
    print(
        f"{'engine coach_reply via the same fake':<44}{engine_us:>10.0f}{engine_us / raw_us:>12.2f}"
    )
    print(f"engine's own work on the Gemini path ≈ {engine_us - raw_us:.0f} µs per call")


def main() -> None:
    """Run both parts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=300)
    args = parser.parse_args()
    for name in [n for n in os.environ if n.startswith("GEMINI_")]:
        del os.environ[name]
    prompt_sizes(GeminiSettings())
    asyncio.run(overhead(args.iterations))


if __name__ == "__main__":
    main()
