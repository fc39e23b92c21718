"""The offline coach's plans: a goal in plain words turned into habits by rules."""

from __future__ import annotations

import re
from datetime import date, timedelta

from coach.i18n import N_, Translator, translator
from coach.i18n.words import describe_frequency, time_of_day
from coach.llm.offline_words import (
    Found,
    find_deadline,
    find_frequency,
    find_minutes_per_week,
    find_new_frequency,
    find_time_of_day,
    guess_category,
    without_time_of_day,
)
from coach.llm.schemas import Plan, PlannedHabit, PlanRequest
from coach.schedule import easier_frequency, parse_frequency
from coach.understanding.lexicon import fold
from coach.understanding.schedules import frequency_spans

DEFAULT_FREQUENCY = {"fitness": "weekly:3", "social": "weekly:1", "finance": "weekly:1"}
_SPLIT = re.compile(r"\s*(?:;|,|\band also\b|\band\b(?!\s+(?:mon|tue|wed|thu|fri|sat|sun)))\s*")
_SPLIT_EN = re.compile(rf"{_SPLIT.pattern}|\s*\bplus\b\s*")  # French "plus" is "more"
# "je vais à la salle", "vou à academia": going somewhere, not an opener ("I'm going to")
_GOING = r"(?!\s+(?:à|au|aux|a|ao|aos|en|chez|para|pra|na|no|em)\b)"
_FILLER = re.compile(
    r"^(?:(?:so|ok|okay|also|new goal:?)\s+)*(?:(?:i(?:['’]d| would)? (?:want|like|need|plan|hope|"
    r"love) to|i want to|i wanna|i['’]?m (?:going|trying|planning|aiming|hoping) to|i am (?:going|"
    r"trying) to|trying to|i will|i['’]?ll|my (?:new )?(?:goal|aim|plan|resolution) is(?: to)?|"
    r"goal:|help me|i should|quiero|me gustar[ií]a|mi (?:meta|objetivo) es|intento|voy a|"
    r"ich (?:will|m[öo]chte|werde|versuche)|mein ziel ist(?: es)?,?|je (?:veux|voudrais|souhaite|"
    rf"compte)|je vais{_GOING}|j['’]aimerais|(?:eu )?(?:quero|queria|gostaria de|pretendo)|"
    rf"(?:eu )?vou{_GOING}|(?:o )?meu objetivo [ée]|(?:a )?minha meta [ée]|to)\s+|"
    r"(?:mon (?:objectif|but)(?: est|,? c['’]est)|j['’]ai envie) d(?:e\s+|['’]))",
    re.IGNORECASE,
)
_TIME_WORDS = re.compile(r"\b(?:every |each |in the )?(?:morning|evening|night|afternoon)s?\b")
_RENAME = re.compile(
    r"\b(?:call it|rename it(?: to)?|name it|ll[aá]malo|nenn es)\s+(?P<name>[^.,;!]+)", re.I
)
_SESSION_LENGTH = re.compile(r"\b(\d+)\s*(?:minutes?|mins?|minutos?|minuten)\b", re.IGNORECASE)
_CONSTRAINT = re.compile(r"^(?:at most|max|up to|no more than|about|around|by|before|in|within)\b")
_TARGET = re.compile(r"^\d")  # "5k", "10 km", "20 pages a day" (the last has a frequency)
_LESS = re.compile(r"\b(?:less|fewer|not every day|too (?:much|often|many)|easier|lighter|menos|"
                   r"weniger|seltener|moins)\b")  # fmt: skip
# A goal too broad to check in on ("get my life together"): one small first habit, and a note
MOVE, PLAN_TOMORROW = N_("Move for 20 minutes"), N_("Plan tomorrow in 5 minutes")
BROAD_NOTE = N_("Your goal is broad, so here is one small first habit — Change makes it yours.")
_BROAD = (
    (re.compile(r"(?:get|put) my (?:life|act) together|sort (?:my life|myself) out|"
                r"get (?:my life )?organi[sz]ed|organi[sz]e my life|organizarme|"
                r"poner(?:me)? orden en mi vida|mein leben (?:in den griff (?:bekommen|kriegen)|"
                r"ordnen)|m'organiser|organiser ma vie|me organizar|organizar (?:a )?minha vida"),
     PLAN_TOMORROW, "daily"),
    (re.compile(r"get fit(?:ter)?|get in(?:to)? shape|be fit(?:ter)?|ponerme en forma|"
                r"estar en forma|fit werden|in form kommen|(?:être|me remettre) en forme|"
                r"ficar em forma|entrar em forma"), MOVE, "weekly:3"),
)  # fmt: skip
NEW_HABIT, NEW_GOAL = N_("New habit"), N_("New goal")
CASED = ("de",)  # languages whose nouns keep their capital inside a sentence
# A race as the goal ("run a half marathon"): the habit is the training for it
_RACE = (r"(?:(?:half|semi)[- ]?marathon|semi[- ]marat[oó]n|media marat[oó]n|meia[- ]maratona|"
         r"halbmarathon|marat[oó]n|marathon|maratona|ultra\w*|ironman|triat?hlon|triatl[oó]n|"
         r"\d+\s?km?\b(?! (?:a|per|each|every|3x)))")  # fmt: skip
_ARTICLE = (r"(?:a|an|my(?: first)?|the|una?|une|uma|um|mi primera?|mon premier|ma premi[eè]re|"
            r"meu primeiro|minha primeira|(?:m?einen?)(?: ersten)?)")  # fmt: skip
_RACE_GOAL = re.compile(rf"^(?P<verb>[^\W\d_]+)\s+(?P<race>{_ARTICLE}\s+{_RACE})(?:\s.*)?$")
_RACE_GOAL_VERB_LAST = re.compile(rf"^(?P<race>{_ARTICLE}\s+{_RACE})\s+(?P<verb>[^\W\d_]+)$")
_DO = {"do", "complete", "finish", "hacer", "completar", "terminar", "faire", "finir", "fazer",
       "machen", "schaffen"}  # fmt: skip
TRAIN_FOR = N_("Train for {race}")
_PER_SESSION = re.compile(r"\b(\d+)\s*(?:minutes?|mins?)\s*(?:per|a|each)\s*session\b")


def _strip_phrases(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + " " + text[end:]
    text = re.sub(r"\b(?:on|every|each|at|in the|by|for)\s*$", "", text.strip())
    return re.sub(r"\s+", " ", _FILLER.sub("", text.strip())).strip(" .,-")


def _fallback_title(chunk: str) -> str:
    """A title when stripping left nothing: the goal's own words, without filler."""
    return _FILLER.sub("", chunk.strip()).strip(" .,") or NEW_HABIT


def _protect_schedules(text: str) -> str:
    """Separators inside a schedule ("mon, wed and fri") must not split it into habits."""
    folded = fold(text)
    if len(folded) != len(text):
        return text
    for found in frequency_spans(folded):
        start, end = found.span
        inner = text[start:end].replace(",", "\x00").replace(" and ", " \x01 ")
        text = text[:start] + inner + text[end:]
    return text


def _habit_chunks(text: str, language: str) -> tuple[list[str], list[str]]:
    """Split a goal into habit-sized pieces and targets ("5k by june": a number, no frequency).

    Constraint-only pieces join the habit before them; a target becomes a milestone.
    """
    chunks: list[str] = []
    targets: list[str] = []
    pieces = (_SPLIT_EN if language == "en" else _SPLIT).split(_protect_schedules(text))
    for piece in (p.replace("\x00", ",").replace("\x01", "and").strip() for p in pieces):
        if not piece:
            continue
        if chunks and _TARGET.match(piece) and find_frequency(piece) is None:
            targets.append(piece)
        elif chunks and (_CONSTRAINT.match(piece) or not re.search(r"[a-z]{3,}", piece)):
            chunks[-1] = f"{chunks[-1]} {piece}"
        else:
            chunks.append(piece)
    return (chunks[:5] or [text]), targets


def _habit(t: Translator, chunk: str, today: date, minutes_per_week: int | None) -> PlannedHabit:
    """One habit of the plan; its schedule (a time of day, a session's length) in `t`'s words."""
    found = find_frequency(chunk)
    spans = [found.span] if found else []
    _, deadline_span = find_deadline(chunk, today)
    spans += [deadline_span] if deadline_span else []
    budget = re.search(
        r"\b(?:at most|max|up to|no more than)?\s*\d+\s*(?:hours?|hrs?|minutes?|mins?)\s*"
        r"(?:a|per|each|/)\s*(?:week|day|session)\b.*$|\b(?:at most|max|up to|no more than)\s.*$",
        chunk,
    )
    spans += [budget.span()] if budget else []
    category = guess_category(chunk)
    frequency = found.frequency if found else DEFAULT_FREQUENCY.get(category, "daily")
    title = _SESSION_LENGTH.sub(r"\1 min", _strip_phrases(chunk, spans)) or _fallback_title(chunk)
    when = find_time_of_day(chunk)
    if when:  # the time of day lives in the schedule, not the title
        title = without_time_of_day(_TIME_WORDS.sub(" ", title)).strip() or title
        title = re.sub(r"\s+", " ", re.sub(r"\b(?:every|each)\s*$", "", title)).strip()
    # German "(abends) zu meditieren", "20 Seiten zu lesen": the infinitive without its "zu"
    title = re.sub(r"(?:^|\s)zu\s+(?=\S+$)", " ", title, flags=re.IGNORECASE).strip()
    title = _training(t, title)
    schedule = time_of_day(t, when)
    if per_session := _per_session(chunk, frequency, minutes_per_week):
        length = t.gettext("about {minutes} min", minutes=per_session)
        schedule = f"{schedule}, {length}" if schedule else length
    return PlannedHabit(
        title=title[:1].upper() + title[1:120], frequency=frequency, schedule=schedule
    )


def _training(t: Translator, title: str) -> str:
    """A race's habit: its verb ("run a half marathon" → "run"), or "train for" it."""
    found = _RACE_GOAL.match(title) or _RACE_GOAL_VERB_LAST.match(title)
    if found is None:
        return title
    if found["verb"] in _DO:
        return t.gettext(TRAIN_FOR, race=found["race"])
    return found["verb"]


def _broad(t: Translator, text: str) -> list[PlannedHabit]:
    """The small first habit of a goal that is only a broad wish, else nothing."""
    wish = _FILLER.sub("", text.strip()).strip(" .!")
    for pattern, title, frequency in _BROAD:
        if pattern.fullmatch(wish):
            return [PlannedHabit(title=t.gettext(title), frequency=frequency)]
    return []


def _per_session(chunk: str, frequency: str, minutes_per_week: int | None) -> int | None:
    if match := _PER_SESSION.search(chunk):
        return int(match[1])
    if not minutes_per_week:
        return None
    sessions = parse_frequency(frequency).times_per_week
    return max(5, round(minutes_per_week / sessions / 5) * 5)


def _subgoals(
    t: Translator, habits: list[PlannedHabit], targets: list[str], start: date, end: date | None
) -> list[str]:
    """The plan's milestones in the member's language."""
    first = habits[0]
    how_often = describe_frequency(t, first.frequency)
    steps = [
        t.gettext(
            "This week: {habit} {how_often}",
            habit=_in_sentence(t, first.title),
            how_often=how_often,
        ),
        t.gettext("Reach a 2-week streak"),
        *(t.gettext("Reach {target}", target=target) for target in targets),
    ]
    if end is not None and (end - start).days >= 14:
        halfway = start + timedelta(days=(end - start).days // 2)
        steps.append(t.gettext("Halfway review on {day}", day=t.date(halfway, "dd MMM")))
        steps.append(t.gettext("Finish by {day}", day=t.date(end, "dd MMM y")))
    else:
        steps.append(t.gettext("Review the plan after 4 weeks"))
    return steps


def _as_written(title: str, text: str) -> str:
    """The habit's title with the letters' case the member typed ("20 Seiten lesen")."""
    start = text.lower().find(title.lower())
    if start >= 0:
        found = text[start : start + len(title)]
    else:  # words were taken out ("20 Seiten zu lesen"): each word as the member typed it
        typed = {word.lower(): word for word in re.findall(r"\w+", text)}
        found = re.sub(r"\w+", lambda m: typed.get(m.group(0).lower(), m.group(0)), title)
    return found[:1].upper() + found[1:]


def _in_sentence(t: Translator, title: str) -> str:
    """A title inside a sentence: lower case, except where case carries meaning (German nouns)."""
    return title if t.language in CASED else title.lower()


def offline_plan(request: PlanRequest, text: str) -> Plan:
    """A plan from the cleaned goal `text`: habits with canonical frequencies, dates, subgoals."""
    t = translator(request.language)
    if request.correction and request.previous is not None:
        return corrected_plan(request.previous, request.correction.lower(), request.today, t)
    lowered = text.lower() or "a new habit"
    minutes = request.minutes_per_week or find_minutes_per_week(lowered)
    # the opener goes before the goal is split: "mon objectif, c'est de …" has a comma
    chunks, targets = _habit_chunks(
        _FILLER.sub("", lowered.strip(), count=1) or lowered, t.language
    )
    broad = _broad(t, lowered)
    habits = broad or [_habit(t, chunk, request.today, minutes) for chunk in chunks]
    habits = [h.model_copy(update={"title": t.gettext(NEW_HABIT)}) if h.title == NEW_HABIT else h
              for h in habits]  # fmt: skip
    if t.language in CASED:
        habits = [h.model_copy(update={"title": _as_written(h.title, text)}) for h in habits]
    end = request.deadline or find_deadline(lowered, request.today)[0]
    if end is not None and end < request.today:
        end = None
    title = _FILLER.sub("", text.strip().split("\n")[0], count=1).strip(" .")[:120]
    title = title or t.gettext(NEW_GOAL)
    return Plan(
        title=title[:1].upper() + title[1:],
        category=guess_category(lowered),
        frequency=describe_frequency(t, habits[0].frequency),
        subgoals=_subgoals(t, habits, targets, request.today, end)[:8],
        habits=habits,
        start_date=request.today,
        end_date=end,
        notes=[t.gettext(BROAD_NOTE)] if broad else [],
    )


def corrected_plan(
    previous: Plan, correction: str, today: date, t: Translator | None = None
) -> Plan:
    """Apply a correction in words to a plan; `notes` says what changed and what could not
    (in the language of `t`, English by default)."""
    t = t or translator("en")
    notes: list[str] = []
    habits, found = _how_often(previous.habits, correction)
    if habits != previous.habits:
        how_often = describe_frequency(t, habits[0].frequency)
        notes.append(t.gettext("Changed how often: {how_often}.", how_often=how_often))
    if (when := find_time_of_day(correction)) is not None:
        habits = [h.model_copy(update={"schedule": time_of_day(t, when)}) for h in habits]
        notes.append(t.gettext("Changed the time of day: {when}.", when=time_of_day(t, when)))
    if (renamed := _RENAME.search(correction)) is not None:
        name = renamed["name"].strip()[:120]
        habits[0] = habits[0].model_copy(update={"title": name[:1].upper() + name[1:]})
        notes.append(t.gettext("Renamed the habit to “{title}”.", title=habits[0].title))
    update: dict = {"habits": habits, "frequency": describe_frequency(t, habits[0].frequency)}
    end, _ = find_deadline(correction, today)
    if end is not None and end >= previous.start_date:
        update["end_date"] = end
        notes.append(t.gettext("Changed the deadline to {day}.", day=t.date(end, "dd MMM y")))
    if not notes:
        notes.append(
            t.gettext(
                "I couldn't tell what to change from that; try “make it 4 times a week”, "
                "“mornings only”, “call it jogging” or “until March”."
            )
        )
    update["subgoals"] = _subgoals(
        t, habits, [], previous.start_date, update.get("end_date", previous.end_date)
    )
    update["title"] = _retitle(t, previous.title, habits[0].frequency, found)
    return Plan.model_validate(previous.model_dump() | update | {"notes": notes})


def _how_often(
    habits: list[PlannedHabit], correction: str
) -> tuple[list[PlannedHabit], Found | None]:
    """The habits with the frequency a correction asks for, and the phrase that said it."""
    found = find_new_frequency(correction)
    less = _LESS.search(fold(correction)) is not None
    if found is not None and less and found.frequency == habits[0].frequency:
        found = None  # "not every day, too much": the schedule it has, said to be too much
    if found is not None:
        return [h.model_copy(update={"frequency": found.frequency}) for h in habits], found
    if less:  # "fewer days", "menos": about 60 % as often
        return [h.model_copy(update={"frequency": easier_frequency(h.frequency) or h.frequency})
                for h in habits], None  # fmt: skip
    return list(habits), None


def _retitle(t: Translator, title: str, frequency: str, found: object) -> str:
    """The plan title with its old schedule words replaced by the new frequency's."""
    if found is None:
        return title
    old = find_frequency(title.lower())
    if old is None:
        return title
    start, end = old.span
    phrase, count = title[start:end], re.search(r"\d+", title[start:end])
    if count and old.frequency.startswith("weekly:") and frequency.startswith("weekly:"):
        new = phrase[: count.start()] + frequency[7:] + phrase[count.end() :]  # keeps its language
    else:
        new = describe_frequency(t, frequency)
    return (title[:start] + new + title[end:]).strip()[:120]
