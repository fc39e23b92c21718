"""Shared words of the core in the member's language: how often, day names, percentages, the
names of plan categories, moods and times of day (the core keeps the English key; a text shown
to a member says it with these)."""

from __future__ import annotations

from babel.dates import get_day_names

from coach.i18n import N_, Translator
from coach.schedule import WEEKDAYS

NOTHING_SCHEDULED = N_("nothing scheduled")
# the categories a plan may have (the offline coach's and Gemini's): key -> name
CATEGORIES = {
    "fitness": N_("fitness"), "health": N_("health"), "mindfulness": N_("mindfulness"),
    "learning": N_("learning"), "creativity": N_("creativity"), "career": N_("career"),
    "finance": N_("finance"), "social": N_("social life"), "home": N_("home"),
    "general": N_("general"),
}  # fmt: skip
# coach.llm.schemas.MOOD_TAGS (and the safety flow's "crisis"): tag -> name
MOODS = {
    "happy": N_("happy"), "calm": N_("calm"), "grateful": N_("grateful"), "proud": N_("proud"),
    "motivated": N_("motivated"), "energetic": N_("energetic"), "hopeful": N_("hopeful"),
    "tired": N_("tired"), "stressed": N_("stressed"), "anxious": N_("anxious"), "sad": N_("sad"),
    "lonely": N_("lonely"), "angry": N_("angry"), "frustrated": N_("frustrated"),
    "bored": N_("bored"), "overwhelmed": N_("overwhelmed"), "sick": N_("unwell"),
    "neutral": N_("neutral"), "crisis": N_("a hard moment"),
}  # fmt: skip
TIMES_OF_DAY = {"morning": N_("morning"), "afternoon": N_("afternoon"),
                "lunchtime": N_("lunchtime"), "evening": N_("evening")}  # fmt: skip


def describe_frequency(t: Translator, text: str | None) -> str:
    """A frequency in words ("3 times a week", "3-mal pro Woche", "los lun, jue", "every day")."""
    value = (text or "daily").strip().lower()
    if value.startswith("weekly:") and value[7:].isdigit():
        n = int(value[7:])
        return t.ngettext("once a week", "{count} times a week", n)
    if value.startswith("days:"):
        return t.gettext("on {days}", days=", ".join(day_names(t, value[5:].split(","))))
    if value == "weekdays":
        return t.gettext("on weekdays")
    return t.gettext("every day")


def day_names(t: Translator, codes: list[str]) -> list[str]:
    """Short weekday names for codes such as "mon" ("Mon", "lun", "Mo.")."""
    names = get_day_names("abbreviated", locale=t.language)
    return [names[WEEKDAYS.index(c)] if c in WEEKDAYS else c for c in codes]


def percent(t: Translator, share: float | None) -> str:
    """A share (0.72) as the language writes a whole percentage; "nothing scheduled" for None."""
    if share is None:
        return t.gettext(NOTHING_SCHEDULED)
    return t.percent(round(share, 2))


def category_name(t: Translator, key: str | None) -> str:
    """A plan category's name ("creativity" → "creatividad"); an unknown one as it came."""
    key = (key or "general").strip()
    found = CATEGORIES.get(key.lower())
    return t.gettext(found) if found else key


def mood_names(t: Translator, tags: list[str]) -> str:
    """Mood tags as the member reads them ("tired, proud" → "müde, stolz")."""
    return ", ".join(t.gettext(MOODS[tag]) if tag in MOODS else tag for tag in tags)


def time_of_day(t: Translator, key: str | None) -> str | None:
    """A time of day's name ("morning" → "por la mañana"); any other text as it is."""
    if key is None:
        return None
    found = TIMES_OF_DAY.get(key)
    return t.gettext(found) if found else key
