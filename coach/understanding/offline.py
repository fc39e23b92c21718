"""The offline parser: one message -> `Understood`, by rules, in about a millisecond.

Order: an empty text is chat; a question (with or without "?") is a question, never a
check-in; check-ins of the member's habits; a goal (an opener such as "I want to", "my goal
is", "trying to", "quiero", "ich will", or an activity with a schedule or a deadline:
"run 3x a week", "gym 4x/wk till march"), unless it reads as a correction of a plan ("make it
4 times a week", "call it jogging", "mornings only", "make the run 4 times a week" naming a
saved habit); otherwise chat. Crisis language is not read here: the safety screen runs
before this step on every path (`coach.safety.screen`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from coach.understanding.checkins import find_checkins
from coach.understanding.cues import HEDGE
from coach.understanding.deadlines import find_deadline
from coach.understanding.habits import TOKEN, hits, prepare
from coach.understanding.lexicon import QUESTION_START, fold
from coach.understanding.schedules import find_frequency
from coach.understanding.types import HabitRef, Turn, Understood

_OPENER = re.compile(
    r"^\s*(?:(?:so|ok|okay|alright|well|hey|hi|hmm+|new goal|also|and)[\s,:!-]+)*(?:"
    r"i (?:want|would like|need|plan|hope|intend|aim|wish) to|i wanna|i'?d (?:love|like) to|"
    r"my (?:new )?(?:goal|aim|plan|target|resolution) (?:is|for [a-z ]+ is)|goal:|new goal|"
    r"help me|i'?m (?:trying|going|planning|aiming|hoping) to|i am (?:trying|going|planning) to|"
    r"(?:i'?m )?trying to|i will start|i'?ll start|starting (?:today|tomorrow|monday)|"
    r"i should (?:start|begin)|let'?s|quiero|me gustaria|mi (?:meta|objetivo|proposito) es|"
    r"intento|estoy intentando|voy a empezar a|quisiera|ich (?:will|mochte|wurde gern|plane|"
    r"versuche)|mein ziel (?:ist|:)|je (?:veux|voudrais|vais essayer de)|j'aimerais|"
    r"j'ai envie de|mon (?:objectif|but)|(?:eu )?quero|gostaria de|(?:meu|minha) (?:objetivo|meta)|"
    r"vou tentar|pretendo)\b"
)
_ACTIVITY_START = re.compile(
    r"^\s*(?:to\s+)?(?:run|jog|gym|go|hit|lift|work out|workout|exercise|train|swim|bike|cycle|"
    r"walk|hike|read|meditate|journal|study|learn|practi[cs]e|write|stretch|yoga|do|drink|eat|"
    r"sleep|floss|cook|call|save|quit|stop|no|cut|less|more|get|be|play|draw|paint|clean|"
    r"tidy|spend|wake|limit|avoid|correr|leer|meditar|ir|ir al|hacer|nadar|caminar|estudiar|"
    r"aprender|escribir|dejar|beber|comer|dormir|laufen|joggen|lesen|meditieren|gehen|"
    r"schwimmen|lernen|schreiben|trinken|essen|schlafen|kein|keine|weniger|mehr|courir|lire|"
    r"mediter|nager|marcher|faire|aller|boire|manger|dormir|ecrire|ler|caminhar|fazer|beber|"
    r"escrever|pedalar|treinar)\b"
)
_EDIT = re.compile(
    r"^\s*(?:actually|instead|make it|change|rename|call it|name it|move (?:it|them)|switch|"
    r"only (?:on|twice|once|\d|one|two|three|four|five|mornings?|evenings?|nights?|weekends?|"
    r"weekdays?|mon|tue|wed|thu|fri|sat|sun)|"
    r"not on|drop|swap|mejor|cambia|ponlo|llamalo|solo|lieber|nur|mach es|nenn es)\b|"
    r"^\s*(?:mornings?|evenings?|afternoons?|nights?)(?:\s+(?:only|please|instead|better|pls))*"
    r"[\s!.]*$|\b(?:instead|rather|please change|en vez de|en lugar de|statt|stattdessen)\b"
)
# "make the run 4 times a week", "set my reading to weekdays": the words before the schedule
_MAKE = re.compile(r"^\s*(?:(?:ok|okay|so|pls|please|and)[\s,]+)*(?:make|set|put|turn)\s+(.+)$")
_GOAL_VERB = re.compile(
    r"^\s*(?:quit|stop|cut (?:down|back|out)|lose|gain|save|start|learn|get (?:fit|better|stronger|"
    r"in shape|back into)|be (?:more|less|better)|become|eat (?:more|less|healthier|better)|"
    r"drink (?:more|less)|sleep (?:more|better|earlier)|reduce|limit|avoid|build|train for|"
    r"dejar de|aprender|empezar a|bajar|ahorrar|comer mas|beber menos|aufhoren|lernen|abnehmen|"
    r"sparen|weniger|mehr|anfangen|arreter de|perdre|apprendre|economiser|commencer a|"
    r"parar de|perder|economizar|comecar a|emagrecer)\b"
)
# "less phone", "more sleep": a goal in two words, for the things people want more or less of
_MORE_LESS = re.compile(
    r"^\s*(?:less|more|fewer)\s+(?:(?:time on|time with|of|my)\s+)?(?:phones?|screens?|"
    r"screen ?time|social media|insta(?:gram)?|tiktok|youtube|netflix|tv|gaming|video games|"
    r"sugar|sweets|snacks|snacking|junk(?: food)?|fast food|take ?out|coffee|caffeine|alcohol|"
    r"booze|drinking|beers?|wine|soda|energy drinks|smoking|cigs|cigarettes|vaping|meat|carbs|"
    r"salt|spending|scrolling|doomscrolling|sleep|water|exercise|movement|steps|walking|"
    r"reading|books|veg(?:gies|etables)?|fruits?|protein|fiber|fibre|sunlight|fresh air|"
    r"time outside|outdoors|family time|cooking|stretching|meditation|journaling|rest|stress|"
    r"procrastinat(?:ing|ion)|complaining|swearing|yelling)\b"
)
_PAST = re.compile(
    r"\b(?:ran|went|did|done|was|were|had|this week|last week|\w{3,}ed|hice|fui|war|"
    r"habe|hab|bin|gelaufen|gemacht|j'ai|je suis|cette semaine|la semaine derniere|fui|fiz|"
    r"essa semana|semana passada|corri|li)\b"
)
_ONE_OCCASION = re.compile(r"\b(?:tonight|tomorrow|later|today|this evening|manana|esta noche|"
                           r"morgen|heute|ce soir|demain|plus tard|aujourd'hui|hoje|amanha|"
                           r"mais tarde)\b")  # fmt: skip


_ASKS_IN = {"de": re.compile(r"^(?:was|wer)\b"), "es": re.compile(r"^(?:como|que tal)\b"),
            "pt": re.compile(r"^(?:como|o que|devo|deveria|posso|(?:vc|voce|tu) acha)\b"),
            "fr": re.compile(r"^(?:que|qu'est|tu (?:penses|crois)|je peux)\b")}  # fmt: skip


def is_question(text: str, language: str = "en") -> bool:
    """True for a question, with or without "?" (folded text; `language` adds its own openers,
    such as German "was" or Spanish "cómo", which are ordinary words in other languages)."""
    stripped = text.strip()
    if stripped.endswith("?") or "¿" in stripped or QUESTION_START.match(stripped):
        return True
    own = _ASKS_IN.get(language)
    return bool(own and own.match(stripped))


def looks_like_goal(text: str) -> bool:
    """True when (folded) text states a goal: an opener, or an activity with a schedule/deadline."""
    if _OPENER.match(text):
        return not (_ONE_OCCASION.search(text) and find_frequency(text) is None)
    if find_frequency(text) is not None:  # "jeden Tag 20 Seiten lesen", "mon wed fri yoga"
        return not _PAST.search(text)
    if _GOAL_VERB.match(text):  # "quit smoking", "cut down on alcohol", "lose 5kg"
        return not _PAST.search(text)
    if _MORE_LESS.match(text):  # "less phone"; "more sleep tonight" is one evening's wish
        return not (_PAST.search(text) or _ONE_OCCASION.search(text))
    return bool(_ACTIVITY_START.match(text)) and find_deadline(text, date.today())[0] is not None


def looks_like_edit(text: str, habits: Sequence[HabitRef] = ()) -> bool:
    """True for a correction of a plan ("make it 4 times a week", "call it jogging"), or of a
    saved habit the words name with a new schedule ("make the run 4 times a week")."""
    if _EDIT.search(text):
        return True
    found = _MAKE.match(text)
    if found is None or find_frequency(text) is None:
        return False  # "make my bed every day" names no habit: a goal
    tokens = TOKEN.findall(found.group(1))
    return any(hits(tokens, habit) for habit in prepare(habits))


def parse(turn: Turn) -> Understood:
    """Understand one message offline (see the module's order)."""
    folded = fold(turn.text).strip()
    if not folded:
        return Understood("chat", 1.0)
    if is_question(folded, turn.language):
        hedged = HEDGE.search(folded) and not QUESTION_START.match(folded)
        if hedged and (items := tuple(find_checkins(turn))):  # "kinda ran?": asked about
            return Understood("checkin", min(item.confidence for item in items), items)
        return Understood("question", 0.9)
    items = tuple(find_checkins(turn))
    if items:
        sure = min(item.confidence for item in items)
        return Understood("checkin", sure, items)
    if looks_like_edit(folded, turn.habits):  # before goals: "make it 4x a week" has a schedule
        return Understood("plan_edit", 0.6)
    if looks_like_goal(folded):
        return Understood("goal", 0.85)
    return Understood("chat", 0.7)
