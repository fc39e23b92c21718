"""Which of a member's habits a piece of text is about: concepts shared with the title."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from coach.understanding.lexicon import ABSTAIN_TITLE, CONCEPT, PAST_FORMS, elide, fold
from coach.understanding.types import HabitRef

TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[✅✔☑👍💪❌]")
_TITLE_STOP = frozenset(
    [
        "i",
        "my",
        "the",
        "a",
        "an",
        "to",
        "of",
        "and",
        "in",
        "on",
        "for",
        "with",
        "go",
        "do",
        "get",
        "at",
        "every",
        "each",
        "day",
        "daily",
        "week",
        "weekly",
        "x",
        "per",
        "times",
        "min",
        "mins",
        "minutes",
        "hour",
        "hours",
        "before",
        "after",
        "morning",
        "evening",
        "night",
        "more",
        "less",
        "least",
        "some",
        "new",
        "el",
        "la",
        "los",
        "las",
        "de",
        "del",
        "un",
        "una",
        "por",
        "cada",
        "al",
        "dia",
        "semana",
        "der",
        "die",
        "das",
        "den",
        "ein",
        "eine",
        "zum",
        "zur",
        "jeden",
        "jede",
        "taglich",
        "pro",
        "mal",
        "be",
        "have",
        "make",
        "take",
        "keep",
        "it",
        "is",
        "ir",
        "hacer",
        "gehen",
        "machen",
        "km",
        "kms",
        "mi",
        "miles",
        # French and Portuguese
        "le",
        "les",
        "du",
        "des",
        "au",
        "aux",
        "dans",
        "mon",
        "ma",
        "mes",
        "pour",
        "avec",
        "sur",
        "chaque",
        "tous",
        "jour",
        "jours",
        "fois",
        "par",
        "faire",
        "aller",
        "o",
        "os",
        "as",
        "do",
        "da",
        "dos",
        "das",
        "no",
        "na",
        "nos",
        "nas",
        "em",
        "meu",
        "minha",
        "com",
        "para",
        "pra",
        "todo",
        "toda",
        "todos",
        "dias",
        "vezes",
        "fazer",
        "um",
        "uma",
    ]
)


@dataclass(frozen=True)
class HabitConcepts:
    """A habit with the concepts of its title and whether it is an abstinence ("No sugar")."""

    habit: HabitRef
    concepts: frozenset[str]
    abstain: bool


def stem(word: str) -> str:
    """A light English stem, so an unknown title word still meets its other forms."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def concept(word: str) -> str:
    """The concept a word stands for (its own stem when the lexicon does not know it)."""
    return CONCEPT.get(word) or CONCEPT.get(stem(word)) or stem(word)


@lru_cache(maxsize=4096)
def title_concepts(title: str) -> tuple[frozenset[str], bool]:
    """The concepts of a habit title and whether the title is an abstinence."""
    folded = elide(fold(title)).strip()
    abstain = bool(ABSTAIN_TITLE.match(folded))
    words = [w for w in TOKEN.findall(folded) if w not in _TITLE_STOP and not w.isdigit()]
    if abstain and words:
        words = words[1:] if ABSTAIN_TITLE.match(words[0]) else words
    found = {concept(w) for w in words if len(w) > 1 and not re.fullmatch(r"\d+\w{0,3}", w)}
    found |= {CONCEPT[w] for w in words if w in ("5k", "10k")}
    return frozenset(found), abstain


def prepare(habits: Sequence[HabitRef]) -> list[HabitConcepts]:
    """Each habit with its title's concepts."""
    out = []
    for habit in habits:
        concepts, abstain = title_concepts(habit.title)
        out.append(HabitConcepts(habit, concepts, abstain))
    return out


def hits(tokens: Sequence[str], habit: HabitConcepts) -> list[int]:
    """Positions of the tokens that name one of the habit's concepts."""
    found = [i for i, t in enumerate(tokens)
             if len(t) > 1 and t not in _TITLE_STOP and concept(t) in habit.concepts]  # fmt: skip
    # "10k steps" is a walk, not a run
    return [i for i in found if not (tokens[i][0].isdigit() and tokens[i + 1 : i + 2] in _STEPS)]


_STEPS = (["steps"], ["pasos"], ["schritte"])


_GENERIC = {"drink", "drank", "had", "did", "do", "practice", "practiced", "bu", "boire", "bebi",
            "beber"}  # fmt: skip

_VERB_CONCEPTS = {"play", "practise", "call", "drink", "write", "cook", "study", "walk"}


def only_verb(habit: HabitConcepts, tokens: list[str], at: list[int]) -> bool:
    """True when a habit with a noun in its title ("Call mum", "Play guitar") was named only by
    its verb ("called my dad", "played games"), or the noun did it ("my mum called")."""
    nouns = habit.concepts - _VERB_CONCEPTS
    if not nouns:
        return False
    named = [i for i in at if concept(tokens[i]) in nouns]
    if not named:
        return True
    verbs = [i for i in at if concept(tokens[i]) not in nouns and tokens[i] in PAST_FORMS]
    return bool(verbs) and verbs[0] > named[0]  # "my mum called": she did, not the member


def specific(named: list[tuple[HabitConcepts, list[int]]], tokens: list[str]) -> list:
    """Drop a habit named only by a generic verb ("drank") when another is named by a noun
    ("drank wine": No alcohol, not Drink water)."""
    strong = [(h, at) for h, at in named if any(tokens[i] not in _GENERIC for i in at)]
    named = strong if strong else named
    worded = [(h, at) for h, at in named if any(not tokens[i][0].isdigit() for i in at)]
    named = worded if worded else named  # "walked 5k": the distance is the walk's, not "Run 5k"
    return [(h, at) for h, at in named if not all(_topic(tokens, i) for i in at)]


_TOPIC = {"about", "sur", "sobre", "uber", "acerca"}


def _topic(tokens: list[str], at: int) -> bool:
    """True when a habit word is the topic of something else ("an article about meditation")."""
    return any(t in _TOPIC for t in tokens[max(0, at - 3) : at]) and not tokens[at][0].isdigit()


@lru_cache(maxsize=256)
def _slips(concepts: frozenset[str]) -> dict[str, str]:
    """One-letter slips of the words for `concepts` (a letter dropped or two swapped after the
    second): "meditatd", "calld", "plyed" -> the word meant."""
    out: dict[str, str] = {}
    for word, meaning in CONCEPT.items():
        if meaning not in concepts or len(word) < 5 or not word.isascii():
            continue
        for i in range(2, len(word)):
            out.setdefault(word[:i] + word[i + 1 :], word)
            if i < len(word) - 1:
                out.setdefault(word[:i] + word[i + 1] + word[i] + word[i + 2 :], word)
    return out


def fix_slips(text: str, habits: Sequence[HabitConcepts]) -> tuple[str, bool]:
    """The text with a slip of one of the habits' words spelled right, and whether one was: a
    guessed word is asked about, never recorded ("leaned" is not "learned")."""
    slips = _slips(frozenset().union(*(h.concepts for h in habits)))

    def fixed(found: re.Match[str]) -> str:
        word = found.group(0)
        return slips.get(word, word) if word not in CONCEPT and len(word) >= 5 else word

    new = TOKEN.sub(fixed, text)
    return new, new != text
