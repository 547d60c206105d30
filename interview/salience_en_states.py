"""What an English phrase's neighbours say of it (interview/salience_en.py): the quantity it is counted in ("six
months of the flight data": the verb acts on the data), the thing it is added to ("a lower fee plus a bonus"), a
state a verb of being in puts the subject in ("I was running empty"), a person's condition ("he was diabetic" →
"him being diabetic") and what someone turned out to be doing ("they were backfilling from memory")."""
from __future__ import annotations

import re

import lemminflect

from interview.english_lexicon import parts_of_speech
from interview.english_word_classes import EN_ARTICLES, EN_NUMBER_WORDS, EN_PROBLEM, EN_STOP

# Verbs of becoming, seeming or keeping: with an adjective they describe how things went, no state the story names.
_BECOMING = frozenset("go get become turn seem look feel keep sound stay come".split())
_COPULAS = frozenset({"was", "is", "were", "are"})
_HOLDER = {"he": "him", "she": "her", "they": "them"}  # whose condition, as the object of "about"
_LINKING = frozenset("at in on of for with from to by after before during until since and but so".split())
_PARTITIVES = frozenset("part some most half all lot lots rest bit bunch couple none much many".split())


def quantity_before(lows: list[str], of: int) -> int:
    """Where the quantity before "of" starts ("part of the fee", "six months of the flight data", "a year of
    logs"), else -1: the verb before it acts on what the quantity is of."""
    if of > 0 and lows[of - 1] in _PARTITIVES:
        return of - 1
    counted = of > 1 and lows[of - 1] in EN_STOP and (en_number(lows[of - 2]) or lows[of - 2] in ("a", "an"))
    return of - 2 if counted else -1


def added_to(lows: list[str], i: int) -> bool:
    """The phrase at `i` is added to the one before it by an additive link ("plus a per-install bonus", "as well as
    a refund", "along with the keys"), with an article or nothing between."""
    before = lows[max(0, i - 4):i]
    while before and before[-1] in EN_ARTICLES:
        before.pop()
    return before[-1:] == ["plus"] or before[-3:] == ["as", "well", "as"] or before[-2:] == ["along", "with"]


def en_number(word: str) -> bool:
    """A count, in figures or words ("35", "10,000", "thirty-five")."""
    return all(part.replace(",", "").isdigit() or part in EN_NUMBER_WORDS for part in word.split("-") if part)


def state_at(text: str, words: list[re.Match], said: list[str], k: int) -> bool:
    """Words `k` and `k + 1`, after "was", "were" or "is", put the subject in a state: a verb's -ing form and a word
    that can only describe, said together, with no noun after it ("I was running empty", "the line was running
    hot", "we were running late"; not "running empty trailers", "it was passing, like, leaking", nor a verb of
    becoming or seeming: "was getting worse", "was looking good"); `said`: the words lower-cased."""
    if k < 1 or k + 1 >= len(said) or not said[k].endswith("ing") or said[k - 1] not in _COPULAS \
            or "VERB" not in parts_of_speech(said[k]) or text[words[k].end():words[k + 1].start()] != " ":
        return False
    kinds, after = parts_of_speech(said[k + 1]), said[k + 2] if k + 2 < len(said) else ""
    lemmas = lemminflect.getAllLemmas(said[k]).get("VERB", ())
    return "ADJ" in kinds and "NOUN" not in kinds and (said[k + 1] not in EN_STOP or said[k + 1] in EN_PROBLEM) \
        and not any(lemma in _BECOMING for lemma in lemmas) \
        and not (after and after not in EN_STOP and parts_of_speech(after) & {"NOUN", "PROPN"})


def condition_of(said: list[str], i: int, j: int) -> str:
    """How a person's condition is named when the phrase is one word that can describe, after "he was", "she is",
    "they were" and with no noun after it ("He said he was diabetic" → "him being diabetic"), else ""."""
    after = said[j + 1] if j + 1 < len(said) else ""
    if i != j or i < 2 or said[i - 1] not in _COPULAS or said[i - 2] not in _HOLDER or "ADJ" not in parts_of_speech(
            said[i]) or after and after not in EN_STOP and parts_of_speech(after) & {"NOUN", "PROPN"}:
        return ""
    return f"{_HOLDER[said[i - 2]]} being {said[i]}"


def holder_doing(text: str, words: list[re.Match], said: list[str], k: int) -> str:
    """What someone turned out to be doing, named with who ("they were backfilling from memory at the end of the
    week" → "them backfilling from memory"): a verb's -ing form after "he was", "they were", with its first
    phrase of a preposition (`said`: the words lower-cased); "" where word `k` is no such form."""
    if k < 2 or not said[k].endswith("ing") or said[k - 1] not in _COPULAS or said[k - 2] not in _HOLDER \
            or not parts_of_speech(said[k]) <= {"VERB", "NOUN"} or said[k] in ("being", "going", "getting"):
        return ""
    end = k
    for m in range(k + 1, min(k + 4, len(said))):
        if m > k + 1 and said[m] in _LINKING or text[words[m - 1].end():words[m].start()].strip():
            break  # "from memory | at the end of the week": the first phrase only; a comma or dash ends it
        end = m
    return f"{_HOLDER[said[k - 2]]} {text[words[k].start():words[end].end()]}"
