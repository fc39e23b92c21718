"""Safety screen benchmark: recall and false alarms per language, and the time per message.

Run: .venv/bin/python bench/bench_safety.py [--misses]

Reads bench/corpus/understanding/crisis.jsonl (and, for false alarms, every other kind's texts
in that folder: none of them is crisis language) and prints each figure beside its target
(issue #12: recall >= 97 % per language, false alarms <= 3 %, under 1 ms per message).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coach.safety import screen

CORPUS = Path(__file__).parent / "corpus" / "understanding"


def _rows() -> list[dict]:
    rows = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if row.get("kind") != "crisis":  # other kinds: ordinary words by construction
                    row = {"text": row["text"], "lang": row.get("lang", "en"), "expect": False}
                rows.append(row)
    return rows


def quality(rows: list[dict], show_misses: bool) -> None:
    """Recall and false alarms per language."""
    print(f"{'lang':4} {'crisis':>6} {'recall':>8} {'ordinary':>8} {'false alarms':>12}")
    for lang in sorted({r["lang"] for r in rows}):
        mine = [r for r in rows if r["lang"] == lang]
        crises = [r for r in mine if r["expect"]]
        ordinary = [r for r in mine if not r["expect"]]
        missed = [r["text"] for r in crises if screen(r["text"]) is None]
        alarms = [r["text"] for r in ordinary if screen(r["text"]) is not None]
        recall = 100 * (1 - len(missed) / len(crises)) if crises else 100.0
        false = 100 * len(alarms) / len(ordinary) if ordinary else 0.0
        print(f"{lang:4} {len(crises):6} {recall:7.1f}% {len(ordinary):8} {false:11.1f}%")
        for text in (missed + alarms) if show_misses else []:
            print(f"      {'miss' if text in missed else 'alarm'}: {text}")
    print("target: recall >= 97 % in every language, false alarms <= 3 %")


def timing(rows: list[dict], repeats: int = 5) -> None:
    """Time per message, warm: every run, and each message's best run (a shared machine)."""
    texts = [r["text"] for r in rows]
    every, best = [], []
    for text in texts:
        runs = []
        for _ in range(repeats):
            started = time.perf_counter()
            screen(text)
            runs.append((time.perf_counter() - started) * 1000)
        every += runs
        best.append(min(runs))
    p99 = lambda values: sorted(values)[max(0, int(len(values) * 0.99) - 1)]  # noqa: E731
    print(f"\nscreen per message, {len(texts)} messages x {repeats} runs (target < 1 ms):")
    print(f"  every run:            p50 {statistics.median(every):.3f} ms, p99 {p99(every):.3f} ms")
    print(f"  best run per message: p50 {statistics.median(best):.3f} ms, p99 {p99(best):.3f} ms")


def main() -> None:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--misses", action="store_true", help="list misses and false alarms")
    args = parser.parse_args()
    rows = _rows()
    screen("warm up")
    print(f"{len(rows)} texts from {CORPUS}\n")
    quality(rows, args.misses)
    timing(rows)


if __name__ == "__main__":
    main()
