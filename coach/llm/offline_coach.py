"""The offline coach's replies to members: they answer what was said, with the member's figures.

- pain or illness (rest): rest first, and a Skip that keeps the streak — never "a 2-minute
  version tonight";
- struggle / tired: empathy, then ONE concrete next step taken from the member's own figures
  (the habit missed most lately, or the weakest one, and the smallest version of it tonight);
- good news: praise that names what was done (today's check-ins, the longest streak);
- a question about the plan: the plan, habit by habit, with today's state;
- a progress question: the figures, and how the overall figure is made — every scheduled
  check-in of the last 30 days pooled, so it is the sum of the per-habit counts shown;
- a bare number or an emoji: a short answer that says what to do with it; punctuation alone
  ("?"): what the member can ask.
Every text is in the member's language (`context.language`, the core catalogue).
Wording varies: each kind has several openers, chosen by the message's text (stable for one
message, different across messages), so two replies in a row rarely start alike.
"""

from __future__ import annotations

import re
import zlib
from datetime import date

from babel import dates

from coach.i18n import N_, Translator, translator
from coach.i18n.words import describe_frequency
from coach.llm.schemas import CoachReply, HabitFacts, MemberContext

# English first, then Spanish, German, French and Portuguese (matched on the lowered text)
_INTENTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("greeting", re.compile(r"^[¿¡]?(?:hi|hey|hello|yo|good (?:morning|evening|afternoon)|hola|buenas|"
                            r"buenos d[ií]as|hallo|guten (?:morgen|tag|abend)|servus|moin|"
                            r"bonjour|bonsoir|salut|coucou|ol[aá]|oi|bom dia|boa (?:tarde|noite))\b")),
    ("help", re.compile(r"^[¿¡]?(?:(?:help|ayuda|hilfe|aide|ajuda)(?: please| por favor| bitte)?"
                        r"[?!.\s]*$|what (?:can|do) you do|how does (?:this|it) work|"
                        r"how do i (?:use|start)|qu[eé] (?:puedes|sabes) hacer|c[oó]mo funciona|"
                        r"was kannst du|wie funktioniert|que (?:peux|sais)-tu faire|"
                        r"comment [cç]a marche|o que (?:voc[eê] )?(?:faz|pode fazer)|"
                        r"como funciona)")),  # the bare word alone: "help me stick to it" is not
    ("plan", re.compile(r"\b(?:my plan|the plan|what(?:'s| is| are)? (?:my|on) (?:plan|habits|list)|"
                        r"what should i do|what do i do|which habits|my habits|what'?s next|"
                        r"mi plan|el plan|qu[eé] (?:hago|debo hacer)|mis h[aá]bitos|"
                        r"mein(?:em|en)? plan|der plan|was soll ich|meine gewohnheiten|mon plan|"
                        r"le plan|que dois-je faire|mes habitudes|meu plano|o plano|"
                        r"o que (?:eu )?devo fazer|meus h[aá]bitos)\b")),
    ("rest", re.compile(r"\b(?:sore|hurts?|hurting|injur\w*|pain(?:s|ful)?|ach(?:e|es|ing)|sick|feel(?:ing)? ill|"
                        r"fever|flu|me duele|dolor\w*|lesi[oó]n|lesionad[ao]|enferm[ao]|"
                        r"tut (?:mir )?weh|schmerz\w*|verletzt|krank|j'ai mal|douleur\w*|"
                        r"bless[eé]e?|malade|d[oó]i|dor|les[aã]o|lesionad[ao]|doente)\b")),
    ("struggle", re.compile(r"\b(?:missed|skip|skipped|fail|failed|behind|slipp|fell off|lazy|"
                            r"can'?t|couldn'?t|gave up|quit|unmotivated|no motivation|hard|"
                            r"struggl|no pude|fall[eé]|me salt[eé]|me cuesta|dif[ií]cil|"
                            r"sin motivaci[oó]n|nicht geschafft|verpasst|ausgelassen|schwer|"
                            r"keine motivation|rat[eé]|pas r[eé]ussi|dur\b|difficile|"
                            r"pas de motivation|n[aã]o consegui|falhei|pulei|sem motiva[cç][aã]o)\w*")),
    ("tired", re.compile(r"\b(?:tired|exhausted|stressed|overwhelmed|busy|drained|cansad\w*|"
                         r"agotad\w*|estresad\w*|m[uü]de|ersch[oö]pft|gestresst|fatigu[eé]e?|"
                         r"[eé]puis[eé]e?|stress[eé]e?|exaust\w*|estressad\w*)\b")),
    ("progress", re.compile(r"\b(?:how am i doing|progress|stats|streak|score|how'?s it going|doing|"
                            r"c[oó]mo voy|racha|progreso|estad[ií]sticas|wie l[aä]uft|"
                            r"wie stehe ich|serie|fortschritt|statistik|o[uù] j'en suis|"
                            r"comment je m'en sors|s[eé]rie|progr[eè]s|como estou|sequ[eê]ncia|"
                            r"progresso)\b")),
    ("win", re.compile(r"\b(?:did it|done|finished|completed|nailed|crushed|proud|great day|"
                       r"managed|lo hice|lo logr[eé]|termin[eé]|orgullos[ao]|geschafft|erledigt|"
                       r"stolz|r[eé]ussi|fini|fi[eè]re?|consegui|terminei|orgulhos[ao])\b")),
    ("thanks", re.compile(r"\b(?:thanks|thank you|thx|cheers|gracias|danke|merci|obrigad[ao])\b")),
    ("number", re.compile(r"^\s*\d+(?:[.,]\d+)?\s*$")),
    ("emoji", re.compile(r"^(?=.*[^\x00-\x7f])[^\w\s]{1,8}$")),  # a symbol beyond ASCII
    ("puzzled", re.compile(r"^[^\w\s]{1,8}$")),  # "?", "...": punctuation alone
)  # fmt: skip

_OPENERS = {
    "greeting": (N_("Hi{name}! Good to hear from you."), N_("Hello{name}, nice to see you here."),
                 N_("Hey{name}! Let's look at today.")),
    "help": (N_("Here's how it works{name}."),),
    "plan": (N_("Here is your plan{name}:"), N_("This is what you're working on{name}:"),
             N_("Your habits{name}:")),
    "struggle": (N_("Missing a few days happens to everyone{name} — what matters is the next check-in."),
                 N_("A rough patch is part of building any habit{name}; it doesn't undo what you did."),
                 N_("That's frustrating{name}, and it's fixable: one small step gets you moving again.")),
    "rest": (N_("Listen to your body{name}: resting when something hurts is part of training."),
             N_("Rest is the right call when something hurts{name}."),
             N_("Take care of yourself first{name} — a rest day now saves weeks later.")),
    "tired": (N_("That sounds tiring{name}. On heavy days, the smallest version of a habit still counts."),
              N_("Being worn out is a real reason{name}. Go gentle: a tiny version beats none."),
              N_("Rest matters too{name}. Keep the chain alive with something very small.")),
    "progress": (N_("Here is where you stand{name}."), N_("Your figures{name}:"),
                 N_("Let's look at the numbers{name}.")),
    "win": (N_("Well done{name}!"), N_("Great work{name}!"), N_("That's a win{name}!")),
    "thanks": (N_("Any time{name}."), N_("Glad to help{name}."), N_("You're welcome{name}.")),
    "other": (N_("Thanks for the message{name}."), N_("Got it{name}."), N_("I hear you{name}.")),
    "number": (N_("You sent “{text}”{name}."),),
    "emoji": (N_("{text} right back{name}!"),),
    "puzzled": (N_("Ask me anything{name}: how your week went, your streaks, what to do today."),),
}  # fmt: skip


TOUR = N_(
    "Tell me a goal in words and I turn it into a few habits; each day you check in with "
    "/checkin (or a sentence like “ran 5k”); /progress shows your streaks and figures; "
    "/help lists every command."
)
REST_STEP = N_(
    "Mark today as Skip with /checkin: a skip keeps your streak as it is (a few a week)."
)


def intent(message: str) -> str:
    """The message's kind: greeting, help, plan, rest, struggle, tired, progress, win, thanks, number,
    emoji, puzzled, other (the first that matches, in that order)."""
    lowered = message.lower().strip()
    return next((name for name, pattern in _INTENTS if pattern.search(lowered)), "other")


def _pct(t: Translator, value: float | None) -> str | None:
    return None if value is None else t.percent(value)


def _count(t: Translator, value: float) -> str:
    return t.number(round(value, 1))


def _day(t: Translator, day: date) -> str:
    return dates.format_date(day, "EEE dd MMM", locale=t.language)


def overall(context: MemberContext) -> str | None:
    """The 30-day figure, with the per-habit counts it is the sum of when there are several."""
    t = translator(context.language)
    ratio = _pct(t, context.completion_ratio_30d)
    if ratio is None:
        return None
    counted = [h for h in context.habits if h.due_30d]
    # the sum is worth showing for several habits, each with a whole check-in due: in a weekly
    # habit's first days "0.4 of 0.4" says nothing a newcomer can use
    if len(counted) < 2 or any((h.due_30d or 0) < 1 for h in counted):
        return t.gettext(
            "Over the last 30 days you completed {ratio} of your scheduled check-ins.", ratio=ratio
        )
    done = sum(h.done_30d or 0.0 for h in counted)
    due = sum(h.due_30d or 0.0 for h in counted)
    parts = ", ".join(f"{h.title} {_count(t, h.done_30d or 0)}/{_count(t, h.due_30d or 0)}"
                      for h in counted)  # fmt: skip
    return t.gettext("Over the last 30 days you completed {ratio} of your scheduled check-ins "
                     "({done} of {due}: {parts}; every scheduled check-in counts once).",
                     ratio=ratio, done=_count(t, done), due=_count(t, due), parts=parts)  # fmt: skip


def figures(context: MemberContext) -> list[str]:
    """Sentences stating the member's real numbers: streaks, completion, what was missed."""
    t = translator(context.language)
    facts: list[str] = [line] if (line := overall(context)) else []
    if streaking := [h for h in context.habits if h.streak > 0]:
        best = max(streaking, key=lambda h: h.streak)
        facts.append(t.gettext("Your longest current streak is {streak} on {habit}.",
                               streak=best.streak, habit=best.title))  # fmt: skip
    low = weakest(context.habits)
    if low is not None and (low.adherence_7d or 0.0) < 0.6:
        facts.append(_week_line(t, low))
    missed = [h for h in context.habits if h.missed_recently]
    if missed:
        parts = [t.gettext("{habit} on {days}", habit=h.title,
                           days=", ".join(_day(t, d) for d in sorted(h.missed_recently)[-3:]))
                 for h in missed[:2]]  # fmt: skip
        facts.append(t.gettext("Recently missed: {missed}.", missed="; ".join(parts)))
    if context.habits and all(h.done_today for h in context.habits):
        facts.append(t.gettext("Everything is checked in for today."))
    return facts


def next_step(context: MemberContext) -> str | None:
    """One concrete step from the figures: the habit missed most lately (else the weakest, else
    one still open today), its smallest version tonight (tomorrow when all is done today)."""
    t = translator(context.language)
    missed = max(context.habits, key=lambda h: len(h.missed_recently), default=None)
    habit = missed if missed is not None and missed.missed_recently else weakest(context.habits)
    if habit is None or (habit.adherence_7d or 0) >= 0.8:
        habit = next((h for h in context.habits if not h.done_today), habit)
    if habit is None:
        return None
    if habit.done_today:  # everything is checked in today: the next step is tomorrow's
        return t.gettext("Tomorrow, start with a 2-minute version of {habit} — the smallest "
                         "step keeps it going.", habit=habit.title)  # fmt: skip
    return t.gettext("Tonight, do a 2-minute version of {habit} and check it in — "
                     "that restarts it today.", habit=habit.title)  # fmt: skip


def _praise(context: MemberContext) -> list[str]:
    t = translator(context.language)
    done = [h.title for h in context.habits if h.done_today]
    lines = (
        [t.gettext("Checked in today: {habits}.", habits=", ".join(done))]
        if done
        else [t.gettext("Nothing is recorded for today yet: /checkin does it with one tap.")]
    )  # good news in words that named no habit: say how it counts
    best = max(context.habits, key=lambda h: h.streak, default=None)
    if best is not None and best.streak >= 2:
        lines.append(t.gettext("{habit} is at {streak} in a row — that's a habit forming.",
                               habit=best.title, streak=best.streak))  # fmt: skip
    return lines


def _plan(context: MemberContext) -> list[str]:
    t = translator(context.language)
    return [t.gettext("• {habit} — {how_often}, done today, streak {streak}", habit=h.title,
                      how_often=describe_frequency(t, h.frequency), streak=h.streak)
            if h.done_today else
            t.gettext("• {habit} — {how_often}, open today, streak {streak}", habit=h.title,
                      how_often=describe_frequency(t, h.frequency), streak=h.streak)
            for h in context.habits]  # fmt: skip


def _opener(t: Translator, kind: str, message: str, name: str) -> str:
    choices = _OPENERS[kind]
    text = message.strip()[:20]
    return t.gettext(choices[zlib.crc32(message.encode()) % len(choices)], name=name, text=text)


def offline_reply(context: MemberContext, message: str) -> CoachReply:
    """A reply that answers the kind of message, quoting the member's own figures, in the
    member's language."""
    t = translator(context.language)
    kind = intent(message)
    if not context.habits and kind in ("win", "progress", "struggle", "plan"):
        kind = "other"  # nothing to praise or to count yet
    name = f", {context.name}" if context.name else ""
    lines = [_opener(t, kind, message, name)]
    step = next_step(context)
    if kind == "help":
        return CoachReply(reply=" ".join([*lines, t.gettext(TOUR)]), action_steps=[])
    if not context.habits:
        return CoachReply(reply=" ".join([*lines, *figures(context), _no_habits(t, context)]),
                          action_steps=[])  # fmt: skip
    if kind == "rest":  # pain or illness: a skip, never "a 2-minute version tonight"
        steps = [] if all(h.done_today for h in context.habits) else [t.gettext(REST_STEP)]
        return CoachReply(reply=" ".join(lines + figures(context))[:1500], action_steps=steps)
    if kind == "plan":
        return CoachReply(reply="\n".join([*lines, *_plan(context)])[:1500], action_steps=[])
    if kind == "win":
        lines += _praise(context)
    if kind == "number":
        lines.append(t.gettext("If it's an amount, say it with the habit, e.g. “read 12 pages”, "
                               "and I'll record it."))  # fmt: skip
    lines += figures(context)
    if kind == "progress" and _WEEK.search(message.lower()):  # "this week": each habit's 7 days
        lines += [line for line in _week(context) if line not in lines]
    if kind in ("struggle", "tired") and step:
        lines.append(t.gettext("One step: {step}", step=step[0].lower() + step[1:]))
    steps = [step] if step and kind in ("struggle", "tired") else _steps(context)
    return CoachReply(reply=" ".join(lines)[:1500], action_steps=steps)


_WEEK = re.compile(r"\b(?:week|semana|woche|semaine)\b")


def _week(context: MemberContext) -> list[str]:
    t = translator(context.language)
    return [_week_line(t, h) for h in context.habits if h.adherence_7d is not None]


def _week_line(t: Translator, habit: HabitFacts) -> str:
    return t.gettext("{habit} is at {share} over the last 7 days.", habit=habit.title,
                     share=_pct(t, habit.adherence_7d))  # fmt: skip


def _no_habits(t: Translator, context: MemberContext) -> str:
    """No active habit: how to start, or — with goals on hold (paused) — how to resume."""
    if context.goals:  # only recent or active goals are listed; none has an active habit
        return t.gettext("None of your habits is active right now: /goals resumes a paused goal, "
                         "or tell me a new one.")  # fmt: skip
    return t.gettext("You have no habits yet — tell me a goal (e.g. “run 3x a week”) to start.")


def _steps(context: MemberContext) -> list[str]:
    t = translator(context.language)
    pending = [h for h in context.habits if not h.done_today]
    steps = [t.gettext("Check in {habit} today, even a small version counts.",
                       habit=pending[0].title)] if pending else []  # fmt: skip
    streak = max(context.habits, key=lambda h: h.streak, default=None)
    if streak and streak.streak:
        steps.append(t.gettext("Protect your {habit} streak of {streak}: keep it going today.",
                               habit=streak.title, streak=streak.streak))  # fmt: skip
    return steps[:3]


def weakest(habits: list[HabitFacts]) -> HabitFacts | None:
    """The habit with the lowest 7-day adherence (None when none has a figure)."""
    rated = [h for h in habits if h.adherence_7d is not None]
    return min(rated, key=lambda h: h.adherence_7d or 0.0, default=None)
