"""A second opinion on English keyword lists, on top of the shared reading (which decides for Korean).

Sentences people speak are held together by function words (articles, pronouns, prepositions, auxiliaries); a list
of buzzwords has almost none, whatever verbs ("learned", "achieved") hide in it. The reading's English check looks
for predicates, which such lists fool in both directions (see the coach's report for the requested fix).
"""
from __future__ import annotations

import re

from interview.reading import AnswerReading

FUNCTION_WORDS = frozenset(
    "a an the i i'm i've i'd me my we our us you your he she it its they them their this that these those "
    "to of in on at for with from by about into over after before during as than then so because and but or "
    "if when while was were is are am be been being have has had do did does will would can could should "
    "there here what which who how not no".split())
MIN_WORDS = 6  # below this the reading's "too short" decides
LIST_RATIO = 0.12  # share of function words under which it is a list, not sentences
SENTENCE_RATIO = 0.25  # share above which it reads as sentences, whatever the reading's English check said
_WORD = re.compile(r"[a-z']+")


def function_word_share(text: str) -> tuple[float, int]:
    """(share of function words, number of words) of an English text."""
    words = _WORD.findall(text.lower())
    return (sum(w in FUNCTION_WORDS for w in words) / len(words) if words else 0.0), len(words)


def keyword_list(reading: AnswerReading, answer: str) -> bool:
    """Whether the answer is a keyword list: the reading's verdict in Korean, the function-word share in English."""
    if reading.language != "en":
        return reading.keyword_stuffing
    share, words = function_word_share(answer)
    if words < MIN_WORDS:
        return reading.keyword_stuffing
    if share < LIST_RATIO:
        return True
    return reading.keyword_stuffing and share < SENTENCE_RATIO
