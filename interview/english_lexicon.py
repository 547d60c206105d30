"""Parts of speech an English word can take, from lemminflect's bundled lexicon (no tagger or model to download):
enough to tell a thing the candidate named ("rota", "briefing") from a verb or an adjective ("happens", "leaving",
"postnatal") that a word-shape reading would take for one. The lexicon lists some nouns only as verbs ("bar",
"log"), so a base form it knows only as a verb is a noun where a noun stands (after "a", "the", another noun)."""
from __future__ import annotations

from functools import lru_cache

import lemminflect

_NOUNS = frozenset({"NOUN", "PROPN"})
_MODIFIERS = frozenset({"ADJ", "NUM"})


@lru_cache(maxsize=8192)
def _lemmas(word: str) -> dict[str, tuple[str, ...]]:
    return dict(lemminflect.getAllLemmas(word) or lemminflect.getAllLemmas(word.lower()))


def parts_of_speech(word: str) -> frozenset[str]:
    """The universal POS tags the lexicon knows for `word` (as written, then lower-cased); empty when unknown."""
    return frozenset(_lemmas(word))


def may_be_noun(word: str) -> bool:
    """A noun by the lexicon, or a word it does not know (a name, a trade word such as "rota" or "childminder")."""
    tags = parts_of_speech(word)
    return not tags or bool(tags & _NOUNS)


def _verb_only(word: str) -> bool:
    tags = parts_of_speech(word)
    return bool(tags) and not tags & (_NOUNS | _MODIFIERS)


def inflected_verb(word: str) -> bool:
    """An inflected form the lexicon knows only as a verb or adverb ("happens", "leaving", "told"): never a noun."""
    return _verb_only(word) and not any(word.lower() in lemmas for lemmas in _lemmas(word).values())


def bare_verb(word: str) -> bool:
    """A base form the lexicon knows only as a verb ("see", "bar"): a verb unless it stands where a noun does."""
    return _verb_only(word) and "VERB" in parts_of_speech(word) and not inflected_verb(word)


def plural_noun(word: str) -> bool:
    """A noun in the plural ("disputes", "orders"): a base-form verb after it is its verb ("disputes happen")."""
    nouns = _lemmas(word).get("NOUN", ())
    return word.lower().endswith("s") and bool(nouns) and word.lower() not in nouns


@lru_cache(maxsize=8192)
def past_verb(word: str) -> str:
    """The verb whose simple past `word` is and is not also its base form ("moved" → "move", "kept" → "keep";
    "set" and "read" are no evidence of the past), else ""."""
    low = word.lower()
    return next((lemma for lemma in _lemmas(low).get("VERB", ()) if low != lemma
                 and low in (lemminflect.getInflection(lemma, "VBD") or ())), "")


def simple_past(word: str) -> str:
    """The simple past of a base-form verb ("get" → "got"), else ""."""
    if "VERB" not in parts_of_speech(word.lower()) or past_verb(word):
        return ""
    return next(iter(lemminflect.getInflection(word.lower(), "VBD") or ()), "")


parts_of_speech("warm")  # loads the lexicon at start-up, not inside the first reply
