"""The words the offline parser reads, in English, Spanish, German, French and Portuguese
(accents folded).

Each table names a general form (a negation, a day word, a past-tense verb of an activity), so
a rule reads "a negation before the habit" rather than a list of sentences. A word that means
something else in another language (German "hier" is "here", Portuguese "no" is "in the",
"mas" is Spanish "more") is read in the member's language only: `local` rewrites it, with the
chat abbreviations of that language ("hj", "vc", "g"), before the shared rules.
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
    "joggte rennen courir couru cours course footing corrida corridinha",
    "workout": "gym gymm jim workout workouts worked lift lifted lifting lifts weights exercise "
    "exercised exercising training trained train strength crossfit gimnasio gimnas gimnasia "
    "gimna entrenar entrene entrenado entreno ejercicio pesas fitnessstudio fitness studio "
    "trainiert trainieren krafttraining sport salle muscu musculation entrainement entraine "
    "academia ginasio treino treinei treinar malhar malhei musculacao",
    "read": "read reading reads book books pages page pgs chapter chapters leer lei leido leo "
    "libro lectura paginas lesen gelesen buch seiten kapitel lire lu lecture livre livres "
    "chapitre chapitres ler li lido leio leitura livro capitulo capitulos",
    "meditate": "meditate meditated meditating meditation meditations mindfulness breathing "
    "breathwork meditar medite meditado meditacion medito meditieren meditiert mediter "
    "meditei meditacao",
    "walk": "walk walked walking walks steps hike hiked hiking caminar camine caminata pasear "
    "pasee paseo spazieren spaziergang spazieren gewandert wandern marcher marche balade "
    "promenade randonnee rando caminhar caminhei caminhada caminho passeio trilha",
    "swim": "swim swam swimming swum nadar nade nadado natacion schwimmen geschwommen nager "
    "nage natation piscine nadei natacao piscina",
    "cycle": "bike biked biking cycle cycled cycling ride rode bici bicicleta radfahren "
    "fahrrad geradelt velo pedaler pedale pedalar pedalei",
    "write": "write wrote writing written escribir escribi escrito schreiben geschrieben ecrire "
    "ecrit ecris escrever escrevi",
    "water": "water hydrate hydrated agua wasser eau",
    "drink": "drink drank boire bu bois beber bebi bebo",
    "sleep": "sleep slept bed bedtime dormir dormi schlafen geschlafen",
    "study": "study studied studying learn learned learning duolingo estudiar estudie "
    "estudiado lernen gelernt etudier etudie reviser revise estudar estudei",
    "practise": "practice practiced practise practised practising practicing practicar "
    "practique uben geubt pratiquer praticar pratiquei",
    "stretch": "stretch stretched stretching stretches estirar estire estiramientos dehnen "
    "gedehnt etirer etire etirement etirements alongar alonguei alongamento alongamentos",
    "yoga": "yoga",
    "pushup": "pushup pushups push flexiones liegestutze pompes flexoes",
    "guitar": "guitar guitarra gitarre guitare violao strum strummed strumming",
    "play": "play plays played playing jouer joue tocar toquei toco",
    "piano": "piano klavier",
    "journal": "journal journaled journaling journalled diario tagebuch",
    "cook": "cook cooked cooking cocinar cocine kochen gekocht cuisiner cuisine cozinhar cozinhei",
    "call": "call called calling phoned rang facetimed llamar llame llamada anrufen angerufen "
    "appeler appele appelee appelle ligar liguei ligou",
    "sugar": "sugar sugary sweets sweet candy dessert desserts chocolate chocolates cake cookie cookies "
    "donut donuts doughnut icecream soda pastry biscuit biscuits galletas helado keks kekse azucar "
    "dulces postre zucker sussigkeiten schokolade kuchen sucre sucreries bonbons gateau gateaux "
    "chocolat patisserie acucar doce doces bolo sobremesa sorvete refrigerante biscoito",
    "alcohol": "alcohol booze beer beers wine drinks drinking cerveza cervezas vino alkohol "
    "bier wein alcool biere bieres vin apero cerveja cervejas vinho cachaca",
    "smoke": "smoke smoked smoking cigarette cigarettes cig cigs fumar fume cigarro cigarrillo "
    "rauchen geraucht zigarette zigaretten fumer clope clopes fumei",
    "phone": "phone screen scrolling instagram tiktok social handy movil",
    "floss": "floss flossed flossing",
    "vegetable": "veggies vegetables vegetable salad verduras gemuse salat legumes salade salada",
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
    "geschlafen gelesen couru lu medite nage pedale ecrit bu dormi etudie pratique etire "
    "cuisine appele appelee joue entraine li ligou meditei caminhei nadei pedalei escrevi bebi estudei "
    "pratiquei alonguei cozinhei liguei fumei toquei treinei malhei"
)
# words that say it was done, anywhere in the clause
DONE = _words(
    "done did had finished finish completed complete went got hit crushed smashed nailed managed "
    "knocked logged ✅ ✔ ☑ 👍 💪 yes yep yup check checked tick ticked hice hecho hecha listo lista "
    "termine complete fui ya gemacht erledigt fertig geschafft war bin habe hab suis fait "
    "faite faits faites fini finie allee feito feita feitos feitas fiz ja terminei "
    "acabei concluido voltei reviens rentre rentree"
)
SKIP = ("skipped", "skip", "skipping", "rest day", "day off", "taking a break", "took a break",
        "took the day off", "descanso", "me salte", "salte", "dia libre", "pausiert", "pause",
        "ausgelassen", "ubersprungen", "ruhetag", "frei genommen", "repos ", "jour off", "saute ",
        "sautee ", "seche", "folga", "pulei", "dia livre")  # fmt: skip
NEGATION = _words(
    "no not never didn't didnt did'nt dint havent haven't hasnt hasn't couldn't couldnt "
    "wasnt wasn't cant can't won't wont nope zero nothing missed forgot failed nunca ni "
    "falte olvide nicht kein keine keinen keiner nie verpasst vergessen pas jamais rien aucun "
    "aucune sans oublie nao nem sem esqueci"
)
MISS_PHRASES = ("no-go", "no go", "not today", "never got", "wasn't able", "didn't get to",
                "fell through", "too busy to", "too tired to", "no time to", "no time for", "no pude", "no he", "nicht geschafft", "nicht gemacht", "pas pu", "pas eu le temps",
                "trop fatigue pour", "trop creve pour", "ai rate", "nao consegui", "nao deu",
                "sem tempo", "nao rolou", "demais para", "trop fatiguee pour",
                "trop crevee pour")  # fmt: skip
# statements about the habit that are not doing it: buying, state of the place, liking it
ABOUT = _words(
    "bought buy buying ordered order new bag shoes mat membership clothes gear outfit "
    "playlist closed shut cancelled canceled broken packed crowded full loves hates "
    "lleno llena voll geschlossen "
    "ages while lately usually always compre nuevo nueva nuevos cerrado cerrada "
    "odio gekauft neue neuen neues geschlossen immer "
    "normalerweise achete acheter nouvelle nouvelles nouveau nouveaux ferme fermee chaussures "
    "tenue abonnement bonde annule annulee cancelado cancelada comprei comprar novo nova fechada fechado tenis roupa lotada cheia"
)
CONSUME = _words(
    "ate eaten had have drank drunk smoked caved relapsed gave slipped broke cheated "
    "comi bebi fume tome probe gegessen getrunken geraucht genascht mange bu pris craque "
    "tomei fumei"
)
ABSTAIN_TITLE = re.compile(r"^(?:no|quit|stop|avoid|cut|less|zero|without|sin|dejar|nada de|"
                           r"kein|keine|keinen|ohne|aufhoren|weniger|pas|plus|sans|arreter|"
                           r"moins|sem|nada|parar|menos)\b")  # fmt: skip
ABSTAIN_KEPT = ("no ", "zero ", "free", "stayed off", "stayed away", "resisted", "clean",
                "without", "sin ", "nada de", "kein", "ohne", "didn't", "didnt", "did not",
                "not a single", "none", "pas de", "pas une", "sans ", "aucun", "sem ",
                "nenhum", "nenhuma")  # fmt: skip

# ---- questions --------------------------------------------------------------------------
QUESTION_START = re.compile(
    r"^(?:how|what|whats|what's|when|where|why|which|who|should|shall|can|could|"
    r"does|(?:do|did) (?:i|you|u|we|they|he|she)\b|"
    r"is|are|am i|will|would|any|tips|wondering|i wonder|tell me|"
    r"que|cual|cuanto|cuando|donde|por que|debo|deberia|puedo|puedes|hay|"
    r"wie|wann|wo|warum|wieso|weshalb|welche|soll|sollte|kann|kannst|konnen|gibt es|"
    r"comment|pourquoi|quand|quel|quelle|quels|combien|est-ce|est ce|dois-je|je devrais|"
    r"como posso|por que|quando|qual|quanto|quantos|quantas|sera que|tem como)\b"
)

# ---- day words: offset back from today --------------------------------------------------
DAY_WORDS: tuple[tuple[re.Pattern[str], int], ...] = tuple(
    (re.compile(p), off)
    for p, off in (
        (r"\b(?:day before yesterday|anteayer|antier|antes de ayer|vorgestern|anteontem|"
         r"antes de ontem)\b", 2),
        (r"\b(?:yesterday|yday|yest|ystrdy|yesterdy|yestarday|yesturday|yesteday|ysterday|yestrday|ytd|last night|last nite|lastnight|lastnite|ayer|anoche|"
         r"gestern|ontem)\b", 1),
        (r"\b(?:today|tdy|2day|this morning|this afternoon|this evening|tonight|earlier|"
         r"just now|hoy|esta manana|esta tarde|esta noche|heute|heut|aujourd'hui|auj|ajd|aujd|"
         r"ce matin|ce mat|ce midi|cet aprem|cet apres-midi|ce soir|hoje|hoje cedo|esta manha|"
         r"essa manha|hoje a noite)\b", 0),
    )
)  # fmt: skip
AGO = re.compile(r"\b(\d|one|two|three|un|una|dos|tres|zwei|drei)\s*(?:days?|dias?|tagen?)\s*"
                 r"(?:ago|atras)\b|\b(?:hace|vor)\s+(\d|un|una|dos|tres|einem|zwei|drei)\s*"
                 r"(?:dias?|tagen?)\b")  # fmt: skip
SMALL_NUMBERS = {"one": 1, "two": 2, "three": 3, "un": 1, "una": 1, "dos": 2, "tres": 3,
                 "einem": 1, "zwei": 2, "drei": 3}  # fmt: skip
WEEKDAY_NAMES: dict[str, int] = {
    **dict.fromkeys(("monday", "mon", "lunes", "montag", "lundi", "segunda"), 0),
    **dict.fromkeys(("tuesday", "tues", "tue", "martes", "dienstag", "mardi", "terca"), 1),
    **dict.fromkeys(("wednesday", "weds", "wed", "miercoles", "mittwoch", "mercredi", "quarta"), 2),
    **dict.fromkeys(
        ("thursday", "thurs", "thur", "thu", "jueves", "donnerstag", "jeudi", "quinta"), 3
    ),
    **dict.fromkeys(("friday", "fri", "viernes", "freitag", "vendredi", "sexta"), 4),
    **dict.fromkeys(("saturday", "sat", "sabado", "samstag", "samedi"), 5),
    **dict.fromkeys(("sunday", "sun", "domingo", "sonntag", "dimanche"), 6),
}

# ---- amounts: a number with a unit ------------------------------------------------------
AMOUNT = re.compile(
    r"(?<![\w.])(\d+(?:[.,]\d+)?)\s*(k|km|kms|kilometers?|kilometres?|kilometros?|kilometer|mi|"
    r"miles?|pages?|pgs?|paginas?|seiten|min|mins|minutes?|minutos?|minuten|hours?|hrs?|h|"
    r"horas?|stunden?|heures?|reps|pushups|push-ups|flexiones|pompes|flexoes|glasses|cups|vasos|"
    r"glaser|verres|copos|l|liters?|litres?|litros?|steps|pasos|passos|schritte|laps|largos|"
    r"bahnen|longueurs|voltas|chapters?|capitulos?|chapitres?|kapitel|bornes|words|palabras|worter|mots|palavras)"
    r"(?![a-z])"
)
THOUSANDS = re.compile(r"(\d+(?:[.,]\d+)?)\s*k\s*(?:steps|pasos|passos|schritte)\b")

_FOLD = str.maketrans({"ß": "ss", "’": "'", "‘": "'", "´": "'", "`": "'"})


def fold(text: str) -> str:
    """Lower case, accents folded (corrí -> corri, über -> uber), straight quotes."""
    lowered = text.lower().translate(_FOLD)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# ---- words read in the member's language only (see the module's docstring) ------------------
_ELISION = re.compile(r"\b(j|l|d|n|m|t|s|c|qu)'(?=[a-z])")  # French "j'ai", "d'eau": "je ai"
_LOCAL: dict[str, tuple[tuple[re.Pattern[str], str], ...]] = {
    lang: tuple((re.compile(p), new) for p, new in rules)
    for lang, rules in {
        "fr": ((r"\b(?:jsuis|chui)\b", "je suis"), (r"\b(?:g|jai)\b", "je ai"), (r"\bpa\b", "pas"),
               (r"\balle(?:e|s|es)?\b", "allee"),  # German "alle" is "all"
               (r"\bavant[- ]hier\b", "day before yesterday"), (r"\bhier\b", "yesterday"),
               (r"\bmais\b", "but"), (r"(\d)\s*pas\b", r"\1 steps")),
        # "mon" alone is Monday in English chat ("ran mon"), but French "my": read here only
        "en": ((r"\bmon\b(?! (?:ami|amie|chien|chat)\b)", "monday"),),
        # "no" is "in the" and "o" the article (not Spanish "or"); "dois" is two, not French "must"
        "pt": ((r"\bn\b", "nao"), (r"\b(?:dois|duas)\b", "2"), (r"\b(?:no|nos)\b", "em"),
               (r"\bo\b", "os"), (r"\bhj\b", "hoje"), (r"\bvc\b", "voce"), (r"\bq\b", "que"),
               (r"\bmas\b", "but"), (r"\bpra\b", "para")),
    }.items()
}  # fmt: skip


def elide(text: str) -> str:
    """French elisions as words ("j'ai pas bu d'eau" -> "je ai pas bu de eau")."""
    return _ELISION.sub(lambda m: ("que" if m.group(1) == "qu" else m.group(1) + "e") + " ", text)


def local(text: str, language: str) -> str:
    """Folded text with the words that are read in `language` only rewritten (see the module)."""
    text = elide(text)
    for pattern, new in _LOCAL.get(language, ()):
        text = pattern.sub(new, text)
    return text
