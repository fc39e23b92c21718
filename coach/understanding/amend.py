"""What the rest of a message does to the check-ins read from one clause: someone else did it
("my wife ran 10k", then "i didn't"), a later correction ("scratch that, it was yesterday",
"nvm i didn't", "sorry i mean 10"), a part done said after ("did 10 pages, not the full 20").

Each works on the reader's list of found entries, [habit, reading, days back, amount, clash,
join]; a changed entry is only ever made less sure (asked about), never surer.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from coach.understanding import cues as cu
from coach.understanding.days import days_back
from coach.understanding.habits import TOKEN, HabitConcepts
from coach.understanding.lexicon import DONE, PAST_FORMS
from coach.understanding.types import CheckinItem

ASK = 0.6  # below `types.SURE`: a one-tap question
_MEMBER_DID_NOT = re.compile(r"\b(?:i )?(?:didn'?t|did not|did'nt|dint|never did|haven'?t|"
                             r"hadn'?t|wasn'?t)\b")  # fmt: skip
_NUMBER = re.compile(r"(?<![\w.])(\d+(?:[.,]\d+)?)(?![\w.])")


def unsure(entry: list) -> None:
    """Make one found entry a question."""
    entry[1] = replace(entry[1], confidence=min(entry[1].confidence, ASK))


def others(clause: str, named: list[tuple[HabitConcepts, list[int]]], before: str = "") -> list:
    """The habits a clause says someone else did ("my son read 20 pages", "my wife | also ran",
    the subject in the clause `before`), not the member; a habit named inside the subject ("my
    mum called" for "Call mum") stays the member's, and so does "they closed the gym"."""
    if cu.OTHER_SUBJECT.fullmatch(before.strip()) and not _MEMBER.match(clause):
        words = 0
    elif subject := cu.OTHER_SUBJECT.match(clause):
        words = len(TOKEN.findall(clause[: subject.end()]))
    else:
        return []
    if cu.WITH_ME.search(f"{before} {clause}"):
        return []
    tokens = TOKEN.findall(clause)
    verb = next((i for i in range(words, len(tokens)) if tokens[i] not in _ADVERBS), None)
    hit = {i for _, at in named for i in at}
    if verb is None or not (verb in hit or tokens[verb] in PAST_FORMS or tokens[verb] in DONE):
        return []  # "they closed the gym", "my wife made me skip": about the member
    return [habit for habit, at in named if min(at) >= words]


_MEMBER = re.compile(r"(?:i|i'm|im|we|me|us|myself)\b")
_ADVERBS = {"also", "just", "finally", "already", "actually", "even", "too"}


def member_after_others(clause: str) -> str | None:
    """ "i didn't" / "me too" after someone else's check-in: the member's own status."""
    if cu.MEMBER_NOT.match(clause):
        return "missed"
    return "done" if cu.MEMBER_TOO.match(clause) else None


def correct(found: list[list], cut: int, tail: str, today: date) -> None:
    """Apply a correction said after entry `cut` (the words without a habit in `tail`): a habit
    named again keeps its later reading only; every earlier one is asked about, missed when the
    correction says "i didn't", on the day or with the number it gives."""
    later = {entry[0].habit.habit_id for entry in found[cut:]}
    earlier = [entry for entry in found[:cut] if entry[0].habit.habit_id not in later]
    found[:cut] = earlier
    words = cu.CORRECTION.sub(" ", tail)
    back, number = days_back(words, today), _NUMBER.search(words)
    for entry in earlier:
        unsure(entry)
        if _MEMBER_DID_NOT.search(words):
            entry[1] = replace(entry[1], status="missed")
        if back is not None:
            entry[2] = (back,)
        if number is not None:
            entry[3] = float(number.group(1).replace(",", "."))


def backfill_inherited(found: list[list]) -> None:
    """A weak first clause ("yoga and meditation done") takes the status of the next one."""
    for i in range(len(found) - 1):
        reading, nxt = found[i][1], found[i + 1]
        if (
            not reading.evidence
            and reading.confidence < 0.8
            and nxt[1].evidence
            and nxt[5] != "but"
        ):
            found[i][1] = replace(nxt[1], evidence=False)


def dedupe(items: list[CheckinItem]) -> list[CheckinItem]:
    """One item per habit and day (the surest wins)."""
    best: dict[tuple, CheckinItem] = {}
    for item in items:
        key = (item.habit_id, item.day)
        if key not in best or item.confidence > best[key].confidence:
            best[key] = item
    return list(best.values())
