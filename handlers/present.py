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

from babel import Locale

from coach.checkins import CheckinOutcome, DueHabit, Undone
from coach.data import ForgetKept, Forgotten
from coach.goals import GoalChanged, GoalLine
from coach.i18n.words import category_name, describe_frequency
from coach.members import Member
from coach.plans import GoalSaved, PlanCancelled, PlanDraft, PlanWaiting
from coach.progress import Progress
from coach.targets import unit_name
from handlers import buttons
from handlers.i18n import N_, Translator, tr, translator
from mentor.invites import InviteCheck
from mentor.notify import SuggestionNotice

MARKS = {"done": "✅", "skipped": "⏭", "missed": "❌", None: "▫️"}
STATUS_WORDS = {"done": N_("done"), "skipped": N_("skipped"), "missed": N_("missed")}
GOAL_STATUS = {"active": N_("active"), "paused": N_("paused"), "archived": N_("archived")}
REFUSALS = {
    "unknown": N_("That habit isn't one of yours any more. Send /checkin for today's list."),
    "inactive": N_("That goal is paused or archived, so I didn't record it."),
    "too_old": N_("That day is too far back to change now."),
    "future": N_("That day hasn't started yet."),
    "bad_status": N_("That button isn't valid. Send /checkin for fresh ones."),
    "before_start": N_("That day is before this habit started, so I didn't record it."),
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
    return "–" if value is None else tr().percent(value)


def checkin_text(
    items: Sequence[DueHabit], *, day: date | None = None, name: str | None = None
) -> str:
    """The check-in message: a greeting and each habit due with its state so far."""
    t = tr()
    when = t.date(day, "EEE dd MMM") if day is not None else t.gettext("today")
    head = t.gettext("Habits for {day}:", day=when)
    lines = [t.gettext("Hi {name}! {rest}", name=name, rest=head) if name else head]
    lines += [f"{MARKS.get(item.status, '▫️')} {item.title}" for item in items]
    return "\n".join(lines)


def checkin_rows(items: Sequence[DueHabit]) -> list[list[Button]]:
    """Per habit a row: Done (with its title), Skip, Missed; the current choice is marked."""
    rows, t = [], tr()
    skip, missed = t.gettext("Skip"), t.gettext("Missed")
    for item in items:
        mark = {s: ("• " if item.status == s else "") for s in ("done", "skipped", "missed")}
        rows.append([
            Button(f"{mark['done']}{_done_label(item)}", buttons.checkin(item.habit_id, item.day, "done")),
            Button(f"{mark['skipped']}{skip}", buttons.checkin(item.habit_id, item.day, "skipped")),
            Button(f"{mark['missed']}{missed}", buttons.checkin(item.habit_id, item.day, "missed")),
        ])  # fmt: skip
    return rows


def _done_label(item: DueHabit) -> str:
    """The Done button's label: "Done: Run", or a measurable habit's target (#15)."""
    if item.target is None:
        return tr().gettext("Done: {habit}", habit=item.title[:22])
    amount = f"{item.target.amount:g} {unit_name(tr(), item.target.unit)}"
    return tr().gettext("Done {amount}: {habit}", amount=amount, habit=item.title[:14])


def checkin_list(items: Sequence[DueHabit], day: date, *, has_habits: bool = False) -> Reply:
    """/checkin and /yesterday: the habits due with buttons, or what to do when there are none
    (a day off for a member with habits; how to add a goal for one without)."""
    t = tr()
    if not items and has_habits:
        shown = t.date(day, "EEE dd MMM")
        return Reply(t.gettext("Nothing is due on {day} — /goals shows your habits and their days.",
                               day=shown))  # fmt: skip
    if not items:
        return Reply(
            t.gettext(
                "Nothing is due that day. Add a goal with /goal, e.g. “/goal read 20 pages daily”."
            )
        )
    return Reply(checkin_text(items, day=day), checkin_rows(items))


def outcome_line(outcome: CheckinOutcome) -> str:
    """'✅ Run 5k: done. Streak 4 · strength 31%' plus a milestone cheer."""
    s, tx = outcome.score, tr()
    line = f"{MARKS[outcome.status]} " + tx.gettext(
        "{habit}: {status}. Streak {streak} · strength {strength}", habit=outcome.title,
        status=tx.gettext(STATUS_WORDS[outcome.status]), streak=s.streak, strength=pct(s.strength),
    )  # fmt: skip
    if outcome.target is not None and outcome.progress is not None:
        t = outcome.target
        when = tx.gettext("today") if t.period == "day" else tx.gettext("this week")
        so_far = f"{outcome.progress:g}/{t.amount:g} {unit_name(tx, t.unit)}"
        line += "\n" + tx.gettext(
            "{when}: {so_far} — another amount? reply with the number", when=when, so_far=so_far
        )
    if outcome.milestone:
        line += "\n🎉 " + tx.gettext(
            "{count} in a row! That's a milestone — well done.", count=outcome.milestone
        )
    return line


def recorded(outcome: CheckinOutcome, *, edit: bool) -> Reply:
    """A check-in press or message: the list with the new state, the streak, and Undo."""
    items = outcome.items
    undo = Button(
        tr().gettext("↩ Undo"), buttons.undo(outcome.habit_id, outcome.day, outcome.previous)
    )
    head = checkin_text(items, day=outcome.day) + "\n\n" if items else ""
    return Reply(head + outcome_line(outcome), [*checkin_rows(items), [undo]], edit=edit)


def undone(result: Undone) -> Reply:
    """After Undo: the list again, and what the check-in is now."""
    items = result.items
    return Reply(checkin_text(items, day=result.day) + "\n\n" + _back_to(result),
                 checkin_rows(items), edit=True)  # fmt: skip


def _back_to(result: Undone) -> str:
    """'↩ Run: back to skipped.'"""
    t = tr()
    state = t.gettext(STATUS_WORDS[result.status]) if result.status else t.gettext("no check-in")
    return "↩ " + t.gettext("{habit}: back to {state}.", habit=result.title, state=state)


def plan(draft: PlanDraft) -> Reply:
    """A plan draft with Save / Change / Cancel."""
    p, t = draft.plan, tr()
    lines = [t.gettext("Here's a plan: {title} ({category}, {frequency})", title=p.title,
                       category=category_name(t, p.category), frequency=p.frequency)]  # fmt: skip
    lines += [
        f"• {h.title} — {describe_frequency(t, h.frequency)}"
        + (f" ({h.schedule})" if h.schedule else "")
        for h in p.habits
    ]
    if p.subgoals:
        lines.append(t.gettext("Milestones: {milestones}", milestones="; ".join(p.subgoals)))
    lines += p.notes  # what a correction in words changed, or could not
    start = t.date(p.start_date, "dd MMM y")
    if p.end_date:
        end = t.date(p.end_date, "dd MMM y")
        lines.append(t.gettext("From {start} to {end}", start=start, end=end))
    else:
        lines.append(t.gettext("From {start}", start=start))
    return Reply("\n".join(lines), [_plan_row(t, draft.draft_id)])


def plan_waiting(waiting: PlanWaiting) -> Reply:
    """An unsaved plan pointed at again, with its Save / Change / Cancel."""
    t = tr()
    text = t.gettext(
        "Your plan “{title}” is still waiting: Save keeps it, Change adjusts it in your words, "
        "Cancel drops it.",
        title=waiting.title,
    )
    return Reply(text, [_plan_row(t, waiting.draft_id)])


def _plan_row(t: Translator, draft_id: uuid.UUID) -> list[Button]:
    return [Button(t.gettext("Save"), buttons.plan(draft_id, "save")),
            Button(t.gettext("Change"), buttons.plan(draft_id, "change")),
            Button(t.gettext("Cancel"), buttons.plan(draft_id, "cancel"))]  # fmt: skip


LANGUAGE_OFFER = N_(
    "Shall I speak {language} with you? Tap below, or send /settings language {code}."
)


def language_offer(code: str) -> Reply:
    """Asked in the language a member just wrote in: switch to it, with one tap."""
    t = translator(code)
    name = Locale.parse(code).get_display_name(code) or code
    text = t.gettext(LANGUAGE_OFFER, language=name, code=code)
    return Reply(text, [[Button(name[:1].upper() + name[1:], buttons.setting("language", code))]])


def goal_lines(goals: Sequence[GoalLine]) -> list[Reply]:
    """/goals: one message per goal with its figures and pause/resume/archive buttons."""
    tx = tr()
    if not goals:
        return [Reply(tx.gettext("No goals yet. Tell me one: “I want to run 3x a week”."))]
    replies = []
    for goal in goals:
        status = tx.gettext(GOAL_STATUS.get(goal.status, goal.status))
        lines = [f"{'⏸ ' if goal.status == 'paused' else ''}{goal.title} ({status})"]
        lines += [tx.gettext("• {habit}: streak {streak}, 30-day {share}", habit=t, streak=s,
                             share=pct(a)) for t, s, a in goal.habits]  # fmt: skip
        toggle = (N_("▶ Resume"), "resume") if goal.status == "paused" else (N_("⏸ Pause"), "pause")
        row = [Button(tx.gettext(toggle[0]), buttons.goal(goal.goal_id, toggle[1])),
               Button(tx.gettext("🗄 Archive"), buttons.goal(goal.goal_id, "archive")),
               Button(tx.gettext("✏️ Edit"), buttons.goal(goal.goal_id, "edit"))]  # fmt: skip
        replies.append(Reply("\n".join(lines), [row]))
    return replies


def progress(result: Progress) -> Reply:
    """/progress [habit]: per-habit figures, overall adherence and the picture."""
    t = tr()
    if not result.habits:
        return Reply(t.gettext("No habits yet, so nothing to chart. Start with /goal."))
    head = t.gettext("Your progress ({day}): 7-day {week}, 30-day {month}",
                     day=t.date(result.day, "dd MMM"), week=pct(result.adherence_7d),
                     month=pct(result.adherence_30d))  # fmt: skip
    if result.on_track is not None:
        head += (
            t.gettext(" — on track this week")
            if result.on_track
            else t.gettext(" — below your weekly mark")
        )
    lines = [t.gettext("I found no habit called “{habit}”, so here are all of them.",
                       habit=result.unknown)] * bool(result.unknown) + [head]  # fmt: skip
    for h in result.habits:
        s, amount = h.score, ""
        if h.target is not None and h.progress is not None:
            when = t.gettext("today") if h.target.period == "day" else t.gettext("this week")
            unit = unit_name(t, h.target.unit)
            amount = f", {when} {h.progress:g}/{h.target.amount:g} {unit}"
        lines.append("• " + t.gettext(
            "{habit}: streak {streak}, strength {strength}, 7d {week}, 30d {month}", habit=h.title,
            streak=s.streak, strength=pct(s.strength), week=pct(s.adherence_7d),
            month=pct(s.adherence_30d)) + amount)  # fmt: skip
    if len(result.habits) > 1:
        word = result.habits[0].title.split()[0].lower()
        lines.append(t.gettext("Zoom into one habit: /progress {habit}", habit=word))
    return Reply("\n".join(lines), photo=result.chart_png)


def settings_text(member: Member) -> str:
    """The member's settings and how to change them."""
    return tr().gettext(
        "Your settings:\n• time zone: {timezone}\n• reminder: {reminder}\n"
        "• day starts at: {daystart}\n• language: {language}\n\n"
        "Change one with /settings NAME VALUE, e.g.\n/settings timezone Europe/Berlin\n"
        "/settings reminder 07:30\n/settings daystart 4\n/settings language de",
        timezone=member.timezone, reminder=f"{member.reminder_time:%H:%M}",
        daystart=f"{member.day_start_hour:02d}:00", language=member.language,
    )  # fmt: skip


CONSENT_LABELS = (N_("Agree, and share my journal text"), N_("Agree, without journal text"),
                  N_("No, thanks"))  # fmt: skip


def consent(check: InviteCheck) -> Reply:
    """/mentor CODE: what the member agrees to, in plain words, with the three choices."""
    assert check.invite_id is not None
    t = tr()
    text = t.gettext(
        "{mentor} would like to be your mentor on goalbot.\n\n"
        "If you agree, they will see your goals and plan, your check-ins and streaks, and your "
        "journal's mood and tags. You choose whether they may also read your journal text. "
        "They see it in Slack, only in private messages to them. You can stop at any time "
        "with /mentor off.",
        mentor=check.mentor_name,
    )
    if check.current_mentor:
        text += "\n" + t.gettext(
            "This replaces your current mentor, {mentor}.", mentor=check.current_mentor
        )
    labels = [t.gettext(label) for label in CONSENT_LABELS]
    rows = [[Button(label, buttons.consent(check.invite_id, choice))]
            for label, choice in zip(labels, buttons.CONSENT, strict=True)]  # fmt: skip
    return Reply(text, rows)


def suggestion(notice: SuggestionNotice) -> Reply:
    """A mentor's plan suggestion: who suggests what, exactly what would change, Accept/Decline."""
    t = tr()
    if notice.summary:
        text = t.gettext("Your mentor {mentor} suggests a change to your plan: {summary}",
                         mentor=notice.mentor_name, summary=notice.summary)  # fmt: skip
    else:
        text = t.gettext("Your mentor {mentor} suggests a change to your plan",
                         mentor=notice.mentor_name)  # fmt: skip
    text += "\n\n" + "\n".join(f"• {c}" for c in notice.changes)
    return Reply(text, [suggestion_row(notice.suggestion_id)])


def suggestion_row(suggestion_id: uuid.UUID) -> list[Button]:
    """Accept and Decline for a plan suggestion (a mentor's or the weekly review's)."""
    t = tr()
    return [Button(t.gettext("Accept"), buttons.suggestion(suggestion_id, accept=True)),
            Button(t.gettext("Decline"), buttons.suggestion(suggestion_id, accept=False))]  # fmt: skip


def toast(result: object) -> str:
    """The short answer on a press for one core result ("" when the edited message says it)."""
    t = tr()
    match result:
        case CheckinOutcome(milestone=milestone) if milestone:
            return "🎉 " + t.gettext("{count} in a row!", count=milestone)
        case CheckinOutcome():
            return outcome_line(result)
        case Undone():
            return _back_to(result)
        case GoalSaved(title=title):
            return t.gettext("Saved “{title}”.", title=title)
        case PlanCancelled():
            return t.gettext("Plan dropped.")
        case GoalChanged(title=title, status=status):
            status = t.gettext(GOAL_STATUS.get(status, status))
            return t.gettext("“{title}” is now {status}.", title=title, status=status)
        case Forgotten():
            return t.gettext("Everything is erased.")
        case ForgetKept():
            return t.gettext("Kept.")
    return ""
