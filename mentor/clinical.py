"""Questions that ask the copilot for a diagnosis or medication advice, which it never gives.

The model is told never to diagnose and its output is checked (coach.safety.check_output); the
mentor who asks is also told so plainly, in a fixed text before the answer, whichever engine
wrote it.
"""

from __future__ import annotations

import re

from coach.i18n import N_, translator
from coach.safety import check_output, normalise
from coach.safety.output import names_drug

CLINICAL = N_(
    "goalbot does not diagnose and does not advise on medication: that is for the patient's "
    "clinician or prescriber. What follows is only what their goals, check-ins and journal show."
)
# the question's own words in the five languages (normalised: no accents); check_output also
# reads English advice forms such as "does she have depression", "up his sertraline"; a drug
# named alone ("is the sertraline making him tired?") is a medication question too
_ASKS = re.compile(
    r"\bdiagnos\w*|\bdiagnost\w*|\bprescri\w*|\bverschreib\w*|\bmedica(?:t|c|m)\w*|"
    r"\bmedikament\w*|\bmeds\b|\bdos(?:e|es|age|ing|is|ierung)\b|\bantidepres\w*|"
    r"\bpsychopharmak\w*|\bremedios?\b|\bpastillas?\b|\btabletten?\b"
)


def asks_for_clinical_advice(question: str) -> bool:
    """True when the mentor's question asks for a diagnosis or about medication."""
    if check_output(question) is not None or names_drug(question):
        return True
    return bool(_ASKS.search(normalise(question)))


def notice(question: str, language: str | None) -> str | None:
    """The fixed notice for such a question, in the mentor's `language`, else None."""
    if not asks_for_clinical_advice(question):
        return None
    return translator(language).gettext(CLINICAL)
