"""Safety rules: crisis language in many phrasings, no alarm on figures of speech, output checks."""

from __future__ import annotations

import uuid

import pytest

from coach.safety import SAFETY_MESSAGE, Crisis, check_output, normalise, screen
from storage.db import Sessions
from storage.models import User
from storage.safety import mark_mentor_notified, record_safety_event, safety_events


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("I want to end it all", "suicide"),
        ("honestly kms", "suicide"),
        ("there's no reason to live anymore", "suicide"),
        ("I want to kill myself", "suicide"),
        ("thinking about killing my self tonight", "suicide"),
        ("I don't want to be alive", "suicide"),
        ("I don’t want to wake up tomorrow", "suicide"),  # curly apostrophe
        ("I wish I was dead", "suicide"),
        ("everyone would be better off without me", "suicide"),
        ("I have nothing to live for", "suicide"),
        ("I'm going to take my own life", "suicide"),
        ("I feel suicidal", "suicide"),
        ("I can't go on like this", "suicide"),
        ("I want to die", "suicide"),
        ("i'm planning to take all my pills", "suicide"),
        ("I've been cutting myself again", "self_harm"),
        ("I want to hurt myself", "self_harm"),
        ("self-harm urges are back", "self_harm"),
        ("I keep hurting myself when I'm upset", "self_harm"),
        ("thinking of burning myself", "self_harm"),
        ("I cut myself again last night", "self_harm"),
        ("I'm going to hurt him", "harm_to_others"),
        ("I want to kill my boss", "harm_to_others"),
        ("im gonna stab that guy", "harm_to_others"),
        ("I'll kill her tonight", "harm_to_others"),
        ("I WANT TO END IT ALL!!!", "suicide"),
        ("life isn't worth living", "suicide"),
        ("I'm so tired of being alive", "suicide"),
        ("I hope I never wake up", "suicide"),
        ("I want my ex dead", "harm_to_others"),
    ],
)
def test_crisis_language_is_found(text: str, category: str) -> None:
    crisis = screen(text)
    assert isinstance(crisis, Crisis) and crisis.category == category and crisis.phrase


@pytest.mark.parametrize(
    "text",
    [
        "this workout is killing me",
        "I could kill for a pizza",
        "dead tired after the run",
        "I killed it at the gym today",
        "I'm going to kill this workout",
        "my mom is going to kill me if I skip again lol",
        "I'm dying to try the new class",
        "did suicide sprints at basketball practice",
        "I'm going to shoot him a message later",
        "I'll take it all back, the run was fine",
        "my legs are dead",
        "deadlift PR today!",
        "I'm tired of living on takeout, time to cook",
        "the deadline is killing me",
        "I hurt myself at the gym yesterday",
        "burned myself cooking dinner",
        "cut myself shaving, ouch",
        "",
    ],
)
def test_figures_of_speech_raise_no_alarm(text: str) -> None:
    assert screen(text) is None


def test_the_safety_message_names_real_resources() -> None:
    for resource in ("988", "116 123", "findahelpline.com", "emergency"):
        assert resource in SAFETY_MESSAGE


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("It sounds like you have depression.", "diagnosis"),
        ("You may be suffering from an anxiety disorder.", "diagnosis"),
        ("She seems to have ADHD.", "diagnosis"),
        ("I would diagnose this as burnout.", "diagnosis"),
        ("Try taking melatonin before bed.", "medication"),
        ("Stop taking your meds for a week.", "medication"),
        ("Increase your dose of sertraline.", "medication"),
        ("Take 200 mg of ibuprofen.", "medication"),
    ],
)
def test_diagnosis_and_medication_advice_is_caught(text: str, kind: str) -> None:
    assert check_output(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "Great job on your 12-day streak! Try a 10-minute walk after lunch.",
        "If low moods keep coming back, talking to a doctor or therapist can help.",
        "You have 3 check-ins left this week.",
        "Take a short break and drink some water.",
        "You have to add one more run to reach your goal.",
        "You seem to have found a rhythm that works.",
    ],
)
def test_ordinary_coaching_passes_the_output_check(text: str) -> None:
    assert check_output(text) is None


async def test_safety_events_are_stored_and_marked_notified(sessions: Sessions) -> None:
    async with sessions() as session, session.begin():
        user = User(id=uuid.uuid4(), name="Ana")
        session.add(user)
    async with sessions() as session, session.begin():
        event = await record_safety_event(
            session, user_id=user.id, category="suicide", source="chat"
        )
    async with sessions() as session, session.begin():
        await mark_mentor_notified(session, event_id=event.id, at=event.created_at)
    async with sessions() as session:
        (stored,) = await safety_events(session, user_id=user.id)
        assert (stored.id, stored.category, stored.source) == (event.id, "suicide", "chat")
        assert stored.mentor_notified_at is not None and stored.reviewed is False
        assert await safety_events(session, user_id=uuid.uuid4()) == []


@pytest.mark.parametrize(
    ("text", "category", "language"),
    [
        ("i want to k*ll myself", "suicide", "en"),  # masked
        ("k1ll mys3lf", "suicide", "en"),  # leetspeak
        ("ki11 myself", "suicide", "en"),
        ("end my li\u200bfe", "suicide", "en"),  # zero-width space
        ("sui\u00adcidal", "suicide", "en"),  # soft hyphen
        ("k\u0456ll myself", "suicide", "en"),  # Cyrillic і
        ("kíll myself", "suicide", "en"),  # accent
        ("s u i c i d e", "suicide", "en"),  # spaced letters
        ("i want to diiiie", "suicide", "en"),  # drawn out
        ("ＫＩＬＬ ＭＹＳＥＬＦ", "suicide", "en"),  # full-width (NFKC)
        ("unalive myself", "suicide", "en"),
        ("thinking of taking all my pills", "suicide", "en"),
        ("I have a plan to end it", "suicide", "en"),
        ("i just want to sleep and never wake up", "suicide", "en"),
        ("no one would care if i died", "suicide", "en"),
        ("I'm thinking of jumping in front of a train", "suicide", "en"),
        ("im such a burden to everyone", "suicide", "en"),
        ("goodbye everyone, thank you for everything", "suicide", "en"),
        ("I've been cutting again", "self_harm", "en"),
        ("quiero morirme", "suicide", "es"),
        ("me volví a cortar", "self_harm", "es"),
        ("voy a matar a mi vecino", "harm_to_others", "es"),
        ("ich will nicht mehr leben", "suicide", "de"),
        ("ich ritze mich wieder", "self_harm", "de"),
        ("je veux mourir", "suicide", "fr"),
        ("je me suis encore scarifiée", "self_harm", "fr"),
        ("não quero mais viver", "suicide", "pt"),
        ("voltei a me cortar", "self_harm", "pt"),
        # indirect forms, after the held-out set (bench/corpus/understanding/crisis_heldout.jsonl)
        ("got the pills and im ready", "suicide", "en"),  # a means, then a last word
        ("bye everyone, forgive me", "suicide", "en"),
        ("i'd rather be dead than keep going like this", "suicide", "en"),
        ("what if i just didnt wake up", "suicide", "en"),
        ("im ending it tonight", "suicide", "en"),
        ("been having suicidal thoughts since the breakup", "suicide", "en"),
        ("used to self harm, stopped for a year, relapsed last night", "self_harm", "en"),
        ("scratched my arms till they bled", "self_harm", "en"),
        ("ya tengo las pastillas preparadas", "suicide", "es"),
        ("mis papás vivirían en paz sin mí", "suicide", "es"),
        ("adiós, las quiero mucho, perdónenme", "suicide", "es"),
        ("me quemé a propósito con el encendedor", "self_harm", "es"),
        ("ich werf mich vor die bahn", "suicide", "de"),
        ("meine eltern wären ohne mich glücklicher", "suicide", "de"),
        ("ich bin müde vom leben", "suicide", "de"),
        ("ich will mir etwas antun", "self_harm", "de"),
        ("ich will ihm was antun", "harm_to_others", "de"),
        ("j'ai acheté une corde, c'est fini", "suicide", "fr"),
        ("mes parents seraient plus tranquilles sans moi", "suicide", "fr"),
        ("je voudrais ne jamais me réveiller", "suicide", "fr"),
        ("je me suis griffée exprès", "self_harm", "fr"),
        ("je veux faire du mal à ma sœur", "harm_to_others", "fr"),
        ("comprei uma corda, acabou", "suicide", "pt"),
        ("minha família ficaria em paz sem mim", "suicide", "pt"),
        ("não tenho força pra viver", "suicide", "pt"),
        ("me cortei de propósito", "self_harm", "pt"),
        ("i keep imagining my funeral", "suicide", "en"),
        ("death feels like the only way out", "suicide", "en"),
        ("la muerte es la única salida", "suicide", "es"),
        ("ich hab mich gestern selbst verletzt", "self_harm", "de"),
        ("je me sens de trop sur terre", "suicide", "fr"),
        ("je me brûle quand ça va mal", "self_harm", "fr"),
        ("me queimei de novo", "self_harm", "pt"),
    ],
)
def test_disguised_and_other_language_crisis_language_is_found(
    text: str, category: str, language: str
) -> None:
    crisis = screen(text)
    assert crisis is not None and (crisis.category, crisis.language) == (category, language)


@pytest.mark.parametrize(
    "text",
    [
        "I could murder a pizza",
        "shoot for 5k this weekend",
        "my legs want to die after leg day",
        "end my life of procrastination",
        "me muero de hambre",
        "este entreno me está matando",
        "ich bin todmüde",
        "das Training bringt mich um",
        "je meurs de faim",
        "ce cours va me tuer",
        "morrendo de fome kkk",
        "esse treino tá me matando",
        "I can't go on a run today, it's raining",
        "ran 10k at 7am, 3x10 squats after",
        "watched a video about suicide prevention at work",  # the subject, not the self
        "el documental sobre el suicidio de la tarde fue muy bueno",
        "ich habe ein referat über selbstverletzung gehalten",
        "le livre parle d'une fille qui se suicide",
        "li um artigo sobre automutilação",
        "i'll be dead by tomorrow after this leg day",  # hyperbole around the new forms
        "i'd rather die than run in the rain",
        "bye everyone, see you at the run club",
        "tengo las pastillas listas para el viaje",
        "volví a lastimarme la rodilla corriendo",
        "endlich fertig mit allem, gehe jetzt schlafen",
        "ich will für immer weg aus dieser stadt",
        "j'ai une corde à sauter pour le cardio",
        "ce soir j'en finis avec ce dossier",
        "quero sumir das redes uns dias",
        "guardei todos os remédios na gaveta",
        "im tired of waking up at 5 for work",
        "je me coupe souvent les ongles trop court",
        "me machuquei de novo no futebol",
        "quero sumir pra praia uma semana",
    ],
)
def test_hyperbole_in_five_languages_stays_ordinary(text: str) -> None:
    assert screen(text) is None


def test_normalise_folds_what_changes_the_look_but_not_the_words() -> None:
    assert normalise("Don’t\u200b STOP — Ich bin müde, ñ!") == "dont stop ich bin mude n"
    assert normalise("10 mg\x00") == "10 mg"  # digits stay: check_output reads doses


@pytest.mark.parametrize(
    "text",
    [
        "watched a video about suicide and now i want to do it",
        "the book is about suicide, kind of how I feel",
        "vi un documental sobre el suicidio y me siento igual",
        "ich habe ein buch über suizid gelesen und ich will das auch",
        "j'ai vu un film sur le suicide, moi aussi je veux",
        "li um artigo sobre suicídio e eu quero fazer isso também",
        "podcast about self harm, same here honestly",
    ],
)
def test_the_subject_turned_on_oneself_is_crisis_language(text: str) -> None:
    assert screen(text) is not None
