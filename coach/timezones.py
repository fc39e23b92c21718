"""A member's time zone from what they type (IANA name or big city) or a shared location."""

from __future__ import annotations

import difflib
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

# The same cities as members write them in Spanish, German, French and Portuguese (and a few
# more big cities) — the language prompts give some as examples ("Wien", "Ciudad de México").
# These also lead a longer answer ("Wien, Österreich"); CLDR's names of every zone's city in
# each offered language (`_cldr_cities`, ~400 more) count only said alone.
NATIVE: dict[str, str] = {
    "londres": "Europe/London", "lisboa": "Europe/Lisbon", "lissabon": "Europe/Lisbon",
    "lisbonne": "Europe/Lisbon", "porto": "Europe/Lisbon", "munchen": "Europe/Berlin",
    "muenchen": "Europe/Berlin", "munich": "Europe/Berlin", "koln": "Europe/Berlin",
    "koeln": "Europe/Berlin", "stuttgart": "Europe/Berlin", "dusseldorf": "Europe/Berlin",
    "leipzig": "Europe/Berlin", "dresden": "Europe/Berlin", "wien": "Europe/Vienna",
    "viena": "Europe/Vienna", "vienne": "Europe/Vienna", "genf": "Europe/Zurich",
    "ginebra": "Europe/Zurich", "bern": "Europe/Zurich", "basel": "Europe/Zurich",
    "roma": "Europe/Rome", "rom": "Europe/Rome", "milano": "Europe/Rome", "mailand": "Europe/Rome",
    "milan": "Europe/Rome", "napoles": "Europe/Rome", "bruselas": "Europe/Brussels",
    "brussel": "Europe/Brussels", "bruxelles": "Europe/Brussels", "praga": "Europe/Prague",
    "prag": "Europe/Prague", "varsovia": "Europe/Warsaw", "warschau": "Europe/Warsaw",
    "varsovie": "Europe/Warsaw", "atenas": "Europe/Athens", "athen": "Europe/Athens",
    "moscu": "Europe/Moscow", "moskau": "Europe/Moscow", "moscou": "Europe/Moscow",
    "estambul": "Europe/Istanbul", "kopenhagen": "Europe/Copenhagen", "lyon": "Europe/Paris",
    "marseille": "Europe/Paris", "toulouse": "Europe/Paris", "sevilla": "Europe/Madrid",
    "bilbao": "Europe/Madrid", "malaga": "Europe/Madrid", "zaragoza": "Europe/Madrid",
    "el cairo": "Africa/Cairo", "le caire": "Africa/Cairo", "tokio": "Asia/Tokyo",
    "toquio": "Asia/Tokyo", "pekin": "Asia/Shanghai", "pequim": "Asia/Shanghai",
    "nueva york": "America/New_York", "nova york": "America/New_York",
    "nova iorque": "America/New_York", "new york city": "America/New_York",
    "ciudad de mexico": "America/Mexico_City", "cidade do mexico": "America/Mexico_City",
    "mexico df": "America/Mexico_City", "mexico": "America/Mexico_City", "cdmx": "America/Mexico_City",
    "guadalajara": "America/Mexico_City", "monterrey": "America/Monterrey",
    "medellin": "America/Bogota", "quito": "America/Guayaquil", "la paz": "America/La_Paz",
    "montevideo": "America/Montevideo", "asuncion": "America/Asuncion",
    "brasilia": "America/Sao_Paulo", "rio": "America/Sao_Paulo", "recife": "America/Recife",
    "salvador": "America/Bahia", "belo horizonte": "America/Sao_Paulo",
    "montreal": "America/Toronto", "quebec": "America/Toronto",
}  # fmt: skip
_CLOSE = 0.84  # how alike a typed name and a known one must be ("berln" → berlin: 0.91)

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
    if (zone := _names().get(plain)) is not None:
        return zone
    words, cities = plain.split(" "), NATIVE | CITIES
    for count in range(len(words) - 1, 0, -1):  # "berlin germany": the big cities lead
        if (zone := cities.get(" ".join(words[:count]))) is not None:
            return zone
    return _close(plain, zones)


@cache
def _names() -> dict[str, str]:
    """Every name a city goes by: the lists above, each zone's own city ("kabul") and its name
    in each offered language (CLDR, through Babel: "wien", "nueva york"); a zone's city counts
    only said alone ("wake up at 6" is no Pacific/Wake)."""
    found: dict[str, str] = {}
    for zone in sorted(available_timezones()):
        area, _, place = zone.rpartition("/")
        if area and area.split("/")[0] in _AREAS:
            found.setdefault(place.lower().replace("_", " "), zone)
    return found | _cldr_cities() | NATIVE | CITIES


def _cldr_cities() -> dict[str, str]:
    """Each zone's exemplar city as CLDR writes it in en, es, de, fr and pt, folded like input."""
    from babel import Locale

    known, found = available_timezones(), {}
    for language in ("en", "es", "de", "fr", "pt"):
        for zone, names in sorted(Locale.parse(language).time_zones.items()):
            if zone in known and (city := names.get("city")):
                found.setdefault(_plain(city), zone)
    return found


_AREAS = ("Africa", "America", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific")


def _close(plain: str, zones: dict[str, str]) -> str | None:
    """A typo of a known city or zone ("berln", "europe/berln"), when one is clearly meant."""
    if len(plain) < 4:
        return None
    if "/" in plain:
        match = difflib.get_close_matches(plain, list(zones), n=1, cutoff=_CLOSE)
        return zones[match[0]] if match else None
    match = difflib.get_close_matches(plain, list(_names()), n=1, cutoff=_CLOSE)
    return _names()[match[0]] if match else None


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
