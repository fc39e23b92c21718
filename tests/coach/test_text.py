"""Input cleaning: empty, enormous, binary-looking and mixed-script text never raises."""

from __future__ import annotations

import os

from coach.text import MAX_INPUT_CHARS, clean_text


def test_plain_text_is_normalised_and_kept() -> None:
    cleaned = clean_text("  Ran 5\u00a0km   today!\r\n\r\n\r\n\r\nFelt great\u200b ")
    assert cleaned.text == "Ran 5 km today!\n\nFelt great"
    assert cleaned.notice is None and not cleaned.unreadable and not cleaned.truncated


def test_empty_and_blank_text() -> None:
    for value in ("", "   ", "\n\t", None, "\x00\x07"):
        cleaned = clean_text(value)
        assert cleaned.empty and cleaned.notice


def test_enormous_text_is_cut_at_the_limit() -> None:
    cleaned = clean_text("a" * 100_000)
    assert len(cleaned.text) == MAX_INPUT_CHARS and cleaned.truncated
    assert "20,000" in (cleaned.notice or "")
    assert clean_text("word " * 50, limit=20).text == "word word word word"


def test_binary_looking_text_is_refused() -> None:
    cleaned = clean_text(os.urandom(3000).decode("latin-1"))
    assert cleaned.binary and cleaned.text == "" and "binary" in (cleaned.notice or "")
    assert clean_text("\ufffd" * 40 + "hello").binary


def test_alphabets_mixed_inside_words_are_refused_but_bilingual_text_is_fine() -> None:
    assert clean_text("I wаnt to run").mixed_script  # Cyrillic а in a Latin word
    assert clean_text("Рaypal login").mixed_script
    bilingual = clean_text("Сегодня I ran 5 km, было здорово! Καλημέρα. 今日は走った")
    assert not bilingual.unreadable and bilingual.text.startswith("Сегодня")


def test_accents_and_emoji_are_ordinary_text() -> None:
    cleaned = clean_text("Café run ☕️ naïve 🏃‍♀️ über")
    assert not cleaned.unreadable and "Café" in cleaned.text
