"""The offline copilot's plan patch: when adherence is low, propose an easier habit.

It reads the plan lines the mentor side writes ("  Habit: <title> — <frequency>") and eases
the most demanding habit by `coach.schedule.easier_frequency`, the rule the weekly review's
easier plan uses too (about 60 % of the weekly count: daily → weekly:4). Nothing is proposed
when adherence is unknown or at least 50 % over 7 days, or when no habit can be eased. The
summary is in the patient's language: the member reads it when the suggestion reaches them.
"""

from __future__ import annotations

import re
from typing import Any

from coach.i18n import N_, translator
from coach.i18n.words import describe_frequency
from coach.llm.schemas import PatientContext
from coach.schedule import easier_frequency, parse_frequency

_HABIT_LINE = re.compile(r"^\s*Habit: (?P<title>.+?) — (?P<frequency>\S+)\s*$")
LOW_ADHERENCE = 0.5
SUMMARY = N_("{habit}: {count}× a week for two weeks instead of {before}, to rebuild momentum")


def easier_plan_patch(context: PatientContext) -> dict[str, Any] | None:
    """A patch easing the most demanding habit when 7-day adherence is below 50 %."""
    week = context.analytics.get("adherence_7d")
    if not isinstance(week, int | float) or isinstance(week, bool) or week >= LOW_ADHERENCE:
        return None
    habits = [m.groupdict() for line in context.plan if (m := _HABIT_LINE.match(line))]
    habits.sort(key=lambda h: parse_frequency(h["frequency"]).times_per_week, reverse=True)
    for habit in habits:
        if (easier := easier_frequency(habit["frequency"])) is not None:
            t = translator(context.language)
            before = describe_frequency(t, habit["frequency"])
            summary = t.gettext(SUMMARY, habit=habit["title"], count=easier.removeprefix("weekly:"),
                                before=before)  # fmt: skip
            return {
                "summary": summary,
                "habits": [{"match": habit["title"], "frequency": easier}],
            }
    return None
