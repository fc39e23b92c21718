"""Catalogues: in step with the code, placeholders and plural forms kept, languages offered when complete."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from babel.messages import pofile
from babel.messages.extract import extract_from_dir
from babel.messages.plurals import get_plural

from coach import i18n

REPO = Path(__file__).resolve().parents[2]
KEYWORDS = {"N_": None, "gettext": None, "ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"\{(\w*)(?:[:!][^}]*)?\}")


def _source_messages(domain: str) -> set[str | tuple[str, str]]:
    found: set[str | tuple[str, str]] = set()
    for package in i18n.DOMAINS[domain]:
        for _file, _line, message, _comments, _context in extract_from_dir(
            REPO / package, method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            found.add(message if isinstance(message, str) else tuple(message))
    return found


def _catalogue(path: Path, locale: str | None = None):
    with path.open("rb") as source:
        return pofile.read_po(source, locale=locale)


def _ids(catalog) -> set[str | tuple[str, str]]:
    return {m.id if isinstance(m.id, str) else tuple(m.id) for m in catalog if m.id}


@pytest.mark.parametrize("domain", list(i18n.DOMAINS))
def test_template_is_in_step_with_the_code(domain: str) -> None:
    template = _catalogue(i18n.template_path(domain))
    in_code = _source_messages(domain)
    missing, stale = in_code - _ids(template), _ids(template) - in_code
    assert not missing, (
        f"run the extract command in docs/languages.md: new texts {sorted(map(str, missing))[:5]}"
    )
    assert not stale, f"texts no longer in the code: {sorted(map(str, stale))[:5]}"


CATALOGUES = [(lang, d) for lang in i18n.SUPPORTED if lang != i18n.SOURCE for d in i18n.DOMAINS]


@pytest.mark.parametrize(("language", "domain"), CATALOGUES)
def test_catalogue_has_every_text_with_its_placeholders(language: str, domain: str) -> None:
    template = _catalogue(i18n.template_path(domain))
    catalog = _catalogue(i18n.catalogue_path(language, domain), locale=language)
    assert _ids(catalog) == _ids(template), "run the update command in docs/languages.md"
    forms = get_plural(language).num_plurals
    for message in (m for m in catalog if m.id and m.string):
        ids = (message.id,) if isinstance(message.id, str) else message.id
        strings = (message.string,) if isinstance(message.string, str) else message.string
        wanted = set(PLACEHOLDER.findall(ids[-1])) | ({"count"} if len(ids) > 1 else set())
        if len(ids) > 1:
            assert len(strings) == forms, f"{language}: {ids[0]!r} needs {forms} plural forms"
        for text in (s for s in strings if s):
            assert set(PLACEHOLDER.findall(text)) <= wanted | set(PLACEHOLDER.findall(ids[0])), (
                f"{language}: {ids[0]!r} has a placeholder its source does not"
            )
            assert set(PLACEHOLDER.findall(ids[0])) - {"count"} <= set(PLACEHOLDER.findall(text)), (
                f"{language}: {ids[0]!r} dropped a placeholder"
            )


def test_only_complete_languages_are_offered() -> None:
    offered = i18n.offered_languages()
    assert offered[0] == "en"
    for language, domain in CATALOGUES:
        catalog = _catalogue(i18n.catalogue_path(language, domain), locale=language)
        complete = all(m.string and not m.fuzzy for m in catalog if m.id)
        assert complete or language not in offered, (
            f"{language} is offered with {domain} incomplete"
        )


def test_language_tags_map_to_offered_languages() -> None:
    assert i18n.pick_language(None) == "en"
    assert i18n.pick_language("zz-ZZ") == "en"
    for language in i18n.SUPPORTED:
        assert i18n.pick_language(f"{language.upper()}_XX") == language


def test_formats_follow_the_language() -> None:
    german, spanish = i18n.translator("de"), i18n.translator("es")
    assert german.number(1234.5) == "1.234,5"
    assert german.weekday(date(2026, 12, 1)) == "Dienstag"
    assert spanish.weekday(date(2026, 12, 1)) == "martes"
    assert i18n.translator("xx").language == "en"
    assert i18n.translator("en").gettext("{n} left", n=3) == "3 left"
