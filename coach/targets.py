"""Measurable habits: a target amount per day or week read from the habit's words.

"Read 20 pages", "Run 15 km a week", "Meditate 10 min", "Drink 8 glasses of water daily"
become a target (amount, unit, period); a habit without a number and a unit stays yes/no.
The period is "week" when the words say so ("a week", "per week", "weekly", "/week"), else
"day". Scores and adherence for measurable habits: `coach.scores`, `coach.schedule`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from coach.i18n import N_, SOURCE, Translator, translator
from storage import goals as goal_store
from storage.models import Habit

UNITS = {
    "page": "pages", "pages": "pages", "km": "km", "kms": "km", "kilometer": "km",
    "kilometers": "km", "kilometre": "km", "kilometres": "km", "k": "km", "mile": "miles",
    "miles": "miles", "mi": "miles", "min": "min", "mins": "min", "minute": "min",
    "minutes": "min", "hour": "hours", "hours": "hours", "hr": "hours", "hrs": "hours",
    "h": "hours", "step": "steps", "steps": "steps", "rep": "reps", "reps": "reps",
    "glass": "glasses", "glasses": "glasses", "word": "words", "words": "words",
    "pushup": "push-ups", "pushups": "push-ups", "push-up": "push-ups", "push-ups": "push-ups",
    "chapter": "chapters", "chapters": "chapters", "l": "litres", "litre": "litres",
    "litres": "litres", "liter": "litres", "liters": "litres", "lesson": "lessons",
    "lessons": "lessons", "song": "songs", "songs": "songs", "problem": "problems",
    "problems": "problems",
    # es, de, fr, pt (fr "pages", "minutes", "litres" are the English words)
    "página": "pages", "páginas": "pages", "seite": "pages", "seiten": "pages",
    "kilómetros": "km", "kilometros": "km", "kilomètres": "km", "quilômetros": "km",
    "quilómetros": "km", "millas": "miles", "meilen": "miles", "milles": "miles",
    "milhas": "miles", "minuto": "min", "minutos": "min", "minuten": "min", "hora": "hours",
    "horas": "hours", "stunde": "hours", "stunden": "hours", "heure": "hours",
    "heures": "hours", "paso": "steps", "pasos": "steps", "schritte": "steps", "pas": "steps",
    "passos": "steps", "repeticiones": "reps", "wiederholungen": "reps",
    "répétitions": "reps", "repetições": "reps", "vaso": "glasses", "vasos": "glasses",
    "glas": "glasses", "gläser": "glasses", "verre": "glasses", "verres": "glasses",
    "copo": "glasses", "copos": "glasses", "palabras": "words", "wörter": "words",
    "mots": "words", "palavras": "words", "flexiones": "push-ups", "liegestütze": "push-ups",
    "pompes": "push-ups", "flexões": "push-ups", "capítulo": "chapters",
    "capítulos": "chapters", "kapitel": "chapters", "chapitre": "chapters",
    "chapitres": "chapters", "litro": "litres", "litros": "litres", "lección": "lessons",
    "lecciones": "lessons", "lektion": "lessons", "lektionen": "lessons", "leçon": "lessons",
    "leçons": "lessons", "lição": "lessons", "lições": "lessons", "canciones": "songs",
    "lieder": "songs", "chansons": "songs", "músicas": "songs",
}  # fmt: skip
# the canonical units as a member reads them ("km" and "min" read the same everywhere)
UNIT_NAMES = {
    "pages": N_("pages"), "miles": N_("miles"), "hours": N_("hours"), "steps": N_("steps"),
    "reps": N_("reps"), "glasses": N_("glasses"), "words": N_("words"),
    "push-ups": N_("push-ups"), "chapters": N_("chapters"), "litres": N_("litres"),
    "lessons": N_("lessons"), "songs": N_("songs"), "problems": N_("problems"),
}  # fmt: skip
_AMOUNT = re.compile(
    r"(?<![\w.])(\d{1,3}(?:[,.]\d{3})+|\d+(?:[.,]\d+)?)\s?(" + "|".join(sorted(map(re.escape, UNITS), key=len)[::-1])
    + r")(?![\w-])", re.IGNORECASE,
)  # fmt: skip
_WEEK = re.compile(
    r"\b(a|per|each|every)\s+week\b|\bweekly\b|/\s?w(ee)?k\b|\b(?:a la|por|pro|par|each)\s+"
    r"(?:semana|woche|semaine)\b|\bw[öo]chentlich\b|\bsemanal(?:es|mente)?\b", re.IGNORECASE,
)  # fmt: skip


@dataclass(frozen=True)
class Target:
    """A measurable habit's goal: `amount` `unit` per `period` ("day" or "week")."""

    amount: float
    unit: str
    period: str

    def describe(self, t: Translator | None = None) -> str:
        """ "20 pages a day", "15 km a week" (in the language of `t`, English by default)."""
        t = t or translator(None)
        amount = format_amount(self.amount) if t.language == SOURCE else t.number(self.amount)
        unit = unit_name(t, self.unit)
        if self.period == "week":
            return t.gettext("{amount} {unit} a week", amount=amount, unit=unit)
        return t.gettext("{amount} {unit} a day", amount=amount, unit=unit)


def unit_name(t: Translator, unit: str) -> str:
    """A canonical unit as the member reads it ("pages" → "Seiten"); any other as it is."""
    return t.gettext(UNIT_NAMES[unit]) if unit in UNIT_NAMES else unit


def format_amount(value: float) -> str:
    """12 rather than 12.0; 2.5 stays 2.5."""
    return f"{value:g}"


def parse_target(text: str) -> Target | None:
    """The target the words name ("read 20 pages a day"), or None for a yes/no habit."""
    match = _AMOUNT.search(text or "")
    if match is None:
        return None
    number = match.group(1)
    # 10,000 or 10.000 steps (thousands); 2,5 km or 2.5 km is two and a half
    grouped = re.fullmatch(r"\d{1,3}([,.]\d{3})+", number)
    amount = float(re.sub(r"[,.]", "", number) if grouped else number.replace(",", "."))
    if amount <= 0:
        return None
    period = "week" if _WEEK.search(text) else "day"
    return Target(amount, UNITS[match.group(2).lower()], period)


def target_of(habit: object) -> Target | None:
    """The stored target of a habit row (ORM or hot-path row), or None."""
    amount = getattr(habit, "target_amount", None)
    period = getattr(habit, "target_period", None)
    if amount is None or period is None:
        return None
    return Target(float(amount), getattr(habit, "target_unit", None) or "", period)


async def apply_targets(session: AsyncSession, habits: Sequence[Habit]) -> None:
    """Store the target each new habit's title names (in the caller's transaction)."""
    for habit in habits:
        if (target := parse_target(habit.title)) is not None:
            await goal_store.set_habit_target(
                session, habit_id=habit.id, amount=target.amount, unit=target.unit,
                period=target.period,
            )  # fmt: skip
            habit.target_amount, habit.target_unit = target.amount, target.unit
            habit.target_period = target.period
