"""A member's time zone from what they type (IANA name or big city) or a shared location."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

# About a hundred big cities people name instead of a zone (lower case, ASCII).
CITIES: dict[str, str] = {
    "london": "Europe/London", "dublin": "Europe/Dublin", "lisbon": "Europe/Lisbon",
    "paris": "Europe/Paris", "berlin": "Europe/Berlin", "munich": "Europe/Berlin",
    "hamburg": "Europe/Berlin", "frankfurt": "Europe/Berlin", "cologne": "Europe/Berlin",
    "vienna": "Europe/Vienna", "zurich": "Europe/Zurich", "geneva": "Europe/Zurich",
    "madrid": "Europe/Madrid", "barcelona": "Europe/Madrid", "rome": "Europe/Rome",
    "milan": "Europe/Rome", "amsterdam": "Europe/Amsterdam", "brussels": "Europe/Brussels",
    "copenhagen": "Europe/Copenhagen", "oslo": "Europe/Oslo", "stockholm": "Europe/Stockholm",
    "helsinki": "Europe/Helsinki", "warsaw": "Europe/Warsaw", "prague": "Europe/Prague",
    "budapest": "Europe/Budapest", "athens": "Europe/Athens", "bucharest": "Europe/Bucharest",
    "sofia": "Europe/Sofia", "kyiv": "Europe/Kyiv", "kiev": "Europe/Kyiv",
    "istanbul": "Europe/Istanbul", "moscow": "Europe/Moscow", "saint petersburg": "Europe/Moscow",
    "minsk": "Europe/Minsk", "riga": "Europe/Riga", "vilnius": "Europe/Vilnius",
    "tallinn": "Europe/Tallinn", "belgrade": "Europe/Belgrade", "zagreb": "Europe/Zagreb",
    "reykjavik": "Atlantic/Reykjavik", "cairo": "Africa/Cairo", "lagos": "Africa/Lagos",
    "nairobi": "Africa/Nairobi", "johannesburg": "Africa/Johannesburg",
    "cape town": "Africa/Johannesburg", "casablanca": "Africa/Casablanca",
    "accra": "Africa/Accra", "addis ababa": "Africa/Addis_Ababa", "tunis": "Africa/Tunis",
    "dubai": "Asia/Dubai", "abu dhabi": "Asia/Dubai", "doha": "Asia/Qatar",
    "riyadh": "Asia/Riyadh", "tehran": "Asia/Tehran", "tel aviv": "Asia/Jerusalem",
    "jerusalem": "Asia/Jerusalem", "karachi": "Asia/Karachi", "lahore": "Asia/Karachi",
    "delhi": "Asia/Kolkata", "new delhi": "Asia/Kolkata", "mumbai": "Asia/Kolkata",
    "bangalore": "Asia/Kolkata", "bengaluru": "Asia/Kolkata", "kolkata": "Asia/Kolkata",
    "chennai": "Asia/Kolkata", "hyderabad": "Asia/Kolkata", "dhaka": "Asia/Dhaka",
    "kathmandu": "Asia/Kathmandu", "colombo": "Asia/Colombo", "bangkok": "Asia/Bangkok",
    "hanoi": "Asia/Ho_Chi_Minh", "ho chi minh city": "Asia/Ho_Chi_Minh",
    "jakarta": "Asia/Jakarta", "kuala lumpur": "Asia/Kuala_Lumpur", "singapore": "Asia/Singapore",
    "manila": "Asia/Manila", "hong kong": "Asia/Hong_Kong", "beijing": "Asia/Shanghai",
    "shanghai": "Asia/Shanghai", "shenzhen": "Asia/Shanghai", "taipei": "Asia/Taipei",
    "seoul": "Asia/Seoul", "tokyo": "Asia/Tokyo", "osaka": "Asia/Tokyo",
    "almaty": "Asia/Almaty", "tashkent": "Asia/Tashkent", "sydney": "Australia/Sydney",
    "melbourne": "Australia/Melbourne", "brisbane": "Australia/Brisbane",
    "perth": "Australia/Perth", "adelaide": "Australia/Adelaide", "auckland": "Pacific/Auckland",
    "wellington": "Pacific/Auckland", "honolulu": "Pacific/Honolulu",
    "new york": "America/New_York", "nyc": "America/New_York", "boston": "America/New_York",
    "washington": "America/New_York", "miami": "America/New_York", "atlanta": "America/New_York",
    "philadelphia": "America/New_York", "toronto": "America/Toronto",
    "montreal": "America/Toronto", "chicago": "America/Chicago", "dallas": "America/Chicago",
    "houston": "America/Chicago", "austin": "America/Chicago", "denver": "America/Denver",
    "phoenix": "America/Phoenix", "los angeles": "America/Los_Angeles",
    "la": "America/Los_Angeles", "san francisco": "America/Los_Angeles",
    "seattle": "America/Los_Angeles", "vancouver": "America/Vancouver",
    "anchorage": "America/Anchorage", "mexico city": "America/Mexico_City",
    "bogota": "America/Bogota", "lima": "America/Lima", "santiago": "America/Santiago",
    "buenos aires": "America/Argentina/Buenos_Aires", "sao paulo": "America/Sao_Paulo",
    "rio de janeiro": "America/Sao_Paulo", "caracas": "America/Caracas",
    "havana": "America/Havana",
}  # fmt: skip

_FILLER = re.compile(r"^(i am in|im in|i live in|in|its|my time zone is|time zone)\s+")


def _plain(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    lowered = ascii_text.lower().replace(",", " ").replace("'", "")
    cleaned = re.sub(r"[^a-z/_+\-0-9 ]", " ", lowered)
    return _FILLER.sub("", re.sub(r"\s+", " ", cleaned).strip())


@cache
def _zones_by_lower() -> dict[str, str]:
    return {zone.lower(): zone for zone in available_timezones()}


def resolve_timezone(text: str) -> str | None:
    """The IANA zone named by `text` (a zone such as Europe/Berlin, or a city), else None."""
    if not text or len(text) > 80:
        return None
    plain = _plain(text)
    zones = _zones_by_lower()
    for candidate in (plain, plain.replace(" ", "_")):
        if candidate in zones:
            return zones[candidate]
    if plain in CITIES:
        return CITIES[plain]
    first = plain.split(" ")[0] if plain else ""
    return CITIES.get(first)


@cache
def _finder():  # type: ignore[no-untyped-def]
    from timezonefinder import TimezoneFinder

    return TimezoneFinder()


def timezone_at(latitude: float, longitude: float) -> str | None:
    """The IANA zone at a shared location (offline lookup), or None at sea / out of range."""
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    zone = _finder().timezone_at(lng=longitude, lat=latitude)
    if zone is None:
        return None
    ZoneInfo(zone)
    return zone
