"""Where a Korean sentence turns for a listener (interview/salience_ko.py): what the candidate saw for themselves
(the retrospective -더- of "…쓰고 있더라고요"), what they learned ("…뒤라는 얘기를 듣고"), and a noun the analyser
read as an adverb in context ("대체 숙소 목록을" as 대체/MAG)."""
from __future__ import annotations

from functools import lru_cache

from interview.text import Token, tokens

# A reported clause: "…라는 / …다는 (얘기, 걸)" before a verb of hearing or learning.
_KO_REPORTED = frozenset({"라는", "다는", "는다는", "ㄴ다는", "이라는"})
_KO_CLAUSE_ENDS = frozenset({"지만", "는데도", "더니"})
_NOWHERE = 1 << 30
_KO_LEARNED = frozenset({"듣", "알"})


def retrospective(words: list[list[Token]]) -> int:
    """Where the last clause of a sentence ending in the retrospective -더- starts ("증착 장비는 … 높은데 노광 장비는
    거의 수입이더라고요" → 노광): the speaker reports what they found there; past the end when there is none, or
    when an honoured person acts in it ("어르신이 먼저 전화를 기다리시더라고요": how someone took it, an outcome)."""
    flat = [t for w in words for t in w]
    # a clause ends at a comma or a connective ("…했는데", "높은데" as 은/ETM 데/NNB, "…지만")
    breaks = [k for k, t in enumerate(flat) if t.tag == "SP" or t.tag == "EC" and (t.form.endswith("데") or t.form
              in _KO_CLAUSE_ENDS) or t.tag == "NNB" and t.form == "데"]
    clause = flat[max(breaks, default=-1) + 1:]
    if not any(t.tag == "EF" and t.form.startswith("더") for t in clause) or any(
            t.tag == "EP" and t.form in ("시", "으시") for t in clause):
        return _NOWHERE
    return clause[0].start if clause else _NOWHERE


def heard_before(words: list[list[Token]]) -> int:
    """Where a clause the candidate heard or learned ends ("결혼식이 석 달 뒤라는 얘기를 듣고"), or -1: the things
    named inside it are what they found out."""
    flat = [t for w in words for t in w]
    for k, tok in enumerate(flat):
        if tok.tag == "ETM" and tok.form in _KO_REPORTED or tok.tag == "EC" and tok.form in ("라고", "다고"):
            # the verb of hearing follows within the noun it modifies and its particle ("얘기를 듣고", "걸 알고")
            if any(t.tag.startswith("VV") and t.form in _KO_LEARNED for t in flat[k + 1:k + 4]):
                return tok.start
    return -1


def adverb_read_as_noun(word: list[Token], nouns_next: list[Token]) -> bool:
    """An 어절 the analyser read as an adverb in context, before a noun, that it reads as a noun on its own: "대체 숙소"
    (an adverb modifies a predicate; before a noun phrase it is the first word of the phrase)."""
    return len(word) == 1 and word[0].tag == "MAG" and len(word[0].form) >= 2 and bool(nouns_next) and \
        nouns_next[0].tag in ("NNG", "NNP") and _alone_a_noun(word[0].form)


@lru_cache(maxsize=1024)
def _alone_a_noun(form: str) -> bool:
    alone = tokens(form, "ko")
    return len(alone) == 1 and alone[0].tag == "NNG"


def labels_its_clause(before: list[list[Token]]) -> bool:
    """The 어절 before a copula's complement are "X이 되는 게" (a clause with its own argument, then 것 and a particle):
    the complement labels that clause ("국제진료센터 팀장이 되는 게 목표입니다"), unlike "제일 힘들었던 건 X였어요", whose
    clause leaves its thing to the complement."""
    if len(before) < 3 or not before[-1] or not before[-2] or not before[-3]:
        return False
    thing, verb, argument = before[-1], before[-2], before[-3]
    return thing[0].tag == "NNB" and thing[0].form in ("것", "거") and thing[-1].tag in ("JKS", "JX") and \
        verb[-1].tag == "ETM" and argument[-1].tag in ("JKS", "JKC", "JKO")


def counts_or_times(word: list[Token], before: list[Token]) -> bool:
    """An 어절 that opens with a bound noun after a number ("세 시쯤", "두 명이"): a count or a clock time, never the
    first word of a name ("세 시쯤 CCTV에" names CCTV)."""
    return bool(word) and bool(before) and word[0].tag == "NNB" and before[-1].tag in ("MM", "SN", "NR")


def nominalized(word: list[Token]) -> bool:
    """A verb made a noun by -기 ("만들기"): inside a compound ("토기 만들기 체험") it is one of its words."""
    return len(word) == 2 and word[0].tag.startswith("VV") and word[1].tag == "ETN" and word[1].form == "기"


def background(tail: list[Token]) -> bool:
    """The phrase is what the scene was, a past copula leading on with 는데 ("전 회사가 이커머스였는데 …",
    "리모델링이었는데 …"): the background of the story, not its news (not "…인데요," which stresses it)."""
    forms = [(t.tag, t.form) for t in tail]
    leads_on = any(a[0] == "ETM" and b[1] == "데" for a, b in zip(forms, forms[1:])) and forms[-1][1] != "요"
    return bool(forms) and forms[0][0] == "VCP" and ("EP", "었") in forms and leads_on
