"""The core's smaller words in the member's language (#16): plan categories, times of day, moods,
targets and units, what a habit edit changed, settings, a suggestion's change lines, the export.

English stays the source and, where a person or a script already reads the stored value (a
mentor's change line, a CSV header, a setting's command word), English keeps saying it.
"""

from __future__ import annotations

import csv
import io
import uuid
import zipfile
from datetime import date, time

import pytest

from coach import export_files
from coach.habit_edits import HabitCard, describe
from coach.i18n import translator
from coach.i18n.words import category_name, mood_names, time_of_day
from coach.llm.offline_plan import offline_plan
from coach.llm.schemas import PlanRequest
from coach.members import SANDBOX_NAME, SettingChanged, invalid_setting, start_local
from coach.suggestions import NO_HABIT, Change
from coach.targets import Target
from storage.db import Sessions
from storage.models import Goal, Habit
from tests.handlers.telegram.harness import Clock, make_services

TODAY = date(2026, 11, 30)


def card(times: tuple[time, ...] | None, target: Target | None = None) -> HabitCard:
    return HabitCard(uuid.uuid4(), "Gitarre spielen", "Musik", "weekly:3", target, times)


@pytest.mark.parametrize(
    ("language", "category", "moods", "morning"),
    [("es", "creatividad", "cansancio, orgullo", "por la mañana"),
     ("de", "Kreativität", "Müdigkeit, Stolz", "morgens"),
     ("en", "creativity", "tired, proud", "morning")],
)  # fmt: skip
def test_a_plans_category_a_time_of_day_and_moods_read_in_the_members_language(
    language: str, category: str, moods: str, morning: str
) -> None:
    t = translator(language)
    assert category_name(t, "creativity") == category
    assert category_name(t, "Side hustle") == "Side hustle"  # one Gemini made up: as it came
    assert mood_names(t, ["tired", "proud"]) == moods
    assert time_of_day(t, "morning") == morning


def test_the_offline_plan_writes_the_time_of_day_and_session_length_in_the_members_words() -> None:
    text = "meditate in the morning 10 minutes per session"
    spanish = offline_plan(PlanRequest(text=text, today=TODAY, language="es"), text)
    english = offline_plan(PlanRequest(text=text, today=TODAY), text)
    assert spanish.habits[0].schedule == "por la mañana, unos 10 min"
    assert english.habits[0].schedule == "morning, about 10 min"


@pytest.mark.parametrize(
    ("language", "target", "general", "none", "at"),
    [("de", "20 Seiten am Tag", "deine allgemeine Erinnerung", "keine Erinnerungen", "um 07:30, 18:00"),
     ("es", "20 páginas al día", "tu recordatorio general", "sin recordatorios", "a las 07:30, 18:00"),
     ("en", "20 pages a day", "your general reminder", "no reminders", "reminders at 07:30, 18:00")],
)  # fmt: skip
def test_a_habit_card_and_an_edit_describe_the_habit_in_the_members_language(
    language: str, target: str, general: str, none: str, at: str
) -> None:
    t = translator(language)
    assert Target(20, "pages", "day").describe(t) == target
    assert describe(card(None), "reminders", t) == general
    assert describe(card(()), "reminders", t) == none
    assert describe(card((time(7, 30), time(18))), "reminders", t) == at
    assert describe(card(None), "frequency", t) == t.ngettext(
        "once a week", "{count} times a week", 3
    )


def test_a_setting_is_named_and_explained_in_the_members_language() -> None:
    german, english = translator("de"), translator("en")
    assert SettingChanged("daystart", "05:00").label(german) == "Tagesbeginn"
    assert SettingChanged("daystart", "05:00").label(english) == "daystart"  # the command word
    hint = invalid_setting("daystart")
    assert hint.advice(german) == "eine Stunde von 0 bis 23, z. B. 3"
    assert hint.advice(english) == "an hour from 0 to 23, e.g. 3"
    assert SettingChanged("reminders", "off").briefly(german) == "Erinnerungen aus"  # a toast
    assert SettingChanged("reminder", "08:00").briefly(english) == "reminder: 08:00"
    unknown = invalid_setting("colour")
    assert unknown.advice(german) == "timezone, reminder, daystart oder language"


def test_a_suggestions_change_lines_are_in_words_for_the_member_and_as_stored_in_english() -> None:
    run, goal = Habit(title="Run"), Goal(title="Run a 5k")
    frequency = Change(run, "frequency", "daily", "weekly:3")
    deadline = Change(goal, "end_date", None, date(2027, 1, 31))
    spanish = translator("es")
    assert (
        frequency.describe(spanish)
        == "Hábito «Run»: frecuencia todos los días → 3 veces por semana"
    )
    assert deadline.describe(spanish) == "Meta «Run a 5k»: fecha de fin — → 31 ene 2027"
    assert frequency.describe() == "Habit “Run”: frequency daily → weekly:3"  # the mentor's line
    assert spanish.gettext(NO_HABIT) == "uno de los hábitos que cambia ya no está en tu plan"


def _csv(zipped: bytes, name: str) -> list[list[str]]:
    with zipfile.ZipFile(io.BytesIO(zipped)) as archive:
        return list(csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig"))))


def test_the_export_csvs_speak_the_members_language_and_english_keeps_the_json_keys() -> None:
    habit = Habit(id=uuid.uuid4(), goal_id=uuid.uuid4(), title="Lesen", frequency="weekdays",
                  active=True, first_day=TODAY, target_amount=20, target_unit="pages",
                  target_period="day", reminder_times=None)  # fmt: skip
    german = translator("de")
    entry = export_files.habit_entry(habit, Goal(title="Mehr lesen"), german)
    assert (entry["schedule"], entry["target"]) == ("werktags", "20 Seiten am Tag")
    checkin = {"day": "2026-11-30", "goal": "Mehr lesen", "habit": "Lesen", "status": "done"}
    document = {"habits": [entry], "checkins": [checkin], "journal": []}
    habits = _csv(export_files.archive(document, "x", "de"), "habits.csv")
    checkins = _csv(export_files.archive(document, "x", "de"), "checkins.csv")
    assert habits[0][:4] == ["Ziel", "Gewohnheit", "Rhythmus", "Zielwert"]
    assert habits[1][:4] == ["Mehr lesen", "Lesen", "werktags", "20 Seiten am Tag"]
    assert checkins[1][3] == german.gettext("done") != "done"
    english = _csv(export_files.archive(document, "x"), "checkins.csv")
    assert english[0] == ["day", "goal", "habit", "status", "amount", "note", "source"]


def test_a_refused_group_setting_says_what_is_accepted_in_the_groups_language() -> None:
    from coach.groups.registry import SettingRefused, _parse_setting

    refused = _parse_setting("timezone", "Atlantis")
    assert isinstance(refused, SettingRefused)
    german = translator("de").gettext(refused.hint)
    assert german == "eine Stadt oder Zone, z. B. /groupsettings timezone Europe/Berlin"
    other = _parse_setting("colour", "blue")
    assert isinstance(other, SettingRefused)
    assert translator("es").gettext(other.hint).startswith("timezone <zona>, language")


def test_a_german_habit_keeps_its_nouns_capital_as_the_member_typed_them() -> None:
    text = "dreimal pro Woche Gitarre spielen"
    plan = offline_plan(PlanRequest(text=text, today=TODAY, language="de"), text)
    assert plan.habits[0].title == "Gitarre spielen"
    assert plan.subgoals[0] == "Diese Woche: Gitarre spielen 3-mal pro Woche"
    english = offline_plan(PlanRequest(text="Play Guitar 3x a week", today=TODAY), "Play Guitar")
    assert english.subgoals[0].startswith("This week: play guitar")  # English as before


@pytest.mark.parametrize(
    ("language", "name"), [("es", "amigo"), ("de", "Kumpel"), ("en", "friend")]
)
async def test_the_consoles_member_is_called_friend_in_their_language(
    sessions: Sessions, language: str, name: str
) -> None:
    services = make_services(sessions, Clock())
    welcome = await start_local(services, user_id=None, name=SANDBOX_NAME, language_code=language)
    assert welcome.member.name == name
    other = await start_local(services, user_id=None, name="Ana", language_code=language)
    assert other.member.name == "Ana"
