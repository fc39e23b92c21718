"""The core speaks the member's language: offline coach, planner, recaps, and Gemini's answers."""

from __future__ import annotations

import os
from datetime import date, timedelta

import pytest

from coach.config import GeminiSettings
from coach.i18n import translator
from coach.llm.engine import CoachEngine
from coach.llm.language import written_in
from coach.llm.offline_coach import offline_reply
from coach.llm.offline_group import offline_recap
from coach.llm.offline_journal import offline_journal
from coach.llm.offline_plan import offline_plan
from coach.llm.schemas import GroupWeek, HabitFacts, MemberContext, MemberWeek, PlanRequest
from tests.fakes.gemini import FakeGemini, Reply

TODAY = date(2026, 11, 30)  # a Monday


def lena(language: str) -> MemberContext:
    return MemberContext(
        name="Lena", today=TODAY, language=language, completion_ratio_30d=0.5,
        habits=[HabitFacts(title="Laufen", goal="10 km", frequency="weekly:3", streak=4,
                           adherence_7d=0.33, missed_recently=[date(2026, 11, 26)])],
    )  # fmt: skip


@pytest.fixture(autouse=True)
def _no_gemini_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [n for n in os.environ if n.startswith("GEMINI_")]:
        monkeypatch.delenv(name)


@pytest.mark.parametrize("language", ["es", "de"])
def test_the_offline_coach_answers_in_the_members_language(language: str) -> None:
    t = translator(language)
    reply = offline_reply(lena(language), "I missed my runs, I'm struggling")
    struggle = [t.gettext(o, name=", Lena") for o in (
        "Missing a few days happens to everyone{name} — what matters is the next check-in.",
        "A rough patch is part of building any habit{name}; it doesn't undo what you did.",
        "That's frustrating{name}, and it's fixable: one small step gets you moving again.")]  # fmt: skip
    assert any(reply.reply.startswith(o) for o in struggle)
    assert t.gettext("Your longest current streak is {streak} on {habit}.", streak=4,
                     habit="Laufen") in reply.reply  # fmt: skip
    assert t.percent(0.5) in reply.reply  # "50 %" in both
    assert reply.action_steps == [t.gettext(
        "Tonight, do a 2-minute version of {habit} and check it in — that restarts it today.",
        habit="Laufen")]  # fmt: skip
    assert written_in(reply.reply, language)


def test_the_plan_lists_its_habits_with_translated_frequencies() -> None:
    reply = offline_reply(lena("de"), "what's my plan?").reply
    assert "• Laufen — 3-mal pro Woche, heute offen, Serie 4" in reply
    assert "• Laufen — 3 veces por semana, pendiente hoy, racha 4" in (
        offline_reply(lena("es"), "what's my plan?").reply
    )


@pytest.mark.parametrize(
    ("language", "first", "streak", "review"),
    [("es", "Esta semana: ", "Llegar a una racha de 2 semanas", "Revisar el plan dentro de 4 semanas"),
     ("de", "Diese Woche: ", "Eine Serie von 2 Wochen schaffen", "Den Plan nach 4 Wochen überprüfen")],
)  # fmt: skip
def test_the_offline_planner_writes_milestones_in_the_members_language(
    language: str, first: str, streak: str, review: str
) -> None:
    plan = offline_plan(PlanRequest(text="run 3x a week", today=TODAY, language=language),
                        "run 3x a week")  # fmt: skip
    assert plan.subgoals[0].startswith(first) and plan.subgoals[1:] == [streak, review]
    assert plan.frequency == translator(language).ngettext("once a week", "{count} times a week", 3)
    dated = offline_plan(PlanRequest(text="read daily", today=TODAY, deadline=date(2027, 3, 1),
                                     language=language), "read daily")  # fmt: skip
    finish = translator(language).gettext("Finish by {day}", day=translator(language).date(
        date(2027, 3, 1), "dd MMM y"))  # fmt: skip
    assert dated.subgoals[-1] == finish and "2027" in finish


def test_a_correction_says_what_changed_in_the_members_language() -> None:
    first = offline_plan(PlanRequest(text="run 3x a week", today=TODAY, language="de"), "run")
    request = PlanRequest(text="run", today=TODAY, language="de", correction="make it 4 times a week",
                          previous=first)  # fmt: skip
    again = offline_plan(request, "run")
    assert again.notes == ["Wie oft geändert: 4-mal pro Woche."]


@pytest.mark.parametrize("language", ["es", "de"])
def test_the_group_recap_and_journal_reflection_are_translated(language: str) -> None:
    t = translator(language)
    week = GroupWeek(group="Läufer", week_start=TODAY, language=language,
                     members=[MemberWeek(name="Ana", completed=2, scheduled=3, streak=5),
                              MemberWeek(name="Bo", completed=1, scheduled=1)])  # fmt: skip
    post = offline_recap(week).post
    assert t.ngettext("Together: {done}/{count} check-in ({share}).",
                      "Together: {done}/{count} check-ins ({share}).", 4,
                      done=3, share=t.percent(0.75)) in post  # fmt: skip
    assert post.endswith(t.gettext("New week, new chances — cheer each other on!"))
    assert "Together" not in post and "Longest streak" not in post
    reflection = offline_journal("", language).reflection
    assert reflection == t.gettext(
        "The entry was empty — write a line or two and I'll reflect on it with you."
    )
    assert reflection != offline_journal("", "en").reflection


def test_every_spanish_and_german_plural_form_is_filled() -> None:
    es, de = translator("es"), translator("de")
    assert es.ngettext("once a week", "{count} times a week", 1) == "una vez por semana"
    assert es.ngettext("once a week", "{count} times a week", 5) == "5 veces por semana"
    assert de.ngettext("once a week", "{count} times a week", 2) == "2-mal pro Woche"


def test_the_language_check_rejects_only_clear_other_languages() -> None:
    assert not written_in("Great work, Lena! You ran three times this week.", "de")
    assert written_in("Super gemacht, Lena! Du bist diese Woche dreimal gelaufen.", "de")
    assert not written_in("Bien hecho, ¡corriste tres veces esta semana!", "de")
    assert written_in("Great work, Lena!", "de")  # short: never rejected
    assert written_in("Laufen 3/3", "es")


async def test_a_german_prompt_names_german_and_an_english_answer_falls_back(
    fake: FakeGemini,
) -> None:
    settings = GeminiSettings(api_key="k", api_url=fake.url, timeout_seconds=1, max_retries=0)
    engine = CoachEngine(settings, None)
    fake.script(Reply.json({"reply": "Great job this week, Lena! Keep running three times.",
                            "action_steps": []}),
                Reply.json({"reply": "Super gemacht, Lena! Lauf diese Woche weiter dreimal.",
                            "action_steps": []}))  # fmt: skip
    english = await engine.coach_reply(lena("de"), "Wie läuft es bei mir?")
    german = await engine.coach_reply(lena("de"), "Wie läuft es bei mir?")
    await engine.aclose()
    assert "German (language code de)" in fake.requests[0].system
    assert (english.source, english.fallback_reason) == ("offline", "wrong_language")
    assert english.value == offline_reply(lena("de"), "Wie läuft es bei mir?")
    assert german.source == "gemini" and german.value.reply.startswith("Super gemacht")


async def test_a_plan_with_english_milestones_for_a_spanish_member_falls_back(
    fake: FakeGemini,
) -> None:
    settings = GeminiSettings(api_key="k", api_url=fake.url, timeout_seconds=1, max_retries=0)
    engine = CoachEngine(settings, None)
    plan = {
        "title": "Correr",
        "category": "fitness",
        "frequency": "3 veces por semana",
        "subgoals": ["Run three times every week for a month", "Reach a two-week streak soon"],
        "habits": [{"title": "Correr", "frequency": "weekly:3"}],
        "start_date": "2026-11-30",
    }
    fake.script(Reply.json(plan))
    request = PlanRequest(text="quiero correr 3 veces por semana", today=TODAY, language="es")
    outcome = await engine.plan_goal(request)
    await engine.aclose()
    assert "Spanish (language code es)" in fake.requests[0].system
    assert outcome.fallback_reason == "wrong_language"
    assert outcome.value.subgoals[1] == "Llegar a una racha de 2 semanas"


def test_the_progress_picture_is_labelled_in_the_members_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from matplotlib.figure import Figure
    from matplotlib.text import Text

    from coach.progress_chart import chart_data
    from coach.progress_render import render
    from coach.schedule import parse_frequency
    from coach.scores import HabitHistory

    seen: list[str] = []
    draw = Figure.savefig

    def keep_texts(figure: Figure, *args: object, **kwargs: object) -> None:
        seen.extend(t.get_text() for t in figure.findobj(Text))
        draw(figure, *args, **kwargs)

    monkeypatch.setattr(Figure, "savefig", keep_texts)
    history = HabitHistory(parse_frequency("weekly:3"), TODAY - timedelta(days=40),
                           {TODAY - timedelta(days=k): "done" for k in range(1, 40, 3)})  # fmt: skip
    png = render(chart_data([("Laufen", history)], TODAY), ["Laufen — Serie 5"], "de")
    assert png.startswith(b"\x89PNG")
    assert "Dein Fortschritt · Mo. 30 Nov. 2026" in seen and "Letzte 12 Wochen" in seen
    assert {"Mo.", "Mi.", "Fr.", "So.", "erledigt", "verpasst", "heute"} <= set(seen)
    assert not {"Last 12 weeks", "done", "missed", "today", "Mon"} & set(seen)


def test_a_private_nudge_is_in_the_members_language() -> None:
    from coach.groups.nudges import nudge_text

    german = nudge_text("Lena", "Läufer", 1, 4, "de")
    spanish = nudge_text(None, "Corredores", 0, 1, "es")
    assert german.startswith("Hi Lena! Ein freundlicher Schubs von Läufer: du hast diese Woche "
                             "1 von 4 Einträgen")  # fmt: skip
    assert spanish.startswith(
        "¡Hola! Un empujoncito amistoso de Corredores: llevas 0 de 1 registro "
    )
    assert "/groups" in german and "/groups" in spanish


def test_the_group_board_is_in_the_groups_language() -> None:
    import uuid

    from coach.groups.board import board_text
    from coach.groups.registry import GroupInfo
    from coach.groups.standings import Standing

    def person(name: str, checked_in: bool, streak: int) -> Standing:
        return Standing(uuid.uuid4(), name, "checked_in", False, (), checked_in, 1, 3, streak, 0)

    people = [person("Ana", True, 3), person("Bo", False, 0), person("Cy", False, 0)]
    flags = {"board": True, "leaderboard": True, "recap": True, "nudges": True}
    german = GroupInfo(uuid.uuid4(), -1, "Läufer", "Europe/Berlin", True, flags, "de")
    spanish = GroupInfo(uuid.uuid4(), -2, "Corredores", "Europe/Madrid", True, flags, "es")
    assert board_text(german, TODAY, people, None).split("\n") == [
        "📋 Läufer — Mo. 30 Nov.", "✅ Ana hat eingetragen · 🔥3 Tage",
        "2 können heute noch eintragen.",
    ]  # fmt: skip
    assert board_text(spanish, TODAY, people[:2], None).split("\n")[1:] == [
        "✅ Ana se registró · 🔥3 días", "1 todavía puede registrarse hoy.",
    ]  # fmt: skip


def test_who_improved_most_is_said_in_the_groups_language() -> None:
    import uuid

    from coach.groups.standings import Standing
    from coach.scheduled.group_recaps import improved

    ana = Standing(uuid.uuid4(), "Ana", "all", False, (), True, 4, 5, 2, 1)
    assert (
        improved([ana], "de")
        == "📈 Am meisten gesteigert: Ana, +3 Einträge gegenüber der Vorwoche."
    )
    assert improved([ana], "es").startswith("📈 Quien más mejoró: Ana, +3 registros")


def test_a_refused_text_is_explained_in_the_members_language() -> None:
    from coach.text import clean_text

    empty = clean_text("   ")
    assert (
        empty.notice_in("de")
        == "Bei mir ist kein Text angekommen – schreibst du mir ein paar Worte?"
    )
    assert empty.notice_in("es") == "No me llegó ningún texto; ¿puedes escribir unas palabras?"
    assert empty.notice == "I didn't get any text — could you write a few words?"


def test_the_offline_copilot_answers_in_the_mentors_language() -> None:
    from coach.llm.offline_group import offline_mentor
    from coach.llm.schemas import PatientContext

    lena = PatientContext(name="Lena", language="de", plan=["Goal: 10 km"],
                          analytics={"adherence_7d": 0.3, "adherence_30d": 0.8})  # fmt: skip
    english = offline_mentor("quick_check", lena, "how is she?")
    spanish = offline_mentor("quick_check", lena, "¿cómo va?", "es")
    german = offline_mentor(
        "risk_intervention", lena.model_copy(update={"language": "es"}), "?", "de"
    )
    assert english.reply.startswith("Lena: needs attention. Plan: Goal: 10 km.")
    assert english.reply.endswith("Writes to goalbot in German.")
    assert spanish.reply.startswith("Lena: necesita atención. Plan: Goal: 10 km.")
    patterns = [p.replace("\xa0", " ") for p in spanish.risk_patterns]  # CLDR: 80 %, no break
    assert "La adherencia bajó del 80 % (30 días) al 30 %." in patterns
    assert german.reply.replace("\xa0", " ").startswith("Lena — Risikoprüfung: Umsetzung 30 %")
    assert german.reply.endswith("Schreibt goalbot auf Spanisch.")
    assert german.suggested_actions[1] == (
        "Schlag für zwei Wochen eine kleinere Version der schwierigsten Gewohnheit vor."
    )
