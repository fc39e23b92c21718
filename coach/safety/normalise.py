"""What the safety rules read: text folded to plain lower-case letters, and its de-obfuscated forms.

`normalise` undoes what changes how a text looks but not what it says: Unicode compatibility
forms (NFKC), invisible characters (zero-width spaces, joiners, soft hyphens, bidi marks),
look-alike Cyrillic and Greek letters, accents (German ß becomes ss), curly quotes, and
apostrophes ("don't" -> "dont", "j'ai" -> "jai"). `screen_forms` adds the forms people use to
slip past filters: leetspeak (k1ll, ki11, d13), masked letters (k*ll, su*cide), and spaced
letters (s u i c i d e, k.i.l.l), and drawn-out letters (diiiie).
"""

from __future__ import annotations

import re
import unicodedata

# Lower-case Cyrillic and Greek letters that render like Latin ones (after casefold).
_LOOKALIKES = str.maketrans(
    {
        "а": "a", "в": "b", "е": "e", "ё": "e", "з": "3", "и": "u", "і": "i", "ї": "i",
        "й": "u", "ј": "j", "к": "k", "л": "n", "м": "m", "н": "h", "о": "o", "п": "n",
        "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "ԁ": "d", "ԛ": "q",
        "ԝ": "w", "ѡ": "w", "ɡ": "g", "ı": "i", "ɩ": "i", "ℓ": "l",
        "α": "a", "β": "b", "γ": "y", "δ": "d", "ε": "e", "η": "n", "ι": "i", "κ": "k",
        "μ": "u", "ν": "v", "ο": "o", "ρ": "p", "σ": "o", "ς": "c", "τ": "t", "υ": "u",
        "χ": "x", "ω": "w", "ϲ": "c", "ϳ": "j",
        "ø": "o", "đ": "d", "ł": "l", "æ": "ae", "œ": "oe", "þ": "th",
    }
)  # fmt: skip
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'", "＇": "'"})
_LEET = {"0": "o", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g", "@": "a",
         "$": "s", "!": "i", "|": "l", "€": "e", "+": "t"}  # fmt: skip
_MASK = re.compile(r"[*#_%?]+")
_OBFUSCATED = re.compile(r"\S+")  # each token is de-leeted when `_disguised`
_TRICKS = frozenset("0123456789@$!|€+*#_%?")
_PAIR = re.compile(r"[a-z][0-9@$!|€+*#_%?]|[0-9@$!|€+*#_%?][a-z]")  # a letter beside a trick
# "5k", "3x10", "7am", "2nd", "10km": figures, not leetspeak
_QUANTITY = re.compile(r"\d+(?:[.,:x]\d+)*(?:[a-z]{1,3})?")
_TELLS = re.compile(r"\b[a-z][ .\-_*]{1,2}[a-z][ .\-_*]{1,2}[a-z]\b|([a-z])\1\1")
_SPACED = re.compile(r"\b(?:[a-z][ .\-_*]{1,2}){2,}[a-z]\b")
_DRAWN_OUT = re.compile(r"([a-z])\1{2,}")
_NOT_WORD = re.compile(r"[^a-z0-9 ]+")
_SPACES = re.compile(r"\s+")


def _class_of(categories: tuple[str, ...], ranges: tuple[range, ...]) -> re.Pattern[str]:
    """A character class of every code point in `ranges` whose category is in `categories`."""
    chars = [chr(c) for r in ranges for c in r if unicodedata.category(chr(c)) in categories]
    return re.compile("[" + "".join(re.escape(ch) for ch in chars) + "]+")


_PLANES = (range(0x80, 0x10000), range(0xE0000, 0xE1000))
# zero-width characters, soft hyphens, bidi and tag marks; broken UTF-16 halves
_INVISIBLE = re.compile(_class_of(("Cf",), _PLANES).pattern[:-2] + "\ud800-\udfff]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")
_MARKS = _class_of(("Mn", "Me"), _PLANES)


def fold(text: str) -> str:
    """NFKC, no control or invisible characters, look-alikes and accents folded, lower case."""
    if text.isascii():
        return _CONTROL.sub(" ", text).lower().replace("'", "").replace("`", "")
    value = _INVISIBLE.sub("", _CONTROL.sub(" ", text))
    value = unicodedata.normalize("NFKC", value)
    value = value.casefold().translate(_LOOKALIKES).translate(_QUOTES)
    value = _MARKS.sub("", unicodedata.normalize("NFKD", value))
    return value.replace("'", "")


def normalise(text: str) -> str:
    """Folded text as lower-case letters, digits and single spaces: what the rules match."""
    return _SPACES.sub(" ", _NOT_WORD.sub(" ", fold(text))).strip()


def screen_forms(text: str) -> tuple[str, ...]:
    """The distinct forms of `text` the crisis rules are run on (plain first)."""
    folded = fold(text)
    forms = [_SPACES.sub(" ", _NOT_WORD.sub(" ", folded)).strip()]
    tricked = _PAIR.search(folded) is not None and any(map(_disguised, folded.split()))
    if not (tricked or _TELLS.search(folded)):
        return tuple(forms)
    for one in ("i", "l"):  # "k1ll" wants i, "ki11" wants l
        clear = _OBFUSCATED.sub(lambda m, one=one: _deleet(m.group(0), one), folded)
        clear = _SPACED.sub(lambda m: re.sub(r"[ .\-_*]", "", m.group(0)), clear)
        clear = _SPACES.sub(" ", _NOT_WORD.sub(" ", clear)).strip()
        forms += [clear, _DRAWN_OUT.sub(r"\1\1", clear), _DRAWN_OUT.sub(r"\1", clear)]
    return tuple(dict.fromkeys(forms))


def _disguised(token: str) -> bool:
    """True for a word with digits or symbols standing in for letters ("k1ll", "d!e", "su*cide")."""
    core = token.strip('.,;:!?"()[]')
    return _PAIR.search(core) is not None and not _QUANTITY.fullmatch(core)


def _deleet(token: str, one: str) -> str:
    """One token with digits and symbols read as the letters they stand for."""
    if not _disguised(token):
        return token
    core = token.strip('.,;:!?"()[]')
    letters = "".join(_LEET.get(ch, one if ch == "1" else ch) for ch in core)
    if _MASK.search(letters):
        letters = unmask(letters)
    return token.replace(core, letters) if core else token


# Words people mask with * or # to get past filters ("k*ll", "su*cide", "d*e").
_MASKED_WORDS = (
    "kill", "killing", "die", "dying", "dead", "death", "suicide", "suicidal", "myself", "self",
    "harm", "cut", "cutting", "hang", "murder", "unalive", "overdose", "pills", "end", "life",
    "morir", "morirme", "matar", "matarme", "suicidio", "suicidarme", "muerte", "sterben",
    "umbringen", "selbstmord", "suizid", "mourir", "suicider", "tuer", "morrer", "suicidar",
)  # fmt: skip


def unmask(word: str) -> str:
    """`word` with its masked letters filled in when exactly one masked word fits, else as is."""
    pattern = re.compile(_MASK.sub(lambda m: f"[a-z]{{1,{len(m.group(0)) + 1}}}", word))
    fits = [w for w in _MASKED_WORDS if pattern.fullmatch(w)]
    return fits[0] if len(set(fits)) == 1 else _MASK.sub("", word)
