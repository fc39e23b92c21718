"""One crisis rule: a pattern over normalised text, and the figures of speech it must not take.

Each rule also knows the literal pieces any match must contain (`needs`, read from the parsed
pattern), so most messages are ruled out by a few substring tests before a regex runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

WINDOW = 40  # characters either side of a match that `unless` reads
# Suicide or self-harm as a subject, in any of the five languages: "a documentary about suicide
# prevention", "un libro sobre autolesiones", "le film parle d'un homme qui se suicide". Only the
# rules for a bare word read it; first-person forms ("I feel suicidal") have rules of their own.
_MEDIA = (
    r"(?:document(?:ar|al|ai|ario)\w*|doku\w*|movie|film|filme|pelicula|book|novel|libro|livro|livre|buch|roman|"
    r"article|articulo|artigo|artikel|podcast|series?|episod\w*|show|essay|ensayo|lecture|course|"
    r"curso|cours|kurs|class|clase|aula|video|talk|charla|paper|study|estudio|estudo|etude|studie|"
    r"research|campaign|campana|campanha|kampagne|walk|marcha|caminhada|fundraiser|reportag\w*|"
    r"vortrag|seminar\w*|vorlesung|trabajo|trabalho|expose|referat|hausarbeit)s?"
)
_SUBJECT = r"(?:suicid|self ?harm|autolesi|automutila|selbstverletz|selbstmord|suizid|scarifi)"
# The subject turned on oneself ("a video about suicide and now i want to do it", "a book
# about suicide, kind of how i feel"): the message is read as crisis language after all.
_PERSONAL = (
    r"\b(?:i (?:want|wanna|feel|felt|relate|keep thinking|think about)|i ve (?:thought|been "
    r"thinking)|how i feel|me too|same here|thats me|that s me|do it too|want to do it|"
    r"do the same|quiero hacerlo|me siento|yo tambien|ich (?:will|mochte|fuhle mich|auch)|"
    r"je (?:veux|me sens)|moi aussi|eu (?:quero|tambem)|me sinto)\b"
)
_TOPIC_BODY = (
    rf"{_MEDIA} (?:\w+ ){{0,2}}(?:about|on|regarding|for|against|sobre|acerca de|de|del|da|do|sur|"
    rf"uber|zur|zum|von|trata de|fala de|parle d ?(?:un|une)?|handelt von) (?:\w+ ){{0,3}}{_SUBJECT}|"
    rf"(?:suicide|self ?harm) (?:prevention|awareness|research|statistics|rates?)|prevenc\w+ (?:del?|"
    rf"do|da) {_SUBJECT}|prevention du suicide|suizidpravention|setembro amarelo|\b(?:que|qui|who|"
    rf"der|die) se (?:suicida|suicide|suicidou|suicido)\b"
)
TOPIC = rf"^(?!.*{_PERSONAL}).*?(?:{_TOPIC_BODY})"


@dataclass(frozen=True)
class Rule:
    """Crisis language of one category in one language (None: the same in several)."""

    language: str | None
    category: str  # suicide | self_harm | harm_to_others
    pattern: re.Pattern[str]
    unless: re.Pattern[str] | None = None
    needs: tuple[str, ...] = field(default=())

    def find(self, text: str) -> str | None:
        """The phrase this rule finds in `text`, unless every hit is a figure of speech."""
        padded = f" {text} "
        if self.needs and not any(piece in padded for piece in self.needs):
            return None
        for match in self.pattern.finditer(text):
            window = text[max(0, match.start() - WINDOW) : match.end() + WINDOW]
            if self.unless is None or not self.unless.search(window):
                return match.group(0)
        return None


def rules(language: str | None, *specs: tuple[str, str] | tuple[str, str, str]) -> list[Rule]:
    """Compile `(category, pattern[, unless])` specs of one language."""
    return [
        Rule(language, spec[0], re.compile(spec[1]),
             re.compile(spec[2]) if len(spec) > 2 else None, required_pieces(spec[1]))
        for spec in specs
    ]  # fmt: skip


def required_pieces(pattern: str) -> tuple[str, ...]:
    """Literal strings of which every match of `pattern` contains at least one (() if unknown).

    A space stands for a word boundary, so test them against `" " + text + " "` (normalised text
    has only letters, digits and single spaces).
    """
    return tuple(sorted(_needs(sre_parse.parse(pattern), "") or ()))


def _needs(items: Any, lead: str) -> frozenset[str] | None:
    """The most selective requirement of a parsed sequence: a set of alternative literals."""
    found: list[frozenset[str]] = []
    runs = {lead}
    for op, arg in items:
        if op is sre.LITERAL:
            runs = {run + chr(arg) for run in runs}
        elif op is sre.AT and arg is sre.AT_BOUNDARY:
            if runs - {"", " "}:
                found.append(frozenset(run + " " for run in runs))
            runs = {" "}
        elif op is sre.MAX_REPEAT and arg[:2] == (0, 1) and _is_literal(arg[2]) and len(runs) < 32:
            runs |= {run + chr(arg[2][0][1]) for run in runs}
        else:
            if runs - {"", " "}:
                found.append(frozenset(runs))
            if (inner := _needs_of(op, arg, " " if runs == {" "} else "")) is not None:
                found.append(inner)
            runs = {""}
    if runs - {"", " "}:
        found.append(frozenset(runs))
    return max(found, key=lambda pieces: min(map(len, pieces))) if found else None


def _is_literal(items: Any) -> bool:
    return len(items) == 1 and items[0][0] is sre.LITERAL


def _needs_of(op: Any, arg: Any, lead: str) -> frozenset[str] | None:
    if op is sre.SUBPATTERN:
        return _needs(arg[-1], lead)
    if op is sre.BRANCH:
        branches = [_needs(branch, lead) for branch in arg[1]]
        if all(branches):
            return frozenset().union(*branches)  # type: ignore[arg-type]
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and arg[0] >= 1:
        return _needs(arg[2], lead)
    return None


class RuleSet:
    """Rules in order, indexed by the first letters of their required pieces, so a message is
    tested only against the rules whose pieces it contains (most messages: none)."""

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        self.rules = rules
        self.always = [i for i, rule in enumerate(rules) if not rule.needs]
        self.loose: list[tuple[str, int]] = []  # pieces that start inside a word
        self.by_start: dict[str, list[tuple[str, int]]] = {}
        for i, rule in enumerate(rules):
            for piece in rule.needs:
                word = piece[1:].split(" ")[0] if piece.startswith(" ") else ""
                if word:
                    self.by_start.setdefault(word[:3], []).append((piece, i))
                else:
                    self.loose.append((piece, i))

    def candidates(self, text: str) -> list[Rule]:
        """The rules (in order) whose required pieces occur in normalised `text`."""
        padded = f" {text} "
        hits = set(self.always)
        hits.update(i for piece, i in self.loose if piece in padded)
        for word in set(text.split(" ")):
            for key in {word[:1], word[:2], word[:3]}:
                hits.update(i for piece, i in self.by_start.get(key, ()) if piece in padded)
        return [self.rules[i] for i in sorted(hits)]
