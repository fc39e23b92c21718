"""Time zones from what members type or share."""

from __future__ import annotations

import pytest

from coach.timezones import CITIES, resolve_timezone, timezone_at


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("Europe/Berlin", "Europe/Berlin"), ("europe/berlin", "Europe/Berlin"),
        ("Berlin", "Europe/Berlin"), ("I'm in São Paulo", "America/Sao_Paulo"),
        ("new york", "America/New_York"), ("America/New York", "America/New_York"),
        ("UTC", "UTC"), ("Mumbai, India", "Asia/Kolkata"), ("in Tokyo", "Asia/Tokyo"),
    ],
)  # fmt: skip
def test_names_and_cities(text: str, zone: str) -> None:
    assert resolve_timezone(text) == zone


@pytest.mark.parametrize("text", ["Mars", "", "x" * 200, "🙂", "Atlantis/Nowhere"])
def test_unknown_places(text: str) -> None:
    assert resolve_timezone(text) is None


def test_the_city_table_is_about_a_hundred_valid_zones() -> None:
    assert len(CITIES) >= 100
    assert all(resolve_timezone(zone) == zone for zone in set(CITIES.values()))


def test_a_shared_location() -> None:
    assert timezone_at(52.52, 13.40) == "Europe/Berlin"
    assert timezone_at(40.71, -74.0) == "America/New_York"
    assert timezone_at(123.0, 0.0) is None
