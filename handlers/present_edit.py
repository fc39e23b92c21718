"""Replies for editing: the goal card after pause/resume/archive, archived goals, habit cards."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from coach.goals import ArchiveAsked, GoalChanged, GoalLine
from coach.habit_edits import EditUnclear, HabitCard, HabitEdited, describe
from coach.members import Member
from coach.schedule import describe_frequency
from coach.settings_flow import SettingAsked
from handlers import buttons
from handlers.present import Button, Reply

REMINDER_HOURS = (8, 18, 21)
EDIT_WORDS = (
    "Or in words: /edit rename guitar to practise guitar · /edit guitar on mon and thu · "
    "/edit reading target 30 pages · /edit remind me about guitar at 18:00 and 21:00 · "
    "/edit no reminders for guitar"
)


def card_buttons(goal_id: uuid.UUID, status: str) -> list[list[Button]]:
    """A goal card's buttons: Pause or Resume (always the one that applies), Archive, Edit."""
    toggle = ("▶ Resume", "resume") if status == "paused" else ("⏸ Pause", "pause")
    return [[Button(toggle[0], buttons.goal(goal_id, toggle[1])),
             Button("🗄 Archive", buttons.goal(goal_id, "archive")),
             Button("✏️ Edit", buttons.goal(goal_id, "edit"))]]  # fmt: skip


def goal_changed(result: GoalChanged) -> Reply:
    """The goal card after a press: paused shows Resume, archived offers Undo."""
    title = result.title
    if result.status == "archived":
        back = "pause" if result.previous == "paused" else "restore"
        return Reply(f"🗄 “{title}” is archived; its history is kept. /goals archived lists it.",
                     [[Button("↩ Undo", buttons.goal(result.goal_id, back))]], edit=True)  # fmt: skip
    if result.status == "paused":
        text = f"⏸ “{title}” is now paused: no reminders or check-ins for it until you resume."
    elif result.previous == "archived":
        text = f"“{title}” is back among your goals, with its history."
    else:
        text = f"▶ “{title}” is now active again."
    return Reply(text, card_buttons(result.goal_id, result.status), edit=True)


def archive_asked(result: ArchiveAsked) -> Reply:
    """Archive this goal? Yes / Keep it."""
    return Reply(
        f"Archive “{result.title}”? Its habits stop; its history is kept and you can restore "
        "it from /goals archived.",
        [[Button("Yes, archive", buttons.goal(result.goal_id, "archive_yes")),
          Button("Keep it", buttons.goal(result.goal_id, "keep"))]],
        edit=True,
    )  # fmt: skip


def kept(result: ArchiveAsked) -> Reply:
    """The goal card again after "Keep it"."""
    return Reply(f"Kept “{result.title}”.", card_buttons(result.goal_id, result.status), edit=True)


def archived_goals(goals: Sequence[GoalLine]) -> list[Reply]:
    """/goals archived: each archived goal with Restore."""
    if not goals:
        return [Reply("No archived goals. /goals lists your active and paused ones.")]
    return [Reply(f"🗄 {g.title} (archived)", [[Button("↩ Restore", buttons.goal(g.goal_id,
                                                                                  "restore"))]])
            for g in goals]  # fmt: skip


def habit_cards(cards: Sequence[HabitCard]) -> list[Reply]:
    """Edit: one card per habit with frequency and reminder buttons, then the words way."""
    if not cards:
        return [Reply("This goal has no habits to edit.")]
    replies = [_habit_card(c) for c in cards]
    replies.append(Reply(EDIT_WORDS))
    return replies


def _habit_card(c: HabitCard) -> Reply:
    target = f"\ntarget: {c.target.describe()}" if c.target else ""
    text = (f"✏️ {c.title} ({c.goal_title})\n{describe_frequency(c.frequency)}{target}\n"
            f"{describe(c, 'reminders')}")  # fmt: skip
    often = [Button(label, buttons.habit(c.habit_id, value)) for label, value in
             (("Every day", "daily"), ("Weekdays", "weekdays"), ("3× a week", "weekly:3"),
              ("2× a week", "weekly:2"))]  # fmt: skip
    remind = [
        Button(f"⏰ {h:02d}:00", buttons.habit(c.habit_id, "remind", h)) for h in REMINDER_HOURS
    ]
    remind.append(Button("🔕 None", buttons.habit(c.habit_id, "remind_off")))
    return Reply(text, [often, remind])


def habit_edited(result: HabitEdited) -> Reply:
    """One change made."""
    return Reply(f"Done: {result.title} — {result.what} now {result.now}.")


def edit_unclear(result: EditUnclear) -> Reply:
    """Which habit, and what change?"""
    habits = ", ".join(result.habits) or "none yet"
    return Reply(f"I couldn't tell which habit or what to change. Your habits: {habits}.\n"
                 + EDIT_WORDS)  # fmt: skip


def render(result: object) -> list[Reply] | None:
    """The replies for an editing result, or None when it is not one."""
    match result:
        case GoalChanged():
            return [goal_changed(result)]
        case HabitEdited():
            return [habit_edited(result)]
        case EditUnclear():
            return [edit_unclear(result)]
        case SettingAsked():
            return [setting_asked(result)]
    return None


REMINDER_CHOICES = ("06:30", "07:00", "08:00", "20:00")
DAYSTART_CHOICES = (0, 3, 5)


def settings_view(member: Member, languages: Sequence[str]) -> Reply:
    """/settings: the values in use, and the choices as buttons."""
    state = "on" if member.reminders_enabled else "off"
    text = (
        f"Your settings:\n• time zone: {member.timezone}\n"
        f"• reminder: {member.reminder_time:%H:%M} ({state})\n"
        f"• day starts at: {member.day_start_hour:02d}:00\n• language: {member.language}\n\n"
        "Tap a choice below, or type one, e.g. /settings reminder 07:30, /settings timezone "
        "London, /settings reminder off. A habit's own reminder: /edit remind me about guitar "
        "at 18:00."
    )
    mark = f"{member.reminder_time:%H:%M}"
    remind = [Button(("✓ " if t == mark else "⏰ ") + t, buttons.setting("reminder", t))
              for t in REMINDER_CHOICES]  # fmt: skip
    switch = ("🔕 Reminders off", "off") if member.reminders_enabled else ("🔔 Reminders on", "on")
    day = [Button(("✓ " if h == member.day_start_hour else "🌅 ") + f"day starts {h:02d}:00",
                  buttons.setting("daystart", str(h))) for h in DAYSTART_CHOICES]  # fmt: skip
    tongue = [Button(("✓ " if code == member.language else "") + code,
                     buttons.setting("language", code)) for code in languages]  # fmt: skip
    rows = [remind, [Button(switch[0], buttons.setting("reminder", switch[1])),
                     Button("🌍 Change time zone", buttons.setting("timezone"))], day]  # fmt: skip
    return Reply(text, rows + ([tongue] if len(tongue) > 1 else []))


def setting_asked(result: SettingAsked) -> Reply:
    """The question after a missing or unfitting value; the next message answers it."""
    lead = "That didn't fit. " if result.retry else ""
    return Reply(lead + result.question + " (just type it)")
