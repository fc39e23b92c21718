"""Cleaning of text people write, before any rule or prompt sees it.

Empty, enormous, binary-looking or homoglyph-mixed text never raises: `clean_text` returns the
usable text plus flags, and `CleanText.notice` is a short sentence to show the person.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from coach.i18n import translator

MAX_INPUT_CHARS = 20_000
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
_SPACES = re.compile(r"[ \t]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_WORD = re.compile(r"\w+")
_SCRIPTS_THAT_MIX = ("LATIN", "CYRILLIC", "GREEK")  # the confusable alphabets of homoglyph tricks


@dataclass(frozen=True)
class CleanText:
    """Text ready for rules and prompts, and what was wrong with the original."""

    text: str
    original_chars: int
    truncated: bool = False
    binary: bool = False
    mixed_script: bool = False

    @property
    def empty(self) -> bool:
        """True when nothing readable is left."""
        return not self.text

    @property
    def unreadable(self) -> bool:
        """True when the text must not be interpreted (binary, or alphabets mixed inside words)."""
        return self.binary or self.mixed_script

    @property
    def notice(self) -> str | None:
        """A short sentence for the person when their text was refused or cut, else None."""
        return self.notice_in("en")

    def notice_in(self, language: str | None) -> str | None:
        """`notice` in the person's language."""
        t = translator(language)
        if self.binary:
            return t.gettext(
                "That looks like binary data rather than text — could you send it as plain words?"
            )
        if self.mixed_script:
            return t.gettext(
                "Some words mix alphabets (e.g. Latin and Cyrillic letters) — please retype them."
            )
        if self.empty:
            return t.gettext("I didn't get any text — could you write a few words?")
        if self.truncated:
            return t.gettext("That was long, so I read only the first {count} characters.",
                             count=t.number(len(self.text)))  # fmt: skip
        return None


def _script(char: str) -> str | None:
    try:
        name = unicodedata.name(char)
    except ValueError:
        return None
    return next((s for s in _SCRIPTS_THAT_MIX if name.startswith(s)), None)


def mixes_scripts_inside_words(text: str) -> bool:
    """True when one word mixes Latin, Cyrillic or Greek letters (a homoglyph trick, or garbage)."""
    for word in _WORD.findall(text):
        scripts = {s for c in word if c.isalpha() and (s := _script(c))}
        if len(scripts) > 1:
            return True
    return False


def looks_binary(raw: str) -> bool:
    """True when a noticeable share of the characters are controls, NULs or replacement marks."""
    if not raw:
        return False
    sample = raw[:4000]
    bad = sum(
        1
        for c in sample
        if c == "\ufffd" or (unicodedata.category(c) in ("Cc", "Co", "Cs") and c not in "\n\r\t")
    )
    return bad / len(sample) > 0.05


def clean_text(text: str | None, limit: int = MAX_INPUT_CHARS) -> CleanText:
    """Normalise (NFKC), drop control characters, collapse spaces and cut to `limit` characters."""
    raw = text or ""
    if looks_binary(raw):
        return CleanText(text="", original_chars=len(raw), binary=True)
    value = (
        unicodedata.normalize("NFKC", raw[: limit * 2]).replace("\r\n", "\n").replace("\r", "\n")
    )
    value = _CONTROL.sub("", value)
    value = _BLANK_LINES.sub("\n\n", _SPACES.sub(" ", value)).strip()
    truncated = len(value) > limit or len(raw) > limit * 2
    if len(value) > limit:
        value = value[:limit].rstrip()
    if mixes_scripts_inside_words(value):
        return CleanText(text="", original_chars=len(raw), mixed_script=True)
    return CleanText(text=value, original_chars=len(raw), truncated=truncated)
