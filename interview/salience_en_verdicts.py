"""The English candidate's own verdicts on what mattered (interview/salience_en.py): "the cache invalidation was the
scary part", a pseudo-cleft with any verb ("what really worried me was his urine output", "the part that kept me up
at night was …"); the verdict's label ("the scary part", "the part") names nothing."""
from __future__ import annotations

import re

from interview.english_word_classes import EN_STOP, EN_VERB_FORMS
from interview.salience_scores import STRESS_BONUS

EN_CUE_GAP = 16  # characters between a finding cue and its phrase ("to be an", "his", "one")
EN_LABELS = frozenset({"thing", "part", "bit", "side", "piece"})
_EN_VERDICT_HEADS = EN_LABELS | {"key", "cause", "reason", "culprit"}  # "the root cause was X": X is the news
# The candidate's verdict on a thing just named: "the cache invalidation was the scary part", "that volunteer was the
# thing that made it work"; the label itself ("the scary part") names nothing.
_EN_VERDICT_AFTER = re.compile(r"^\s*(?:was|is|were|became)\s+(?:the|my|our)\s+(?:\w+\s+){0,2}?(?:part|bit|thing|key|"
                               r"problem|challenge|worry|difference|crux|turning point)\b|"
                               # "I was running empty, which is the worst": a superlative on what was just said
                               r"^\W*,\s*which\s+(?:is|was)\s+(?:\w+\s+)?the\s+(?:worst|best|most\s+\w+|\w+iest|"
                               r"hardest|toughest|biggest)\b", re.IGNORECASE)
_EN_VERDICT_LABEL = re.compile(r"\b(?:was|is|were|became)\s+(?:the|my|our)\s+$", re.IGNORECASE)
# A pseudo-cleft with any verb: "What really worried me was his urine output", "what made it work was the sheet",
# also headed by a noun of stress: "The thing I'm proudest of is …", "the hard part was …", "The one that …".
_EN_PSEUDO_CLEFT = re.compile(r"(?:^|[,;:]\s*)\W*(?:(?:but|and|so|honestly|actually|frankly|really|still)\W+){0,3}"
                              r"(?:what|the\s+(?:[\w-]+\s+)?(?:thing|part|bit|one))\s+"
                              r"(?:[\w']+\s+){0,10}?(?<!\bi )(?<!\bit )(?<!\bwe )(?<!\bhe )(?<!she )(?<!they )"
                              r"(?:was|is)\b", re.IGNORECASE)  # "the thing that I was most worried about was …"


_THAT_CLAUSE = re.compile(r"\s*that\b", re.IGNORECASE)


def verdict(text: str, words: list[re.Match], lows: list[str], span_at: tuple[int, int], score: float) -> float:
    """The score with the verdict on the phrase: stressed, or nothing for its label ("root cause" before "was");
    `lows`: the words as read, a verb as "doing"."""
    i, j = span_at
    spans = [(m.start(), m.end()) for m in _EN_PSEUDO_CLEFT.finditer(text)]
    head = words[j].group(0).lower() in _EN_VERDICT_HEADS
    if head and (_EN_VERDICT_LABEL.search(text[:words[i].start()]) or re.match(r"\s+(?:was|is)\b", text[
            words[j].end():]) or any(start <= words[i].start() < end for start, end in spans)):
        return 0.0  # the label of a verdict or of a pseudo-cleft ("the part that kept me up at night was …")
    clefts = [end for _, end in spans]
    stressed = _EN_VERDICT_AFTER.match(text[words[j].end():]) or any(
        _clause_object(text, words, lows, end, i) if _THAT_CLAUSE.match(text, end) else
        0 <= words[i].start() - end <= EN_CUE_GAP for end in clefts)
    return score + STRESS_BONUS * bool(stressed)



def _clause_object(text: str, words: list[re.Match], lows: list[str], end: int, i: int) -> bool:
    """Word `i` opens the object of the clause a pseudo-cleft ends in ("what really got me was that the owner had
    taped over the thermometer display": the display, not the owner; "what saved us was that I'd set up cameras")."""
    verbs = [k for k in range(i) if words[k].start() >= end and _verb(lows[k])]
    return bool(verbs) and all(lows[m] in EN_STOP for m in range(verbs[0] + 1, i))


def _verb(word: str) -> bool:
    return word == "doing" or word in EN_VERB_FORMS or len(word) > 4 and word.endswith("ed")
