"""Group results as platform-neutral replies: the welcome, sharing choices, board, leaderboard."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from coach.groups.board import BoardContent, challenge_line
from coach.groups.challenges import ChallengeEnded, ChallengeProgress
from coach.groups.leaderboard import Leaderboard
from coach.groups.membership import GoalChoice, MyGroup
from coach.groups.registry import GroupInfo
from handlers import group_buttons as gb
from handlers.i18n import N_, tr
from handlers.present import Button, Reply

LEVEL_TEXT = {
    "all": N_("check-ins of all your habits, with streaks"),
    "goals": N_("check-ins of the goals you chose, with streaks"),
    "checked_in": N_("only that you checked in today"),
}
NEVER = N_("Never your journal, your messages, a mentor's notes or anything you tell me privately.")
# What goes to a member privately (the sharing question, /groups) speaks their language through
# the catalogue; what is posted in the group (welcome, board, leaderboard, challenges) is English.


@dataclass(frozen=True)
class LinkButton(Button):
    """A button that opens a link (`data` is the URL), e.g. the Join deep link."""


def welcome(group: GroupInfo, link: str) -> Reply:
    """The one message after the bot is added: what the group sees, and Join."""
    text = (
        f"Hi {group.title}! I'm goalbot, an accountability coach. Members who join get a daily "
        "board here (who checked in, and — only if they choose — which habits, with streaks), "
        "/leaderboard for the week, a Monday recap and group challenges.\n"
        f"{NEVER}\nTap Join or send /join to take part. I only see commands and replies to me."
    )
    return Reply(text, [[LinkButton("Join", link)]])


def share_question(group: GroupInfo, level: str) -> Reply:
    """Asked privately when someone joins: what this group may see."""
    t = tr()
    text = t.gettext("You're in {group}. What should the group see? Now: {level}.", group=group.title,
                     level=t.gettext(LEVEL_TEXT[level])) + "\n" + t.gettext(NEVER)  # fmt: skip
    rows = [[Button(t.gettext("All my habits"), gb.share(group.id, "all"))],
            [Button(t.gettext("Only some goals…"), gb.share(group.id, "goals"))],
            [Button(t.gettext("Just “checked in today”"), gb.share(group.id, "checked_in"))]]  # fmt: skip
    return Reply(text, rows)


def goal_choices(group: GroupInfo, goals: list[GoalChoice]) -> Reply:
    """Which goals the group sees (a tap toggles one)."""
    t = tr()
    if not goals:
        return Reply(
            t.gettext("You have no active goals yet, so the group sees only that you checked in.")
        )
    rows = [
        [Button(("✅ " if g.shared else "▫️ ") + g.title[:40], gb.goal(group.id, g.goal_id))]
        for g in goals
    ]
    return Reply(t.gettext("Tap the goals {group} may see:", group=group.title), rows, edit=True)


def my_group(g: MyGroup, *, edit: bool = False) -> Reply:
    """One group in /groups: what it sees, and Leave, sharing, ranking and nudges."""
    t = tr()
    on, off = t.gettext("on"), t.gettext("off")
    text = t.gettext("{group}: the group sees {level}. Ranking {ranking}, private nudges {nudges}.",
                     group=g.group.title, level=t.gettext(LEVEL_TEXT[g.level]),
                     ranking=off if g.rank_opt_out else on, nudges=off if g.nudge_opt_out else on)  # fmt: skip
    gid = g.group.id
    rank = t.gettext("Ranking on") if g.rank_opt_out else t.gettext("Ranking off")
    nudge = t.gettext("Nudges on") if g.nudge_opt_out else t.gettext("Nudges off")
    rows = [[Button(t.gettext("All habits"), gb.share(gid, "all")),
             Button(t.gettext("Some goals"), gb.share(gid, "goals")),
             Button(t.gettext("Just checked in"), gb.share(gid, "checked_in"))],
            [Button(rank, gb.simple("rank", gid)), Button(nudge, gb.simple("nudge", gid))],
            [Button(t.gettext("Leave"), gb.simple("leave", gid))]]  # fmt: skip
    return Reply(text, rows, edit=edit)


def my_groups(groups: list[MyGroup]) -> list[Reply]:
    """/groups: each group with its buttons, or how to join one."""
    if not groups:
        return [
            Reply(
                tr().gettext(
                    "You're in no group yet. Add me to a group chat, then send /join there."
                )
            )
        ]
    return [my_group(g) for g in groups]


def join_button(challenge_id: uuid.UUID) -> list[list[Button]]:
    """The opt-in button under a challenge or a board."""
    return [[Button("Join challenge", gb.simple("challenge", challenge_id))]]


def board(content: BoardContent) -> Reply:
    """The daily board, with Join challenge while one runs."""
    rows = join_button(content.challenge_id) if content.challenge_id else []
    return Reply(content.text, rows)


def leaderboard(board: Leaderboard, week_start: str) -> Reply:
    """/leaderboard: places with ties, streaks, and counts for the rest."""
    if not board.enabled:
        return Reply("The leaderboard is switched off in this group (admins: /groupsettings).")
    lines = [f"🏆 {board.group.title} — this week (since {week_start})"]
    for p in board.places:
        lines.append(
            f"{'=' if p.tied else ''}{p.place}. {p.name} {p.percent}%"
            + (f" · 🔥{p.streak}" if p.streak else "")
        )
    rest = []
    if board.starting:
        rest.append(f"{board.starting} more getting started")
    if board.unranked:
        rest.append(f"{board.unranked} taking part without ranking")
    if not board.places and not rest:
        rest.append("Nobody has joined yet — send /join")
    lines += [" · ".join(rest)] if rest else []
    return Reply("\n".join(lines))


def challenge_started(progress: ChallengeProgress, *, busy: bool) -> Reply:
    """A new challenge (or the running one), with the opt-in button."""
    head = "A challenge is already running — one at a time:" if busy else "New group challenge!"
    return Reply(f"{head}\n{challenge_line(progress)}\nEach of you counts up to {progress.target}.",
                 join_button(progress.challenge_id))  # fmt: skip


def challenge_ended(ended: ChallengeEnded) -> str:
    """The end of a challenge, posted once: the group's result and who reached it."""
    p = ended.progress
    text = f"🏁 Challenge over: {p.title}\nTogether: {p.done}/{p.goal} ({p.percent}%)."
    if p.reached:
        text += f"\n🎉 Reached {p.target}: {', '.join(p.reached[:20])}."
    return text + "\nThanks for pushing together!"


def settings(group: GroupInfo, changed: str | None) -> Reply:
    """/groupsettings: the group's time zone and switches."""
    head = f"Done: {changed} changed.\n" if changed else ""
    flags = "\n".join(f"• {name}: {'on' if on else 'off'}" for name, on in group.settings.items())
    return Reply(f"{head}Settings of {group.title}:\n• timezone: {group.timezone}\n{flags}\n\n"
                 "Admins change them with /groupsettings timezone Europe/Berlin, "
                 "/groupsettings board off, … leaderboard, recap, nudges.")  # fmt: skip
