"""Group results as platform-neutral replies: the welcome, sharing choices, board, leaderboard.

What is posted in the group chat (welcome, board, leaderboard, challenges, settings) speaks the
group's language (`in_group(group)`, its `groups.language`); what goes to a member privately
(the sharing question, /groups) speaks theirs (`tr()`, set by the transport).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from coach.groups.board import BoardContent, challenge_line
from coach.groups.challenges import ChallengeEnded, ChallengeProgress
from coach.groups.leaderboard import Leaderboard
from coach.groups.membership import GoalChoice, MyGroup
from coach.groups.registry import GroupInfo
from coach.i18n import Translator
from handlers import group_buttons as gb
from handlers.i18n import N_, in_group, tr
from handlers.present import Button, Reply

LEVEL_TEXT = {
    "all": N_("check-ins of all your habits, with streaks"),
    "goals": N_("check-ins of the goals you chose, with streaks"),
    "checked_in": N_("only that you checked in today"),
}
NEVER = N_("Never your journal, your messages, a mentor's notes or anything you tell me privately.")
JOIN = N_("Join")
JOIN_CHALLENGE = N_("Join challenge")


@dataclass(frozen=True)
class LinkButton(Button):
    """A button that opens a link (`data` is the URL), e.g. the Join deep link."""


def welcome(group: GroupInfo, link: str) -> Reply:
    """The one message after the bot is added: what the group sees, and Join."""
    t = in_group(group)
    text = t.gettext(
        "Hi {group}! I'm goalbot, an accountability coach. Members who join get a daily board "
        "here (who checked in, and — only if they choose — which habits, with streaks), "
        "/leaderboard for the week, a Monday recap and group challenges.\n{never}\n"
        "Tap Join or send /join to take part. I only see commands and replies to me.",
        group=group.title, never=t.gettext(NEVER),
    )  # fmt: skip
    return Reply(text, [[LinkButton(t.gettext(JOIN), link)]])


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


def join_button(challenge_id: uuid.UUID, t: Translator) -> list[list[Button]]:
    """The opt-in button under a challenge or a board, labelled in the group's language."""
    return [[Button(t.gettext(JOIN_CHALLENGE), gb.simple("challenge", challenge_id))]]


def board(content: BoardContent) -> Reply:
    """The daily board, with Join challenge while one runs."""
    t = in_group(content.group)
    rows = join_button(content.challenge_id, t) if content.challenge_id else []
    return Reply(content.text, rows)


def leaderboard(board: Leaderboard, today: date) -> Reply:
    """/leaderboard: places with ties, streaks, and counts for the rest."""
    t = in_group(board.group)
    if not board.enabled:
        return Reply(
            t.gettext("The leaderboard is switched off in this group (admins: /groupsettings).")
        )
    monday = today - timedelta(days=today.weekday())
    lines = [t.gettext("🏆 {group} — this week (since {day})", group=board.group.title,
                       day=t.date(monday, "EEE dd MMM"))]  # fmt: skip
    for p in board.places:
        share = t.percent(p.percent / 100)  # "100%", "100 %" in German
        line = f"{'=' if p.tied else ''}{p.place}. {p.name} {share}"
        lines.append(line + (f" · 🔥{p.streak}" if p.streak else ""))
    rest = []
    if board.starting:
        rest.append(t.ngettext("{count} more getting started", "{count} more getting started",
                               board.starting))  # fmt: skip
    if board.unranked:
        rest.append(t.ngettext("{count} taking part without ranking",
                               "{count} taking part without ranking", board.unranked))  # fmt: skip
    if not board.places and not rest:
        rest.append(t.gettext("Nobody has joined yet — send /join"))
    lines += [" · ".join(rest)] if rest else []
    return Reply("\n".join(lines))


def challenge_started(group: GroupInfo, progress: ChallengeProgress, *, busy: bool) -> Reply:
    """A new challenge (or the running one), with the opt-in button."""
    t = in_group(group)
    head = (
        t.gettext("A challenge is already running — one at a time:")
        if busy
        else t.gettext("New group challenge!")
    )
    each = t.ngettext("Each of you counts up to {count} check-in.",
                      "Each of you counts up to {count} check-ins.", progress.target)  # fmt: skip
    return Reply(f"{head}\n{challenge_line(progress, t)}\n{each}",
                 join_button(progress.challenge_id, t))  # fmt: skip


def challenge_ended(ended: ChallengeEnded, language: str | None) -> str:
    """The end of a challenge, posted once in the group's language: the result, who reached it."""
    t, p = in_group(language), ended.progress
    lines = [t.gettext("🏁 Challenge over: {title}", title=p.title),
             t.gettext("Together: {done}/{goal} ({share}).", done=p.done, goal=p.goal,
                       share=t.percent(p.percent / 100))]  # fmt: skip
    if p.reached:
        names = ", ".join(p.reached[:20])
        lines.append(t.gettext("🎉 Reached {target}: {names}.", target=p.target, names=names))
    return "\n".join([*lines, t.gettext("Thanks for pushing together!")])


def settings(group: GroupInfo, changed: str | None) -> Reply:
    """/groupsettings: the group's time zone, language and switches, in its (new) language."""
    t = in_group(group)
    # the names are the words /groupsettings parses, so they stay English; on/off is shown
    flags = "\n".join(t.gettext("• {setting}: on", setting=name) if value
                      else t.gettext("• {setting}: off", setting=name)
                      for name, value in group.settings.items())  # fmt: skip
    text = t.gettext(
        "Settings of {group}:\n• timezone: {timezone}\n• language: {language}\n{flags}\n\n"
        "Admins change them with /groupsettings timezone Europe/Berlin, /groupsettings language "
        "de, /groupsettings board off, … leaderboard, recap, nudges.",
        group=group.title, timezone=group.timezone, language=group.language, flags=flags,
    )  # fmt: skip
    if changed:
        text = t.gettext("Done: {setting} changed.", setting=changed) + "\n" + text
    return Reply(text)
