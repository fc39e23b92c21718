"""Crisis language in what a MENTOR writes about a patient (third person as well as first)."""

from __future__ import annotations

import re

from coach.i18n import N_, translator
from coach.safety import normalise, safety_message, screen

# fixed and human-written: said first whenever a mentor's message holds crisis language
MENTOR_SAFETY_MESSAGE = N_(
    "If you think your patient may be in immediate danger, contact local emergency services "
    "now and stay with them, or ask them to call a crisis line (in the US, call or text 988; "
    "elsewhere, see findahelpline.com). Follow your organisation's safety protocol and record "
    "what you did. The notes below do not replace that."
)

_WHO = r"[a-z]+"  # he, she, they, the patient's name, …
_SELF = r"(?:him|her|them|my|your|one)sel(?:f|ves)"
_THIRD_PERSON = tuple(
    re.compile(pattern)
    for pattern in (
        r"\bsuicid(?:e|al)\b(?! (?:squad|sprints?|runs?|drills?))",
        r"\bself[- ]?harm(?:ing)?\b|\bself[- ]?injur(?:y|ing)\b",
        rf"\b(?:kill(?:ing|ed|s)?|hurt(?:ing|s)?|harm(?:ing|ed|s)?|cut(?:ting|s)?|hang(?:ing|ed|s)?) {_SELF}\b",
        r"\b(?:wants?|wanted|wanting|wishes|wished|plans?|planning|planned|going|threaten(?:s|ed|ing)?|talk(?:s|ed|ing)? about wanting) to die\b",
        r"\b(?:end(?:s|ed|ing)?|take|takes|taking) (?:his|her|their) (?:own )?life\b",
        r"\boverdos(?:e|ed|ing)\b|\btook (?:all )?(?:the|his|her|their) pills\b",
        rf"\b{_WHO} (?:doesn'?t|does not|don'?t|do not) want to (?:live|be alive|be here)\b",
        r"\bbetter off dead\b|\bnothing (?:left )?to live for\b",
        # the same reported in Spanish, German, French and Portuguese (normalised: no accents)
        r"\b(?:quiere|queria|quiso) (?:morir(?:se)?(?! de )|matarse|suicidarse|quitarse la vida)\b|"
        r"\bse (?:quiere|queria) (?:matar|morir(?! de )|suicidar)\b|\bno quiere (?:vivir|seguir viviendo)\b|"
        r"\bse (?:corta|cortaba|lastima|hace dano) (?:otra vez|a proposito|de nuevo)\b",
        r"\b(?:will|wollte|mochte) (?:sich )?(?:umbringen|toten|sterben|das leben nehmen|"
        r"(?:etwas|was) antun)\b|\bsich (?:umbringen|das leben nehmen|ritzen|etwas antun) "
        r"(?:will|wollte|mochte)\b|\bnicht mehr leben (?:will|wollte|mochte)\b|"
        r"\b(?:will|wollte|mochte) nicht mehr leben\b|\bsterben (?:will|wollte|mochte)\b",
        r"\b(?:veut|voulait|voudrait) (?:se tuer|en finir|mourir(?! de )|se suicider)\b|"
        r"\bne veut plus vivre\b|\bse (?:scarifie|mutile|fait du mal)\b",
        r"\b(?:quer|queria) (?:se matar|morrer(?! de )|tirar a (?:propria )?vida|se suicidar)\b|"
        r"\bnao quer mais viver\b|\bse (?:corta|machuca) (?:de novo|de proposito)\b",
    )
)


def mentions_crisis(text: str) -> bool:
    """True when the text reports crisis language, about the writer or about someone else."""
    if screen(text) is not None:
        return True
    value = normalise(text)
    return any(pattern.search(value) for pattern in _THIRD_PERSON)


# Someone else's words: quoted, or in a clause that names another person or reports speech.
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|„[^“”]*[“”]|«[^»]*»|‘[^’]*’|(?<!\w)'[^']*'(?!\w)")
_CLAUSES = re.compile(r"[.!?;,:\n]+|\b(?:and|but|because|so|y|pero|und|aber|et|mais|e|mas)\b")
_OTHERS = re.compile(
    r"\b(?:he|she|they|him|her|them|his|hers|their|patient|client|member|"
    r"said|says|told|tells|wrote|writes|texted|messaged|posted|mentioned|quote|"
    r"el|ella|ellos|ellas|dijo|dice|escribio|er|sie|ihm|ihr|sagte|sagt|schrieb|schreibt|"
    r"il|elle|ils|elles|lui|dit|ecrit|ele|ela|eles|elas|dele|dela|disse|diz|escreveu)\b"
)
_FIRST_PERSON = re.compile(
    r"\b(?:i|im|ive|ill|id|me|myself|yo|quiero|estoy|pienso|siento|voy|ich|mich|mir|"
    r"je|jai|moi|eu|quero|estou|penso|sinto|vou)\b|\w[aei]rme\b"  # matarme, morirme
)


def about_the_writer(text: str) -> bool:
    """True when crisis language is the writer's own: a clause in their own words (not
    quoted) that speaks in the first person and names nobody else."""
    own = _QUOTED.sub(" ", text or "")
    for clause in _CLAUSES.split(normalise(own)):
        if _FIRST_PERSON.search(clause) and not _OTHERS.search(clause) and screen(clause):
            return True
    return False


def safety_note(text: str, language: str | None) -> str | None:
    """The fixed safety texts for crisis language in a mentor's message, or None: the note
    about the patient, and first the personal one when the words are the mentor's own."""
    if not mentions_crisis(text):
        return None
    note = translator(language).gettext(MENTOR_SAFETY_MESSAGE)
    return f"{safety_message(language)}\n\n{note}" if about_the_writer(text) else note
