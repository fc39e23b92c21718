"""The words the offline parser reads, in English, Spanish and German (accents folded).

Each table names a general form (a negation, a day word, a past-tense verb of an activity), so
a rule reads "a negation before the habit" rather than a list of sentences. French and
Portuguese add question and negation words only: they are not parsed into check-ins yet.
"""

from __future__ import annotations

import re
import unicodedata


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# ---- activities: a word in a message or a habit title -> one concept --------------------
_CONCEPTS: dict[str, str] = {
    "run": "ran run runs running runnin jog jogs jogged jogging jogg 5k 10k marathon halfmarathon "
    "correr corri corrido corro carrera trotar troté laufen gelaufen lief laufe joggen gejoggt "
    "joggte rennen",
    "workout": "gym gymm jim workout workouts worked lift lifted lifting lifts weights exercise "
    "exercised exercising training trained train strength crossfit gimnasio gimnas gimnasia "
    "gimna entrenar entrene entrenado entreno ejercicio pesas fitnessstudio fitness studio "
    "trainiert trainieren krafttraining sport",
    "read": "read reading reads book books pages page pgs chapter chapters leer lei leido leo "
    "libro lectura paginas lesen gelesen buch seiten kapitel",
    "meditate": "meditate meditated meditating meditation meditations mindfulness breathing "
    "breathwork meditar medite meditado meditacion medito meditieren meditiert",
    "walk": "walk walked walking walks steps hike hiked hiking caminar camine caminata pasear "
    "pasee paseo spazieren spaziergang spazieren gewandert wandern",
    "swim": "swim swam swimming swum nadar nade nadado natacion schwimmen geschwommen",
    "cycle": "bike biked biking cycle cycled cycling ride rode bici bicicleta radfahren "
    "fahrrad geradelt",
    "write": "write wrote writing written escribir escribi escrito schreiben geschrieben",
    "water": "water hydrate hydrated agua wasser",
    "drink": "drink drank",
    "sleep": "sleep slept bed bedtime dormir dormi schlafen geschlafen",
    "study": "study studied studying learn learned learning duolingo estudiar estudie "
    "estudiado lernen gelernt",
    "practise": "practice practiced practise practised practising practicing practicar "
    "practique uben geubt",
    "stretch": "stretch stretched stretching stretches estirar estire estiramientos dehnen "
    "gedehnt",
    "yoga": "yoga",
    "pushup": "pushup pushups push flexiones liegestutze",
    "guitar": "guitar guitarra gitarre",
    "piano": "piano klavier",
    "journal": "journal journaled journaling journalled diario tagebuch",
    "cook": "cook cooked cooking cocinar cocine kochen gekocht",
    "call": "call called calling phoned rang facetimed llamar llame llamada anrufen angerufen",
    "sugar": "sugar sugary sweets sweet candy dessert desserts chocolate chocolates cake cookie cookies "
    "donut donuts doughnut icecream soda pastry biscuit biscuits galletas helado keks kekse azucar "
    "dulces postre zucker sussigkeiten schokolade kuchen",
    "alcohol": "alcohol booze beer beers wine drinks drinking cerveza cervezas vino alkohol "
    "bier wein",
    "smoke": "smoke smoked smoking cigarette cigarettes cig cigs fumar fume cigarro cigarrillo "
    "rauchen geraucht zigarette zigaretten",
    "phone": "phone screen scrolling instagram tiktok social handy movil",
    "floss": "floss flossed flossing",
    "vegetable": "veggies vegetables vegetable salad verduras gemuse salat",
}  # fmt: skip
CONCEPT: dict[str, str] = {w: c for c, words in _CONCEPTS.items() for w in words.split()}
# "did cardio" etc.: a habit title word we do not know is its own concept (light stem).

# a past-tense (or participle) form of an activity: evidence the thing was done
PAST_FORMS = _words(
    "ran jogged worked lifted exercised trained meditated walked hiked swam swum biked cycled "
    "rode wrote slept studied learned practiced practised stretched journaled journalled cooked "
    "called flossed hydrated did corri trote entrene medite camine pasee nade estudie escribi "
    "practique estire cocine llame dormi lei gelaufen lief gejoggt joggte trainiert meditiert "
    "gewandert geschwommen geradelt geschrieben gelernt geubt gedehnt gekocht angerufen "
    "geschlafen gelesen"
)
# words that say it was done, anywhere in the clause
DONE = _words(
    "done did had finished finish completed complete went got hit crushed smashed nailed managed "
    "knocked logged ✅ ✔ ☑ 👍 💪 yes yep yup check checked tick ticked hice hecho hecha listo lista "
    "termine complete fui ya gemacht erledigt fertig geschafft war bin habe hab"
)
SKIP = ("skipped", "skip", "skipping", "rest day", "day off", "taking a break", "took a break",
        "took the day off", "descanso", "me salte", "salte", "dia libre", "pausiert", "pause",
        "ausgelassen", "ubersprungen", "ruhetag", "frei genommen")  # fmt: skip
NEGATION = _words(
    "no not never didn't didnt did'nt dint havent haven't hasnt hasn't couldn't couldnt "
    "wasnt wasn't cant can't won't wont nope zero nothing missed forgot failed nunca ni "
    "falte olvide nicht kein keine keinen keiner nie verpasst vergessen"
)
MISS_PHRASES = ("no-go", "no go", "not today", "never got", "wasn't able", "didn't get to",
                "fell through", "too busy to", "too tired to", "no time to", "no time for", "no pude", "no he", "nicht geschafft", "nicht gemacht")  # fmt: skip
# statements about the habit that are not doing it: buying, state of the place, liking it
ABOUT = _words(
    "bought buy buying ordered order new bag shoes mat membership clothes gear outfit "
    "playlist closed shut cancelled canceled broken packed crowded full loves hates "
    "lleno llena voll geschlossen "
    "ages while lately usually always compre nuevo nueva nuevos cerrado cerrada "
    "odio gekauft neue neuen neues geschlossen immer "
    "normalerweise"
)
CONSUME = _words(
    "ate eaten had have drank drunk smoked caved relapsed gave slipped broke cheated "
    "comi bebi fume tome probe gegessen getrunken geraucht genascht"
)
ABSTAIN_TITLE = re.compile(r"^(?:no|quit|stop|avoid|cut|less|zero|without|sin|dejar|nada de|"
                           r"kein|keine|keinen|ohne|aufhoren|weniger)\b")  # fmt: skip
ABSTAIN_KEPT = ("no ", "zero ", "free", "stayed off", "stayed away", "resisted", "clean",
                "without", "sin ", "nada de", "kein", "ohne", "didn't", "didnt", "did not",
                "not a single", "none")  # fmt: skip

# ---- questions --------------------------------------------------------------------------
QUESTION_START = re.compile(
    r"^(?:how|what|whats|what's|when|where|why|which|who|should|shall|can|could|"
    r"does|(?:do|did) (?:i|you|u|we|they|he|she)\b|"
    r"is|are|am i|will|would|any|tips|wondering|i wonder|tell me|"
    r"que|cual|cuanto|cuando|donde|por que|debo|deberia|puedo|puedes|hay|"
    r"wie|wann|wo|warum|wieso|weshalb|welche|soll|sollte|kann|kannst|konnen|gibt es|"
    r"comment|pourquoi|quand|quel|est-ce|como posso|por que|quando|qual)\b"
)

# ---- day words: offset back from today --------------------------------------------------
DAY_WORDS: tuple[tuple[re.Pattern[str], int], ...] = tuple(
    (re.compile(p), off)
    for p, off in (
        (r"\b(?:day before yesterday|anteayer|antier|antes de ayer|vorgestern)\b", 2),
        (r"\b(?:yesterday|yday|yest|ystrdy|yesterdy|yestarday|ytd|last night|last nite|lastnight|lastnite|ayer|anoche|"
         r"gestern)\b", 1),
        (r"\b(?:today|tdy|2day|this morning|this afternoon|this evening|tonight|earlier|"
         r"just now|hoy|esta manana|esta tarde|esta noche|heute|heut)\b", 0),
    )
)  # fmt: skip
AGO = re.compile(r"\b(\d|one|two|three|un|una|dos|tres|zwei|drei)\s*(?:days?|dias?|tagen?)\s*"
                 r"(?:ago|atras)\b|\b(?:hace|vor)\s+(\d|un|una|dos|tres|einem|zwei|drei)\s*"
                 r"(?:dias?|tagen?)\b")  # fmt: skip
SMALL_NUMBERS = {"one": 1, "two": 2, "three": 3, "un": 1, "una": 1, "dos": 2, "tres": 3,
                 "einem": 1, "zwei": 2, "drei": 3}  # fmt: skip
WEEKDAY_NAMES: dict[str, int] = {
    **dict.fromkeys(("monday", "mon", "lunes", "montag"), 0),
    **dict.fromkeys(("tuesday", "tues", "tue", "martes", "dienstag"), 1),
    **dict.fromkeys(("wednesday", "weds", "wed", "miercoles", "mittwoch"), 2),
    **dict.fromkeys(("thursday", "thurs", "thur", "thu", "jueves", "donnerstag"), 3),
    **dict.fromkeys(("friday", "fri", "viernes", "freitag"), 4),
    **dict.fromkeys(("saturday", "sat", "sabado", "samstag"), 5),
    **dict.fromkeys(("sunday", "sun", "domingo", "sonntag"), 6),
}

# ---- amounts: a number with a unit ------------------------------------------------------
AMOUNT = re.compile(
    r"(?<![\w.])(\d+(?:[.,]\d+)?)\s*(k|km|kms|kilometers?|kilometres?|kilometros?|kilometer|mi|"
    r"miles?|pages?|pgs?|paginas?|seiten|min|mins|minutes?|minutos?|minuten|hours?|hrs?|h|"
    r"horas?|stunden?|reps|pushups|push-ups|flexiones|glasses|cups|vasos|glaser|l|liters?|"
    r"litres?|litros?|steps|pasos|schritte|laps|largos|bahnen|chapters?|capitulos?|kapitel)"
    r"(?![a-z])"
)
THOUSANDS = re.compile(r"(\d+(?:[.,]\d+)?)\s*k\s*(?:steps|pasos|schritte)\b")

_FOLD = str.maketrans({"ß": "ss", "’": "'", "‘": "'", "´": "'", "`": "'"})


def fold(text: str) -> str:
    """Lower case, accents folded (corrí -> corri, über -> uber), straight quotes."""
    lowered = text.lower().translate(_FOLD)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
