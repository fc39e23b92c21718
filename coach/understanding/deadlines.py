"""Deadlines in plain words, relative to the member's local today.

A small phrase layer reads what dateparser does not ("end of march", seasons, "this month",
"xmas", "new year", "easter", "bis Ende März", "hasta el verano"); the `holidays` package
gives holiday dates per country and year; `dateparser.parse` reads the rest ("in 6 weeks",
"en 6 semanas", "15 June", "März") on the candidate span only — it is slow when it has to
guess, so it is given the languages, the member's today as RELATIVE_BASE, and only text that
a cheap pre-filter found (a month name, a number with a unit, a relative word).

Conventions: "by/before/until June" is 1 June (the goal is met when June begins);
"end of June", "in June" and "June" alone are 30 June; a season starts on the first day of its
meteorological season (spring 1 Mar, summer 1 Jun, autumn 1 Sep, winter 1 Dec; northern
hemisphere); a date already past means next year's.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from functools import lru_cache

MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    ("january jan enero ene januar janvier janeiro", "february feb febrero februar fevrier fevereiro",
     "march mar marzo marz mars marco", "april apr abril avril", "may mayo mai maio",
     "june jun junio juni juin junho", "july jul julio juli juillet julho",
     "august aug agosto aout", "september sep sept septiembre setiembre septembre setembro",
     "october oct octubre oktober okt octobre outubro", "november nov noviembre novembre novembro",
     "december dec diciembre dezember dez decembre dezembro"), start=1):  # fmt: skip
    MONTHS.update(dict.fromkeys(_names.split(), _i))
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b"
_BY = r"(?:by|before|until|till|til|untill|thru|through|up to|for|para|antes de|hasta|bis|vor|avant|jusqu'a|ate|d'ici)"
_END = r"(?:(?:the )?end of|(?:el |a )?final(?:es)? de|fin(?:ales)? de|ende|fim de|la fin de)"
SEASONS = {**dict.fromkeys(("spring", "primavera", "fruhling", "printemps"), 3),
           **dict.fromkeys(("summer", "verano", "sommer", "ete", "verao"), 6),
           **dict.fromkeys(("autumn", "fall", "otono", "herbst", "automne", "outono"), 9),
           **dict.fromkeys(("winter", "invierno", "hiver", "inverno"), 12)}  # fmt: skip
_SEASON = r"(?P<season>" + "|".join(SEASONS) + r")\b"
HOLIDAYS = {
    "christmas": ("xmas", "x-mas", "christmas", "chrimbo", "navidad", "navidades", "weihnachten",
                  "noel", "natal"),
    "new_year": ("new year", "new years", "new year's", "nye", "new years eve", "new year's eve",
                 "new year eve", "ano nuevo", "fin de ano",
                 "nochevieja", "neujahr", "silvester", "nouvel an", "ano novo", "reveillon"),
    "easter": ("easter", "pascua", "semana santa", "ostern", "paques", "pascoa"),
    "valentine": ("valentines", "valentine's", "valentines day", "valentine's day", "valentine"),
    "halloween": ("halloween",),
    "thanksgiving": ("thanksgiving",),
}  # fmt: skip
_FIXED = {"valentine": (2, 14), "halloween": (10, 31)}
_HOLIDAY = re.compile(r"\b(?P<name>" + "|".join(
    sorted((w for ws in HOLIDAYS.values() for w in ws), key=len, reverse=True)) + r")\b")  # fmt: skip
_RELATIVE = re.compile(
    r"\b(?:in|within|for|over|en|durante|dentro de|in den nachsten|fur|innerhalb von|dans|pendant|"
    r"em|por|d'ici|daqui a|the next|next)\s+(?:the next |los proximos |las proximas )?"
    r"(?:\d+|a couple of|a couple|a|an|one|two|three|"
    r"four|five|six|eight|ten|twelve|un|una|dos|tres|cuatro|seis|ein|einem|zwei|drei|vier|sechs|"
    r"acht|une|deux|trois|quatre|dix|douze|um|uma|dois|duas|quatro|dez|doze)\s+"
    r"(?:days?|weeks?|wks?|months?|years?|dias|semanas?|mes(?:es)?|anos?|tagen?|wochen?|monaten?|"
    r"jahren?|jours?|semaines?|mois|ans?)\b"
)
_THIS = re.compile(r"\b(?:(?:by |until |till |before )?(?:the )?(?:end|rest) of (?:the |this )?"
                   r"(?P<e>month|year|week)|this (?P<t>month|year|week)|(?:este|esta|esse|essa) (?P<s>mes|ano|semana)|"
                   r"diese[nrs]? (?P<d>monat|jahr|woche)|(?:el |a |o )?fi[nm](?:al)?(?:es)? d[eo](?:l)? (?:mes|ano)|"
                   r"(?:la )?fin (?:de l'|du |de la |de cette )?(?:annee|mois|semaine)|"
                   r"(?:o )?(?:fim|final) da semana|"
                   r"cette (?:semaine|annee)|ce mois(?:-ci)?|cet(?:te)? an(?:nee)?|"
                   r"ende des (?:monats|jahres)|jahresende|monatsende|next (?P<n>month|year)|"
                   r"(?P<nx>(?:le |l')?(?:mois|annee|semaine) prochaine?|(?:o |a )?(?:mes|ano|semana) "
                   r"que vem|(?:o |a )?proxim[oa] (?:mes|ano|semana)))\b")  # fmt: skip
_UNITS = {**dict.fromkeys(("month", "mes", "monat", "monats", "mois", "monatsende"), "month"),
          **dict.fromkeys(("week", "semana", "woche", "semaine"), "week")}  # fmt: skip
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
LANGUAGES = ["en", "es", "de", "fr", "pt"]


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _next(today: date, make) -> date:
    """The first of make(year) for this year and the next that is after today."""
    for year in (today.year, today.year + 1):
        candidate = make(year)
        if candidate > today:
            return candidate
    return make(today.year + 1)


@lru_cache(maxsize=64)
def holiday_dates(country: str, year: int) -> dict[str, date]:
    """Christmas Day, New Year's Day and Easter Sunday of `year` from the holiday calendar."""
    import holidays

    # names in English whatever the process locale (LANG=es_ES would name them in Spanish)
    days = holidays.country_holidays(country, years=year, language="en_US")
    named = {name: day for day, name in days.items()}
    found = {"christmas": named.get("Christmas Day", date(year, 12, 25)),
             "new_year": named.get("New Year's Day", date(year, 1, 1))}  # fmt: skip
    easter = holidays.country_holidays("DE", years=year, language="en_US")
    easter_monday = easter.get_named("Easter Monday")
    found["easter"] = easter_monday[0] - timedelta(days=1)
    november = date(year, 11, 1)  # the fourth Thursday of November, where it is no holiday too
    fourth = november + timedelta(days=(3 - november.weekday()) % 7 + 21)
    found["thanksgiving"] = named.get("Thanksgiving Day", named.get("Thanksgiving", fourth))
    return found


_NEW_YEARS_EVE = ("nye", "nochevieja", "silvester", "reveillon", "fin de ano")


def _holiday(name: str, today: date, country: str) -> date:
    key = next(k for k, words in HOLIDAYS.items() if name in words)
    if key == "new_year" and (name.endswith("eve") or name in _NEW_YEARS_EVE):
        return _next(today, lambda y: date(y, 12, 31))
    if key in _FIXED:
        month, day = _FIXED[key]
        return _next(today, lambda y: date(y, month, day))
    return _next(today, lambda y: holiday_dates(country, y)[key])


def _this(m: re.Match[str], today: date) -> date:
    words = re.findall(r"[a-z]+", m[0])
    unit = next((_UNITS[w] for w in words if w in _UNITS), "year")
    if m["n"] or m["nx"]:
        if unit == "month":
            nxt = today.replace(day=1) + timedelta(days=32)
            return _last_day(nxt.year, nxt.month)
        if unit == "week":
            return today + timedelta(days=13 - today.weekday())
        return date(today.year + 1, 12, 31)
    if unit == "week":
        return today + timedelta(days=6 - today.weekday())
    return _last_day(today.year, today.month) if unit == "month" else date(today.year, 12, 31)


def _month(m: re.Match[str], today: date, text: str) -> date:
    month = MONTHS[m["month"]]
    day = m.groupdict().get("day")
    if day:
        return _next(
            today, lambda y: date(y, month, min(int(day), calendar.monthrange(y, month)[1]))
        )
    if m.groupdict().get("by") and not m.groupdict().get("end"):
        return _next(today, lambda y: date(y, month, 1))
    return _next(today, lambda y: _last_day(y, month))


_MONTH_RULE = re.compile(
    rf"\b(?:(?P<by>{_BY}\s+)(?:[a-z' ]{{0,25}}?\b(?:in|en|im|em)\s+)?|(?:in|en|im|em)\s+)?"
    rf"(?P<end>{_END}\s+)?"
    rf"(?:(?:the\s+)?(?P<pre>\d{{1,2}}|mid(?:-|\s+)?)(?:st|nd|rd|th|\.|\s+de)?\s*(?:of\s+)?)?"
    rf"{_MONTH}"
    rf"(?:\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b)?"
)  # fmt: skip


def find_deadline(
    text: str, today: date, *, country: str = "US"
) -> tuple[date | None, tuple[int, int] | None]:
    """An end date stated in (folded) `text`, and its span; (None, None) when none is."""
    if m := _ISO.search(text):
        try:
            return date(int(m[1]), int(m[2]), int(m[3])), m.span()
        except ValueError:
            pass
    if m := _THIS.search(text):
        return _this(m, today), m.span()
    if m := _HOLIDAY.search(text):
        return _holiday(m["name"], today, country), _widen(text, m.span())
    if m := re.search(
        rf"\b(?:(?P<end>{_END})\s+|{_BY}\s+)?(?:the\s+|el\s+|la\s+|dem\s+)?{_SEASON}", text
    ):
        month = SEASONS[m["season"]]
        if m["end"]:
            return _next(today, lambda y: _last_day(y, (month + 1) % 12 + 1)), m.span()
        return _next(today, lambda y: date(y, month, 1)), m.span()
    if m := _MONTH_RULE.search(text):
        if m["pre"] and not m["day"]:
            month = MONTHS[m["month"]]
            day = int(m["pre"]) if m["pre"].isdigit() else 15
            found = _next(
                today, lambda y: date(y, month, min(day, calendar.monthrange(y, month)[1]))
            )
            return found, m.span()
        return _month(m, today, text), m.span()
    if m := _RELATIVE.search(text):
        return _parse(m.group(0), today), m.span()
    if m := _DAY_OF_MONTH.search(text):
        day = int(m["dom"])
        return _next_day_of_month(today, day), m.span()
    return None, None


_DAY_OF_MONTH = re.compile(rf"\b{_BY}\s+the\s+(?P<dom>[12]?\d|3[01])(?:st|nd|rd|th)\b")


def _next_day_of_month(today: date, day: int) -> date:
    """The next date after today that falls on `day` of its month ("until the 20th")."""
    year, month = today.year, today.month
    while True:
        if day <= calendar.monthrange(year, month)[1] and date(year, month, day) > today:
            return date(year, month, day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _widen(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """Take a "by"/"until" just before a phrase into its span (for titles)."""
    m = re.search(rf"\b{_BY}\s+(?:the\s+)?$", text[: span[0]])
    return (m.start(), span[1]) if m else span


def _parse(phrase: str, today: date) -> date | None:
    """dateparser on one candidate phrase, relative to the member's today."""
    import dateparser

    phrase = re.sub(r"^(?:for|over|within|fur|innerhalb von)\s+", "in ", phrase)
    phrase = re.sub(r"^(?:durante|dentro de|por)\s+", "en ", phrase)
    phrase = re.sub(r"^(?:pendant|d'ici)\s+", "dans ", phrase)
    phrase = re.sub(r"^daqui a\s+", "em ", phrase)
    phrase = re.sub(r"\b(?:duas|dois)\b", "2", re.sub(r"\b(?:um|uma)\b", "1", phrase))
    phrase = re.sub(r"\bwks?\b", "weeks", phrase)
    phrase = re.sub(r"^(?:the )?next\s+", "in ", re.sub(r"\ba couple(?: of)?\b", "2", phrase))
    phrase = re.sub(r"\b(?:the next|los proximos|las proximas|den nachsten) ", "", phrase)
    phrase = re.sub(r"^in den nachsten ", "in ", phrase)
    base = datetime(today.year, today.month, today.day, 12)
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "future"}
    found = dateparser.parse(phrase, languages=LANGUAGES, settings=settings)
    return found.date() if found is not None and found.date() > today else None


def warm() -> None:
    """Load dateparser's languages and the holiday calendar once (start-up, not a member's turn)."""
    for phrase in ("in 2 weeks", "en 2 semanas", "in 2 wochen", "dans 2 semaines", "em 2 semanas"):
        _parse(phrase, date.today())
    holiday_dates("US", date.today().year)
