"""Pauses where a Korean speaker breathes: a comma after a long clause that ends in a connective ending.

espeak-ng pauses and resets its intonation at commas but knows nothing of Korean clause structure, so a
long interviewer sentence comes out as one breathless run. A connective ending (-고, -서, -는데, -지만,
-면, -며, -니까 ...) closing a word after enough syllables marks a clause end; a comma there gives the
listener (and a speech recogniser) the boundary. Short clauses are left alone: pausing after every
"하고" sounds halting.
"""
from __future__ import annotations

import re

CONNECTIVES = ("는데", "지만", "니까", "면서", "으면", "하면", "다면", "시고", "하고", "었고", "았고", "였고", "해서", "어서", "아서",
               "으며", "하며")  # verb endings only: a bare 서/고/게 is as often a particle or an adverb
MIN_CLAUSE_SYLLABLES = 7  # syllables since the last pause before a clause end earns a comma
_WORD = re.compile(r"\S+")
_HANGUL = re.compile("[\uac00-\ud7a3]")
_PAUSE = re.compile(r"[,.!?;:…]$")
_NOT_CLAUSE_ENDS = frozenset({"그리고", "그래서", "그러면", "그러니까", "하지만", "하고"})  # conjunctions open a clause


def clause_pauses(text: str) -> str:
    """`text` with a comma after each long clause that ends in a Korean connective ending."""
    out, since = [], 0
    for word in _WORD.findall(text):
        since += len(_HANGUL.findall(word))
        if _PAUSE.search(word):
            since = 0
        elif since >= MIN_CLAUSE_SYLLABLES and word not in _NOT_CLAUSE_ENDS and word.endswith(CONNECTIVES):
            word += ","
            since = 0
        out.append(word)
    return " ".join(out)
