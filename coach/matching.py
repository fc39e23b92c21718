"""Match a plain message ("ran 5k this morning", "skipped the gym today") to a member's habits.

Words are reduced to concepts (synonyms and irregular verbs, then a light stem), the habit
whose title shares the most concepts wins, and the status comes from cue words. Confidence:
"high" records at once, "low" asks for a one-tap confirmation; no match leaves the message to
the coach. Questions are never check-ins.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

SYNONYMS: dict[str, str] = {
    "ran": "run", "running": "run", "jog": "run", "jogged": "run", "jogging": "run",
    "5k": "run", "10k": "run", "km": "run", "marathon": "run",
    "gym": "workout", "lift": "workout", "lifted": "workout", "lifting": "workout",
    "weights": "workout", "exercise": "workout", "exercised": "workout", "training": "workout",
    "trained": "workout", "train": "workout", "strength": "workout",
    "read": "read", "reading": "read", "book": "read", "books": "read", "pages": "read",
    "chapter": "read", "meditated": "meditate", "meditation": "meditate",
    "mindfulness": "meditate", "breathing": "meditate", "walked": "walk", "walking": "walk",
    "steps": "walk", "hike": "walk", "hiked": "walk", "swam": "swim", "swimming": "swim",
    "rode": "cycle", "bike": "cycle", "biked": "cycle", "biking": "cycle", "cycling": "cycle",
    "cycled": "cycle", "ride": "cycle", "wrote": "write", "writing": "write",
    "drank": "water", "drink": "water", "hydrate": "water", "slept": "sleep", "bed": "sleep",
    "studied": "study", "studying": "study", "learn": "study", "learned": "study",
    "practice": "practise", "practiced": "practise", "practised": "practise",
    "stretched": "stretch", "stretching": "stretch", "yoga": "yoga", "ate": "eat",
    "veggies": "vegetable", "vegetables": "vegetable", "journaled": "journal",
    "journaling": "journal", "cooked": "cook", "cooking": "cook",
}  # fmt: skip
STOP = {
    "i", "my", "the", "a", "an", "to", "of", "and", "this", "that", "today", "morning", "evening",
    "tonight", "yesterday", "again", "at", "in", "on", "for", "with", "some", "it", "just",
    "did", "do", "done", "go", "went", "had", "have", "got", "was", "were", "finally", "day",
    "x", "per", "week", "times", "minute", "minutes", "min", "mins", "hour", "hours", "every",
}  # fmt: skip
SKIP_CUES = ("skipped", "skip", "skipping", "rest day", "taking a break", "took a break")
MISS_CUES = ("missed", "didn't", "did not", "didnt", "couldn't", "could not", "failed", "forgot",
             "no time", "wasn't able", "not today", "never got")  # fmt: skip
DONE_CUES = ("did", "done", "finished", "completed", "went", "got", "just", "today", "this morning",
             "tonight", "yesterday", "✅", "✔")  # fmt: skip
_WORD = re.compile(r"[a-z0-9']+")


@dataclass(frozen=True)
class HabitName:
    """A habit the message may be about."""

    habit_id: uuid.UUID
    title: str


@dataclass(frozen=True)
class Match:
    """The habit a message is about, the status it reports, and how sure the match is."""

    habit_id: uuid.UUID
    title: str
    status: str
    confidence: str  # "high" or "low"
    yesterday: bool = False


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def concepts(text: str) -> set[str]:
    """The concepts a text mentions (synonyms folded, stop words dropped, light stems)."""
    found = set()
    for word in _WORD.findall(text.lower().replace("’", "'")):
        if word in STOP or len(word) < 2 or word.isdigit():
            continue
        found.add(SYNONYMS.get(word) or SYNONYMS.get(_stem(word)) or _stem(word))
    return found


def status_of(text: str) -> str:
    """done, skipped or missed, from the cue words of a message."""
    lower = f" {text.lower()} "
    if any(cue in lower for cue in SKIP_CUES):
        return "skipped"
    if any(f" {cue}" in lower for cue in MISS_CUES):
        return "missed"
    return "done"


def match(text: str, habits: Sequence[HabitName]) -> Match | None:
    """The habit `text` reports on, or None when it is no check-in (or a question)."""
    stripped = text.strip()
    if not stripped or stripped.endswith("?") or len(stripped) > 300 or not habits:
        return None
    said = concepts(stripped)
    titles = [(concepts(h.title), h) for h in habits]
    ranked = sorted(
        ((len(said & title) / max(1, len(title)), h) for title, h in titles),
        key=lambda pair: -pair[0],
    )
    best_score, best = ranked[0]
    if best_score == 0:
        return None
    tie = len(ranked) > 1 and ranked[1][0] == best_score
    lower = f" {stripped.lower()} "
    cued = any(cue in lower for cue in (*SKIP_CUES, *MISS_CUES, *DONE_CUES)) or _past_tense(
        stripped
    )
    sure = best_score >= 0.5 and not tie and cued
    return Match(best.habit_id, best.title, status_of(stripped), "high" if sure else "low",
                 yesterday="yesterday" in lower)  # fmt: skip


def _past_tense(text: str) -> bool:
    words = _WORD.findall(text.lower())
    irregular = {"ran", "swam", "rode", "wrote", "drank", "slept", "ate", "read", "went"}
    return any(w.endswith("ed") or w in irregular for w in words)
