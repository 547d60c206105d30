"""Which parts of a story the answer has already told, read from how its sentences follow one another: what came
of it, the scene before the candidate acted, the candidate's own act. A follow-up never asks for a part told."""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from interview.cues import CUES, has
from interview.english_lexicon import past_verb
from interview.measured import DURATION, how_often
from interview.text import Token, tokens

if TYPE_CHECKING:
    from interview.reading import AnswerReading

# The candidate says they do not know their figures exactly ("정확한 숫자는 기억이 안 나는데", "I don't remember the
# exact numbers").
_UNSURE_OF_FIGURES = re.compile(r"(숫자|수치|정확한\s?(건|거|값)).{0,6}(기억이?\s?(안|잘\s?안|없)|기억\s?못|모르)|"
                                r"\b(don't|do not|can't|cannot) (remember|recall|know) the (exact|actual) "
                                r"(numbers?|figures?)|\bnot sure (of|about) the (exact )?(numbers?|figures?)",
                                re.IGNORECASE)
_RATE = re.compile(r"%|percent|퍼센트|배$|times$|x$")
# A count of things by its classifier ("두 곳", "열 개", "세 가지", "200명", "five stores")
_COUNT = re.compile(r"(곳|개|가지|군데|종류|명|건|권|장|마리|세대|박스|stores?|sites?|items?|things?|people|boxes)$",
                    re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;]\s*|(?<=[고서])\s+")  # "…정리해 드렸고, 그 뒤로 …", "…나눠서 보관했고 …"
# A clause of change: from one figure to another, or a verb of going up or down.
_CHANGE = re.compile(r"에서\s?\S+\s?(으)?로|줄었|줄였|줄어|늘었|늘렸|늘어|올랐|올렸|올라|내려|떨어|낮췄|높였|감소|증가|"
                     r"\bfrom\b.+\bto\b|\b(dropped|fell|rose|went (up|down)|increased|decreased|cut|reduced|"
                     r"doubled|halved|grew|climbed)\b", re.IGNORECASE)
# Words that put a sentence after what was done: "결국", "덕분에", "그 뒤로", "이후로", "나중에는", "다음부터".
_KO_SEQUEL_WORDS = frozenset({"결국", "덕분", "마침내"})
_KO_AFTER_NOUNS = frozenset({"뒤", "이후", "나중", "다음"})
_KO_AFTER_PARTICLES = frozenset({"에", "로", "부터", "에는", "로는"})
_EN_SEQUEL = re.compile(r"^(so,?\s+)?(in the end|eventually|finally|after that|since then|from then on|"
                        r"by (the end|then|the next|the time|\w+day|\w+ morning|january|february|march|april|may|"
                        r"june|july|august|september|october|november|december)|after (a|an|two|three|four|five|six|"
                        r"\d+|a few|about) \w+|within (a|an|two|three|\d+|a few) \w+)\b", re.IGNORECASE)
# a change, or what a search came to ("it turned out to be an internal bleed"), from the act on
_EN_CHANGE = re.compile(r"\b(went (up|down)|doubled|halved|turned out|ended up)\b", re.IGNORECASE)
_EN_WORD = re.compile(r"[A-Za-z]+")
_EN_I_DID = re.compile(r"\bI\s+(?:\w+ly\s+)?([a-z]+)")
_EN_SCENE = re.compile(r"^(when|while|during|once|at my|at the|last (year|month|week|summer|winter)|"
                       r"in my (last|previous|first))\b", re.IGNORECASE)
_KO_SCENE_ENDINGS = frozenset({"는데", "ㄴ데", "은데", "는데요", "ㄴ데요"})
# "제일 어려웠던 건 …", "그 주입률 정하는 게 제일 부담됐어요", "The hard part was …"
_KO_MOST = frozenset({"제일", "가장", "더"})  # "…게 더 힘들었어요": what was harder than the rest
_KO_HARD = frozenset({"어렵", "힘들", "부담", "까다롭", "고생", "애먹", "막막"})
_EN_HARD = re.compile(r"\b(the (hard|hardest|tricky|trickiest|difficult|toughest) (part|bit|thing)|the (real|main|big|"
                      r"biggest) (challenge|headache) was|what was hard|struggled)\b", re.IGNORECASE)
_EN_NOT_ACTS = frozenset({"be", "have", "do", "think", "feel", "seem", "say", "know", "want", "like", "get", "was"})


def told(aspect: str, reading: "AnswerReading") -> bool:
    """The answer already tells `aspect`: asking for it again would ask what the candidate has just said."""
    if aspect == "result":
        return tells_outcome(reading)
    if aspect == "situation":
        return sets_the_scene(reading)
    if aspect == "own_role":
        return tells_own_act(reading)
    if aspect == "difficulty":
        return any(_names_the_hard_part(s, reading.language) for s in reading.sentences)
    if aspect == "lesson":
        return bool(has(" ".join(reading.sentences), CUES[reading.language].lesson, reading.language))
    return False


def figures_outcome(reading: "AnswerReading") -> bool:
    """The answer states a figure as an outcome: a rate ("35 percent", "세 배"), or a number in a sentence that
    states a result (a span of time, "three months", is how long something took, and "담당 간호사 한 명" a count)."""
    figures = outcome_figures(reading)
    results = [s for s in reading.claims.results if s != reading.star.action] + [reading.star.result or ""]
    return any(_RATE.search(n) or any(n in s for s in results if s) for n in figures)


def outcome_figures(reading: "AnswerReading") -> list[str]:
    """The answer's figures that could be outcomes: not a span of time ("three months") nor how often something was
    done ("three times a week", "주 3회": a routine, whose measurement is no question), none the candidate says they
    do not know exactly, nor a count of things outside
    a change ("두 곳에 나눠서 키웠고", "질문을 열 개로 정리해서": what was made or set up, not what was measured;
    "하루 40건에서 6건으로 줄었고" is one)."""
    if _UNSURE_OF_FIGURES.search(" ".join(reading.sentences)):
        return []  # "정확한 숫자는 기억이 안 나는데…": how it was measured is no question to ask
    return [n for n in reading.claims.numbers
            if not DURATION.search(n) and not how_often(reading.sentences, n, reading.language)
            and not (_COUNT.search(n) and not _in_a_change(n, reading.sentences))]


def _in_a_change(number: str, sentences: tuple[str, ...]) -> bool:
    """The clause that holds `number` tells a change ("40건에서 6건으로 줄었고", "dropped from 40 to 6")."""
    clauses = (c for s in sentences for c in _CLAUSE_BREAK.split(s) if number in c)
    return any(_CHANGE.search(c) for c in clauses)


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
        return any(_EN_CHANGE.search(s) for s in later) or _en_goes_on(reading.sentences[_en_last_act(reading):])
    return any(_ko_goes_on(tokens(s, "ko"), k > 0) for k, s in enumerate(later))


def _en_goes_on(since_act: Sequence[str]) -> bool:
    """After the candidate's last act, a sentence of what followed ("In the end …", "By March he was …") or of
    what someone else did or became, in the past ("He was fine after ten minutes", "We got them out by six")."""
    for sentence in since_act[1:]:
        words = _EN_WORD.findall(sentence)
        if _EN_SEQUEL.search(sentence.strip()) or words and words[0] != "I" and any(past_verb(w) for w in words):
            return True
    return False


def _en_last_act(reading: "AnswerReading") -> int:
    """The last sentence in which the candidate says what they did ("I held it and paged the resident")."""
    acts = _own_acts(reading)
    return acts[-1] if acts else len(reading.sentences)


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
    own = _first_own_act(reading)
    start = own if own is not None else _act_index(reading)
    if start is None:
        return False
    if start > 0:
        return True  # "거래처 사장님이 … 요구하셨어요. 제가 …": the sentences before the candidate's act
    first = reading.sentences[0]
    if reading.language != "ko":
        return bool(_EN_SCENE.search(first.strip()))
    toks = tokens(first, "ko")
    return any(t.form in _KO_SCENE_ENDINGS and t.tag == "EC" for t in toks[:-3])


def tells_own_act(reading: "AnswerReading") -> bool:
    """The candidate says what they did themselves ("제가 … 만들었습니다", "저는 … 바꿨어요", "I held it")."""
    return bool(reading.claims.own_role or _own_acts(reading))


def _ko_own_act(toks: Sequence[Token]) -> bool:
    """A sentence of something done in the past whose doer is the candidate: "제가/저는 …", or no one else named as
    its subject (Korean leaves out "I": "협력사에 도금 두께 기준을 추가했습니다")."""
    did = any(t.tag.startswith(("VV", "XSV")) and i + 1 < len(toks) and toks[i + 1].form in ("었", "았", "였")
              for i, t in enumerate(toks))
    subjects = [toks[i - 1].form for i, t in enumerate(toks) if i > 0 and (
        t.tag == "JKS" or t.tag == "JX" and t.form in ("은", "는") and toks[i - 1].tag.startswith(("NN", "NP")))]
    return did and all(s in ("저", "제") for s in subjects[:1])


def _names_the_hard_part(sentence: str, language: str) -> bool:
    """The sentence says what was hardest: a superlative or comparative with a word of hardship ("제일 힘들었던 건
    …", "The hard part was …"); "X이 문제였어요" names a cause, not what was hard to get past."""
    if language != "ko":
        return bool(_EN_HARD.search(sentence))
    toks = tokens(sentence, "ko")
    return any(t.form in _KO_MOST for t in toks) and any(t.form in _KO_HARD for t in toks)


def _first_own_act(reading: "AnswerReading") -> int | None:
    """The first sentence in which the candidate says what they did themselves, or None."""
    own = _own_acts(reading)
    return own[0] if own else None


def _own_acts(reading: "AnswerReading") -> list[int]:
    """The sentences in which the candidate says what they did ("제가 … 바꿨어요", "I held it")."""
    if reading.language == "ko":
        return [k for k, s in enumerate(reading.sentences) if _ko_own_act(tokens(s, "ko"))]
    return [k for k, s in enumerate(reading.sentences)
            if any(past_verb(w) not in ("", *_EN_NOT_ACTS) for w in _EN_I_DID.findall(s))]


def _act_index(reading: "AnswerReading") -> int | None:
    """The sentence of the candidate's act (the story's action), or None when nothing is done in it."""
    action = reading.star.action
    return reading.sentences.index(action) if action in reading.sentences else None
