"""Journal sentiment in [-1, 1]: VADER for English as one signal, idiom rules, other languages.

VADER handles negation, intensity, capitals, "!!!" and emoji, but reads some idioms the wrong
way round ("can't stop crying" came out +0.53: it negates "crying"), so idiom rules come first
and win where they fire. Text in Spanish, German, French or Portuguese is scored with a small
lexicon of clear words (with their negations); when nothing clear is found it is neutral (0),
never a guess with the wrong sign. The language is guessed from function words.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from coach.understanding.lexicon import fold

_IDIOMS: tuple[tuple[re.Pattern[str], float], ...] = tuple(
    (re.compile(p), w)
    for p, w in (
        (r"\bcan'?t stop (?:crying|shaking|worrying|overthinking|panicking|thinking about)", -0.7),
        (r"\b(?:everything|it all|life) (?:feels|is|seems) (?:heavy|pointless|too much|grey|gray)", -0.6),
        (r"\b(?:fell apart|falling apart|hit rock bottom|so done|over it|at my limit|burnt? out|"
         r"no energy|running on empty|nothing went right|not ok|not okay|rough day|bad day)\b", -0.6),
        (r"\b(?:sucked|sucks|meh|ugh|blah)\b", -0.45),
        (r"\bcan'?t wait\b|\blooking forward\b|\b(?:pumped|stoked|buzzing|hyped)\b", 0.5),
        (r"\bfe(?:el|elin[g']?|lt) (?:awful|terrible|horrible|bad|like crap|like shit|sick|rubbish)\b", -0.6),
        (r"\b(?:nailed it|crushed it|killed it|smashed it|new pb|new pr|personal best|"
         r"so proud|best day|on fire)\b", 0.6),
        (r"\bnot (?:too |that |so )?bad\b", 0.3),
    )
)  # fmt: skip
_LANG_WORDS = {
    "es": set(["el", "la", "los", "las", "que", "de", "y", "en", "un", "una", "es", "muy", "pero", "hoy", "estoy", "estaba", "me", "mi", "con", "por", "no", "fue", "sin", "mucho"]),
    "de": set(["der", "die", "das", "und", "ist", "ich", "nicht", "ein", "eine", "heute", "war", "sehr", "mit", "mich", "mir", "aber", "auch", "bin", "habe", "so", "zu"]),
    "fr": set(["le", "la", "les", "et", "est", "je", "ne", "pas", "un", "une", "suis", "tres", "avec", "mais", "aujourd'hui", "mon", "ma", "j'ai", "c'est"]),
    "pt": set(["o", "a", "os", "as", "e", "que", "de", "um", "uma", "estou", "muito", "mas", "hoje", "com", "nao", "meu", "minha", "foi", "sou", "estava"]),
}  # fmt: skip
_EN_WORDS = set(["the", "and", "is", "i", "a", "to", "of", "it", "was", "my", "so", "today", "this", "that", "not", "but", "feel", "felt", "im", "i'm", "very", "just", "really"])  # fmt: skip
_WORDS = {
    "pos": set(["happy", "cool", "nice", "feliz", "contento", "contenta", "genial", "bien", "buen", "bueno", "buena", "orgulloso", "orgullosa", "alegre", "tranquilo", "tranquila", "motivado", "motivada", "increible", "gluecklich", "glucklich", "froh", "gut", "super", "toll", "stolz", "ruhig", "entspannt", "motiviert", "prima", "heureux", "heureuse", "content", "contente", "bien", "bon", "bonne", "fier", "fiere", "calme", "motive", "genial", "otimo", "otima", "bom", "boa", "orgulhoso", "orgulhosa", "alegre", "tranquila", "motivada", "incrivel", "maravilhoso"]),
    "neg": set(["sad", "stress", "triste", "cansado", "cansada", "mal", "malo", "mala", "agotado", "agotada", "estresado", "estresada", "ansioso", "ansiosa", "solo", "sola", "horrible", "terrible", "fatal", "llorar", "llore", "llorando", "traurig", "mude", "schlecht", "gestresst", "erschopft", "allein", "einsam", "schrecklich", "furchtbar", "weinen", "geweint", "angst", "fatigue", "fatiguee", "epuise", "epuisee", "stresse", "stressee", "seul", "seule", "horrible", "pleure", "pleurer", "angoisse", "cansada", "exausto", "exausta", "estressado", "estressada", "sozinho", "sozinha", "horrivel", "chorei", "chorar", "ansiedade", "pessimo", "pessima"]),
}  # fmt: skip
_NEG = {"no", "nicht", "kein", "keine", "ne", "pas", "nao", "nunca", "nie", "jamais"}
_TOKEN = re.compile(r"[a-z']+")


def language_of(text: str) -> str:
    """The likeliest of en/es/de/fr/pt from function words (folded text); "en" when unclear."""
    tokens = set(_TOKEN.findall(text))
    counts = {lang: len(tokens & words) for lang, words in _LANG_WORDS.items()}
    best = max(counts, key=lambda k: counts[k])
    english = len(tokens & _EN_WORDS)
    return best if counts[best] > english and (counts[best] >= 2 or not english) else "en"


@lru_cache(maxsize=1)
def _vader():  # type: ignore[no-untyped-def]
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def _idioms(text: str) -> float:
    return sum(w for pattern, w in _IDIOMS if pattern.search(text))


@lru_cache(maxsize=4096)
def _weight(token: str) -> float:
    """+1 or -1 for a clear word or an inflection of one ("entspannter", "stressee"), else 0."""
    for sign, words in ((1.0, _WORDS["pos"]), (-1.0, _WORDS["neg"])):
        if token in words or any(token.startswith(w) and len(token) - len(w) <= 2
                                 for w in words if len(w) >= 4):  # fmt: skip
            return sign
    return 0.0


def _lexicon(text: str) -> float:
    tokens = _TOKEN.findall(text)
    total = 0.0
    for i, token in enumerate(tokens):
        weight = _weight(token)
        if weight and any(t in _NEG for t in tokens[max(0, i - 3) : i]):
            weight = -0.5 * weight
        total += weight
    return round(total / math.sqrt(total * total + 4), 3) if total else 0.0


def score(text: str) -> float:
    """Sentiment of a journal entry in [-1, 1] (see the module's rules)."""
    folded = fold(text)
    if language_of(folded) != "en":
        return _lexicon(folded)
    compound = _vader().polarity_scores(text)["compound"]
    idiom = _idioms(folded)
    if not idiom:  # a short text in another language reads as English with nothing to score
        return round(compound, 3) if compound else _lexicon(folded)
    return round(max(-1.0, min(1.0, idiom + 0.3 * compound)), 3)
