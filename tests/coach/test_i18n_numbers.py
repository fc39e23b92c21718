"""Numbers in the member's language: the translator's cached Babel patterns give what Babel's
own functions give, in every supported language."""

from __future__ import annotations

from babel import numbers

from coach.i18n import SUPPORTED, translator

SHARES = [0.0, 0.005, 0.1234, 0.5, 0.715, 5 / 7, 0.999, 1.0, 1.25]


def test_percentages_read_as_babel_writes_them_in_each_language() -> None:
    for language in SUPPORTED:
        t = translator(language)
        assert [t.percent(s) for s in SHARES] == [
            numbers.format_percent(s, locale=language) for s in SHARES
        ]
    assert translator("de").percent(0.72) == "72\xa0%"  # German puts a space before the sign
    assert translator("en").percent(0.72) == "72%"
