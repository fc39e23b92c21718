"""The offline coach's replies, journal analysis, group recaps and mentor answers."""

from __future__ import annotations

from datetime import date

import pytest

from coach.llm.offline_coach import _OPENERS, intent, offline_reply
from coach.llm.offline_group import offline_mentor, offline_recap, risk_flags
from coach.llm.offline_journal import mood_tags, offline_journal, sentiment
from coach.llm.schemas import (
    MOOD_TAGS,
    GroupWeek,
    HabitFacts,
    MemberContext,
    MemberWeek,
    PatientContext,
)
from coach.safety import check_output

TODAY = date(2026, 11, 28)


def ana() -> MemberContext:
    return MemberContext(
        name="Ana",
        today=TODAY,
        completion_ratio_30d=0.73,
        habits=[
            HabitFacts(title="Meditate", goal="Calm", frequency="daily", streak=12,
                       adherence_7d=1.0, done_today=True),
            HabitFacts(title="Run", goal="10k", frequency="weekly:3", streak=0, adherence_7d=0.33,
                       missed_recently=[date(2026, 11, 24), date(2026, 11, 26)]),
        ],
    )  # fmt: skip


def test_a_reply_quotes_the_members_real_figures() -> None:
    reply = offline_reply(ana(), "I missed my runs again this week")
    text = reply.reply
    assert "Ana" in text and "73%" in text and "12 on Meditate" in text
    assert "Run on Tue 24 Nov, Thu 26 Nov" in text and "Run is at 33%" in text
    assert 1 <= len(reply.action_steps) <= 3
    assert any("Run" in step for step in reply.action_steps)


def test_a_progress_question_and_a_win_get_different_openers() -> None:
    progress = offline_reply(ana(), "how am I doing?").reply
    win = offline_reply(ana(), "done with my run today!").reply
    openers = {k: {o.format(name=", Ana", text="") for o in v} for k, v in _OPENERS.items()}
    assert any(progress.startswith(o) for o in openers["progress"])
    assert any(win.startswith(o) for o in openers["win"])
    assert "73%" in progress and "73%" in win


def _counted() -> MemberContext:
    """Ana with the 30-day counts the overall figure is made of (19 of 26 = 73 %)."""
    context = ana()
    meditate, run = context.habits
    habits = [meditate.model_copy(update={"done_30d": 18, "due_30d": 18}),
              run.model_copy(update={"done_30d": 1, "due_30d": 8})]  # fmt: skip
    return context.model_copy(update={"habits": habits, "completion_ratio_30d": 19 / 26})


def test_struggle_gets_empathy_and_one_concrete_step_from_the_figures() -> None:
    reply = offline_reply(_counted(), "I'm struggling this week")
    assert intent("I'm struggling this week") == "struggle"
    openers = {o.format(name=", Ana", text="") for o in _OPENERS["struggle"]}
    assert any(reply.reply.startswith(o) for o in openers)
    assert reply.action_steps == [
        "Tonight, do a 2-minute version of Run and check it in — that restarts it today."
    ]
    assert "Run is at 33%" in reply.reply and "One step: tonight, do a 2-minute version of Run" in (
        reply.reply
    )


def test_good_news_gets_praise_that_names_what_was_done() -> None:
    reply = offline_reply(ana(), "nailed my meditation this morning!").reply
    assert "Checked in today: Meditate." in reply and "Meditate is at 12 in a row" in reply


def test_a_question_about_the_plan_gets_the_plan() -> None:
    reply = offline_reply(ana(), "what's my plan?").reply
    assert "• Meditate — every day, done today, streak 12" in reply
    assert "• Run — 3 times a week, open today, streak 0" in reply


def test_the_overall_figure_is_the_sum_of_the_lines_shown() -> None:
    reply = offline_reply(_counted(), "how am I doing?").reply
    assert "73% of your scheduled check-ins (19 of 26: Meditate 18/18, Run 1/8" in reply
    assert round(19 / 26 * 100) == 73


def test_wording_varies_and_a_number_or_an_emoji_is_answered_as_such() -> None:
    said = ["I missed my run", "fell behind again", "couldn't do it today", "I'm struggling",
            "failed again", "skipped twice", "it's hard this week"]  # fmt: skip
    starts = {offline_reply(ana(), s).reply.split(".")[0] for s in said}
    assert len(starts) >= 2
    number = offline_reply(ana(), "12").reply
    emoji = offline_reply(ana(), "🙂").reply
    struggle = offline_reply(ana(), "I'm struggling").reply
    assert "“12”" in number and "read 12 pages" in number
    assert emoji.startswith("🙂 right back, Ana!")
    assert len({number.split(".")[0], emoji.split("!")[0], struggle.split(".")[0]}) == 3


def test_a_member_without_habits_is_told_how_to_start() -> None:
    reply = offline_reply(MemberContext(today=TODAY), "hello")
    assert "run 3x a week" in reply.reply and reply.action_steps == []


@pytest.mark.parametrize(
    ("message", "kind"),
    [("hi there", "greeting"), ("I skipped the gym", "struggle"), ("so tired today", "tired"),
     ("what's my streak?", "progress"), ("nailed it", "win"), ("thanks!", "thanks"),
     ("the weather is nice", "other")],
)  # fmt: skip
def test_intents(message: str, kind: str) -> None:
    assert intent(message) == kind


@pytest.mark.parametrize(
    ("entry", "low", "high", "tags"),
    [
        ("Had a great run this morning, feeling proud and energized!", 0.6, 1.0, {"proud", "energetic"}),
        ("Really stressed about the deadline, barely slept, exhausted.", -1.0, -0.5, {"stressed", "tired"}),
        ("I am not happy with how today went. Skipped the gym.", -1.0, -0.2, {"sad"}),
        ("Not bad at all, a pretty calm day.", 0.2, 1.0, {"calm"}),
        ("I wasn't tired at all today, very motivated.", 0.3, 1.0, {"motivated"}),
        ("Went to work. Came home. Cooked pasta.", -0.1, 0.1, {"neutral"}),
        ("Feeling lonely and sad since the move, everything is too much.", -1.0, -0.6,
         {"lonely", "sad", "overwhelmed"}),
        ("Grateful for my friends, we laughed a lot. A bit tired but happy.", 0.5, 1.0,
         {"grateful", "happy", "tired"}),
        ("Sick with the flu, headache all day, missed my workout.", -1.0, -0.4, {"sick"}),
    ],
)  # fmt: skip
def test_journal_sentiment_and_mood_tags(
    entry: str, low: float, high: float, tags: set[str]
) -> None:
    analysis = offline_journal(entry)
    assert low <= analysis.sentiment_score <= high
    assert tags <= set(analysis.mood_tags) and set(analysis.mood_tags) <= set(MOOD_TAGS)
    assert analysis.reflection


def test_negation_flips_and_softens() -> None:
    assert sentiment("happy") > 0 > sentiment("not happy") > -sentiment("happy")
    assert sentiment("very happy") > sentiment("happy")
    assert "tired" not in mood_tags("not tired at all")
    assert "tired" in mood_tags("not happy, just tired")  # negation stops at the comma


@pytest.mark.parametrize(
    ("entry", "tags"),
    [("Cansada pero orgullosa de hoy, al final salí a correr", {"tired", "proud"}),
     ("No estoy agobiada, solo un poco nerviosa por el examen", {"anxious"}),
     ("Heute total erschöpft und ein bisschen einsam", {"tired", "lonely"}),
     ("Nicht gestresst, eher ruhig und dankbar", {"calm", "grateful"}),
     ("Je suis fatiguée mais fière de moi", {"tired", "proud"}),
     ("Hoje fiquei doente, com febre, e meio triste", {"sick", "sad"})],
)  # fmt: skip
def test_an_entry_in_spanish_german_french_or_portuguese_gets_its_moods(
    entry: str, tags: set[str]
) -> None:
    found = set(mood_tags(entry))
    assert found == tags  # and nothing negated: "no estoy agobiada", "nicht gestresst"


def test_a_recap_comes_from_the_numbers_only() -> None:
    week = GroupWeek(group="Morning Runners", week_start=date(2026, 11, 23), members=[
        MemberWeek(name="Ana", completed=3, scheduled=3, streak=9),
        MemberWeek(name="Bo", completed=1, scheduled=5, streak=0),
        MemberWeek(name="Cy", completed=4, scheduled=5, streak=2),
    ])  # fmt: skip
    post = offline_recap(week).post
    assert "Morning Runners — week of 23 Nov" in post and "8/13 check-ins (62%)" in post
    assert post.index("Ana: 3/3 (100%)") < post.index("Cy: 4/5 (80%)") < post.index("Bo: 1/5 (20%)")
    assert "Longest streak: Ana, 9" in post and "Every check-in done: Ana" in post


def test_an_empty_week_gets_an_encouraging_recap() -> None:
    post = offline_recap(GroupWeek(group="G", week_start=TODAY, members=[])).post
    assert "Nothing was scheduled" in post


def patient(**analytics: object) -> PatientContext:
    return PatientContext(name="Ana", plan=["Run weekly:3", "Meditate daily"],
                          last_checkins=["Run done 2026-11-20"], mentor_notes=["knee pain in Oct"],
                          analytics=analytics)  # fmt: skip


def test_risk_flags_fire_on_the_documented_thresholds() -> None:
    flags = risk_flags(patient(adherence_7d=0.3, adherence_30d=0.8, days_since_last_checkin=4,
                               mood_trend=-0.4, crisis_events=1, missed_count_7d=5,
                               risk_level="high", risk_score=0.81))  # fmt: skip
    assert len(flags) == 5 and flags[0].startswith("Crisis language flagged 1 time")
    assert "No check-in for 4 days." in flags and "Adherence 30% over 7 days (below 50%)." in flags
    calm = risk_flags(patient(adherence_7d=0.9, adherence_30d=0.85, days_since_last_checkin=0))
    assert calm == []
    assert risk_flags(patient(mood_trend="declining")) == ["Journal mood trending down."]


def test_mentor_modes_differ_and_never_diagnose() -> None:
    risky = patient(adherence_7d=0.3, adherence_30d=0.8, days_since_last_checkin=5)
    quick = offline_mentor("quick_check", risky, "how is Ana?")
    deep = offline_mentor("deep_dive", risky, "tell me everything")
    risk = offline_mentor("risk_intervention", risky, "what should I do?")
    assert quick.reply.startswith("Ana: needs attention.") and len(quick.reply) < len(deep.reply)
    assert "knee pain in Oct" in deep.reply and "Plan: Run weekly:3; Meditate daily" in deep.reply
    assert "Next steps:" in risk.reply and risk.risk_patterns and risk.suggested_actions
    for answer in (quick, deep, risk):
        assert check_output(answer.reply) is None and answer.plan_patch is None
    ok = offline_mentor("quick_check", patient(adherence_7d=0.9), "status")
    assert ok.reply.startswith("Ana: on track.") and ok.risk_patterns == []


def test_after_a_crisis_the_mentor_is_told_to_reach_out_never_to_praise() -> None:
    steady = {"adherence_7d": 0.95, "adherence_30d": 0.9, "streak": 12}
    answers = [
        offline_mentor(mode, patient(**steady, crisis_events=1), "how is she doing?")
        for mode in ("quick_check", "deep_dive", "risk_intervention")
    ]
    answers.append(
        offline_mentor("deep_dive", patient(**steady), "she said she wants to end it all")
    )
    answers.append(offline_mentor("quick_check", patient(**steady, crisis_reported=True), "hi"))
    for answer in answers:
        actions = " ".join(answer.suggested_actions)
        assert "crisis resources" in answer.suggested_actions[0] and "safety protocol" in actions
        assert "consisten" not in actions and "smaller version" not in actions
        assert answer.plan_patch is None and check_output(answer.reply + actions) is None
    praised = offline_mentor("quick_check", patient(**steady), "how is she doing?")
    assert praised.suggested_actions == ["Acknowledge their consistency in your next message."]
