"""Which parts of a story the answer has already told, read from how its sentences follow one another: what came
of it, the scene before the candidate acted, the candidate's own act. A follow-up never asks for a part told."""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from interview.english_lexicon import past_verb
from interview.moving_on import DURATION
from interview.text import Token, tokens

if TYPE_CHECKING:
    from interview.reading import AnswerReading

_RATE = re.compile(r"%|percent|퍼센트|배$|times$|x$")
# Words that put a sentence after what was done: "결국", "덕분에", "그 뒤로", "이후로", "나중에는", "다음부터".
_KO_SEQUEL_WORDS = frozenset({"결국", "덕분", "마침내"})
_KO_AFTER_NOUNS = frozenset({"뒤", "이후", "나중", "다음"})
_KO_AFTER_PARTICLES = frozenset({"에", "로", "부터", "에는", "로는"})
_EN_SEQUEL = re.compile(r"^(so,?\s+)?(in the end|eventually|finally|after that|since then|from then on|"
                        r"by (the end|then|the next|the time|\w+day|\w+ morning|january|february|march|april|may|"
                        r"june|july|august|september|october|november|december)|after (a|an|two|three|four|five|six|"
                        r"\d+|a few|about) \w+|within (a|an|two|three|\d+|a few) \w+)\b", re.IGNORECASE)
_EN_CHANGE = re.compile(r"\b(went (up|down)|dropped|doubled|halved|rose|fell|stayed with us|never came back|"
                        r"signed|renewed)\b", re.IGNORECASE)
_EN_I_DID = re.compile(r"\bI\s+(?:\w+ly\s+)?([a-z]+)")
_EN_SCENE = re.compile(r"^(when|while|during|once|at my|at the|last (year|month|week|summer|winter)|"
                       r"in my (last|previous|first))\b", re.IGNORECASE)
_KO_SCENE_ENDINGS = frozenset({"는데", "ㄴ데", "은데", "는데요", "ㄴ데요"})
_EN_NOT_ACTS = frozenset({"be", "have", "do", "think", "feel", "seem", "say", "know", "want", "like", "get", "was"})


def told(aspect: str, reading: "AnswerReading") -> bool:
    """The answer already tells `aspect`: asking for it again would ask what the candidate has just said."""
    if aspect == "result":
        return tells_outcome(reading)
    if aspect == "situation":
        return sets_the_scene(reading)
    if aspect == "own_role":
        return tells_own_act(reading)
    return False


def figures_outcome(reading: "AnswerReading") -> bool:
    """The answer states a figure as an outcome: a rate ("35 percent", "세 배"), or a number in a sentence that
    states a result (a span of time, "three months", is how long something took, and "담당 간호사 한 명" a count)."""
    figures = [n for n in reading.claims.numbers if not DURATION.search(n)]
    results = [s for s in reading.claims.results if s != reading.star.action] + [reading.star.result or ""]
    return any(_RATE.search(n) or any(n in s for s in results if s) for n in figures)


def tells_outcome(reading: "AnswerReading") -> bool:
    """What came of it is told: a result sentence, a figure as an outcome, or a sentence after the candidate's act
    that goes on from it ("결국 …", "그 뒤로는 …", "붙였더니 …가 달라졌어요", "…고맙다고 하시더라고요" — the other
    side's response, "In the end …", "By March he was …")."""
    if reading.star.result is not None or figures_outcome(reading):
        return True
    start = _act_index(reading)
    if start is None:
        return False
    later = reading.sentences[start:]
    if reading.language != "ko":
        return any(_EN_SEQUEL.search(s.strip()) or _EN_CHANGE.search(s) for s in later[1:])
    return any(_ko_goes_on(tokens(s, "ko"), k > 0) for k, s in enumerate(later))


def _ko_goes_on(toks: Sequence[Token], after_act: bool) -> bool:
    for i, tok in enumerate(toks):
        if tok.form in _KO_SEQUEL_WORDS and tok.tag.startswith(("NNG", "MAG")):
            return True
        if tok.form in _KO_AFTER_NOUNS and tok.tag.startswith("NN") and i + 1 < len(toks) \
                and toks[i + 1].form in _KO_AFTER_PARTICLES and toks[i + 1].tag.startswith("J"):
            return True  # "그 뒤로", "이후에", "나중엔", "다음부터"
        if tok.form == "더니" and tok.tag == "EC" and i > 0 and toks[i - 1].form in ("었", "았", "였"):
            return True  # "붙였더니 분위기가 달라졌어요": what the act brought about
    # a sentence after the act whose last clause is someone else's doing, in the honorific ("…해 주셨어요")
    last_clause = toks[max((i for i, t in enumerate(toks[:-2]) if t.tag == "EC"), default=-1) + 1:]
    return after_act and any(t.form == "시" and t.tag == "EP" for t in last_clause)


def sets_the_scene(reading: "AnswerReading") -> bool:
    """The scene before the candidate acted is told: a situation sentence, a sentence before the act, or a clause
    of it before the act ("…가 계셨는데, 제가 …", "When the client rang, I …")."""
    if reading.star.situation is not None:
        return True
    start = _act_index(reading)
    if start is None:
        return False
    if start > 0:
        return True
    first = reading.sentences[0]
    if reading.language != "ko":
        return bool(_EN_SCENE.search(first.strip()))
    toks = tokens(first, "ko")
    return any(t.form in _KO_SCENE_ENDINGS and t.tag == "EC" for t in toks[:-3])


def tells_own_act(reading: "AnswerReading") -> bool:
    """The candidate says what they did themselves ("제가 … 만들었습니다", "저는 … 바꿨어요", "I held it")."""
    if reading.claims.own_role:
        return True
    if reading.language != "ko":
        return any(past_verb(w) not in ("", *_EN_NOT_ACTS) for s in reading.sentences
                   for w in _EN_I_DID.findall(s))
    return any(_ko_own_act(tokens(s, "ko")) for s in reading.sentences)


def _ko_own_act(toks: Sequence[Token]) -> bool:
    me = any(t.form in ("저", "제") and t.tag == "NP" and i + 1 < len(toks) and toks[i + 1].tag in ("JKS", "JX")
             for i, t in enumerate(toks))
    did = any(t.tag.startswith(("VV", "XSV")) and i + 1 < len(toks) and toks[i + 1].form in ("었", "았", "였")
              for i, t in enumerate(toks))
    return me and did


def _act_index(reading: "AnswerReading") -> int | None:
    """The sentence of the candidate's act (the story's action), or None when nothing is done in it."""
    action = reading.star.action
    return reading.sentences.index(action) if action in reading.sentences else None
