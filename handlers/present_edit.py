"""Replies for editing: the goal card after pause/resume/archive, archived goals, habit cards."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from coach.goals import ArchiveAsked, GoalChanged, GoalLine
from coach.habit_edits import EditUnclear, HabitCard, HabitEdited, describe
from coach.i18n.words import describe_frequency
from coach.members import Member
from coach.settings_flow import SettingAsked
from handlers import buttons
from handlers.i18n import N_, tr
from handlers.present import Button, Reply

REMINDER_HOURS = (8, 18, 21)
EDIT_WORDS = N_(
    "Or in words: /edit rename guitar to practise guitar · /edit guitar on mon and thu · "
    "/edit reading target 30 pages · /edit remind me about guitar at 18:00 and 21:00 · "
    "/edit no reminders for guitar"
)


def card_buttons(goal_id: uuid.UUID, status: str) -> list[list[Button]]:
    """A goal card's buttons: Pause or Resume (always the one that applies), Archive, Edit."""
    t = tr()
    toggle = (N_("▶ Resume"), "resume") if status == "paused" else (N_("⏸ Pause"), "pause")
    return [[Button(t.gettext(toggle[0]), buttons.goal(goal_id, toggle[1])),
             Button(t.gettext("🗄 Archive"), buttons.goal(goal_id, "archive")),
             Button(t.gettext("✏️ Edit"), buttons.goal(goal_id, "edit"))]]  # fmt: skip


def goal_changed(result: GoalChanged) -> Reply:
    """The goal card after a press: paused shows Resume, archived offers Undo."""
    t, title = tr(), result.title
    if result.status == "archived":
        back = "pause" if result.previous == "paused" else "restore"
        text = t.gettext("🗄 “{title}” is archived; its history is kept. /goals archived lists it.",
                         title=title)  # fmt: skip
        return Reply(text, [[Button(t.gettext("↩ Undo"), buttons.goal(result.goal_id, back))]],
                     edit=True)  # fmt: skip
    if result.status == "paused":
        text = t.gettext("⏸ “{title}” is now paused: no reminders or check-ins for it until you resume.",
                         title=title)  # fmt: skip
    elif result.previous == "archived":
        text = t.gettext("“{title}” is back among your goals, with its history.", title=title)
    else:
        text = t.gettext("▶ “{title}” is now active again.", title=title)
    return Reply(text, card_buttons(result.goal_id, result.status), edit=True)


def archive_asked(result: ArchiveAsked) -> Reply:
    """Archive this goal? Yes / Keep it."""
    t = tr()
    return Reply(
        t.gettext("Archive “{title}”? Its habits stop; its history is kept and you can restore "
                  "it from /goals archived.", title=result.title),
        [[Button(t.gettext("Yes, archive"), buttons.goal(result.goal_id, "archive_yes")),
          Button(t.gettext("Keep it"), buttons.goal(result.goal_id, "keep"))]],
        edit=True,
    )  # fmt: skip


def kept(result: ArchiveAsked) -> Reply:
    """The goal card again after "Keep it"."""
    text = tr().gettext("Kept “{title}”.", title=result.title)
    return Reply(text, card_buttons(result.goal_id, result.status), edit=True)


def archived_goals(goals: Sequence[GoalLine]) -> list[Reply]:
    """/goals archived: each archived goal with Restore."""
    t = tr()
    if not goals:
        return [Reply(t.gettext("No archived goals. /goals lists your active and paused ones."))]
    return [Reply("🗄 " + t.gettext("{title} (archived)", title=g.title),
                  [[Button(t.gettext("↩ Restore"), buttons.goal(g.goal_id, "restore"))]])
            for g in goals]  # fmt: skip


def habit_cards(cards: Sequence[HabitCard]) -> list[Reply]:
    """Edit: one card per habit with frequency and reminder buttons, then the words way."""
    if not cards:
        return [Reply(tr().gettext("This goal has no habits to edit."))]
    replies = [_habit_card(c) for c in cards]
    replies.append(Reply(tr().gettext(EDIT_WORDS)))
    return replies


def _habit_card(c: HabitCard) -> Reply:
    t = tr()
    target = "\n" + t.gettext("target: {target}", target=c.target.describe(t)) if c.target else ""
    text = (f"✏️ {c.title} ({c.goal_title})\n{describe_frequency(t, c.frequency)}{target}\n"
            f"{describe(c, 'reminders', t)}")  # fmt: skip
    often = [Button(t.gettext(label), buttons.habit(c.habit_id, value)) for label, value in
             ((N_("Every day"), "daily"), (N_("Weekdays"), "weekdays"), (N_("3× a week"), "weekly:3"),
              (N_("2× a week"), "weekly:2"))]  # fmt: skip
    remind = [
        Button(f"⏰ {h:02d}:00", buttons.habit(c.habit_id, "remind", h)) for h in REMINDER_HOURS
    ]
    remind.append(Button(t.gettext("🔕 None"), buttons.habit(c.habit_id, "remind_off")))
    return Reply(text, [often, remind])


def habit_edited(result: HabitEdited) -> Reply:
    """One change made."""
    return Reply(tr().gettext("Done: {habit} — {what} now {value}.", habit=result.title,
                              what=result.what, value=result.now))  # fmt: skip


def edit_unclear(result: EditUnclear) -> Reply:
    """Which habit, and what change?"""
    t = tr()
    habits = ", ".join(result.habits) or t.gettext("none yet")
    return Reply(t.gettext("I couldn't tell which habit or what to change. Your habits: {habits}.",
                           habits=habits) + "\n" + t.gettext(EDIT_WORDS))  # fmt: skip


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
    t = tr()
    state = t.gettext("on") if member.reminders_enabled else t.gettext("off")
    text = t.gettext(
        "Your settings:\n• time zone: {timezone}\n• reminder: {reminder} ({state})\n"
        "• day starts at: {daystart}\n• language: {language}\n\n"
        "Tap a choice below, or type one, e.g. /settings reminder 07:30, /settings timezone "
        "London, /settings reminder off. A habit's own reminder: /edit remind me about guitar "
        "at 18:00.",
        timezone=member.timezone, reminder=f"{member.reminder_time:%H:%M}", state=state,
        daystart=f"{member.day_start_hour:02d}:00", language=member.language,
    )  # fmt: skip
    mark = f"{member.reminder_time:%H:%M}"
    remind = [Button(("✓ " if t == mark else "⏰ ") + t, buttons.setting("reminder", t))
              for t in REMINDER_CHOICES]  # fmt: skip
    switch = (
        (N_("🔕 Reminders off"), "off")
        if member.reminders_enabled
        else (N_("🔔 Reminders on"), "on")
    )
    day = [Button(("✓ " if h == member.day_start_hour else "🌅 ")
                  + t.gettext("day starts {hour}", hour=f"{h:02d}:00"),
                  buttons.setting("daystart", str(h))) for h in DAYSTART_CHOICES]  # fmt: skip
    tongue = [Button(("✓ " if code == member.language else "") + code,
                     buttons.setting("language", code)) for code in languages]  # fmt: skip
    rows = [remind, [Button(t.gettext(switch[0]), buttons.setting("reminder", switch[1])),
                     Button(t.gettext("🌍 Change time zone"), buttons.setting("timezone"))], day]  # fmt: skip
    return Reply(text, rows + ([tongue] if len(tongue) > 1 else []))


def setting_asked(result: SettingAsked) -> Reply:
    """The question after a missing or unfitting value; the next message answers it."""
    t = tr()
    if result.retry:
        return Reply(
            t.gettext("That didn't fit. {question} (just type it)", question=result.question)
        )
    return Reply(t.gettext("{question} (just type it)", question=result.question))
