"""Finding a patient among a mentor's OWN patients, without revealing anyone else's."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from coach.i18n import translator
from storage.models import Mentor, User

MODES = {"quick": "quick_check", "deep": "deep_dive", "risk": "risk_intervention"}
MAX_NAME_WORDS = 4
_AFTER_A_NAME = ",.:;!?"


def refusal(query: str, language: str | None = None) -> str:
    """The one refusal for an unknown mentor, a stranger's patient, or nobody at all (in the
    mentor's `language`, English by default)."""
    return translator(language).gettext(
        "I can't help with “{query}”: no patient of yours goes by that name. "
        "If this is wrong, ask your goalbot admin.",
        query=query,
    )


@dataclass(frozen=True)
class Match:
    """The outcome of looking up a patient: found, ambiguous (candidates) or not found."""

    query: str
    patient: User | None = None
    candidates: list[User] = field(default_factory=list)
    rest: str = ""

    @property
    def ambiguous(self) -> bool:
        """True when the words matched more than one of the mentor's patients."""
        return len(self.candidates) > 1


def handle(user: User) -> str:
    """How a mentor names this patient unambiguously: @username, else the full name."""
    return f"@{user.telegram_username}" if user.telegram_username else (user.name or "?")


def clarification(match: Match, language: str | None = None) -> str:
    """Ask the mentor to pick one of several patients by @username (in their `language`)."""
    names = ", ".join(f"{p.name or '?'} ({handle(p)})" for p in match.candidates)
    return translator(language).gettext(
        "More than one of your patients matches “{query}”: {names}. "
        "Say which one with their @username, e.g. /patient @username …",
        query=match.query, names=names,
    )  # fmt: skip


def _norm(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


def find(mentor: Mentor | None, patients: list[User], text: str) -> Match:
    """Match the leading words of `text` to one of `patients` (the mentor's own only).

    `@username` matches the Telegram username; otherwise the longest run of leading words
    that equals a patient's full name, else the first word equal to a patient's first name.
    """
    words = text.split()
    if not words:
        return Match(query="")
    if mentor is None:
        return Match(query=words[0])
    if words[0].startswith("@"):
        name = _bare(words[0])[1:].casefold()
        hits = [p for p in patients if (p.telegram_username or "").casefold() == name]
        return _result(_bare(words[0]), hits, words[1:])
    for size in range(min(MAX_NAME_WORDS, len(words)), 0, -1):
        query = _bare(" ".join(words[:size]))
        hits = [p for p in patients if _norm(p.name) == _norm(query)]
        if hits:
            return _result(query, hits, words[size:])
    first = _bare(words[0])
    hits = [p for p in patients if _norm(p.name).split(" ")[0] == first.casefold()]
    return _result(first, hits, words[1:])


def find_asked(mentor: Mentor | None, patients: list[User], text: str) -> Match:
    """`find` for a /patient question, which may also name its mode first ("deep @anna …")."""
    match = find(mentor, patients, text)
    words = text.split(maxsplit=1)
    if match.patient or match.ambiguous or len(words) < 2 or words[0].casefold() not in MODES:
        return match
    moved = find(mentor, patients, words[1])
    if moved.patient is None and not moved.ambiguous:
        return match
    return replace(moved, rest=f"{words[0]} {moved.rest}")


def _bare(name: str) -> str:
    """The name without the punctuation people type after it ("@anna," "Anna:")."""
    return name.rstrip(_AFTER_A_NAME) or name


def _result(query: str, hits: list[User], rest: list[str]) -> Match:
    if len(hits) == 1:
        return Match(query=query, patient=hits[0], rest=" ".join(rest))
    return Match(query=query, candidates=hits, rest=" ".join(rest))


def split_mode(rest: str) -> tuple[str, str]:
    """Split an optional leading quick|deep|risk off the message; quick_check by default."""
    words = rest.split(maxsplit=1)
    if words and words[0].casefold() in MODES:
        return MODES[words[0].casefold()], (words[1] if len(words) > 1 else "")
    return "quick_check", rest
