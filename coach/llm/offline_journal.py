"""The offline coach's journal analysis: sentiment, mood tags and a short reflection.

The score comes from `coach.understanding.sentiment` (VADER for English as one signal, idiom
rules such as "can't stop crying", a small lexicon for es/de/fr/pt, neutral when unsure). Mood
tags are words of `TAG_WORDS` found un-negated (a negation does not reach across punctuation);
an entry in es/de/fr/pt is read with `OTHER_TAG_WORDS` as well, else its mood comes from the
score alone.
"""

from __future__ import annotations

import re

from coach.i18n import Translator, translator
from coach.llm.schemas import MOOD_TAGS, JournalAnalysis
from coach.understanding.lexicon import fold
from coach.understanding.sentiment import language_of, score

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
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|[.,;!?]")
_CLAUSE_END = {".", ",", ";", "!", "?"}
# The same moods in es/de/fr/pt, folded (no accents: "müde" -> "mude"); a word also matches
# its inflections ("cansad" -> cansado, cansada; "fatigu" -> fatigue, fatiguee). Words that
# also mean something else ("solo", "seul", "allein": alone or only) are left out.
OTHER_TAG_WORDS: dict[str, tuple[str, ...]] = {
    "happy": ("feliz", "contento", "contenta", "alegre", "glucklich", "gluecklich", "froh",
              "heureux", "heureuse", "felizes"),
    "calm": ("tranquil", "calma", "calmo", "ruhig", "entspannt", "calme", "serein", "sereine"),
    "grateful": ("agradecid", "dankbar", "reconnaissant", "grato", "grata"),
    "proud": ("orgullos", "stolz", "fier", "fiere", "orgulhos"),
    "motivated": ("motivad", "motiviert", "motive", "motivee"),
    "energetic": ("energic", "energiegeladen", "energique", "energetic"),
    "hopeful": ("esperanza", "esperanzad", "hoffnungsvoll", "zuversichtlich", "espoir",
                "esperancos"),
    "tired": ("cansad", "agotad", "mude", "muede", "erschopft", "erschoepft", "fatigu", "epuis",
              "exaust"),
    "stressed": ("estres", "estresad", "gestresst", "stresse", "stressee", "estressad"),
    "anxious": ("ansios", "ansiedad", "nervios", "nervos", "angst", "anxieux", "anxieuse",
                "angoisse", "ansiedade"),
    "sad": ("triste", "traurig", "deprimid", "deprim", "llore", "llorando", "geweint", "pleure",
            "chorei", "chorando"),
    "lonely": ("soledad", "einsam", "solitude", "isole", "isolee", "sozinho", "sozinha",
               "solidao"),
    "angry": ("enfadad", "enojad", "furios", "wutend", "wuetend", "colere", "furieux",
              "furieuse", "raiva"),
    "frustrated": ("frustrad", "frustriert", "frustre", "frustree", "frustracion"),
    "bored": ("aburrid", "gelangweilt", "langweilig", "ennuye", "ennuyee", "entediad"),
    "overwhelmed": ("agobiad", "abrumad", "uberfordert", "ueberfordert", "deborde",
                    "debordee", "sobrecarregad"),
    "sick": ("enferm", "resfriad", "krank", "erkaltet", "malade", "doente", "gripe", "grippe",
             "fiebre", "fieber", "febre"),
}  # fmt: skip
OTHER_NEGATIONS = {"no", "nicht", "kein", "keine", "nie", "nunca", "ni", "pas", "jamais",
                   "nao", "nem"}  # fmt: skip
_FOLDED_TOKEN = re.compile(r"[a-z]+|[.,;!?]")
assert set(TAG_WORDS) <= set(MOOD_TAGS) and set(OTHER_TAG_WORDS) <= set(MOOD_TAGS)


def _negated(tokens: list[str], i: int, negations: set[str] = NEGATIONS) -> bool:
    window: list[str] = []
    for token in reversed(tokens[max(0, i - 3) : i]):
        if token in _CLAUSE_END:  # a negation does not reach across punctuation
            break
        window.append(token)
    return any(t in negations or t.endswith("n't") for t in window)


def sentiment(text: str) -> float:
    """Sentiment of `text` in [-1, 1] (`coach.understanding.sentiment.score`)."""
    return score(text)


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
    if not found and language_of(folded := fold(text)) != "en":
        found = _other_moods(folded)
    if not found:
        score = sentiment(text)
        found = ["sad"] if score <= -0.4 else ["happy"] if score >= 0.4 else ["neutral"]
    return found[:limit]


def _other_moods(folded: str) -> list[str]:
    """Mood tags from the es/de/fr/pt words, un-negated, in vocabulary order."""
    tokens = _FOLDED_TOKEN.findall(folded)
    found = []
    for tag, words in OTHER_TAG_WORDS.items():
        for i, token in enumerate(tokens):
            said = any(token == w or (len(w) >= 4 and token.startswith(w) and len(token) - len(w) <= 2)
                       for w in words)  # fmt: skip
            if said and not _negated(tokens, i, OTHER_NEGATIONS):
                found.append(tag)
                break
    return found


def _reflection(t: Translator, score: float, tags: list[str], empty: bool) -> str:
    if empty:
        return t.gettext(
            "The entry was empty — write a line or two and I'll reflect on it with you."
        )
    if score <= -0.5:
        return t.gettext(
            "That sounds like a heavy day. Be gentle with yourself — one small step still counts."
        )
    if score < -0.1:
        return t.gettext("Some of this weighed on you. Noticing it is already useful.")
    if score >= 0.5:
        return t.gettext("Lovely to read — note what made today work so you can repeat it.")
    return t.gettext(
        "Thanks for writing this down. Small, regular notes make patterns easier to see."
    )


def offline_journal(text: str, language: str = "en") -> JournalAnalysis:
    """Lexicon sentiment, mood tags and a short reflection (in `language`) for a journal entry."""
    score = sentiment(text)
    tags = mood_tags(text)
    reflection = _reflection(translator(language), score, tags, not text.strip())
    return JournalAnalysis(sentiment_score=score, mood_tags=tags, reflection=reflection)
