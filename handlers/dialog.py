"""A member's conversation, platform-neutral: commands, plain words and presses → replies.

Telegram and the console both drive this one class, so the journey (and its tests) is the
same on both; each transport only identifies the member and shows the `Reply`s.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from coach import checkins, conversation, data, goals, journal, members, plans
from coach.chat import CoachAnswer, SafetyReply, SlowDown
from coach.checkins import CheckinOutcome, CheckinRefused, Undone
from coach.conversation import CheckinGuess
from coach.members import (
    Member,
    SettingChanged,
    SettingInvalid,
    TimezoneSet,
    TimezoneUnknown,
    Welcome,
)
from coach.plans import ChangeAsked, DraftGone, GoalSaved, PlanCancelled, PlanDraft
from coach.progress import progress
from coach.services import Services
from handlers import buttons, present
from handlers.present import Button, Reply

TZ_QUESTION = (
    "Which time zone are you in? Send a city (“Berlin”), a zone (“America/New_York”), "
    "or share your location."
)
INTRO = (
    "Hi{name}! I'm goalbot, your accountability coach. Tell me a goal in plain words and I'll "
    "turn it into a few daily habits; each day you check in with one tap (or a sentence like "
    "“ran 5k this morning”), and I keep your streaks, show your progress, and coach you when "
    "it gets hard. Your journal is private and encrypted."
)
SLOW = {
    "rate": "You're sending messages faster than I can read them — give me a second, please.",
    "daily_cap": "That's all the coaching I can do for today. Check-ins still work; I'll be back tomorrow.",
}
TOO_LONG = "That's longer than I can read at once ({limit} characters). Could you send it in parts?"
STALE = "These buttons are too old. Send /checkin for fresh ones."
INVALID = "That button isn't valid any more."


class Dialog:
    """Runs the member journey for any transport; one per process, stateless between calls."""

    def __init__(
        self, services: Services, *, keyboard_max_age: timedelta = timedelta(hours=36)
    ) -> None:
        self.services = services
        self.keyboard_max_age = keyboard_max_age

    def admit(self, member: Member) -> list[Reply] | None:
        """None to go on; otherwise the replies for a member over the rate (one note, then none)."""
        assert self.services.limits is not None
        verdict = self.services.limits.admit(member.id)
        if verdict:
            return None
        return [Reply(SLOW["rate"])] if verdict is False else []

    def welcome(self, welcome: Welcome) -> list[Reply]:
        """/start: what goalbot does, and the time zone question until it is answered."""
        name = f" {welcome.member.name}" if welcome.member.name else ""
        intro = Reply(INTRO.format(name=name))
        if welcome.needs_timezone:
            return [intro, Reply(TZ_QUESTION, ask_location=True)]
        return [
            intro,
            Reply(f"Your time zone is {welcome.member.timezone}. /help lists what I can do."),
        ]

    async def command(self, member: Member, name: str, args: str) -> list[Reply]:
        """One slash command (other than /start, which needs the platform identity)."""
        handler = getattr(self, f"_cmd_{name.lower()}", None)
        await plans.drop_pending_change(self.services, user_id=member.id)
        if handler is None:
            return [Reply(f"I don't know /{name[:30]}. /help lists what I can do.")]
        return await handler(member, args.strip())

    async def text(self, member: Member, text: str) -> list[Reply]:
        """A plain message: routed by the core (time zone, plan change, goal, check-in, coach)."""
        limit = self.services.settings.max_message_chars
        if len(text) > limit:
            return [Reply(TOO_LONG.format(limit=f"{limit:,}"))]
        if not text.strip():
            return [Reply("Say a few words, or send /help.")]
        return self.render(await conversation.handle_text(self.services, member=member, text=text))

    async def location(self, member: Member, latitude: float, longitude: float) -> list[Reply]:
        """A shared location: sets the time zone."""
        return self.render(
            await members.set_timezone_at(
                self.services, user_id=member.id, latitude=latitude, longitude=longitude
            )
        )

    async def press(
        self, member: Member, data: str | None, *, sent_at: datetime | None
    ) -> tuple[str, list[Reply]]:
        """A button press → (a short answer for the press itself, replies)."""
        press = buttons.parse(data)
        if press is None:
            return INVALID, []
        if sent_at is not None and self.services.clock() - sent_at > self.keyboard_max_age:
            return STALE, [Reply(STALE)]
        result = await self._perform(member, press)
        if isinstance(result, tuple):
            return result
        replies = self.render(result, pressed=True)
        return (replies[0].text.split("\n")[-1][:190] if replies else ""), replies

    async def _perform(self, member: Member, press: buttons.Press) -> object:
        s = self.services
        match press.kind:
            case "checkin" if press.target and press.day and press.choice:
                return await checkins.record(
                    s, member=member, habit_id=press.target, day=press.day, status=press.choice
                )
            case "undo" if press.target and press.day:
                return await checkins.undo(
                    s, member=member, habit_id=press.target, day=press.day, previous=press.choice
                )
            case "plan" if press.target and press.choice == "save":
                return await plans.save(s, user_id=member.id, draft_id=press.target)
            case "plan" if press.target and press.choice == "change":
                return await plans.ask_change(s, user_id=member.id, draft_id=press.target)
            case "plan" if press.target:
                return await plans.cancel(s, user_id=member.id, draft_id=press.target)
            case "goal" if press.target and press.choice:
                return await goals.change_goal(
                    s, user_id=member.id, goal_id=press.target, action=press.choice
                )
            case "forget":
                return await data.forget(s, user_id=member.id, confirmed=press.choice == "y")
        return ("OK", [Reply("OK, never mind.", edit=True)])

    # ---- commands ---------------------------------------------------------------------------

    async def _cmd_help(self, member: Member, args: str) -> list[Reply]:
        return [Reply(present.HELP)]

    async def _cmd_settings(self, member: Member, args: str) -> list[Reply]:
        if not args:
            fresh = await members.get(self.services, user_id=member.id) or member
            return [Reply(present.settings_text(fresh))]
        name, _, value = args.partition(" ")
        if not value.strip():
            return [
                Reply(
                    f"Give a value too, e.g. /settings {name.lower()[:20]} …  (/settings shows the choices)"
                )
            ]
        return self.render(
            await members.change_setting(self.services, user_id=member.id, name=name, value=value)
        )

    async def _cmd_goal(self, member: Member, args: str) -> list[Reply]:
        if not args:
            return [Reply("Tell me the goal in words, e.g. /goal run 3x a week, 5k by June")]
        return self.render(await plans.draft(self.services, member=member, text=args))

    async def _cmd_goals(self, member: Member, args: str) -> list[Reply]:
        return present.goal_lines(await goals.list_goals(self.services, member=member))

    async def _cmd_checkin(self, member: Member, args: str) -> list[Reply]:
        items = await checkins.due_today(self.services, member=member)
        return [present.checkin_list(items, members.today(self.services, member))]

    async def _cmd_yesterday(self, member: Member, args: str) -> list[Reply]:
        if self.services.settings.backfill_days < 1:
            return [Reply("Backfilling is switched off here.")]
        items = await checkins.due_today(self.services, member=member, back=1)
        return [
            present.checkin_list(items, members.today(self.services, member) - timedelta(days=1))
        ]

    async def _cmd_journal(self, member: Member, args: str) -> list[Reply]:
        if not args:
            return [
                Reply("Write your entry after the command, e.g. /journal Tired but proud of today.")
            ]
        return self.render(await journal.write(self.services, member=member, text=args))

    async def _cmd_progress(self, member: Member, args: str) -> list[Reply]:
        return [present.progress(await progress(self.services, member=member))]

    async def _cmd_export(self, member: Member, args: str) -> list[Reply]:
        export = await data.export(self.services, member=member)
        return [
            Reply(
                "Here is everything I keep about you.", document=(export.filename, export.content)
            )
        ]

    async def _cmd_forget(self, member: Member, args: str) -> list[Reply]:
        row = [
            Button("Yes, erase everything", buttons.FORGET_YES),
            Button("No, keep it", buttons.FORGET_NO),
        ]
        return [
            Reply(
                "This erases your goals, check-ins, messages and journal for good. Are you sure?",
                [row],
            )
        ]

    # ---- rendering of core results ------------------------------------------------------------

    def render(self, result: object, *, pressed: bool = False) -> list[Reply]:
        """The replies for one core result (`pressed`: it answers a button, edit in place)."""
        match result:
            case CheckinOutcome():
                return [present.recorded(result, edit=pressed)]
            case Undone():
                return [present.undone(result)]
            case CheckinRefused(reason=reason):
                return [Reply(present.REFUSALS[reason])]
            case TimezoneSet(zone=zone, local=local):
                return [Reply(f"Time zone set to {zone} (it's {local} there now). "
                              "Now tell me a goal, e.g. “I want to run 3x a week”. /help lists the rest.")]  # fmt: skip
            case TimezoneUnknown():
                return [Reply("I don't know that place. " + TZ_QUESTION, ask_location=True)]
            case SettingChanged(name=name, value=value):
                return [Reply(f"Done: {name} is now {value}.")]
            case SettingInvalid(name=name, hint=hint):
                return [Reply(f"I can't set {name} to that; use {hint}.")]
            case PlanDraft():
                return [present.plan(result)]
            case ChangeAsked():
                return [
                    Reply(
                        "What should change? Tell me in words, e.g. “only twice a week, mornings”."
                    )
                ]
            case GoalSaved(title=title, habits=habits):
                return [Reply(f"Saved “{title}” with {len(habits)} habit(s): {', '.join(habits)}. "
                              "Send /checkin to check in today.", edit=True)]  # fmt: skip
            case PlanCancelled():
                return [Reply("Plan dropped. Tell me another goal any time.", edit=True)]
            case DraftGone():
                return [Reply("That plan is no longer open. Tell me the goal again to start over.")]
            case CheckinGuess(match=m, day=day):
                yes = Button(f"Yes, {m.status}", buttons.checkin(m.habit_id, day, m.status))  # type: ignore[arg-type]
                return [
                    Reply(
                        f"Shall I mark “{m.title}” as {m.status}?",
                        [[yes, Button("No", buttons.DISMISS)]],
                    )
                ]
            case goals.GoalChanged(title=title, status=status):
                return [Reply(f"“{title}” is now {status}.", edit=True)]
            case goals.GoalGone():
                return [Reply("That goal is no longer there.")]
            case CoachAnswer(text=text, action_steps=steps):
                return [Reply(text + "".join(f"\n• {step}" for step in steps))]
            case SafetyReply(text=text):
                return [Reply(text)]
            case SlowDown(reason=reason, note=note):
                return [Reply(SLOW[reason])] if note else []
            case journal.JournalSaved(mood_tags=tags, reflection=reflection):
                mood = f" (mood: {', '.join(tags)})" if tags else ""
                return [Reply(f"Saved to your journal{mood}. {reflection}".strip())]
            case data.Forgotten():
                return [
                    Reply(
                        "Done. Everything you told me is erased. Send /start to begin again.",
                        edit=True,
                    )
                ]
            case data.ForgetKept():
                return [Reply("Kept. Nothing was erased.", edit=True)]
        return [Reply("Done.")]
