"""What a newcomer trips over in their first minutes in the console: numbered choices typed
wrong, a plan left waiting, a plan changed after it was saved, a bare "?"."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from handlers.console import Console
from storage.db import Sessions
from storage.models import Checkin, Habit
from tests.handlers.telegram.harness import (
    Clock,
    ConsoleChat,
    console_chat,
    make_services,
    run_dialog,
)

ONBOARD = [("/start", r"time zone"), ("Berlin", r"Europe/Berlin")]


def fresh(sessions: Sessions, tmp_path: Path, language: str | None = None) -> ConsoleChat:
    """A new console member on the offline coach and the test clock (`language`: --language)."""
    if language is None:
        return console_chat(make_services(sessions, Clock()), tmp_path)
    console = Console(make_services(sessions, Clock()), member_id=None, out_dir=tmp_path,
                      language=language)  # fmt: skip
    return ConsoleChat(console)


def saved(goal: str) -> list[tuple[str, str]]:
    """Onboarding, then `goal` planned and saved."""
    return [*ONBOARD, (goal, r"Save"), ("[Save]", r"Saved")]


async def test_a_number_with_no_such_choice_says_which_numbers_there_are(
    sessions: Sessions, tmp_path: Path
) -> None:
    chat = fresh(sessions, tmp_path)
    answers = await run_dialog(chat, [*ONBOARD, ("I want to meditate every day", r"\[3\] Cancel")])
    for typed in ("7", "0", "-1", "12"):
        answer = await chat.say(typed)
        assert "1" in answer and "3" in answer and "choice" in answer.lower(), answer
        assert "scheduled check-ins" not in answer  # not the coach's figures
    assert "Saved" in await chat.say("1")  # the plan's choices are still there
    assert answers


async def test_a_number_after_a_reply_without_buttons_presses_no_older_choice(
    sessions: Sessions, tmp_path: Path
) -> None:
    chat = fresh(sessions, tmp_path)
    answers = await run_dialog(chat, [
        *saved("I want to meditate every day"),
        ("/goals", r"\[1\] ⏸ Pause"),
        ("how am I doing?", r"scheduled check-ins"),  # the coach: no buttons
        ("1", r"“1”"),  # not the Pause of the goal card above
        ("/goals", r"\(active\)"),
    ])  # fmt: skip
    assert "paused" not in answers[-2]


async def test_a_number_is_still_an_amount_when_a_measurable_habit_takes_it(
    sessions: Sessions, tmp_path: Path
) -> None:
    chat = fresh(sessions, tmp_path)
    await run_dialog(chat, [
        *saved("I want to read 20 pages every day"),
        ("/checkin", r"Done"), ("[Done]", r"another amount"),
        ("12", r"12/20"),  # not a choice of the list: today's amount
    ])  # fmt: skip


async def test_a_plan_left_waiting_is_pointed_at_instead_of_no_habits_yet(
    sessions: Sessions, tmp_path: Path
) -> None:
    chat = fresh(sessions, tmp_path)
    steps = [*ONBOARD, ("sleep better", r"Here's a plan")]
    for said in ("ok", "thx", "what now?", "hmm"):
        steps.append((said, r"“Sleep better” is still waiting.*\[1\] Save"))
    answers = await run_dialog(chat, [*steps, ("1", r"Saved “Sleep better”")])
    assert not any("no habits yet" in answer for answer in answers)


async def test_a_saved_member_chatting_gets_the_coach_not_an_old_draft(
    sessions: Sessions, tmp_path: Path
) -> None:
    chat = fresh(sessions, tmp_path)
    await run_dialog(chat, [
        *saved("I want to meditate every day"),
        ("thanks", r"^(?!.*still waiting)"), ("how am I doing?", r"scheduled check-ins"),
    ])  # fmt: skip


async def test_bare_punctuation_is_not_echoed_like_an_emoji(
    sessions: Sessions, tmp_path: Path
) -> None:
    chat = fresh(sessions, tmp_path)
    await run_dialog(chat, ONBOARD)
    for typed in ("?", "??", "...", "!"):
        answer = await chat.say(typed)
        assert "right back" not in answer and "ask me" in answer.lower(), answer
    assert "🙂 right back" in await chat.say("🙂")  # an emoji still gets one back


async def test_changing_a_saved_plan_in_words_edits_its_habit_not_a_new_goal(
    sessions: Sessions, tmp_path: Path
) -> None:
    chat = fresh(sessions, tmp_path)
    answers = await run_dialog(chat, [
        *saved("I want to run 3 times a week"),
        ("make it 4 times a week", r"Run — frequency now 4 times a week"),
        ("/goals", r"Run 3 times a week"),
    ])  # fmt: skip
    assert "Here's a plan" not in answers[-2] and "Make it" not in answers[-1]
    assert answers[-1].count("(active)") == 1


async def test_with_several_habits_a_change_in_words_asks_which_habit(
    sessions: Sessions, tmp_path: Path
) -> None:
    chat = fresh(sessions, tmp_path)
    answers = await run_dialog(chat, [
        *saved("I want to run 3 times a week and read every day"),
        ("make it 4 times a week", r"which habit.*(Run, Read|Read, Run).*/edit"),
        ("/edit run 4 times a week", r"Run — frequency now 4 times a week"),
    ])  # fmt: skip
    assert "Here's a plan" not in answers[-2]


async def test_a_day_off_is_not_told_to_add_a_goal(sessions: Sessions, tmp_path: Path) -> None:
    chat = fresh(sessions, tmp_path)
    answers = await run_dialog(chat, [
        *ONBOARD, ("/checkin", r"/goal"),  # no goal yet: how to add one
        ("I want to swim on mondays", r"Save"), ("[Save]", r"Saved"),
        ("/checkin", r"Nothing is due.*Wed 25 Nov.*/goals"),  # the harness's day is a Wednesday
        ("/yesterday", r"Nothing is due.*Tue 24 Nov"),
    ])  # fmt: skip
    assert not any("Add a goal" in answer for answer in answers[-2:])


async def test_on_day_one_the_figures_show_no_fractions_of_a_check_in(
    sessions: Sessions, tmp_path: Path
) -> None:
    chat = fresh(sessions, tmp_path)
    answers = await run_dialog(chat, [
        *saved("I want to run 3 times a week and read every day"),
        ("/checkin", r"Done"), ("[Done: Run]", r"Streak 1"),
        ("how am I doing?", r"completed \d+% of your scheduled check-ins"),
    ])  # fmt: skip
    assert "0.4" not in answers[-1] and "counts once" not in answers[-1], answers[-1]


async def test_a_settings_question_lets_go_of_a_message_that_is_something_else(
    sessions: Sessions, tmp_path: Path
) -> None:
    chat = fresh(sessions, tmp_path)
    answers = await run_dialog(chat, [
        *saved("I want to meditate every day"),
        ("/settings language xx", r"Which language"),
        ("what's my streak?", r"scheduled check-ins"),  # answered, not "that didn't fit"
        ("/settings timezone", r"Which city"),
        ("Narnia", r"didn't fit.*Which city"),  # a word that could be an answer: asked again
        ("Tokyo", r"Asia/Tokyo"),
        ("/settings reminder 25:00", r"What time"),
        ("I ran 5k this morning but my knee hurts a bit", r"^(?!.*didn't fit)"),
    ])  # fmt: skip
    assert "didn't fit" not in answers[-1]


async def test_a_time_of_day_for_a_saved_habit_offers_a_reminder_and_keeps_how_often(
    sessions: Sessions, tmp_path: Path
) -> None:
    chat = fresh(sessions, tmp_path)
    await run_dialog(chat, [
        *saved("I want to run 3 times a week"),
        ("mornings only", r"/edit remind me about run at 07:00"),
        ("evenings", r"/edit remind me about run at 19:00"),
    ])  # fmt: skip
    async with sessions() as session:
        assert await session.scalar(select(Habit.frequency)) == "weekly:3"


async def test_a_time_of_day_with_several_habits_goes_to_the_one_named_or_asks(
    sessions: Sessions, tmp_path: Path
) -> None:
    chat = fresh(sessions, tmp_path)
    answers = await run_dialog(chat, [
        *saved("I want to run 3 times a week and read 20 pages every day"),
        ("evenings instead for the reading", r"/edit remind me about read 20 pages at 19:00"),
        ("mornings only", r"."),
    ])  # fmt: skip
    assert "remind me about run" not in answers[-1]  # not the first habit by chance


async def test_a_hard_day_after_everything_was_done_is_not_told_to_do_it_tonight(
    sessions: Sessions, tmp_path: Path
) -> None:
    chat = fresh(sessions, tmp_path)
    answers = await run_dialog(chat, [
        *saved("I want to run 3 times a week"), ("/checkin", r"Done"), ("[Done]", r"Streak 1"),
        ("it's hard this week, I keep slipping", r"Everything is checked in for today"),
    ])  # fmt: skip
    assert "tonight" not in answers[-1].lower() and "tomorrow" in answers[-1].lower()


async def test_checkin_before_the_first_plan_is_saved_points_at_that_plan(
    sessions: Sessions, tmp_path: Path
) -> None:
    chat = fresh(sessions, tmp_path)
    await run_dialog(chat, [
        *ONBOARD, ("I want to meditate every day", r"Save"),
        ("/checkin", r"“Meditate every day” is still waiting.*\[1\] Save"),
        ("1", r"Saved"), ("/checkin", r"Done: Meditate"),
    ])  # fmt: skip


async def test_an_unknown_command_suggests_the_one_meant(
    sessions: Sessions, tmp_path: Path
) -> None:
    chat = fresh(sessions, tmp_path)
    await run_dialog(chat, [
        *ONBOARD,
        ("/stats", r"I don't know /stats.*/progress"), ("/streak", r"/progress"),
        ("/chekin", r"/checkin"), ("/jurnal", r"/journal"), ("/delete", r"/forget"),
        ("/stop", r"/settings reminder off"),
        ("/xyzzy", r"I don't know /xyzzy. /help lists what I can do.$"),
    ])  # fmt: skip


async def test_a_command_typed_with_a_space_after_the_slash_still_runs(
    sessions: Sessions, tmp_path: Path
) -> None:
    chat = fresh(sessions, tmp_path)
    await run_dialog(chat, [
        *saved("I want to meditate every day"), ("/ checkin", r"Done: Meditate"),
        ("/  progress meditate", r"Your progress"), ("/", r"Here.s what I can do"),
    ])  # fmt: skip


async def test_the_console_says_a_location_cannot_be_shared_here(
    sessions: Sessions, tmp_path: Path
) -> None:
    chat = fresh(sessions, tmp_path)
    welcome = await chat.say("/start")
    assert "share your location" in welcome and "type a city" in welcome
    assert "type a city" in await chat.say("Narnia")  # asked again
    assert "type a city" not in await chat.say("Berlin")


@pytest.mark.parametrize("said", ["ran on 31/02", "corrí el 31/02", "I ran on 20/11", "ran 11/20"])
async def test_a_check_in_naming_a_day_it_was_not_read_for_records_nothing(
    sessions: Sessions, tmp_path: Path, said: str
) -> None:
    chat = fresh(sessions, tmp_path)
    await run_dialog(chat, [*saved("I want to run 3 times a week"), (said, r"recorded nothing")])
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Checkin)) == 0


async def test_a_date_that_is_the_day_meant_still_records(
    sessions: Sessions, tmp_path: Path
) -> None:
    chat = fresh(sessions, tmp_path)  # the harness's today is Wed 25 Nov 2026
    await run_dialog(chat, [*saved("I want to run 3 times a week"),
                            ("ran 5.5 km today", r"Run: done"), ("ran on 25/11", r"Run: done")])  # fmt: skip


async def test_a_vague_word_after_a_check_in_does_not_ask_to_record_it_again(
    sessions: Sessions, tmp_path: Path
) -> None:
    chat = fresh(sessions, tmp_path)
    answers = await run_dialog(chat, [
        *saved("I want to meditate every day"), ("/checkin", r"Done"), ("[Done]", r"Streak 1"),
        ("yes", r"."), ("did it", r"."),
    ])  # fmt: skip
    assert not any("Shall I mark" in answer for answer in answers[-2:]), answers[-2:]
