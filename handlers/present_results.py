"""The replies for each result the core returns to the member dialog (`Dialog.render`)."""

from __future__ import annotations

from coach import data, goals, habit_edits, journal
from coach.chat import CoachAnswer, SafetyReply, SlowDown
from coach.checkins import CheckinOutcome, CheckinRefused, Undone
from coach.conversation import CheckinGuess, CheckinsFromWords
from coach.i18n.words import mood_names
from coach.members import SettingChanged, SettingInvalid, TimezoneSet, TimezoneUnknown
from coach.plans import ChangeAsked, DraftGone, GoalSaved, PlanCancelled, PlanDraft, PlanWaiting
from coach.written_dates import DayUnclear
from handlers import present, present_edit, present_words
from handlers.i18n import N_, speak, tr
from handlers.present import Reply

TZ_QUESTION = N_(
    "Which time zone are you in? Send a city (“Berlin”), a zone (“America/New_York”), "
    "or share your location."
)
SLOW = {
    "rate": N_("You're sending messages faster than I can read them — give me a second, please."),
    "daily_cap": N_(
        "That's all the coaching I can do for today. Check-ins still work; I'll be back tomorrow."
    ),
}


def render(result: object, *, pressed: bool = False) -> list[Reply]:
    """The replies for one core result (`pressed`: it answers a button, edit in place)."""
    t = tr()
    match result:
        case CheckinOutcome():
            return [present.recorded(result, edit=pressed)]
        case Undone():
            return [present.undone(result)]
        case CheckinRefused(reason=reason):
            return [Reply(t.gettext(present.REFUSALS[reason]))]
        case TimezoneSet(zone=zone, local=local, has_goals=True):
            return [Reply(t.gettext("Time zone set to {zone} (it's {local} there now). Your past "
                          "days stay as they were; from now on your days follow it.",
                          zone=zone, local=local))]  # fmt: skip
        case TimezoneSet(zone=zone, local=local):
            return [Reply(t.gettext("Time zone set to {zone} (it's {local} there now). "
                          "Now tell me a goal, e.g. “I want to run 3x a week”. /help lists the rest.",
                          zone=zone, local=local))]  # fmt: skip
        case TimezoneUnknown():
            text = t.gettext("I don't know that place. {question}", question=t.gettext(TZ_QUESTION))
            return [Reply(text, ask_location=True)]
        case SettingChanged(name="reminders", value="off"):
            return [
                Reply(t.gettext("Reminders are off. /settings reminder on turns them on again."))
            ]
        case SettingChanged(name="reminders"):
            return [
                Reply(t.gettext("Reminders are on. /settings reminder off turns them off again."))
            ]
        case SettingChanged(name="language", value=value):
            t = speak(value)  # the answer already speaks the new language
            return [Reply(t.gettext("Done: language is now {value}.", value=value))]
        case SettingChanged(value=value):
            name = result.label(t)
            return [Reply(t.gettext("Done: {name} is now {value}.", name=name, value=value))]
        case SettingInvalid():
            name, hint = result.label(t), result.advice(t)
            return [
                Reply(t.gettext("I can't set {name} to that; use {hint}.", name=name, hint=hint))
            ]
        case PlanDraft():
            return [present.plan(result)]
        case PlanWaiting():
            return [present.plan_waiting(result)]
        case ChangeAsked():
            return [Reply(t.gettext(
                "What should change? Tell me in words, e.g. “only twice a week, mornings”."))]  # fmt: skip
        case GoalSaved(title=title, habits=habits):
            return [Reply(t.ngettext(
                "Saved “{title}” with {count} habit: {habits}. Send /checkin to check in today.",
                "Saved “{title}” with {count} habits: {habits}. Send /checkin to check in today.",
                len(habits), title=title, habits=", ".join(habits)), edit=True)]  # fmt: skip
        case PlanCancelled():
            return [Reply(t.gettext("Plan dropped. Tell me another goal any time."), edit=True)]
        case DraftGone():
            return [
                Reply(
                    t.gettext("That plan is no longer open. Tell me the goal again to start over.")
                )
            ]
        case DayUnclear(said=said):
            return [Reply(t.gettext(
                "I can't tell which day “{said}” is, so I recorded nothing. Say “today” or "
                "“yesterday”, or send /yesterday.", said=said))]  # fmt: skip
        case CheckinGuess():
            return [present_words.guess(result)]
        case CheckinsFromWords():
            return present_words.checkins_from_words(result)
        case habit_edits.WhenInDay(habit=habit, at=at):
            return [Reply(t.gettext(
                "I keep no time of day for a saved habit, but I can remind you then: "
                "/edit remind me about {habit} at {time}.",
                habit=habit, time=f"{at:%H:%M}"))]  # fmt: skip
        case goals.GoalChanged():
            return [present_edit.goal_changed(result)]
        case goals.GoalGone():
            return [Reply(t.gettext("That goal is no longer there."))]
        case CoachAnswer(text=text, action_steps=steps):
            return [Reply(text + "".join(f"\n• {step}" for step in steps))]
        case SafetyReply(text=text):
            return [Reply(text)]
        case SlowDown(reason=reason, note=note):
            return [Reply(t.gettext(SLOW[reason]))] if note else []
        case journal.JournalSaved(mood_tags=tags, reflection=reflection):
            if tags:
                saved = t.gettext("Saved to your journal (mood: {mood}).", mood=mood_names(t, tags))
            else:
                saved = t.gettext("Saved to your journal.")
            return [Reply(f"{saved} {reflection}".strip())]
        case data.Forgotten():
            text = t.gettext("Done. Everything you told me is erased. Send /start to begin again.")
            return [Reply(text, edit=True)]
        case data.ForgetKept():
            return [Reply(t.gettext("Kept. Nothing was erased."), edit=True)]
    return present_edit.render(result) or [Reply(t.gettext("Done."))]
