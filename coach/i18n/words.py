"""Shared words of the core in the member's language: how often, day names, percentages."""

from __future__ import annotations

from babel.dates import get_day_names

from coach.i18n import N_, Translator
from coach.schedule import WEEKDAYS

NOTHING_SCHEDULED = N_("nothing scheduled")


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
