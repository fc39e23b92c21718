"""Check-ins in words: which habits, done/skipped/missed, which day, how much, how sure.

A message is cut into clauses ("ran 5k and meditated", "ran but didn't read"); each clause
that names a habit is read for a status. Nothing here ever invents a done: a future or an
intent ("gonna", "tonight", "need to") is no check-in, a negation is a miss (or a question
when it is only a bare "no"), talk about the habit that is not doing it ("bought a new gym
bag", "the gym is closed", "I love yoga") is no check-in, and a bare mention is asked about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from coach.understanding import amend, whole_day
from coach.understanding import cues as cu
from coach.understanding import lexicon as lx
from coach.understanding.day_lists import MARK, DaySpan, find_days
from coach.understanding.days import days_back
from coach.understanding.habits import (
    TOKEN,
    HabitConcepts,
    fix_slips,
    hits,
    only_verb,
    prepare,
    specific,
)
from coach.understanding.types import CheckinItem, Turn
from storage.calendar_rules import parse_frequency

_SPLIT = re.compile(
    r"\s*(?:[;!\n]|,(?!\d)|\.(?!\d)|\s(?:and|&|\+|but|then|also|plus|y|e|et|pero|und|aber|"
    r"dann|sowie|or|nor|o|ou|ni|nem|oder|puis|depois)\s)\s*"
)
_BARE = {"no", "not", "never", "nope", "zero", "nicht", "kein", "keine", "keinen", "pas", "sans",
         "nao", "nem", "sem"}  # fmt: skip
_FILLER = {"the", "my", "a", "for", "to", "doing", "going"}
_CONTRAST = {"but", "pero", "aber", "mais", "mas", "though", "although", "yet"}
_ALTERNATIVE = {"or", "nor", "ni", "noch", "oder", "o", "ou", "nem"}
EMOJI_WORDS = {"🏃": "ran", "🏃‍♀️": "ran", "🏃‍♂️": "ran", "🧘": "meditated", "🧘‍♀️": "meditated",
               "🧘‍♂️": "meditated", "📚": "read", "📖": "read", "🏋️": "gym", "🏋": "gym",
               "🚶": "walked", "🚶‍♀️": "walked", "🏊": "swam", "🚴": "biked", "🎸": "guitar", "✖️": "❌",
               "✖": "❌", "✗": "❌"}  # fmt: skip
# "run ✅ read ❌": a tick after a habit ends its clause; "✅ run ❌ read": one before starts it
_TICK = re.compile(r"(?<=\w)\s*([✅✔☑❌])\s+(?=[a-z])")
_TICK_FIRST = re.compile(r"\s+(?=[✅✔☑❌])")
_CROSS = "❌"
_EMOJI = re.compile("|".join(sorted(map(re.escape, EMOJI_WORDS), key=len, reverse=True)))


@dataclass(frozen=True)
class _Reading:
    """What one clause says about one habit: a status (None: nothing) and how sure."""

    status: str | None
    confidence: float
    evidence: bool  # the clause itself carries a verb or cue (not inherited)


def _has(words: tuple[str, ...] | set[str], text: str, tokens: list[str]) -> bool:
    return any((w in tokens) if " " not in w else (w in text) for w in words)


def _negated(text: str, tokens: list[str], at: int) -> str | None:
    """ "strong" for didn't/missed/couldn't, "bare" for a lone no/not, None without negation."""
    if cu.LOGGING.search(text):
        return None
    if any(p in text for p in lx.MISS_PHRASES) or cu.TOO_TO.search(text) or _CROSS in tokens:
        return "strong"
    near = [t for t in tokens[max(0, at - 6) : at + 3] if t in lx.NEGATION]
    if not near:
        return None
    bare = [i for i in range(max(0, at - 6), min(len(tokens), at + 3)) if tokens[i] in _BARE]
    if len(bare) < len(near):
        return "strong"
    after = [t for i in bare for t in tokens[i + 1 : i + 4]]  # "no fui", "nicht meditiert"
    past = any(t in lx.PAST_FORMS or t in lx.DONE or t.endswith("ed") for t in after)
    return "strong" if past else "bare"


def _read_abstinence(text: str, tokens: list[str], at: int) -> _Reading:
    if cu.FUTURE.search(text):
        return _Reading(None, 0.0, True)
    if _CROSS in tokens:
        return _Reading("missed", 0.6, True)  # "sugar ❌": kept or broken? ask
    kept = any(k in f" {text} " for k in lx.ABSTAIN_KEPT) or _negated(text, tokens, at)
    if kept:
        return _Reading("done", 0.85, True)
    if any(t in lx.CONSUME for t in tokens):
        return _Reading("missed", 0.85, True)
    return _Reading("done", 0.4, False)


def _read(text: str, tokens: list[str], at: list[int], habit: HabitConcepts) -> _Reading:
    """The status one clause gives one habit (see the module's rules)."""
    first = at[0]
    if habit.abstain:
        return _read_abstinence(text, tokens, first)
    past = any(tokens[i] in lx.PAST_FORMS or tokens[i].endswith("ed") for i in at)
    done_cue = past or any(t in lx.DONE for t in tokens) or bool(lx.AMOUNT.search(text))
    negation = _negated(text, tokens, first)
    future = cu.FUTURE.search(text)
    if future and cu.LATE_TODAY.fullmatch(future.group(0)) and done_cue and not negation:
        future = None  # "ran tonight": already done this evening
    if cu.LONG_AGO.search(text):
        return _Reading(None, 0.0, True)  # "haven't read in ages": about the habit, no day
    if negation and cu.NOT_YET.search(text):
        return _Reading(None, 0.0, True)  # "haven't read yet": the day is not over
    if negation and cu.NEVER_SO.search(text):
        return _Reading("done", 0.6, True)
    if cu.MEANT.search(text):
        return _Reading("missed", 0.6, True)  # "meant to read but fell asleep": ask
    if cu.STATE.search(text) and not past and not done_cue:
        return _Reading(None, 0.0, True)  # "running is so hard", "reading is fun"
    if any(p in f"{text} " for p in lx.SKIP):
        return _Reading("skipped", 0.9 if not future else 0.6, True)
    if negation:
        if cu.PARTLY.search(text):
            return _Reading("missed", 0.6, True)  # "didn't drink enough water": ask
        if future:
            return _Reading("skipped", 0.6, True)  # "not gonna walk today"
        return _Reading("missed", 0.9 if negation == "strong" else 0.6, True)
    if future or cu.HABITUAL.search(text):
        return _Reading(None, 0.0, True)
    about = any(t in lx.ABOUT for t in tokens) or cu.LIKING.search(text)
    if about and not any(tokens[i] in lx.PAST_FORMS for i in at):
        return _Reading(None, 0.0, True)
    if done_cue:
        return _Reading("done", 0.6 if cu.PART_DONE.search(text) else 0.9, True)
    short = len(tokens) <= 4 or days_back(text, date(2000, 1, 3)) is not None
    return _Reading("done", 0.5, False) if short else _Reading(None, 0.0, False)


def _clauses(text: str) -> list[tuple[str, str]]:
    """The clauses of a folded message, each with the separator before it ("" for the first)."""
    out: list[tuple[str, str]] = []
    pos, sep = 0, ""
    for found in _SPLIT.finditer(text):
        if piece := text[pos : found.start()].strip():
            out.append((piece, sep))
            sep = ""
        sep = (sep + " " + found.group(0).strip()).strip()
        pos = found.end()
    if piece := text[pos:].strip():
        out.append((piece, sep))
    return out


def _joins(sep: str) -> str:
    """How a separator joins two clauses: "or" (a negation carries), "but" (nothing carries), "and"."""
    words = set(sep.split())
    if words & _CONTRAST:
        return "but"
    return "or" if words & _ALTERNATIVE else "and"


def _amount(text: str) -> float | None:
    if found := lx.THOUSANDS.search(text):
        return float(found.group(1).replace(",", ".")) * 1000
    if found := lx.AMOUNT.search(text):
        return float(found.group(1).replace(",", "."))
    return None


def _item(turn: Turn, habit: HabitConcepts, reading: _Reading, back: int, amount: float | None,
          ambiguous: bool) -> CheckinItem:  # fmt: skip
    day = turn.today - timedelta(days=back)
    reach = None
    if back < 0:
        reach = "future"
    elif back > turn.backfill_days:
        reach = "too_old"
    elif habit.habit.start is not None and day < habit.habit.start:
        reach = "before_start"
    confidence = min(reading.confidence, 0.6) if ambiguous else reading.confidence
    return CheckinItem(habit.habit.habit_id, habit.habit.title, reading.status or "done", day,
                       amount, confidence, reach)  # fmt: skip


@dataclass
class _Message:
    """The reader's state over one message's clauses."""

    turn: Turn
    habits: list[HabitConcepts]
    backs: tuple[int, ...]  # the days a clause without its own day word is about
    found: list[list] = field(default_factory=list)  # see `amend`
    previous: _Reading | None = None
    lapsed: bool = False  # a clause before said "caved", "had": "j'ai craqué, une clope"
    others: list[HabitConcepts] = field(default_factory=list)  # "my wife ran 10k"
    cut: int | None = None  # where a correction starts ("scratch that")
    tail: str = ""  # the correction's words that name no habit
    before: str = ""  # the clause before ("my wife" in "my wife also ran")


def _text(turn: Turn) -> tuple[str, DaySpan | None, bool]:
    """The message folded and prepared, its list of days, and whether it is unsure (a hedge:
    "maybe", "i think"; a guessed misspelling; days named only roughly)."""
    text, span = find_days(lx.local(lx.fold(turn.text), turn.language), turn.today)
    text = _EMOJI.sub(lambda m: f" {EMOJI_WORDS[m.group(0)]} ", text)
    first = text.lstrip()[:1] in "✅✔☑❌"
    text = _TICK_FIRST.sub(" ; ", text) if first else _TICK.sub(r" \1 ; ", text)
    hedged = cu.HEDGE.search(text) is not None or cu.DOUBT_NOT.search(text) is not None
    text = cu.DOUBT_NOT.sub(" didn't ", text)
    text = cu.COMPANY.sub(lambda m: " with company " if m.group(0).startswith("w") else " ", text)
    text, slipped = fix_slips(cu.HEDGE.sub(" ", text), prepare(turn.habits))
    return text, span, hedged or slipped or (span is not None and span.vague)


def find_checkins(turn: Turn) -> list[CheckinItem]:
    """The check-ins a message reports, sure or to be asked about (empty: none)."""
    folded, span, unsure = _text(turn)
    whole = days_back(folded, turn.today)
    backs = span.backs if span is not None else (whole or 0,)
    message = _Message(turn, prepare(turn.habits), backs)
    for clause, sep in _clauses(cu.PHRASAL.sub(" ", folded)):
        _clause(message, clause, _joins(sep))
    found = message.found
    if message.cut is not None:
        amend.correct(found, message.cut, message.tail, turn.today)
    amend.backfill_inherited(found)
    habits = message.habits
    if not message.others:
        _whole_day(found, _due(habits, turn.today, backs), folded, backs)
    if not found and len(habits) == 1 and (only := _unnamed(folded, habits[0])) is not None:
        found.append([habits[0], only, backs, _amount(folded), False, "and"])
    return amend.dedupe([_item(turn, h, r, b, a, c or unsure)
                    for h, r, bs, a, c, _ in found for b in bs])  # fmt: skip


def _clause(message: _Message, clause: str, join: str) -> None:
    """Read one clause into `message`."""
    tokens, found = TOKEN.findall(clause), message.found
    named = specific([(h, at) for h in message.habits if (at := hits(tokens, h))], tokens)
    before, message.before = message.before, clause
    if elsewhere := amend.others(clause, named, before):
        message.others = message.others or elsewhere
        named = []  # the clause is someone else's: "my mum ran 5k" is no call to mum either
    if message.cut is None and found and cu.CORRECTION.search(clause):
        message.cut = len(found)
    if not named and not elsewhere:
        _unnamed_clause(message, clause, tokens, join)
    back = days_back(clause, message.turn.today)
    backs = message.backs if back is None or MARK in tokens else (back,)
    for habit, at in named:
        reading = _reading(message, clause, tokens, at, habit, join)
        if reading.status is not None:
            clash = sum(1 for h, _ in named if h.concepts & habit.concepts) > 1
            found.append([habit, reading, backs, _amount(clause) if len(named) == 1 else None,
                          clash, join])  # fmt: skip
    if named:
        message.previous = _read(clause, tokens, named[0][1], named[0][0])


def _unnamed_clause(message: _Message, clause: str, tokens: list[str], join: str) -> None:
    """A clause that names no habit: an amount, a part done, a correction or the member's own
    "i didn't" for the habit before ("ran yday, 8k", "not the full 20", "my wife ran, i didn't")."""
    found = message.found
    message.lapsed = message.lapsed or any(t in lx.CONSUME for t in tokens)
    if message.cut is not None:
        message.tail += f" {clause}"
    if found and message.cut is None:
        if found[-1][3] is None and join != "but":
            found[-1][3] = _amount(clause)
        if cu.PART_DONE.search(clause):  # "ran but only like 10 min"
            amend.unsure(found[-1])
    if message.others and (status := amend.member_after_others(clause)):
        for habit in message.others:
            found.append([habit, _Reading(status, 0.9, True), message.backs, None, False, join])


def _reading(message: _Message, clause: str, tokens: list[str], at: list[int],
             habit: HabitConcepts, join: str) -> _Reading:  # fmt: skip
    """One habit's reading in a clause, with what the clauses before it carry."""
    reading = _read(clause, tokens, at, habit)
    if only_verb(habit, tokens, at):  # "called my dad" for "Call mum": ask
        reading = replace(reading, confidence=min(reading.confidence, 0.6))
    if cu.INSTEAD_OF.search(" ".join(tokens[: at[0]]) + " "):
        return _Reading("missed", 0.6, True)  # "ordered takeout instead of cooking": ask
    previous = message.previous
    carried = previous is not None and previous.status is not None and join != "but"
    if not reading.evidence and carried:
        reading = replace(previous, evidence=False)  # "ran and meditated", "gym + yoga done"
    if join == "or" and previous is not None and previous.status == "missed":
        reading = previous  # "didn't run or meditate"
    if habit.abstain and not reading.evidence and message.lapsed:
        reading = _Reading("missed", 0.6, True)  # asked about
    return reading


def _due(habits: list[HabitConcepts], today: date, backs: tuple[int, ...]) -> list[HabitConcepts]:
    """The habits due on every day in `backs`: "did everything" means what was due (a
    Mon/Wed habit is not part of a Tuesday's "everything")."""
    return [h for h in habits
            if all(parse_frequency(h.habit.frequency).scheduled_on(today - timedelta(days=b))
                   for b in backs)]  # fmt: skip


def _whole_day(found: list[list], habits: list[HabitConcepts], text: str,
               backs: tuple[int, ...]) -> None:  # fmt: skip
    """ "rest day", "did everything", "did everything except meditate": an entry for each habit
    that has none, the opposite status for the habits of the exception (see `whole_day`)."""
    day = None if cu.FUTURE.search(text) else whole_day.read(_clauses(text))
    if day is None or (found and day.exception is None):
        return  # "ran 5k, all done" is about the run
    words = TOKEN.findall(day.exception or "")
    named = [(h, hits(words, h)) for h in habits]
    excepted = {id(h) for h, at in named if at}
    at_all = {i for _, at in named for i in at}
    bare = all(i in at_all or w in _FILLER for i, w in enumerate(words))  # "except the gym"
    opposite = "missed" if day.status == "done" else "done"
    for habit in habits:
        if id(habit) not in excepted and any(e[0] is habit for e in found):
            continue  # "rest day but meditated": the habit's own reading stands
        found[:] = [e for e in found if e[0] is not habit]
        sure = whole_day.confidence(day, len(habits), habit.abstain)
        if id(habit) in excepted:  # "but only read half": more than the habit is asked about
            reading = _Reading(opposite, sure if bare else min(sure, 0.6), True)
        else:
            reading = _Reading(day.status, sure, True)
        found.append([habit, reading, backs, None, False, "and"])


def _unnamed(text: str, habit: HabitConcepts) -> _Reading | None:
    """ "done ✅" from a member with one habit names no habit: asked about, never recorded."""
    tokens = TOKEN.findall(text)
    if len(tokens) > 5 or not any(t in lx.DONE for t in tokens):
        return None
    reading = _read(text, tokens, [0], replace(habit, abstain=False))
    return (
        None
        if reading.status is None
        else replace(reading, confidence=min(reading.confidence, 0.6))
    )
