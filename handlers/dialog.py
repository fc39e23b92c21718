"""A member's conversation, platform-neutral: commands, plain words and presses → replies.

Telegram and the console both drive this one class, so the journey (and its tests) is the
same on both; each transport only identifies the member and shows the `Reply`s. Each slash
command is one `@command(...)` method below (the table: `handlers/commands.py`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from coach import (
    checkins,
    conversation,
    crisis,
    data,
    goals,
    journal,
    members,
    plans,
)
from coach.data import Forgotten
from coach.groups import registry
from coach.llm.language import other_language
from coach.members import (
    Member,
    Welcome,
)
from coach.progress import progress
from coach.services import Services
from coach.settings_flow import drop as drop_setting_question
from handlers import (
    buttons,
    command_hints,
    commands,
    dialog_edit,
    present,
    present_edit,
    present_results,
)
from handlers.commands import Call, Command
from handlers.i18n import N_, speak, tr
from handlers.present import Button, Pressed, Reply
from handlers.present_results import SLOW, TZ_QUESTION
from mentor import invites
from mentor import suggestions as mentor_suggestions
from mentor.services import MentorServices

INTRO = N_(
    "Hi{name}! I'm goalbot, your accountability coach. Tell me a goal in plain words and I'll "
    "turn it into a few daily habits; each day you check in with one tap (or a sentence like "
    "“ran 5k this morning”), and I keep your streaks, show your progress, and coach you when "
    "it gets hard. Your journal is private and encrypted."
)
TOO_LONG = N_(
    "That's longer than I can read at once ({limit} characters). Could you send it in parts?"
)
STALE = N_("These buttons are too old. Send /checkin for fresh ones.")
INVALID = N_("That button isn't valid any more.")
NOT_STARTED = N_("Hi! Send /start first, so I can set you up.")
GROUP_ONLY = N_(
    "/{name} works in an accountability group: add me to a group chat and send it there."
)
PRIVATE_ONLY = N_("Please send /{name} to me in a private chat.")
ADMINS_ONLY = N_("Only the group's admins can do that.")
DECLINED = N_(
    "OK, nothing was shared. Your mentor invitation is still open if you change your mind."
)


class Dialog:
    """Runs the member journey for any transport; one per process, stateless between calls."""

    def __init__(
        self,
        services: Services,
        *,
        keyboard_max_age: timedelta = timedelta(hours=36),
        mentor: MentorServices | None = None,
    ) -> None:
        self.services = services
        self.keyboard_max_age = keyboard_max_age
        self.mentor = mentor or MentorServices(sessions=services.sessions, engine=services.engine,
                                               cipher=services.cipher, clock=services.clock)  # fmt: skip

    def admit(self, member: Member | None, platform_id: int | None = None) -> list[Reply] | None:
        """None to go on; otherwise the replies for a member over the rate (one note, then none).
        Someone not yet a member (/start) is counted by their platform id."""
        assert self.services.limits is not None
        verdict = self.services.limits.admit(member.id if member else ("platform", platform_id))
        if verdict:
            return None
        return [Reply(tr().gettext(SLOW["rate"]))] if verdict is False else []

    async def safety_first(
        self, text: str | None, *, find_member: Callable[[], Awaitable[Member | None]],
        source: str = "chat", language_code: str | None = None,
    ) -> list[Reply] | None:  # fmt: skip
        """The safety reply when `text` holds crisis language, else None. Transports call this
        before anything else (rate limits, the /start check, routing); see coach.crisis."""
        found = await crisis.respond_first(self.services, text=text, source=source,
                                           find_member=find_member, language_code=language_code)  # fmt: skip
        return None if found is None else self.render(found)

    def welcome(self, welcome: Welcome) -> list[Reply]:
        """/start: what goalbot does, and the time zone question until it is answered."""
        t = speak(welcome.member.language)
        name = f" {welcome.member.name}" if welcome.member.name else ""
        intro = Reply(t.gettext(INTRO, name=name))
        if welcome.needs_timezone:
            return [intro, Reply(t.gettext(TZ_QUESTION), ask_location=True)]
        zone = welcome.member.timezone
        return [
            intro,
            Reply(t.gettext("Your time zone is {zone}. /help lists what I can do.", zone=zone)),
        ]

    async def command(self, member: Member | None, name: str, args: str) -> list[Reply]:
        """One slash command typed in a private chat (the console's way in)."""
        if member is not None:
            speak(member.language)
        if not name.strip():  # a slash alone: what the commands are
            return [Reply(commands.help_text())]
        spec = commands.find(name)
        if spec is None or spec.handler is None:
            t = tr()
            text = command_hints.hint(t, name)
            return [Reply(text or t.gettext("I don't know /{name}. /help lists what I can do.",
                                            name=name[:30]))]  # fmt: skip
        return await self.run(spec, Call(member, args))

    async def run(self, spec: Command, call: Call) -> list[Reply]:
        """A declared command, after the table's rules on who may use it and where."""
        assert spec.handler is not None
        # in a group chat the group's language (groups.language); privately the member's own
        if call.group is not None:
            group = await registry.by_chat(self.services, chat_id=call.group.chat_id)
            t = speak(group.language if group is not None else None)
        elif call.member is not None:
            t = speak(call.member.language)
        else:
            t = tr()  # someone not yet started: the transport set their app's language
        if (safety := await self._screen(call.member, call.args, spec.name)) is not None:
            return safety
        if spec.chat == "group" and call.group is None:
            return [Reply(t.gettext(GROUP_ONLY, name=spec.name))]
        if spec.chat == "private" and call.group is not None:
            return [Reply(t.gettext(PRIVATE_ONLY, name=spec.name))]
        if call.member is None and spec.who != "anyone":
            return [Reply(t.gettext(NOT_STARTED))]
        if spec.who == "group_admin" and not (call.group and call.group.admin):
            return [Reply(t.gettext(ADMINS_ONLY))]
        if call.member is not None:
            await plans.drop_pending_change(self.services, user_id=call.member.id)
            await drop_setting_question(self.services, user_id=call.member.id)
        return await spec.handler(self, Call(call.member, call.args.strip(), call.group,
                                             call.user_id, call.user_name))  # fmt: skip

    async def text(self, member: Member, text: str) -> list[Reply]:
        """A plain message: routed by the core (time zone, plan change, goal, check-in, coach)."""
        t = speak(member.language)
        if (safety := await self._screen(member, text, "chat")) is not None:
            return safety
        limit = self.services.settings.max_message_chars
        if len(text) > limit:
            return [Reply(t.gettext(TOO_LONG, limit=t.number(limit)))]
        if not text.strip():
            return [Reply(t.gettext("Say a few words, or send /help."))]
        replies = self.render(
            await conversation.handle_text(self.services, member=member, text=text)
        )
        if (other := other_language(text, member.language)) is not None:
            replies.append(present.language_offer(other))
        return replies

    async def _screen(self, member: Member | None, text: str, source: str) -> list[Reply] | None:
        found = await crisis.respond(self.services, member=member, text=text, source=source)
        return None if found is None else self.render(found)

    async def location(self, member: Member, latitude: float, longitude: float) -> list[Reply]:
        """A shared location: sets the time zone."""
        speak(member.language)
        return self.render(
            await members.set_timezone_at(
                self.services, user_id=member.id, latitude=latitude, longitude=longitude
            )
        )

    async def press(self, member: Member, data: str | None, *, sent_at: datetime | None) -> Pressed:
        """A button press → what it did: the answer on the press itself, replies, erased or not."""
        t = speak(member.language)
        press = buttons.parse(data)
        if press is None:
            return Pressed(t.gettext(INVALID))
        too_old = sent_at is not None and self.services.clock() - sent_at > self.keyboard_max_age
        if too_old and press.kind not in buttons.AGELESS:
            return Pressed(t.gettext(STALE), [Reply(t.gettext(STALE))])
        result = await self._perform(member, press)
        if isinstance(result, Pressed):
            return result
        erased = isinstance(result, Forgotten)
        return Pressed(present.toast(result), self.render(result, pressed=True), erased=erased)

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
            case "goal" | "habit" if press.target and press.choice:
                return await dialog_edit.perform(s, member, press)
            case "setting" if press.choice:
                return await dialog_edit.setting_press(s, member, press)
            case "forget":
                return await data.forget(s, user_id=member.id, confirmed=press.choice == "y")
            case "mentor" if press.choice == "no":
                return Pressed("", [Reply(tr().gettext(DECLINED), edit=True)])
            case "mentor" if press.target:
                text = await invites.accept(s.sessions, user_id=member.id, invite_id=press.target,
                                            share_journal_text=press.choice == "text", now=s.clock())  # fmt: skip
                return Pressed("", [Reply(text, edit=True)])
            case "suggestion" if press.target:
                decision = await mentor_suggestions.member_decided(
                    self.mentor, suggestion_id=press.target, user_id=member.id,
                    accept=press.choice == "accept",
                )  # fmt: skip
                return Pressed("", [Reply(decision.member_text, edit=True)])
        return Pressed("OK", [Reply(tr().gettext("OK, never mind."), edit=True)])

    # ---- commands: one @command declaration and one method each (handlers/commands.py) ----
    # The order here is the order of the command menu and of /help.

    @commands.command(
        "checkin",
        N_("Today's habits: Done / Skip / Missed"),
        help=N_("– today's habits with Done / Skip / Missed"),
    )
    async def cmd_checkin(self, call: Call) -> list[Reply]:
        """/checkin: today's habits with their buttons."""
        assert call.member is not None
        items = await checkins.due_today(self.services, member=call.member)
        day = members.today(self.services, call.member)
        has_habits = bool(items) or await self._has_habits(call.member)
        if not has_habits and (
            waiting := await plans.waiting(self.services, user_id=call.member.id)
        ):
            return [present.plan_waiting(waiting)]  # the first habits are one tap away
        return [present.checkin_list(items, day, has_habits=has_habits)]

    @commands.command(
        "goal",
        N_("Turn a goal in words into a plan"),
        slow=True,
        help=N_("<words> – turn a goal into a plan (or just say “I want to …”)"),
    )
    async def cmd_goal(self, call: Call) -> list[Reply]:
        """/goal <words>: a plan draft from the coach engine."""
        assert call.member is not None
        if not call.args:
            return [
                Reply(
                    tr().gettext("Tell me the goal in words, e.g. /goal run 3x a week, 5k by June")
                )
            ]
        return self.render(await plans.draft(self.services, member=call.member, text=call.args))

    @commands.command(
        "goals",
        N_("Your goals: pause, resume, archive, edit"),
        help=N_("– your goals, with pause, resume, archive and edit (/goals archived: restore)"),
    )
    async def cmd_goals(self, call: Call) -> list[Reply]:
        """/goals: each goal with its figures and buttons; /goals archived: those, to restore."""
        assert call.member is not None
        if call.args.strip().lower() == "archived":
            found = await goals.list_goals(self.services, member=call.member, archived=True)
            return present_edit.archived_goals(found)
        return present.goal_lines(await goals.list_goals(self.services, member=call.member))

    @commands.command(
        "edit",
        N_("Rename or change a habit: days, target, reminders"),
        help=N_(
            "<words> – e.g. /edit guitar on mon and thu, /edit remind me about guitar at 18:00"
        ),
    )
    async def cmd_edit(self, call: Call) -> list[Reply]:
        """/edit <words>: rename, reschedule, retarget or set reminders of a habit or goal."""
        return await dialog_edit.cmd_edit(self, call)

    @commands.command(
        "yesterday", N_("Check in for yesterday"), help=N_("– check in for yesterday")
    )
    async def cmd_yesterday(self, call: Call) -> list[Reply]:
        """/yesterday: the habits of the day before, to backfill."""
        assert call.member is not None
        if self.services.settings.backfill_days < 1:
            return [Reply(tr().gettext("Backfilling is switched off here."))]
        items = await checkins.due_today(self.services, member=call.member, back=1)
        day = members.today(self.services, call.member) - timedelta(days=1)
        return [present.checkin_list(items, day, has_habits=await self._has_habits(call.member))]

    async def _has_habits(self, member: Member) -> bool:
        return bool(await goals.list_goals(self.services, member=member))

    @commands.command(
        "journal",
        N_("Write in your private journal"),
        slow=True,
        help=N_("<text> – write in your private journal"),
    )
    async def cmd_journal(self, call: Call) -> list[Reply]:
        """/journal <text>: an encrypted entry with its mood and a reflection."""
        assert call.member is not None
        if not call.args:
            return [
                Reply(
                    tr().gettext(
                        "Write your entry after the command, e.g. /journal Tired but proud of today."
                    )
                )
            ]
        return self.render(await journal.write(self.services, member=call.member, text=call.args))

    @commands.command(
        "progress",
        N_("Your calendar, strength and week, per habit"),
        help=N_("[habit] – your 12-week calendar, strength and week (/progress guitar zooms in)"),
    )
    async def cmd_progress(self, call: Call) -> list[Reply]:
        """/progress [habit]: figures and the progress picture, of one habit when named."""
        assert call.member is not None
        habit = call.args.strip() or None
        return [present.progress(await progress(self.services, member=call.member, habit=habit))]

    @commands.command(
        "settings",
        N_("Time zone, reminders (time, off, on), day start, language"),
        help=N_("– time zone, reminders (a time, off, on), day start, language: tap or type"),
    )
    async def cmd_settings(self, call: Call) -> list[Reply]:
        """/settings [NAME [VALUE]]: the settings with buttons, a change, or a question."""
        return await dialog_edit.cmd_settings(self, call)

    @commands.command("export", N_("All your data as a file"), help=N_("– all your data as a file"))
    async def cmd_export(self, call: Call) -> list[Reply]:
        """/export: everything kept about the member, as a file."""
        assert call.member is not None
        export = await data.export(self.services, member=call.member)
        text = tr().gettext(
            "Here is everything I keep about you: the JSON, and habits, check-ins and journal "
            "as CSV files a spreadsheet opens."
        )
        return [Reply(text, document=(export.zip_name, export.zipped))]

    @commands.command("forget", N_("Erase all your data"), help=N_("– erase all your data"))
    async def cmd_forget(self, call: Call) -> list[Reply]:
        """/forget: erase, after an explicit confirmation."""
        t = tr()
        row = [
            Button(t.gettext("Yes, erase everything"), buttons.FORGET_YES),
            Button(t.gettext("No, keep it"), buttons.FORGET_NO),
        ]
        text = t.gettext(
            "This erases your goals, check-ins, messages and journal for good. Are you sure?"
        )
        return [Reply(text, [row])]

    @commands.command(
        "mentor",
        N_("Accept a mentor's invitation (/mentor off: stop)"),
        who="anyone",
        help=N_("CODE – accept your mentor's invitation (/mentor off stops sharing)"),
    )
    async def cmd_mentor(self, call: Call) -> list[Reply]:
        """/mentor CODE: the consent question; /mentor off: stop sharing."""
        member_id = call.member.id if call.member is not None else None
        if call.args.casefold() == "off" and member_id is not None:
            return [Reply(await invites.withdraw(self.services.sessions, user_id=member_id))]
        check = await invites.check(self.services.sessions, user_id=member_id, code=call.args,
                                    now=self.services.clock(), limits=self.services.limits)  # fmt: skip
        if check.problem or check.invite_id is None:
            return [Reply(tr().gettext(check.problem or invites.BAD_CODE))]
        return [present.consent(check)]

    @commands.command("help", N_("What I can do"))
    async def cmd_help(self, call: Call) -> list[Reply]:
        """/help: every command, from the table."""
        return [Reply(commands.help_text())]

    def render(self, result: object, *, pressed: bool = False) -> list[Reply]:
        """The replies for one core result (`pressed`: it answers a button, edit in place)."""
        return present_results.render(result, pressed=pressed)


commands.declare(
    commands.Command("start", N_("Start, or set your time zone again"), None, who="anyone")
)
