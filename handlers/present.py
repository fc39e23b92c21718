"""Turning the core's results into platform-neutral replies: text plus rows of buttons.

Telegram (`handlers/telegram/render.py`) turns a `Reply` into messages and inline keyboards;
the console prints the text and numbers the buttons. Button data is a short string that
`handlers.dialog` parses and checks again on every press (see `handlers.buttons`).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from coach.checkins import CheckinOutcome, DueHabit, Undone
from coach.data import ForgetKept, Forgotten
from coach.goals import GoalChanged, GoalLine
from coach.members import Member
from coach.plans import GoalSaved, PlanCancelled, PlanDraft
from coach.progress import Progress
from coach.schedule import describe_frequency
from handlers import buttons
from mentor.invites import InviteCheck
from mentor.notify import SuggestionNotice

MARKS = {"done": "✅", "skipped": "⏭", "missed": "❌", None: "▫️"}
REFUSALS = {
    "unknown": "That habit isn't one of yours any more. Send /checkin for today's list.",
    "inactive": "That goal is paused or archived, so I didn't record it.",
    "too_old": "That day is too far back to change now.",
    "future": "That day hasn't started yet.",
    "bad_status": "That button isn't valid. Send /checkin for fresh ones.",
    "before_start": "That day is before this habit started, so I didn't record it.",
}


@dataclass(frozen=True)
class Button:
    """A button: what it says and the data a press sends back."""

    label: str
    data: str


@dataclass
class Reply:
    """One message to show: text, button rows, and optionally a photo or a file.

    `edit` asks to replace the message whose button was pressed instead of sending a new one.
    """

    text: str
    buttons: list[list[Button]] = field(default_factory=list)
    photo: bytes | None = None
    document: tuple[str, bytes] | None = None
    edit: bool = False
    ask_location: bool = False


@dataclass
class Pressed:
    """What a button press did, for any transport to show without reading the replies.

    `toast`: the short answer on the press itself (Telegram's callback answer; "" for none);
    `erased`: the member's data is gone (forget confirmed), so drop anything held about them.
    """

    toast: str
    replies: list[Reply] = field(default_factory=list)
    erased: bool = False


def pct(value: float | None) -> str:
    """0.834 → '83%'; None → '–'."""
    return "–" if value is None else f"{round(value * 100)}%"


def checkin_text(
    items: Sequence[DueHabit], *, day: date | None = None, name: str | None = None
) -> str:
    """The check-in message: a greeting and each habit due with its state so far."""
    when = day.strftime("%a %d %b") if day is not None else "today"
    hello = f"Hi {name}! " if name else ""
    lines = [f"{hello}Habits for {when}:"]
    lines += [f"{MARKS.get(item.status, '▫️')} {item.title}" for item in items]
    return "\n".join(lines)


def checkin_rows(items: Sequence[DueHabit]) -> list[list[Button]]:
    """Per habit a row: Done (with its title), Skip, Missed; the current choice is marked."""
    rows = []
    for item in items:
        mark = {s: ("• " if item.status == s else "") for s in ("done", "skipped", "missed")}
        rows.append([
            Button(f"{mark['done']}{_done_label(item)}", buttons.checkin(item.habit_id, item.day, "done")),
            Button(f"{mark['skipped']}Skip", buttons.checkin(item.habit_id, item.day, "skipped")),
            Button(f"{mark['missed']}Missed", buttons.checkin(item.habit_id, item.day, "missed")),
        ])  # fmt: skip
    return rows


def _done_label(item: DueHabit) -> str:
    """The Done button's label: "Done: Run", or a measurable habit's target (#15)."""
    if item.target is None:
        return f"Done: {item.title[:22]}"
    return f"Done {item.target.amount:g} {item.target.unit}: {item.title[:14]}"


def checkin_list(items: Sequence[DueHabit], day: date) -> Reply:
    """/checkin and /yesterday: the habits due with buttons, or what to do when there are none."""
    if not items:
        return Reply(
            "Nothing is due that day. Add a goal with /goal, e.g. “/goal read 20 pages daily”."
        )
    return Reply(checkin_text(items, day=day), checkin_rows(items))


def outcome_line(outcome: CheckinOutcome) -> str:
    """'✅ Run 5k: done. Streak 4 · strength 31%' plus a milestone cheer."""
    s = outcome.score
    line = f"{MARKS[outcome.status]} {outcome.title}: {outcome.status}. Streak {s.streak} · strength {pct(s.strength)}"
    if outcome.target is not None and outcome.progress is not None:
        t = outcome.target
        when = "today" if t.period == "day" else "this week"
        line += f"\n{when}: {outcome.progress:g}/{t.amount:g} {t.unit} — another amount? reply with the number"
    if outcome.milestone:
        line += f"\n🎉 {outcome.milestone} in a row! That's a milestone — well done."
    return line


def recorded(outcome: CheckinOutcome, *, edit: bool) -> Reply:
    """A check-in press or message: the list with the new state, the streak, and Undo."""
    items = outcome.items
    undo = Button("↩ Undo", buttons.undo(outcome.habit_id, outcome.day, outcome.previous))
    head = checkin_text(items, day=outcome.day) + "\n\n" if items else ""
    return Reply(head + outcome_line(outcome), [*checkin_rows(items), [undo]], edit=edit)


def undone(result: Undone) -> Reply:
    """After Undo: the list again, and what the check-in is now."""
    items = result.items
    state = result.status or "no check-in"
    return Reply(checkin_text(items, day=result.day) + f"\n\n↩ {result.title}: back to {state}.",
                 checkin_rows(items), edit=True)  # fmt: skip


def plan(draft: PlanDraft) -> Reply:
    """A plan draft with Save / Change / Cancel."""
    p = draft.plan
    lines = [f"Here's a plan: {p.title} ({p.category}, {p.frequency})"]
    lines += [
        f"• {h.title} — {describe_frequency(h.frequency)}"
        + (f" ({h.schedule})" if h.schedule else "")
        for h in p.habits
    ]
    if p.subgoals:
        lines.append("Milestones: " + "; ".join(p.subgoals))
    lines += p.notes  # what a correction in words changed, or could not
    lines.append(
        f"From {p.start_date:%d %b %Y}" + (f" to {p.end_date:%d %b %Y}" if p.end_date else "")
    )
    row = [Button("Save", buttons.plan(draft.draft_id, "save")),
           Button("Change", buttons.plan(draft.draft_id, "change")),
           Button("Cancel", buttons.plan(draft.draft_id, "cancel"))]  # fmt: skip
    return Reply("\n".join(lines), [row])


def goal_lines(goals: Sequence[GoalLine]) -> list[Reply]:
    """/goals: one message per goal with its figures and pause/resume/archive buttons."""
    if not goals:
        return [Reply("No goals yet. Tell me one: “I want to run 3x a week”.")]
    replies = []
    for goal in goals:
        lines = [f"{'⏸ ' if goal.status == 'paused' else ''}{goal.title} ({goal.status})"]
        lines += [f"• {t}: streak {s}, 30-day {pct(a)}" for t, s, a in goal.habits]
        toggle = ("▶ Resume", "resume") if goal.status == "paused" else ("⏸ Pause", "pause")
        row = [Button(toggle[0], buttons.goal(goal.goal_id, toggle[1])),
               Button("🗄 Archive", buttons.goal(goal.goal_id, "archive")),
               Button("✏️ Edit", buttons.goal(goal.goal_id, "edit"))]  # fmt: skip
        replies.append(Reply("\n".join(lines), [row]))
    return replies


def progress(result: Progress) -> Reply:
    """/progress [habit]: per-habit figures, overall adherence and the picture."""
    if not result.habits:
        return Reply("No habits yet, so nothing to chart. Start with /goal.")
    head = f"Your progress ({result.day:%d %b}): 7-day {pct(result.adherence_7d)}, 30-day {pct(result.adherence_30d)}"
    if result.on_track is not None:
        head += " — on track this week" if result.on_track else " — below your weekly mark"
    lines = [f"I found no habit called “{result.unknown}”, so here are all of them."] * bool(
        result.unknown
    ) + [head]
    for h in result.habits:
        s, amount = h.score, ""
        if h.target is not None and h.progress is not None:
            when = "today" if h.target.period == "day" else "this week"
            amount = f", {when} {h.progress:g}/{h.target.amount:g} {h.target.unit}"
        lines.append(
            f"• {h.title}: streak {s.streak}, strength {pct(s.strength)}, 7d {pct(s.adherence_7d)}, 30d {pct(s.adherence_30d)}{amount}"
        )
    if len(result.habits) > 1:
        lines.append(f"Zoom into one habit: /progress {result.habits[0].title.split()[0].lower()}")
    return Reply("\n".join(lines), photo=result.chart_png)


def settings_text(member: Member) -> str:
    """The member's settings and how to change them."""
    return (
        f"Your settings:\n• time zone: {member.timezone}\n• reminder: {member.reminder_time:%H:%M}\n"
        f"• day starts at: {member.day_start_hour:02d}:00\n• language: {member.language}\n\n"
        "Change one with /settings NAME VALUE, e.g.\n/settings timezone Europe/Berlin\n"
        "/settings reminder 07:30\n/settings daystart 4\n/settings language de"
    )


def consent(check: InviteCheck) -> Reply:
    """/mentor CODE: what the member agrees to, in plain words, with the three choices."""
    assert check.invite_id is not None
    replace = (
        f"\nThis replaces your current mentor, {check.current_mentor}."
        if check.current_mentor
        else ""
    )
    text = (
        f"{check.mentor_name} would like to be your mentor on goalbot.\n\n"
        "If you agree, they will see your goals and plan, your check-ins and streaks, and your "
        "journal's mood and tags. You choose whether they may also read your journal text. "
        "They see it in Slack, only in private messages to them. You can stop at any time "
        f"with /mentor off.{replace}"
    )
    labels = ("Agree, and share my journal text", "Agree, without journal text", "No, thanks")
    rows = [[Button(label, buttons.consent(check.invite_id, choice))]
            for label, choice in zip(labels, buttons.CONSENT, strict=True)]  # fmt: skip
    return Reply(text, rows)


def suggestion(notice: SuggestionNotice) -> Reply:
    """A mentor's plan suggestion: who suggests what, exactly what would change, Accept/Decline."""
    summary = f": {notice.summary}" if notice.summary else ""
    changes = "\n".join(f"• {c}" for c in notice.changes)
    text = f"Your mentor {notice.mentor_name} suggests a change to your plan{summary}\n\n{changes}"
    return Reply(text, [suggestion_row(notice.suggestion_id)])


def suggestion_row(suggestion_id: uuid.UUID) -> list[Button]:
    """Accept and Decline for a plan suggestion (a mentor's or the weekly review's)."""
    return [Button("Accept", buttons.suggestion(suggestion_id, accept=True)),
            Button("Decline", buttons.suggestion(suggestion_id, accept=False))]  # fmt: skip

def toast(result: object) -> str:
    """The short answer on a press for one core result ("" when the edited message says it)."""
    match result:
        case CheckinOutcome(milestone=milestone) if milestone:
            return f"🎉 {milestone} in a row!"
        case CheckinOutcome():
            return outcome_line(result)
        case Undone(title=title, status=status):
            return f"↩ {title}: back to {status or 'no check-in'}."
        case GoalSaved(title=title):
            return f"Saved “{title}”."
        case PlanCancelled():
            return "Plan dropped."
        case GoalChanged(title=title, status=status):
            return f"“{title}” is now {status}."
        case Forgotten():
            return "Everything is erased."
        case ForgetKept():
            return "Kept."
    return ""
