"""Time zones as newcomers type them: the prompt's own examples in each language, the city
in its own language, a city that is the last part of a zone, a typo."""

from __future__ import annotations

import pytest

from coach.timezones import resolve_timezone


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Wien", "Europe/Vienna"),  # the German prompt's example
        ("Ciudad de México", "America/Mexico_City"),  # the Spanish prompt's example
        ("Lisboa", "Europe/Lisbon"),  # the Portuguese prompt's example
        ("Montréal", "America/Toronto"),  # the French prompt's example
        ("München", "Europe/Berlin"),
        ("Köln", "Europe/Berlin"),
        ("Nueva York", "America/New_York"),
        ("New York City", "America/New_York"),
        ("Londres", "Europe/London"),
        ("Kabul", "Asia/Kabul"),  # no city entry: the last part of Asia/Kabul
        ("Estocolmo", "Europe/Stockholm"),  # CLDR's names, through Babel, in five languages
        ("Kairo", "Africa/Cairo"),
        ("Jartum", "Africa/Khartoum"),  # these four no typo rule reaches without CLDR
        ("Dschibuti", "Africa/Djibouti"),
        ("Port Moresby", "Pacific/Port_Moresby"),
        ("berln", "Europe/Berlin"),
        ("Amsterdm", "Europe/Amsterdam"),
        ("europe/berln", "Europe/Berlin"),
    ],
)
def test_a_newcomer_s_city_is_found(typed: str, zone: str) -> None:
    assert resolve_timezone(typed) == zone


@pytest.mark.parametrize("typed", ["Narnia", "Mordor", "asdf", "idk", "yes"])
def test_a_place_that_does_not_exist_is_not_guessed(typed: str) -> None:
    assert resolve_timezone(typed) is None


@pytest.mark.parametrize("typed", ["wake up at 6 every day", "christmas shopping less",
                                   "seul le matin",  # CLDR's Spanish Seoul is French "alone"
                                   "easter is soon", "nome is where I grew up"])  # fmt: skip
def test_a_goal_typed_before_the_time_zone_names_no_zone_by_its_first_word(typed: str) -> None:
    assert resolve_timezone(typed) is None  # Pacific/Wake, Indian/Christmas: only said alone
    assert resolve_timezone(typed.split()[0]) is not None
