"""The member's language: gettext catalogues compiled from .po at load, Babel for formats.

Catalogues live beside this module as `locales/<lang>/LC_MESSAGES/goalbot.po` and are read
straight from the .po source (compiled in memory with Babel), so a translator edits one file and
nothing binary is committed. English is the source language: its texts are the msgids.
How to add a language: docs/languages.md.
"""

from __future__ import annotations

import gettext
import io
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cache
from pathlib import Path

from babel import Locale, dates, numbers
from babel.messages import mofile, pofile

LOCALES = Path(__file__).parent / "locales"
DOMAIN = "goalbot"
SOURCE = "en"
SUPPORTED = ("en", "es", "de", "fr", "pt")


def N_(message: str) -> str:
    """Mark a text for extraction where it is defined; translate it where it is shown."""
    return message


def catalogue_path(language: str) -> Path:
    """Where the .po file of `language` lives."""
    return LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def _translations(language: str) -> gettext.NullTranslations:
    path = catalogue_path(language)
    if language == SOURCE or not path.exists():
        return gettext.NullTranslations()
    with path.open("rb") as source:
        catalog = pofile.read_po(source, locale=language, domain=DOMAIN)
    buffer = io.BytesIO()
    mofile.write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def _completeness(language: str) -> float:
    """Share of the catalogue's messages that have a non-fuzzy translation (1.0 for English)."""
    if language == SOURCE:
        return 1.0
    path = catalogue_path(language)
    if not path.exists():
        return 0.0
    with path.open("rb") as source:
        catalog = pofile.read_po(source, locale=language)
    messages = [m for m in catalog if m.id]
    if not messages:
        return 0.0
    done = [
        m
        for m in messages
        if not m.fuzzy and all(m.string if isinstance(m.string, tuple) else (m.string,))
    ]
    return len(done) / len(messages)


@cache
def offered_languages() -> tuple[str, ...]:
    """The languages a member may choose: those whose catalogue is complete."""
    return tuple(lang for lang in SUPPORTED if _completeness(lang) >= 1.0)


def pick_language(code: str | None, *, default: str = SOURCE) -> str:
    """A supported language from a tag such as Telegram's `language_code` ("es-MX" → "es")."""
    if not code:
        return default
    base = code.replace("_", "-").split("-")[0].lower()
    return base if base in offered_languages() else default


def country_of(code: str | None) -> str | None:
    """The region of a language tag ("pt-BR" → "BR"), if it names one."""
    if not code:
        return None
    parts = code.replace("_", "-").split("-")
    return parts[1].upper() if len(parts) > 1 and len(parts[1]) == 2 else None


@dataclass(frozen=True)
class Translator:
    """Texts, plurals, dates and numbers in one language."""

    language: str

    def gettext(self, message: str, /, **values: object) -> str:
        """The translation of `message`, with its {placeholders} filled."""
        text = _translations(self.language).gettext(message)
        return text.format(**values) if values else text

    def ngettext(self, singular: str, plural: str, count: int, /, **values: object) -> str:
        """The plural form for `count` (also available as {count})."""
        text = _translations(self.language).ngettext(singular, plural, count)
        return text.format(count=count, **values)

    @property
    def locale(self) -> Locale:
        """Babel's locale for this language."""
        return Locale.parse(self.language)

    def date(self, day: date, style: str = "medium") -> str:
        """A date as the language writes it ("1 dic 2026", "01.12.2026")."""
        return dates.format_date(day, format=style, locale=self.language)

    def weekday(self, day: date, width: str = "wide") -> str:
        """The weekday's name ("martes", "Dienstag")."""
        return dates.format_date(
            day, format="EEEE" if width == "wide" else "EEE", locale=self.language
        )

    def time(self, moment: time | datetime) -> str:
        """A clock time in the language's style."""
        return dates.format_time(moment, format="short", locale=self.language)

    def number(self, value: float) -> str:
        """A number with the language's separators ("1.234,5" in German)."""
        return numbers.format_decimal(value, locale=self.language)

    def percent(self, share: float) -> str:
        """A share (0.72) as a percentage ("72 %" in German)."""
        return numbers.format_percent(share, locale=self.language)


@cache
def translator(language: str | None) -> Translator:
    """The translator for a member's language (English when unsupported)."""
    return Translator(language if language in SUPPORTED else SOURCE)
