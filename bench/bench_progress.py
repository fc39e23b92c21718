"""Progress picture benchmark: what /progress costs beyond the database, and the PNG's size.

Run: .venv/bin/python bench/bench_progress.py [--iterations N]

For 1 habit with 1 day of history, 3 habits with 12 weeks and 8 habits with a year: the time
to compute the figures (strength series, chart cells) and to draw the PNG, beside two
baselines from the same run — the previous drawing (`_progress_render_before.py`, three Axes
per habit) and matplotlib saving one empty figure of the same size — and the PNG's bytes and
pixels (a phone shows up to ~1280 px wide; Telegram photos must stay under 10 MB and 10000 px).
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import matplotlib  # noqa: E402

matplotlib.use("Agg")  # what the bot draws with; no display needed

from _progress_render_before import render as render_before  # noqa: E402

from coach.progress_chart import chart_data  # noqa: E402
from coach.progress_render import DPI, HABIT_IN, HEAD_IN, WIDTH_IN, render  # noqa: E402
from coach.schedule import parse_frequency  # noqa: E402
from coach.scores import HabitHistory  # noqa: E402

TODAY = date(2026, 12, 1)
FREQUENCIES = ("daily", "weekly:3", "weekdays", "days:mon,wed,fri")


def history(days: int, seed: int) -> HabitHistory:
    """A habit begun `days` ago, done on about 70 % of its days."""
    rng = random.Random(seed)
    freq = FREQUENCIES[seed % len(FREQUENCIES)]
    start = TODAY - timedelta(days=days - 1)
    marks = {start + timedelta(days=i): "done" for i in range(days) if rng.random() < 0.7}
    return HabitHistory(parse_frequency(freq), start, marks)


def timed(work: Callable[[], object], iterations: int) -> float:
    """Median milliseconds of `work()`."""
    spans = []
    for _ in range(iterations):
        began = time.perf_counter()
        work()
        spans.append((time.perf_counter() - began) * 1000)
    return statistics.median(spans)


def baseline(habits: int) -> bytes:
    """An empty figure of the same size, saved as PNG."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_IN, HEAD_IN + HABIT_IN * habits), dpi=DPI)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def main() -> None:
    """Print the figures per case."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--iterations", type=int, default=5)
    iterations = parser.parse_args().iterations
    print(f"{'case':<20} {'figures ms':>10} {'draw ms':>8} {'before ms':>9} {'empty ms':>8} "
          f"{'PNG kB':>7}  pixels")  # fmt: skip
    for name, count, days in (("1 habit, 1 day", 1, 1), ("3 habits, 12 weeks", 3, 84),
                              ("8 habits, 1 year", 8, 365)):  # fmt: skip
        habits = [(f"habit {i}", history(days, i)) for i in range(count)]
        data = chart_data(habits, TODAY)
        captions = [title for title, _ in habits]
        figures_ms = timed(lambda h=habits: chart_data(h, TODAY), iterations)
        draw_ms = timed(lambda d=data, c=captions: render(d, c), iterations)
        before_ms = timed(lambda d=data, c=captions: render_before(d, c), iterations)
        base_ms = timed(lambda n=count: baseline(n), iterations)
        png = render(data, captions)
        width = int(WIDTH_IN * DPI)
        height = int((HEAD_IN + HABIT_IN * count) * DPI)
        print(f"{name:<20} {figures_ms:>10.1f} {draw_ms:>8.0f} {before_ms:>9.0f} {base_ms:>8.0f} "
              f"{len(png) / 1024:>7.0f}  {width}x{height}")  # fmt: skip


if __name__ == "__main__":
    main()
