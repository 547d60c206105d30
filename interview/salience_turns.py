"""Where a Korean sentence turns for a listener (interview/salience_ko.py): what the candidate saw for themselves
(the retrospective -더- of "…쓰고 있더라고요"), what they learned ("…뒤라는 얘기를 듣고"), and a noun the analyser
read as an adverb in context ("대체 숙소 목록을" as 대체/MAG)."""
from __future__ import annotations

from functools import lru_cache

from interview.text import Token, tokens

# A reported clause: "…라는 / …다는 (얘기, 걸)" before a verb of hearing or learning.
_KO_REPORTED = frozenset({"라는", "다는", "는다는", "ㄴ다는", "이라는", "라고", "다고"})
_KO_LEARNED = frozenset({"듣", "알", "전해 듣", "확인하"})


def retrospective(words: list[list[Token]]) -> bool:
    """The sentence ends in the retrospective -더- ("있더라고요", "많더라"): the speaker reports what they found."""
    return any(t.tag == "EF" and t.form.startswith("더") for w in words for t in w)


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
