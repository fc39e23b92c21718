"""The member's language: gettext catalogues compiled from .po at load, Babel for formats.

Catalogues live beside this module as `locales/<lang>/LC_MESSAGES/<domain>.po`, one domain per
layer (`handlers`: what the transports render; `core`: what coach/ and mentor/ write), and are
read straight from the .po source (compiled in memory with Babel), so a translator edits text
files and nothing binary is committed. English is the source language: its texts are the msgids.
How to add a language: docs/languages.md.
"""

from __future__ import annotations

import gettext
import io
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from babel import Locale, dates, numbers
from babel.messages import mofile, pofile
from babel.messages.catalog import Catalog

LOCALES = Path(__file__).parent / "locales"
# domain -> the packages whose marked texts it holds (one template `<domain>.pot` each)
DOMAINS = {"handlers": ("bot", "handlers"), "core": ("coach", "mentor")}
SOURCE = "en"
SUPPORTED = ("en", "es", "de", "fr", "pt")


def N_(message: str) -> str:
    """Mark a text for extraction where it is defined; translate it where it is shown."""
    return message


def catalogue_path(language: str, domain: str) -> Path:
    """Where the .po file of `language` for `domain` lives."""
    return LOCALES / language / "LC_MESSAGES" / f"{domain}.po"


def template_path(domain: str) -> Path:
    """Where the template (.pot) of `domain` lives."""
    return LOCALES.parent / f"{domain}.pot"


def _read(language: str, domain: str) -> Catalog | None:
    path = catalogue_path(language, domain)
    if not path.exists():
        return None
    with path.open("rb") as source:
        return pofile.read_po(source, locale=language, domain=domain)


@cache
def _translations(language: str) -> gettext.NullTranslations:
    """All domains of `language` chained: a text missing in one is looked up in the next."""
    chain = gettext.NullTranslations()
    if language == SOURCE:
        return chain
    for domain in reversed(DOMAINS):
        if (catalog := _read(language, domain)) is None:
            continue
        buffer = io.BytesIO()
        mofile.write_mo(buffer, catalog, use_fuzzy=False)
        buffer.seek(0)
        compiled = gettext.GNUTranslations(buffer)
        compiled.add_fallback(chain)
        chain = compiled
    return chain


def _complete(language: str) -> bool:
    """True when every domain's catalogue of `language` has every text translated, none fuzzy."""
    if language == SOURCE:
        return True
    for domain in DOMAINS:
        catalog = _read(language, domain)
        if catalog is None or not all(
            not m.fuzzy and all(m.string if isinstance(m.string, tuple) else (m.string,))
            for m in catalog
            if m.id
        ):
            return False
    return True


@cache
def offered_languages() -> tuple[str, ...]:
    """The languages a member may choose: those whose catalogue is complete."""
    return tuple(lang for lang in SUPPORTED if _complete(lang))


def pick_language(code: str | None, *, default: str = SOURCE) -> str:
    """A supported language from a tag such as Telegram's `language_code` ("es-MX" → "es").

    Any supported language is taken, complete or not: a text its catalogue lacks is shown in
    English, which beats all-English for a French or Portuguese member. Only complete languages
    are offered as choices in /settings.
    """
    if not code:
        return default
    base = code.replace("_", "-").split("-")[0].lower()
    return base if base in SUPPORTED else default


@cache
def _locale(language: str) -> Locale:
    """Babel's Locale, parsed once: a language code costs Babel a parse on every call."""
    return Locale.parse(language)


@cache
def _percent_pattern(language: str) -> numbers.NumberPattern:
    """The language's percent pattern, parsed once (what `format_percent` parses per call)."""
    return numbers.parse_pattern(_locale(language).percent_formats[None])


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

    def date(self, day: date, style: str = "medium") -> str:
        """A date as the language writes it ("1 dic 2026", "01.12.2026")."""
        return dates.format_date(day, format=style, locale=_locale(self.language))

    def weekday(self, day: date, width: str = "wide") -> str:
        """The weekday's name ("martes", "Dienstag")."""
        return dates.format_date(
            day, format="EEEE" if width == "wide" else "EEE", locale=_locale(self.language)
        )

    def number(self, value: float) -> str:
        """A number with the language's separators ("1.234,5" in German)."""
        return numbers.format_decimal(value, locale=_locale(self.language))

    def percent(self, share: float) -> str:
        """A share (0.72) as a percentage ("72 %" in German)."""
        return _percent_pattern(self.language).apply(share, _locale(self.language))


@cache
def translator(language: str | None) -> Translator:
    """The translator for a member's language (English when unsupported)."""
    return Translator(language if language in SUPPORTED else SOURCE)
