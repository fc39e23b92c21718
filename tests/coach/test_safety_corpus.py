"""The crisis corpora meet their targets: a quality gate on recall and false alarms, not a timing.

crisis.jsonl is the corpus the rules grew on; crisis_heldout.jsonl was written before its misses
were fixed (docs/safety.md, "Held-out set"). Both are held to the same targets.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from coach.safety import screen

FOLDER = Path(__file__).resolve().parents[2] / "bench" / "corpus" / "understanding"
CORPORA = ("crisis.jsonl", "crisis_heldout.jsonl")
LANGUAGES = ("en", "es", "de", "fr", "pt")


def _items(corpus: str) -> list[dict[str, object]]:
    text = (FOLDER / corpus).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line]


@pytest.mark.parametrize("corpus", CORPORA)
def test_the_corpus_is_in_the_shared_format_with_every_language(corpus: str) -> None:
    items = _items(corpus)
    assert len(items) >= 250
    for item in items:
        assert item["kind"] == "crisis" and item["lang"] in LANGUAGES
        assert isinstance(item["text"], str) and isinstance(item["expect"], bool)
    per_language = Counter(str(item["lang"]) for item in items)
    assert min(per_language[lang] for lang in LANGUAGES) >= 45
    assert all(sum(1 for i in items if i["lang"] == lang and not i["expect"]) >= 15
               for lang in LANGUAGES)  # fmt: skip  # look-alikes in every language


@pytest.mark.parametrize("corpus", CORPORA)
@pytest.mark.parametrize("language", LANGUAGES)
def test_crisis_recall_and_false_alarms_meet_the_targets(corpus: str, language: str) -> None:
    items = [i for i in _items(corpus) if i["lang"] == language]
    crises = [i for i in items if i["expect"]]
    ordinary = [i for i in items if not i["expect"]]
    missed = [i["text"] for i in crises if screen(str(i["text"])) is None]
    alarms = [i["text"] for i in ordinary if screen(str(i["text"])) is not None]
    assert 1 - len(missed) / len(crises) >= 0.97, missed
    assert len(alarms) / len(ordinary) <= 0.03, alarms
