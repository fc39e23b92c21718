"""Schedules in plain words -> the canonical frequencies of `coach.schedule`.

"mon wed fri", "every day except sunday", "school nights" (Sun-Thu), "weekends",
"5 nights a week", "4x a wk", "every other day", "twice a week", "3 veces por semana",
"dreimal pro Woche", "todos los días menos el domingo", "jeden Tag außer Sonntag",
"3 fois par semaine", "tous les jours sauf le dimanche", "un jour sur deux", "de segunda a sexta",
"duas vezes por semana", "dia sim, dia não". Text is
folded first (`lexicon.fold`). `find_frequency` returns the first phrase by rule priority with
its span; `frequency_spans` all of them (so a weekday list is never split into habits).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.schedule import WEEKDAYS, parse_frequency
from coach.understanding.lexicon import WEEKDAY_NAMES

NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "a": 1, "an": 1, "once": 1, "twice": 2, "thrice": 3, "a couple of": 2,
           "a few": 3, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5,
           "seis": 6, "siete": 7, "ein": 1, "eine": 1, "einmal": 1, "zwei": 2, "zweimal": 2,
           "drei": 3, "dreimal": 3, "vier": 4, "viermal": 4, "funf": 5, "funfmal": 5,
           "sechs": 6, "sechsmal": 6, "sieben": 7, "siebenmal": 7, "un": 1, "une": 1,
           "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "um": 1, "dois": 2,
           "duas": 2, "quatro": 4, "sete": 7}  # fmt: skip
_NUM = (r"(\d+|one|two|three|four|five|six|seven|a couple of|a few|an|a|uno|una|dos|tres|"
        r"cuatro|cinco|seis|siete|ein|eine|zwei|drei|vier|funf|sechs|sieben|une|un|deux|trois|"
        r"quatre|cinq|sept|uma|um|dois|duas|quatro|sete)")  # fmt: skip
_DAY = r"(?:" + "|".join(sorted(WEEKDAY_NAMES, key=len, reverse=True)) + r")s?(?:-feiras?)?"
_ARTICLE = r"(?:(?:le|les|o|os|a|as|aos|nas|nos|el|los)\s+)?"  # "le mardi et le jeudi"
_DAY_LIST = rf"{_DAY}(?:\s*(?:,|/|&|\+|-|and|y|und|or|o|oder|et|e|ou)?\s*{_ARTICLE}{_DAY})*"
_WEEK = (r"(?:(?:a|per|each|every|in\s+a|/|a la|por|cada|pro|die|in der|la|par|na|em)\s*"
         r"(?:week|wk|w|semana|woche|semaine)\b|weekly|semanales?|wochentlich|hebdo)")  # fmt: skip
_UNIT = (r"(?:x|times?|nights?|days?|sessions?|mornings?|evenings?|runs?|workouts?|classes?|"
         r"veces|dias|noches|mal|tage|abende|morgen|fois|jours|soirs|matins|seances|vezes|vez|"
         r"noites|manhas|treinos)")  # fmt: skip
_TOD = (r"(?:morning|evening|night|nite|afternoon|lunch(?:time)?|bedtime|manana|tarde|noche|morgen|"
        r"abend|matin|soir|nuit|midi|manha|noite)")  # fmt: skip
_EVERY_DAY = (r"(?:every ?day|daily|everyday|all week|each day|every (?:night|nite|morning|evening)|"
              r"todos los dias|cada dia|a diario|jeden tag|taglich|tous les jours|chaque jour|"
              r"todos os dias|todo (?:santo )?dia|diariamente)")  # fmt: skip


@dataclass(frozen=True)
class Found:
    """A frequency found in text and the span it came from."""

    frequency: str
    span: tuple[int, int]


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBERS.get(word, 1)


def _weekly(n: int) -> str:
    return "daily" if n >= 7 else f"weekly:{max(n, 1)}"


def days_frequency(codes: set[int]) -> str:
    """The canonical frequency of a set of weekdays (0 = Monday)."""
    if codes == set(range(5)):
        return "weekdays"
    if len(codes) == 7 or not codes:
        return "daily"
    return "days:" + ",".join(WEEKDAYS[i] for i in sorted(codes))


def _named_days(text: str) -> set[int]:
    words = re.findall(r"[a-z]+", text)
    return {WEEKDAY_NAMES[w.rstrip("s")] if w.rstrip("s") in WEEKDAY_NAMES else WEEKDAY_NAMES[w]
            for w in words if w in WEEKDAY_NAMES or w.rstrip("s") in WEEKDAY_NAMES}  # fmt: skip


def _except(match: re.Match[str]) -> str:
    days = match.group("days")
    out = {5, 6} if days.startswith("weekend") else _named_days(days)
    return days_frequency(set(range(7)) - out)


def _count(match: re.Match[str]) -> str:
    word = next((g for g in match.groups() if g), "1")
    return _weekly(_number(word))


_LETTERS = {"m": 0, "tu": 1, "w": 2, "th": 3, "f": 4, "sa": 5, "su": 6}


def _letters(match: re.Match[str]) -> str:
    """ "m/w/f", "tu/th": weekday initials separated by slashes."""
    return days_frequency({_LETTERS[p.strip()] for p in match.group(0).split("/")})


def _list(match: re.Match[str]) -> str:
    return days_frequency(_named_days(match.group(0)))


_RULES: tuple[tuple[re.Pattern[str], object], ...] = tuple(
    (re.compile(p), kind)
    for p, kind in (
        (rf"\b{_EVERY_DAY}\s*(?:,\s*)?(?:except|but|apart from|other than|besides|minus|"
         rf"excepto|menos|salvo|ausser|bis auf|sauf|excepte|a part|exceto|tirando|fora)\s+"
         rf"(?:on\s+|am\s+|{_ARTICLE})(?P<days>{_DAY_LIST}|weekends?)", _except),
        (r"\b(?:every other day|every second day|every 2nd day|alternate days|cada dos dias|"
         r"dia si,? dia no|jeden zweiten tag|un jour sur deux|tous les deux jours|"
         r"dia sim,? (?:e )?dia nao|(?:a )?cada dois dias|em dias alternados)\b", "weekly:4"),
        (r"\bschool ?nights?\b|\bnoches? de (?:escuela|colegio)\b", "days:mon,tue,wed,thu,sun"),
        (r"\b(?:weekdays|every weekday|on weekdays|workdays|work days|week ?nights|"
         r"mon(?:day)?\s*(?:-|to|through|thru|til)\s*fri(?:day)?|entre semana|de lunes a viernes|"
         r"dias laborables|werktags|wochentags|unter der woche|montags? bis freitags?|"
         r"en semaine|du lundi au vendredi|de segunda a sexta(?:-feira)?|dias uteis|"
         r"durante a semana)\b",
         "weekdays"),
        (r"\b(?:(?:le|les|el|los|o|os|nos|nas|aos)\s+)?(?:weekends?|every weekend|on the weekend|fines? de semana|findes?|am wochenende|"
         r"wochenends?|week-?ends?|fi[mn]s? de semana)\b", "days:sat,sun"),
        (rf"\b{_NUM}\s*{_UNIT}\s*{_WEEK}|\b{_NUM}\s*x\s*/?\s*(?:w|wk|wks|week|semana|woche)\b"
         rf"|\b{_NUM}x\b(?=.*\b(?:week|wk|semana|woche|semaine)\b)", _count),
        (r"\b(once|twice|thrice|einmal|zweimal|dreimal|viermal|funfmal|sechsmal)\s*"
         rf"(?:{_WEEK}|weekly|a week)", _count),
        (rf"\b{_ARTICLE}(?:{_DAY_LIST})\b", _list),
        (r"(?<![\w/])(?:m|tu|w|th|f|sa|su)(?:\s*/\s*(?:m|tu|w|th|f|sa|su))+(?![\w/])", _letters),
        (rf"\b(?:every|each|cada|jeden|jede|chaque|tous les|toutes les|toda|todas as|todos os)"
         rf"\s+{_TOD}s?(?:\s*(?:and|&|\+|,)\s*{_TOD}s?)*\b|\b{_TOD}s\b|\bnightly\b",
         "daily_tod"),
        (r"\b(?:daily|every ?day|each day|per day|a day|every single day|todos los dias|"
         r"cada dia|a diario|al dia|jeden tag|taglich|pro tag|am tag|tous les jours|chaque jour|"
         r"par jour|todos os dias|todo (?:santo )?dia|diariamente|por dia)\b", "daily"),
        (r"\b(?:weekly|every week|each week|once a week|una vez (?:a|por) (?:la )?semana|"
         r"cada semana|einmal (?:pro|die|in der) woche|jede woche|chaque semaine|"
         r"toutes les semaines|toda semana|todas as semanas)\b", "weekly:1"),
    )
)  # fmt: skip
_SHORT_ONLY = re.compile(r"(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)")


def _accept(kind: object, match: re.Match[str]) -> bool:
    """A lone short day name ("sun", "sat") is no schedule; a list of them is."""
    if kind is not _list:
        return True
    words = re.findall(r"[a-z]+", match.group(0))
    days = [w for w in words if w in WEEKDAY_NAMES or w.rstrip("s") in WEEKDAY_NAMES]
    return len(days) > 1 or not _SHORT_ONLY.fullmatch(days[0].rstrip("s"))


def _resolve(kind: object, match: re.Match[str], tod_daily: bool) -> str | None:
    if callable(kind):
        return kind(match)
    if kind == "daily_tod":
        return "daily" if tod_daily else None
    return str(kind)


def frequency_spans(text: str, *, tod_daily: bool = True) -> list[Found]:
    """Every frequency phrase in folded `text`, in rule priority, spans not overlapping."""
    found: list[Found] = []
    for pattern, kind in _RULES:
        for match in pattern.finditer(text):
            span = match.span()
            if any(s < span[1] and span[0] < e for s, e in (f.span for f in found)):
                continue
            if not _accept(kind, match):
                continue
            if (freq := _resolve(kind, match, tod_daily)) is not None:
                parse_frequency(freq)
                found.append(Found(freq, span))
    return found


def find_frequency(text: str, *, tod_daily: bool = True) -> Found | None:
    """The frequency a (folded) text states: the highest-priority phrase; None when none."""
    spans = frequency_spans(text, tod_daily=tod_daily)
    return spans[0] if spans else None
