"""Safety rules in code: crisis language in what members write, and unsafe advice in what we generate.

`screen` runs before any model call. Its rules are fixed regular expressions over normalised
English text, phrased many ways (slang included), with exclusions for figures of speech that
fitness talk is full of ("this workout is killing me", "I could kill for a pizza", "dead tired").
When in doubt a rule errs on the side of showing the safety message.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Protocol

SAFETY_MESSAGE = (
    "I'm really glad you told me, and I'm taking it seriously. You don't have to go through this "
    "alone, and I'm not the right help for it — a person is. Please reach out now:\n"
    "• If you are in immediate danger, call your local emergency number (911 in the US, "
    "999 in the UK, 112 in the EU).\n"
    "• US: call or text 988 (Suicide & Crisis Lifeline).\n"
    "• UK and Ireland: call Samaritans on 116 123, free, day or night.\n"
    "• Anywhere else: findahelpline.com lists free, confidential lines in your country.\n"
    "If you can, tell someone you trust how you feel right now. If you have a mentor here, "
    "they will be told, so that a person can check in with you."
)

_PERSON = (
    r"(?:him|her|them|you|someone|somebody|people|everyone|everybody|"
    r"my (?:wife|husband|partner|boyfriend|girlfriend|ex|boss|mom|mum|dad|mother|father|"
    r"brother|sister|son|daughter|kids?|child|neighbou?r|roommate|coworker|colleague|teacher)|"
    r"(?:that|this) (?:guy|girl|man|woman|person|kid))"
)
_INTENT = (
    r"(?:i(?:'m| am)? (?:going to|gonna|about to)|i (?:want|wanna|plan|intend|need) to|"
    r"i(?:'ll| will| would| could)|i feel like|i'm ready to|im (?:going to|gonna))"
)

_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (category, re.compile(pattern))
    for category, pattern in (
        ("suicide", r"\bkill(?:ing)? my ?self\b|\bkms\b|\bunalive (?:my ?self|me)\b"),
        ("suicide", r"\b(?:end|ending|take|taking) my (?:own )?life\b|\bend(?:ing)? it all\b"),
        ("suicide", r"\bsuicid(?:e|al)\b(?! (?:squad|sprints?|runs?|drills?|doors?|lines?))"),
        ("suicide", r"\b(?:want|wanna|wish|going|ready|plan(?:ning)?) (?:to )?die\b"),
        ("suicide", r"\bwish (?:i (?:was|were) dead|i'd never been born|i wasn't alive)\b"),
        ("suicide", r"\bbetter off (?:dead|without me)\b|\bnothing (?:left )?to live for\b"),
        ("suicide", r"\bno (?:reason|point) (?:to|in) (?:live|living|go(?:ing)? on|being alive)\b"),
        (
            "suicide",
            r"\b(?:don'?t|do not|dont) want to (?:live|be alive|exist|wake up|be here anymore)\b",
        ),
        ("suicide", r"\bcan'?t (?:go on|do this anymore|keep living)\b"),
        ("suicide", r"\b(?:hang|shoot|drown|poison) my ?self\b|\bslit my (?:wrists?|throat)\b"),
        ("suicide", r"\b(?:overdose|od) on purpose\b|\btake all (?:my|the) pills\b"),
        (
            "suicide",
            r"\b(?:not|isn'?t|no longer|never) worth living\b|\bdone with (?:life|living)\b",
        ),
        (
            "suicide",
            r"\btired of (?:living|being alive|life)\b(?! (?:on|in|with|like|at|off|out|here|there|paycheck)\b)"
            r"|\bdisappear forever\b",
        ),
        ("suicide", r"\b(?:hope|wish) i (?:never|don'?t|do not) wake up\b"),
        # "hurt myself at the gym" is an injury: the other verbs need intent or a habit.
        ("self_harm", r"\b(?:harm|harming) my ?self\b|\bcut(?:ting)? my ?self again\b"),
        (
            "self_harm",
            r"\b(?:want|wanna|going|gonna|urges? to|need|started|start|keep|kept|been|"
            r"thinking (?:about|of)|thought about|feel like) (?:to )?"
            r"(?:cut|cutting|burn|burning|hurt|hurting) my ?self\b",
        ),
        ("self_harm", r"\bself[- ]?(?:harm|injur(?:y|e|ing))\b"),
        (
            "harm_to_others",
            rf"\b{_INTENT} (?:kill|hurt|stab|shoot|strangle|murder|beat up|attack) {_PERSON}\b"
            r"(?! (?:a|an) (?:message|text|email|dm|line|note|look))",
        ),
        ("harm_to_others", rf"\b(?:kill|murder) {_PERSON} (?:tonight|tomorrow|today|soon)\b"),
        ("harm_to_others", rf"\bi want {_PERSON} dead\b"),
    )
)


@dataclass(frozen=True)
class Crisis:
    """Crisis language found in a text: its category and the phrase that matched."""

    category: str  # suicide | self_harm | harm_to_others
    phrase: str


def normalise(text: str) -> str:
    """Lower case, straight quotes, letters, digits and single spaces: what the rules match."""
    value = text.lower().replace("’", "'").replace("‘", "'")
    value = re.sub(r"[^a-z0-9' ]+", " ", value)
    return re.sub(r"\s+", " ", value).strip()


def screen(text: str | None) -> Crisis | None:
    """Return the first crisis rule that `text` matches, or None."""
    value = normalise(text or "")
    for category, pattern in _RULES:
        if match := pattern.search(value):
            return Crisis(category=category, phrase=match.group(0))
    return None


class CrisisAlerts(Protocol):
    """Tells a member's mentor about a crisis event (the mentor side implements it: a Slack DM)."""

    async def crisis(self, *, user_id: uuid.UUID, event_id: uuid.UUID, category: str) -> None:
        """Alert the mentor of `user_id` about safety event `event_id`."""
        ...


_DRUGS = (
    r"medications?|meds|pills?|doses?|dosage|antidepressants?|ssris?|snris?|benzos?|"
    r"benzodiazepines?|antipsychotics?|stimulants?|sleeping pills|sertraline|zoloft|prozac|"
    r"fluoxetine|citalopram|escitalopram|lexapro|paroxetine|venlafaxine|bupropion|"
    r"wellbutrin|xanax|alprazolam|valium|diazepam|lorazepam|adderall|ritalin|"
    r"methylphenidate|lithium|quetiapine|seroquel|melatonin|ibuprofen|opioids?|tramadol"
)
_CONDITIONS = (
    r"depression|depressive disorder|anxiety disorder|generali[sz]ed anxiety|adhd|"
    r"bipolar(?: disorder)?|ptsd|ocd|borderline|bpd|schizophrenia|an eating disorder|"
    r"anorexia|bulimia|insomnia|a (?:mental|personality|mood) disorder|clinical \w+"
)
_OUTPUT_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "diagnosis",
        re.compile(
            r"\b(?:you|he|she|they|the (?:patient|member|client)) (?:\w+ ){0,2}(?:have|has|"
            r"suffers? from|suffering from|(?:seems?|appears?) to have|"
            rf"(?:is|are|be) showing signs of) (?:\w+ ){{0,2}}(?:{_CONDITIONS})\b"
        ),
    ),
    ("diagnosis", re.compile(r"\b(?:i|we) (?:would )?diagnose\b|\bdiagnos(?:is|ed) (?:of|with)\b")),
    (
        "medication",
        re.compile(
            r"\b(?:take|taking|start|starting|stop|stopping|increase|decrease|double|halve|"
            r"lower|reduce|skip|switch(?:ing)? to|try|trying|up|cut down) (?:\w+ ){0,3}"
            rf"(?:{_DRUGS})\b"
        ),
    ),
    ("medication", re.compile(r"\b\d+(?:\.\d+)? ?(?:mg|mcg|ml|milligrams?)\b")),
)


def check_output(text: str | None) -> str | None:
    """Return "diagnosis" or "medication" when generated text gives such advice, else None."""
    value = normalise(text or "")
    for kind, pattern in _OUTPUT_RULES:
        if pattern.search(value):
            return kind
    return None
