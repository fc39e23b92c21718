"""The safety message: five languages, the member's country's helplines, and the docs agree."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.safety import country_for, safety_message
from coach.safety.messages import HELPLINES, LANGUAGES, TEXTS

DOCS = Path(__file__).resolve().parents[2] / "docs" / "safety.md"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("country", [*HELPLINES, None])
def test_every_language_names_the_countrys_lines_and_the_fallback(
    language: str, country: str | None
) -> None:
    text = safety_message(language, country)
    assert text.startswith(TEXTS[language]["opening"]) and "findahelpline.com" in text
    for line in HELPLINES.get(country or "", ()):
        assert line.contact in text
    if country is None:  # unknown: the lines where the language is most spoken
        assert any(h.contact in text for lines in HELPLINES.values() for h in lines)


def test_the_country_comes_from_the_zone_then_the_language_code() -> None:
    assert country_for("Europe/Berlin") == "DE" and country_for("America/Sao_Paulo") == "BR"
    assert country_for("America/Mexico_City", "en-US") == "MX"
    assert country_for(None, "pt-br") == "BR" and country_for("UTC", "es") is None
    assert "3114" in safety_message("fr", country_for("Europe/Paris"))
    assert "024" in safety_message("es", "ES") and "800 911 2000" in safety_message("es", "MX")


def test_unknown_languages_get_english() -> None:
    assert safety_message("it") == safety_message("en") and "988" in safety_message(None)


def test_the_docs_table_lists_every_helpline_with_its_source() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    for lines in HELPLINES.values():
        for line in lines:
            assert line.contact.split(" (")[0] in docs and line.source in docs
    assert "| 2026-12-01 |" in docs  # each row says when it was checked
