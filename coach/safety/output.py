"""What we generate, checked: no diagnosis and no medication advice in a reply the model wrote."""

from __future__ import annotations

import re

from coach.safety.normalise import normalise

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


def _any_language(name: str) -> str:
    """A plain drug name with the endings other languages give it (sertralina, Sertralin)."""
    if not name.isalpha():
        return name
    return f"{name.removesuffix('e')}[aeo]?s?"


_NAMED = re.compile(rf"\b(?:{'|'.join(map(_any_language, _DRUGS.split('|')))})\b")
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


def names_drug(text: str | None) -> bool:
    """True when the text names a medication or a drug class, in any of the five languages."""
    return bool(_NAMED.search(normalise(text or "")))
