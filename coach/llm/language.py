"""Is a model's answer in the member's language? py3langid, offline and deterministic.

py3langid (a maintained fork of langid.py: a naive Bayes model shipped inside the package, no
download, the same answer for the same text) is restricted to the supported languages, so a
German reply is never taken for Luxembourgish. Short texts (fewer than `MIN_WORDS` words, such
as "Super!" or a habit's name) are never rejected: too little to tell, and often the same in
every language. A text is rejected only when another language is clearly more likely.
"""

from __future__ import annotations

from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier
from pydantic import BaseModel

from coach.i18n import SUPPORTED, offered_languages

MIN_WORDS = 4
CONFIDENCE = 0.8  # normalised over the supported languages
# The generated prose a member (or mentor) reads, per result type; titles the member wrote
# themselves (a habit's name) are left out: they are in whatever language they typed.
SHOWN_FIELDS = {
    "CoachReply": ("reply", "action_steps"),
    "CoachTurn": ("reply", "action_steps"),
    "Plan": ("subgoals", "notes"),
    "JournalAnalysis": ("reflection",),
    "GroupRecap": ("post",),
    "MentorAnswer": ("reply", "suggested_actions"),
}


def load_language_model() -> None:
    """Load the language model now (about a second; cached for the process)."""
    _identifier()


@cache
def _identifier() -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(SUPPORTED))
    return identifier


def detect(text: str) -> tuple[str, float]:
    """The most likely supported language of `text` and its probability."""
    language, probability = _identifier().classify(text)
    return str(language), float(probability)


def written_in(text: str, language: str) -> bool:
    """False only when `text` is long enough and clearly in another language than `language`."""
    if language not in SUPPORTED or len(text.split()) < MIN_WORDS:
        return True
    found, probability = detect(text)
    return found == language or probability < CONFIDENCE


OFFER_CONFIDENCE = 0.95  # a member's own message: on the corpus, no English one reaches it


def other_language(text: str, language: str) -> str | None:
    """The offered language a member's message is clearly written in when it is not theirs
    ("quiero dormir mejor" from an English member: es), else None. Two words at least."""
    if len(text.split()) < 2:
        return None
    found, probability = detect(text)
    if found == language or probability < OFFER_CONFIDENCE or found not in offered_languages():
        return None
    return found


def shown_text(value: BaseModel) -> str:
    """The prose of a result that is shown to a person, joined (empty for unknown types)."""
    parts: list[str] = []
    for name in SHOWN_FIELDS.get(type(value).__name__, ()):
        field = getattr(value, name, None)
        parts += field if isinstance(field, list) else [field] if field else []
    return "\n".join(str(p) for p in parts)


def answer_in_language(value: BaseModel, language: str) -> bool:
    """True when the shown prose of a model's result is in `language` (or too short to tell)."""
    return written_in(shown_text(value), language)
