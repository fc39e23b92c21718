"""The offline coach's journal analysis: a small sentiment lexicon with negation and intensity.

Score = Σ word weights, normalised like VADER (s / √(s² + 15)) into [-1, 1]. A negation
("not", "never", "n't", "no") up to three words before flips a weight and halves it
("not happy" is mildly negative, not strongly); "very", "so", "really"… multiply by 1.5.
"""

from __future__ import annotations

import math
import re

from coach.llm.schemas import MOOD_TAGS, JournalAnalysis

LEXICON: dict[str, float] = {
    "good": 1.5, "great": 2.5, "amazing": 3.0, "awesome": 3.0, "wonderful": 3.0, "fantastic": 3.0,
    "happy": 2.5, "glad": 2.0, "joy": 2.5, "love": 2.5, "loved": 2.5, "enjoyed": 2.0, "fun": 2.0,
    "nice": 1.5, "calm": 1.5, "relaxed": 2.0, "peaceful": 2.0, "grateful": 2.5, "thankful": 2.5,
    "proud": 2.5, "accomplished": 2.5, "productive": 2.0, "motivated": 2.0, "energized": 2.0,
    "energetic": 2.0, "hopeful": 2.0, "excited": 2.5, "better": 1.5, "best": 2.5, "strong": 1.5,
    "rested": 1.5, "win": 2.0, "progress": 1.5, "easy": 1.0, "smile": 2.0, "laughed": 2.0,
    "bad": -2.0, "terrible": -3.0, "awful": -3.0, "horrible": -3.0, "worst": -3.0, "sad": -2.5,
    "unhappy": -2.5, "down": -1.5, "depressed": -3.0, "miserable": -3.0, "lonely": -2.5,
    "alone": -1.5, "tired": -1.5, "exhausted": -2.5, "drained": -2.0, "sleepy": -1.0,
    "stressed": -2.5, "stress": -2.0, "stressful": -2.5, "anxious": -2.5, "anxiety": -2.5,
    "worried": -2.0, "worry": -2.0, "nervous": -2.0, "panic": -3.0, "angry": -2.5, "mad": -2.0,
    "furious": -3.0, "annoyed": -1.5, "frustrated": -2.0, "frustrating": -2.0, "upset": -2.0,
    "bored": -1.5, "boring": -1.5, "overwhelmed": -2.5, "sick": -2.0, "ill": -2.0, "pain": -2.0,
    "hurt": -2.0, "failed": -2.0, "failure": -2.5, "lazy": -1.5, "hate": -3.0, "cried": -2.5,
    "crying": -2.5, "struggle": -1.5, "struggling": -2.0, "hard": -1.0, "difficult": -1.0,
    "missed": -1.0, "skipped": -1.0, "guilty": -2.0, "hopeless": -3.0, "worse": -2.0,
}  # fmt: skip
TAG_WORDS: dict[str, tuple[str, ...]] = {
    "happy": ("happy", "glad", "joy", "great", "amazing", "awesome", "wonderful", "fun", "smile"),
    "calm": ("calm", "relaxed", "peaceful", "rested", "quiet"),
    "grateful": ("grateful", "thankful", "gratitude", "blessed", "appreciate"),
    "proud": ("proud", "accomplished", "achieved", "nailed", "win"),
    "motivated": ("motivated", "productive", "driven", "focused", "determined"),
    "energetic": ("energetic", "energized", "energy", "strong", "pumped"),
    "hopeful": ("hopeful", "hope", "optimistic", "looking forward"),
    "tired": ("tired", "exhausted", "drained", "sleepy", "worn out", "fatigue"),
    "stressed": ("stressed", "stress", "stressful", "pressure", "deadline", "busy"),
    "anxious": ("anxious", "anxiety", "worried", "worry", "nervous", "panic"),
    "sad": ("sad", "unhappy", "down", "depressed", "miserable", "cried", "crying", "upset"),
    "lonely": ("lonely", "alone", "isolated"),
    "angry": ("angry", "mad", "furious", "hate", "rage"),
    "frustrated": ("frustrated", "frustrating", "annoyed", "stuck", "irritated"),
    "bored": ("bored", "boring", "dull"),
    "overwhelmed": ("overwhelmed", "too much", "swamped", "drowning"),
    "sick": ("sick", "ill", "fever", "flu", "cold", "pain", "headache"),
}  # fmt: skip
NEGATIONS = {"not", "no", "never", "isn't", "wasn't", "don't", "didn't", "doesn't", "can't",
             "couldn't", "won't", "nothing", "hardly", "barely", "aren't", "weren't"}  # fmt: skip
INTENSIFIERS = {"very": 1.5, "so": 1.5, "really": 1.5, "extremely": 1.8, "super": 1.5,
                "incredibly": 1.8, "totally": 1.4, "quite": 1.2, "a bit": 0.6, "slightly": 0.6}  # fmt: skip
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|[.,;!?]")
_CLAUSE_END = {".", ",", ";", "!", "?"}
assert set(TAG_WORDS) <= set(MOOD_TAGS)


def _negated(tokens: list[str], i: int) -> bool:
    window: list[str] = []
    for token in reversed(tokens[max(0, i - 3) : i]):
        if token in _CLAUSE_END:  # a negation does not reach across punctuation
            break
        window.append(token)
    return any(t in NEGATIONS or t.endswith("n't") for t in window)


def sentiment(text: str) -> float:
    """Sentiment of `text` in [-1, 1]."""
    tokens = _TOKEN.findall(text.lower().replace("’", "'"))
    total = 0.0
    for i, token in enumerate(tokens):
        weight = LEXICON.get(token)
        if weight is None:
            continue
        if i and tokens[i - 1] in INTENSIFIERS:
            weight *= INTENSIFIERS[tokens[i - 1]]
        if _negated(tokens, i):
            weight *= -0.5
        total += weight
    return round(total / math.sqrt(total * total + 15), 3) if total else 0.0


def mood_tags(text: str, limit: int = 5) -> list[str]:
    """Mood tags whose words appear un-negated, in vocabulary order; else one from the score."""
    lowered = text.lower().replace("’", "'")
    tokens = _TOKEN.findall(lowered)
    found: list[str] = []
    for tag, words in TAG_WORDS.items():
        for word in words:
            if " " in word:
                hit = word in lowered
            else:
                hit = any(t == word and not _negated(tokens, i) for i, t in enumerate(tokens))
            if hit:
                found.append(tag)
                break
    if not found:
        score = sentiment(text)
        found = ["sad"] if score <= -0.4 else ["happy"] if score >= 0.4 else ["neutral"]
    return found[:limit]


def _reflection(score: float, tags: list[str], empty: bool) -> str:
    if empty:
        return "The entry was empty — write a line or two and I'll reflect on it with you."
    if score <= -0.5:
        return (
            "That sounds like a heavy day. Be gentle with yourself — one small step still counts."
        )
    if score < -0.1:
        return (
            f"Some of this weighed on you ({', '.join(tags[:2])}). Noticing it is already useful."
        )
    if score >= 0.5:
        return "Lovely to read — note what made today work so you can repeat it."
    return "Thanks for writing this down. Small, regular notes make patterns easier to see."


def offline_journal(text: str) -> JournalAnalysis:
    """Lexicon sentiment, mood tags and a short reflection for a journal entry."""
    score = sentiment(text)
    tags = mood_tags(text)
    return JournalAnalysis(
        sentiment_score=score, mood_tags=tags, reflection=_reflection(score, tags, not text.strip())
    )
