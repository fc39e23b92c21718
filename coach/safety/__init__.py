"""Safety rules in code: crisis language in what members write, and unsafe advice in what we generate.

`screen` runs before anything else on every path (docs/safety.md). It reads the text's normalised
forms (`coach.safety.normalise`: Unicode folded, invisible characters dropped, look-alike letters,
accents, leetspeak, masks and spaced letters undone) with fixed regular expressions in English,
Spanish, German, French and Portuguese, each aimed at a general form and paired with the figures
of speech it must leave alone ("this workout is killing me", "me muero de hambre", "todmüde").
When in doubt a rule errs on the side of the safety message: a false alarm costs a kind message.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Protocol

from coach.safety import de, en, es, fr, pt
from coach.safety.messages import SAFETY_MESSAGE, country_for, safety_message
from coach.safety.normalise import normalise, screen_forms
from coach.safety.output import check_output
from coach.safety.rule import Rule, RuleSet

__all__ = ["SAFETY_MESSAGE", "Crisis", "CrisisAlerts", "check_output", "country_for", "normalise",
           "safety_message", "screen"]  # fmt: skip

RULES: tuple[Rule, ...] = (*en.RULES, *es.RULES, *de.RULES, *fr.RULES, *pt.RULES)
_INDEX = RuleSet(RULES)


@dataclass(frozen=True)
class Crisis:
    """Crisis language found in a text: its category, the phrase and the rule's language."""

    category: str  # suicide | self_harm | harm_to_others
    phrase: str
    language: str | None = None  # the language of the rule that matched (None: several)


def screen(text: str | None) -> Crisis | None:
    """Return the first crisis rule that any normalised form of `text` matches, or None."""
    for form in screen_forms(text or ""):
        for rule in _INDEX.candidates(form):
            if (phrase := rule.find(form)) is not None:
                return Crisis(category=rule.category, phrase=phrase, language=rule.language)
    return None


class CrisisAlerts(Protocol):
    """Tells a member's mentor about a crisis event (the mentor side implements it: a Slack DM)."""

    async def crisis(self, *, user_id: uuid.UUID, event_id: uuid.UUID, category: str) -> None:
        """Alert the mentor of `user_id` about safety event `event_id`."""
        ...
