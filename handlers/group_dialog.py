"""A group chat's conversation, platform-neutral: the bot added or removed, /join, /leave,
/leaderboard, /challenge, /groupsettings, group buttons, and text addressed to the bot.

Telegram (`handlers/telegram/groups.py`) and the console's group mode both drive it. Each
answer says what goes to the group (`public`) and what to the speaker privately (`private`);
nothing private about a member is ever in `public`. The group commands are declared in the
command table (`handlers/commands.py`) with no dialog handler: the transports answer them,
as they need the chat's identity.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from coach import crisis
from coach.groups import challenges, leaderboard, membership, registry
from coach.groups.registry import GroupInfo
from coach.members import Member
from coach.services import Services
from handlers import command_hints, commands, group_present
from handlers import group_buttons as gb
from handlers.commands import Command
from handlers.i18n import N_, in_group, tr
from handlers.present import Reply

GROUP_COMMANDS = (
    Command("join", N_("Join this accountability group"), None, help=N_("– join the group (in the group)"),
            chat="group", who="anyone"),
    Command("leave", N_("Leave this group"), None, help=N_("– leave the group (in the group or here)"),
            chat="group"),
    Command("leaderboard", N_("This week's leaderboard"), None, chat="group"),
    Command("challenge", N_("Start a group challenge (admins)"), None, chat="group", who="group_admin",
            help=N_("<words> – e.g. everyone meditates 5x this week")),
    Command("groupsettings", N_("Group settings (admins)"), None, chat="group", who="group_admin"),
    Command("groups", N_("Your groups: sharing, leave"), None, help=N_("– your groups, what they see, leave")),
)  # fmt: skip
for _spec in GROUP_COMMANDS:  # in the table for menus, /help and docs; the transports answer them
    commands.declare(_spec)

CRISIS_OFFER = N_("If you'd like to talk, message me privately: {link}")
PRIVATE_ONLY = N_("Please send /{name} to me in a private chat.")  # as handlers.dialog says it
POINTER = N_("I read only commands here: /join, /leaderboard, /leave. Talk to me privately: {link}")
NOT_IN_GROUP = N_("You're not in this group.")
NOT_IN_THAT = N_("You're not in that group.")
ADMINS_CHALLENGE = N_("Only the group's admins can start a challenge.")
ADMINS_SETTINGS = N_("Only the group's admins can change its settings.")
# Each answer renders what is posted in the group with `in_group(group)` (the group's language)
# and what the speaker is told privately, toasts included, with `tr()` (theirs).


@dataclass
class GroupAnswer:
    """What to show: in the group chat, privately to the speaker, and which board to refresh."""

    public: list[Reply] = field(default_factory=list)
    private: list[Reply] = field(default_factory=list)
    refresh: uuid.UUID | None = None


@dataclass(frozen=True)
class ChatRef:
    """The group chat an update came from."""

    chat_id: int
    title: str | None = None


def with_private_offer(replies: list[Reply], link: str) -> list[Reply]:
    """The safety replies for a group chat: the same words, plus an offer to talk privately."""
    offer = tr().gettext(CRISIS_OFFER, link=link)  # the writer's language (the transport set it)
    return [Reply(f"{r.text}\n\n{offer}", r.buttons) for r in replies]


class GroupDialog:
    """Runs the group side for any transport; `bot_link(payload)` builds a deep link."""

    def __init__(self, services: Services, bot_link: Callable[[str | None], str]) -> None:
        self.services = services
        self.bot_link = bot_link

    def join_link(self, group_id: uuid.UUID) -> str:
        """The Join deep link of a group."""
        return self.bot_link(registry.join_code(group_id))

    async def bot_added(self, where: ChatRef, adder_telegram_id: int | None) -> GroupAnswer:
        """Register the group and post the welcome with Join."""
        group = await registry.added(self.services, chat_id=where.chat_id, title=where.title,
                                     adder_telegram_id=adder_telegram_id)  # fmt: skip
        return GroupAnswer([group_present.welcome(group, self.join_link(group.id))])

    async def bot_removed(self, where: ChatRef) -> None:
        """The bot left or was kicked: nothing more is posted there."""
        await registry.removed(self.services, chat_id=where.chat_id)

    async def _group(self, where: ChatRef) -> GroupInfo:
        """The group a command came from; a command proves the bot is in the chat, so a group it
        never registered (added while goalbot was down, or before groups existed) or marked
        inactive is registered again here."""
        group = await registry.by_chat(self.services, chat_id=where.chat_id)
        if group is not None and group.active:
            return group
        return await registry.added(self.services, chat_id=where.chat_id, title=where.title,
                                    adder_telegram_id=None)  # fmt: skip

    async def join(self, where: ChatRef, member: Member | None, name: str | None) -> GroupAnswer:
        """/join in the group (a member joins at once; anyone else gets the deep link)."""
        group = await self._group(where)
        if member is None:
            t = in_group(group)
            text = t.gettext("{name}, tap Join to start with me privately; you'll be in {group} right after.",
                             name=name or t.gettext("Hi"), group=group.title)  # fmt: skip
            join = group_present.LinkButton(t.gettext(group_present.JOIN), self.join_link(group.id))
            return GroupAnswer([Reply(text, [[join]])])
        return await self._joined(group.id, member)

    async def join_by_code(self, member: Member, code: str) -> GroupAnswer | None:
        """/start <payload> in private: complete the join (None: not a join payload)."""
        group_id = registry.group_of_code(code)
        return None if group_id is None else await self._joined(group_id, member)

    async def _joined(self, group_id: uuid.UUID, member: Member) -> GroupAnswer:
        result = await membership.join(self.services, group_id=group_id, user_id=member.id)
        if isinstance(result, membership.NotJoinable):
            return GroupAnswer(private=[Reply(tr().gettext("That group isn't using me any more."))])
        t = in_group(result.group)
        name = member.name or t.gettext("A new member")
        public = [Reply(t.gettext("Welcome, {name}! 👋", name=name))] if result.new else []
        return GroupAnswer(
            public, [group_present.share_question(result.group, result.level)], group_id
        )

    async def leave(self, where: ChatRef | None, member: Member | None) -> GroupAnswer:
        """/leave in the group (that group) or privately (the list, to pick one)."""
        if where is None:
            if member is None:
                return GroupAnswer(private=[Reply(tr().gettext(NOT_IN_GROUP))])
            mine = await membership.my_groups(self.services, user_id=member.id)
            return GroupAnswer(private=group_present.my_groups(mine))
        group = await self._group(where)
        t = in_group(group)
        if member is None:
            return GroupAnswer([Reply(t.gettext(NOT_IN_GROUP))])
        left = await membership.leave(self.services, group_id=group.id, user_id=member.id)
        if isinstance(left, membership.NotJoinable) or not left.was_member:
            return GroupAnswer([Reply(t.gettext(NOT_IN_GROUP))])
        name = member.name or t.gettext("A member")
        return GroupAnswer(
            [Reply(t.gettext("{name} left the group. Take care!", name=name))], refresh=group.id
        )

    async def leaderboard(self, where: ChatRef) -> GroupAnswer:
        """/leaderboard in the group."""
        group = await self._group(where)
        result = await leaderboard.leaderboard(self.services, group=group)
        today = registry.group_today(self.services, group)
        return GroupAnswer([group_present.leaderboard(result, today)])

    async def challenge(
        self, where: ChatRef, member: Member | None, words: str, admin: bool
    ) -> GroupAnswer:
        """/challenge <words> by an admin: start one (one at a time)."""
        group = await self._group(where)
        t = in_group(group)
        if not admin:
            return GroupAnswer([Reply(t.gettext(ADMINS_CHALLENGE))])
        if not words.strip():
            return GroupAnswer(
                [Reply(t.gettext("Say what, e.g. /challenge everyone meditates 5x this week"))]
            )
        result = await challenges.start(
            self.services, group=group, words=words, by=member.id if member else None
        )
        busy = isinstance(result, challenges.ChallengeBusy)
        return GroupAnswer(
            [group_present.challenge_started(group, result.progress, busy=busy)], refresh=group.id
        )

    async def settings(self, where: ChatRef, args: str, admin: bool) -> GroupAnswer:
        """/groupsettings [NAME VALUE], admins only."""
        group = await self._group(where)
        t = in_group(group)
        if not admin:
            return GroupAnswer([Reply(t.gettext(ADMINS_SETTINGS))])
        result = await registry.change_setting(self.services, group=group, args=args)
        if isinstance(result, registry.SettingRefused):  # the hint is the core's (chained domains)
            hint = t.gettext(result.hint)
            return GroupAnswer([Reply(t.gettext("I can't change that; use {hint}.", hint=hint))])
        return GroupAnswer([group_present.settings(result.group, result.changed)], refresh=group.id)

    async def not_here(self, where: ChatRef, name: str) -> GroupAnswer:
        """/start or /groups typed in the group: where to go instead, in the group's language."""
        t = in_group(await self._group(where))
        if name == "start":
            return GroupAnswer([Reply(t.gettext(POINTER, link=self.bot_link(None)))])
        return GroupAnswer([Reply(t.gettext(PRIVATE_ONLY, name=name))])

    async def unknown(self, where: ChatRef, name: str) -> GroupAnswer:
        """A command addressed to goalbot that it does not know: the one it likely means, or
        what it answers here."""
        t = in_group(await self._group(where))
        meant = command_hints.hint(t, name)
        return GroupAnswer([Reply(meant or t.gettext(POINTER, link=self.bot_link(None)))])

    async def group_ids(self, member: Member) -> list[uuid.UUID]:
        """The groups a member is in (read before /forget erases them, to refresh their boards)."""
        return [g.group.id for g in await membership.my_groups(self.services, user_id=member.id)]

    async def my_groups(self, member: Member) -> list[Reply]:
        """/groups in private."""
        return group_present.my_groups(await membership.my_groups(self.services, user_id=member.id))

    async def text(self, where: ChatRef, find_member: Callable[[], Awaitable[Member | None]],
                   text: str) -> GroupAnswer:  # fmt: skip
        """Text addressed to the bot in a group, screened before anything else (`coach.crisis`):
        crisis language gets the safety reply and an offer to talk privately, never the words."""
        link = self.bot_link(None)
        safety = await crisis.respond_first(
            self.services, text=text, source="group", find_member=find_member
        )
        if safety is None:
            group = await registry.by_chat(self.services, chat_id=where.chat_id)
            return GroupAnswer([Reply(in_group(group).gettext(POINTER, link=link))])
        return GroupAnswer(with_private_offer([Reply(safety.text)], link))

    async def press(self, member: Member, data: str | None) -> tuple[str, GroupAnswer]:
        """A group button (in the group or privately) → (toast, answer)."""
        press = gb.parse(data)
        if press is None:
            return tr().gettext("That button isn't valid any more."), GroupAnswer()
        if press.kind == "challenge":
            return await self._opt_in(member, press.target)
        if press.kind == "leave":
            return await self._leave_pressed(member, press.target)
        if press.kind == "share" and press.choice == "goals":
            return await self._goals(member, press.target, None)
        if press.kind == "goal" and press.other is not None:
            return await self._goals(member, press.target, press.other)
        return await self._choice(member, press)

    async def _opt_in(self, member: Member, challenge_id: uuid.UUID) -> tuple[str, GroupAnswer]:
        joined = await challenges.opt_in(
            self.services, challenge_id=challenge_id, user_id=member.id
        )
        toast = tr().gettext({None: N_("Join the group first (/join), or the challenge is over."),
                              True: N_("You're in the challenge! 💪"),
                              False: N_("You're in already.")}[joined])  # fmt: skip
        group_id = (
            await challenges.group_of(self.services, challenge_id=challenge_id) if joined else None
        )
        return toast, GroupAnswer(refresh=group_id)

    async def _leave_pressed(self, member: Member, group_id: uuid.UUID) -> tuple[str, GroupAnswer]:
        t = tr()
        left = await membership.leave(self.services, group_id=group_id, user_id=member.id)
        if not (isinstance(left, membership.Left) and left.was_member):
            return t.gettext("You weren't in it."), GroupAnswer(
                private=[Reply(t.gettext(NOT_IN_THAT), edit=True)]
            )
        return t.gettext("Left."), GroupAnswer(
            private=[Reply(t.gettext("You left the group."), edit=True)], refresh=group_id
        )

    async def _goals(
        self, member: Member, group_id: uuid.UUID, toggle: uuid.UUID | None
    ) -> tuple[str, GroupAnswer]:
        """ "Only some goals…": the member's goals to tick; `toggle` flips one of them."""
        s = self.services
        group = await registry.by_id(s, group_id=group_id)
        if (
            group is None
            or await membership.my_group(s, group_id=group_id, user_id=member.id) is None
        ):
            return tr().gettext(NOT_IN_THAT), GroupAnswer()
        if toggle is None:  # from now on only ticked goals are shared, as the screen shows
            await membership.set_share(s, group_id=group_id, user_id=member.id, level="goals")
            choices = await membership.goal_choices(s, group_id=group_id, user_id=member.id)
            return tr().gettext("Pick goals"), GroupAnswer(
                private=[group_present.goal_choices(group, choices)], refresh=group_id
            )
        choices = await membership.toggle_goal(
            s, group_id=group_id, user_id=member.id, goal_id=toggle
        )
        return tr().gettext("Saved"), GroupAnswer(
            private=[group_present.goal_choices(group, choices)], refresh=group_id
        )

    async def _choice(self, member: Member, press: gb.GroupPress) -> tuple[str, GroupAnswer]:
        s, uid = self.services, member.id
        if press.kind == "share" and press.choice:
            mine = await membership.set_share(
                s, group_id=press.target, user_id=uid, level=press.choice
            )
        elif press.kind in ("rank", "nudge"):
            mine = await membership.toggle_option(
                s, group_id=press.target, user_id=uid, option=press.kind
            )
        else:
            mine = await membership.my_group(s, group_id=press.target, user_id=uid)
        if mine is None:
            return tr().gettext(NOT_IN_THAT), GroupAnswer()
        return tr().gettext("Saved"), GroupAnswer(
            private=[group_present.my_group(mine, edit=True)], refresh=press.target
        )
