"""Parts of speech an English word can take, from lemminflect's bundled lexicon (no tagger or model to download):
enough to tell a thing the candidate named ("rota", "briefing") from a verb or an adjective ("see", "leaving",
"postnatal") that a word-shape reading would take for one."""
from __future__ import annotations

from functools import lru_cache

import lemminflect

_NOUNS = frozenset({"NOUN", "PROPN"})
_MODIFIERS = frozenset({"ADJ", "NUM"})


@lru_cache(maxsize=8192)
def parts_of_speech(word: str) -> frozenset[str]:
    """The universal POS tags the lexicon knows for `word` (as written, then lower-cased); empty when unknown."""
    found = lemminflect.getAllLemmas(word) or lemminflect.getAllLemmas(word.lower())
    return frozenset(found)


def may_be_noun(word: str) -> bool:
    """A noun by the lexicon, or a word it does not know (a name, a trade word such as "rota" or "childminder")."""
    tags = parts_of_speech(word)
    return not tags or bool(tags & _NOUNS)


def never_noun(word: str) -> bool:
    """The lexicon knows the word only as a verb, adverb or function word ("see", "happens", "leaving")."""
    tags = parts_of_speech(word)
    return bool(tags) and not tags & (_NOUNS | _MODIFIERS)


parts_of_speech("warm")  # loads the lexicon at start-up, not inside the first reply
