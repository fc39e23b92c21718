"""Words the offline coach reads in a goal: frequencies, deadlines, time budgets, categories.

Canonical frequencies follow coach.schedule: daily, weekdays, weekly:N, days:mon,thu.
"""

from __future__ import annotations

import re
from datetime import date

from coach.understanding.deadlines import find_deadline as _find_deadline
from coach.understanding.lexicon import fold
from coach.understanding.schedules import Found
from coach.understanding.schedules import find_frequency as _find_frequency

__all__ = ["Found", "find_deadline", "find_frequency", "find_minutes_per_week", "find_new_frequency",
           "find_time_of_day", "guess_category", "without_time_of_day"]  # fmt: skip

NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "a": 1, "an": 1, "once": 1, "twice": 2,
           "thrice": 3, "a couple of": 2, "a few": 3}  # fmt: skip
_NUM = r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten|a couple of|a few|an|a)"

# English first, then the words members write in es, de, fr and pt (each a word's start:
# "schlaf" is schlafen and Schlaf; matched on the lowered text, accents kept)
CATEGORIES: dict[str, tuple[str, ...]] = {
    "fitness": ("run", "jog", "gym", "workout", "work out", "exercise", "push-up", "pushup",
                "yoga", "walk", "swim", "bike", "cycle", "cycling", "lift", "marathon", "5k",
                "10k", "fit", "steps", "stretch", "squat", "pilates", "hike", "train", "sport",
                "triathlon", "correr", "corrí", "corro", "nadar", "gimnasio", "caminar", "bici", "entrenar",
                "maratón", "triatl", "lauf", "jogg", "schwimm", "radfahr", "wander",
                "halbmarathon", "courir", "couru", "nager", "marcher", "vélo", "salle de sport", "muscu",
                "caminhar", "academia", "pedalar", "maratona", "treino"),
    "health": ("sleep", "water", "eat", "diet", "vegetable", "fruit", "sugar", "smok", "alcohol",
               "drink", "weight", "cook", "meal", "floss", "bed", "phone", "screen", "dormir",
               "sueño", "agua", "comer", "azúcar", "móvil", "celular", "pantalla", "schlaf",
               "wasser", "zucker", "handy", "bildschirm", "sommeil", "manger", "sucre",
               "téléphone", "écran", "sono", "água", "açúcar", "tela"),
    "mindfulness": ("medit", "médit", "breath", "gratitude", "journal", "mindful", "pray", "calm",
                    "respir", "gratitud", "diario", "tagebuch", "dankbar", "atem", "gratidão",
                    "diário"),
    "learning": ("learn", "study", "read", "book", "spanish", "french", "german", "language",
                 "course", "class", "exam", "duolingo", "practice", "practise", "vocabulary",
                 "leer", "libro", "estudi", "aprend", "idioma", "inglés", "lesen", "buch",
                 "lern", "englisch", "sprache", "lire", "livre", "étudi", "apprend", "anglais",
                 "ler ", "livro", "estud", "inglês"),
    "creativity": ("write", "writing", "draw", "paint", "guitar", "piano", "music", "sing",
                   "photo", "novel", "poem", "blog", "escribir", "dibuj", "guitarra", "schreib",
                   "gitarre", "zeichn", "écrire", "dessin", "guitare", "escrever", "desenh"),
    "career": ("job", "resume", "cv", "portfolio", "career", "interview", "apply", "network",
               "side project", "code", "coding"),
    "finance": ("save", "saving", "budget", "money", "spend", "debt", "invest", "ahorr",
                "dinero", "sparen", "geld", "économ", "argent", "economizar", "dinheiro"),
    "social": ("call", "friend", "family", "mom", "dad", "parents", "date night", "visit",
               "llamar", "amig", "familia", "anrufen", "freund", "familie", "appeler", "famille", "ligar", "família"),
    "home": ("clean", "tidy", "declutter", "laundry", "garden", "dishes", "limpiar", "ordenar",
             "putzen", "aufräumen", "nettoyer", "limpar", "arrumar"),
}  # fmt: skip


def find_frequency(text: str) -> Found | None:
    """The first frequency phrase in `text` (the grammar: `coach.understanding.schedules`)."""
    return _find_frequency(fold(text))


# matched on the folded text ("manhã" → "manha"); pt "manhã" alone is safe (tomorrow is
# "amanhã"), but "tarde" is also "late", so only "à tarde", "de tarde"… name the afternoon
_TIMES_OF_DAY = (
    (re.compile(r"\b(?:mornings?|(?:por|en) la manana|las mananas|cada manana|morgens|jeden morgen|"
                r"vormittags|am morgen|fruh morgens|(?:tous les |chaque |le )?matins?|"
                r"(?:dans la |en )?matinee|au reveil|(?:toda |todas as |pela |de )?manhas?)\b"),
     "morning"),
    (re.compile(r"\b(?:afternoons?|(?:por|en) la tarde|las tardes|nachmittags|am nachmittag|"
                r"jeden nachmittag|"
                r"(?:l'|les |chaque |tous les )?apres[- ]midis?|"
                r"(?:a|de|pela|toda|todas as|as|nas?) tardes?)\b"), "afternoon"),
    (re.compile(r"\b(?:lunch(?:time)?|(?:a|en) la hora de comer|mittags|in der mittagspause|"
                r"a midi|pause (?:de )?midi|(?:a l'heure du|pendant la pause|a la pause) dejeuner|"
                r"(?:na )?hora do almoco|no almoco|ao meio[- ]dia)\b"), "lunchtime"),
    (re.compile(r"\b(?:evenings?|nights?|bedtime|(?:before|after) (?:bed(?:time)?|sleep|going to (?:bed|"
                r"sleep))|after (?:work|dinner)|(?:por|en) la noche|las noches|cada noche|"
                r"abends|nachts|am abend|jeden abend|vor dem schlafen(?:gehen)?|"
                r"(?:tous les |chaque |le )?soirs?|"
                r"(?:dans la |en )?soiree|la nuit|toutes les nuits|avant (?:de dormir|de me coucher|"
                r"le coucher|d'aller (?:au lit|me coucher))|au coucher|"
                r"(?:toda |todas as |a |de |na |pela )?noites?|antes de (?:dormir|(?:me )?deitar)|"
                r"na hora de dormir)\b"), "evening"),
)  # fmt: skip
TIME_WORDS = re.compile(
    "|".join(p.pattern for p, _ in _TIMES_OF_DAY)
    + r"|\b(?:every|each|in the|only|solo|nur|seulement|uniquement|so|apenas|somente)\b|\s"
)


def find_new_frequency(text: str) -> Found | None:
    """The frequency a change in words asks for; None when its phrase only names a time of day
    ("mornings only" says when, not how often)."""
    found = find_frequency(text)
    if found is None:
        return None
    said = fold(text)[found.span[0] : found.span[1]]
    return None if TIME_WORDS.fullmatch(said) else found


def find_time_of_day(text: str) -> str | None:
    """ "morning", "afternoon", "lunchtime" or "evening" when the text names a time of day
    (en "mornings", es "por la mañana", de "abends", fr "le soir", pt "de manhã")."""
    folded = fold(text)
    return next((name for pattern, name in _TIMES_OF_DAY if pattern.search(folded)), None)


def without_time_of_day(text: str) -> str:
    """`text` without its phrases naming a time of day ("ler 20 páginas à noite" → "ler 20
    páginas"); as it is where folding moved the letters."""
    folded = fold(text)
    if len(folded) != len(text):
        return text
    spans = sorted(m.span() for pattern, _ in _TIMES_OF_DAY for m in pattern.finditer(folded))
    kept, end = [], 0
    for start, stop in spans:
        if start >= end:  # overlapping phrases ("le soir", "soir"): the first one
            kept.append(text[end:start])
            end = stop
    return re.sub(r"\s+", " ", "".join(kept) + text[end:]).strip(" ,")


def find_deadline(text: str, today: date) -> tuple[date | None, tuple[int, int] | None]:
    """An end date and its span (the phrases: `coach.understanding.deadlines`)."""
    return _find_deadline(fold(text), today)


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBERS.get(word, 1)


def find_minutes_per_week(text: str) -> int | None:
    """A time budget such as "at most 2 hours a week" or "30 minutes a day", in minutes per week."""
    m = re.search(
        rf"\b(?:at most |max(?:imum)? |up to |no more than |about |around )?{_NUM}\s*"
        r"(hours?|hrs?|h|minutes?|mins?)\s*(?:a|per|each|every|/)\s*(day|week|session)",
        text,
    )
    if not m:
        return None
    amount = _number(m[1]) * (60 if m[2].startswith("h") else 1)
    return amount * 7 if m[3] == "day" else amount if m[3] == "week" else None


_CATEGORY_PATTERNS = {
    name: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + ")")
    for name, words in CATEGORIES.items()
}


def guess_category(text: str) -> str:
    """The category whose keywords appear first in `text`; "general" when none does."""
    hits = [(m.start(), name) for name, p in _CATEGORY_PATTERNS.items() if (m := p.search(text))]
    return min(hits)[1] if hits else "general"
