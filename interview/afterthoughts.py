"""An afterthought sent over the interviewer's next question: the candidate, still typing, adds to what they said
before ("아 그리고 하나 더 말씀드리면 …", "Oh, and I also …") or agrees with the remark that led into the question
("아 네 맞아요, …"). They never heard the question, so it is not answered: it is asked again."""
from __future__ import annotations

import re

from interview import structure
from interview.phrases import shared_topic
from interview.reading import AnswerReading
from interview.work_report import asked_part

# Korean conjunctions (MAJ) that add to what was said; adverbial nouns that mark an addition with 로 ("추가로").
_KO_ADDING_CONJUNCTIONS = frozenset({"그리고", "또", "또한", "게다가", "덧붙여", "아울러"})
_KO_ADDING_NOUNS = frozenset({"추가", "참고"})
_KO_AGREEING_VERBS = frozenset({"맞", "그렇"})  # "맞아요", "그렇죠" to the remark before the question
_KO_OPENERS = ("IC", "SP", "SF", "SS")  # interjections and punctuation before the first word ("아, 네 …")
_EN_ADDING = re.compile(
    r"^\W*(?:(?:oh|ah|um|uh|sorry|also|yes|yeah)\W+)*(?:and|also|plus)\b|"
    r"\b(?:add|adding|forgot to (?:say|mention|add)|should (?:have )?mention(?:ed)?|one more thing|another thing|"
    r"still typing)\b", re.IGNORECASE)
_EN_AGREEING = re.compile(r"^\W*(?:(?:oh|ah|yes|yeah|yep)\W+)*(?:that's right|that is right|exactly|right|true|"
                          r"definitely|for sure)\b", re.IGNORECASE)
AFTERTHOUGHT_RATIO = 0.5  # an afterthought is short (share of a full answer); a long reply is an answer


def adds_to_earlier(reading: AnswerReading, message: str, pending: str, language: str) -> bool:
    """A short reply that adds to or agrees with what came before and takes up nothing the question asks."""
    if reading.length_ratio >= AFTERTHOUGHT_RATIO or not reading.sentences:
        return False
    if shared_topic(asked_part(pending, language), message, language):
        return False  # it speaks to the question: an answer, however it begins
    if language == "ko":
        return _adds_ko(reading.sentences[0])
    return bool(_EN_ADDING.search(message) or _EN_AGREEING.search(reading.sentences[0]))


def _adds_ko(first: str) -> bool:
    """The first sentence opens with an adding conjunction, "추가로/참고로" or an agreeing verb, or puts 도 ("too")
    on the thing it names."""
    toks = structure.tokens(first, "ko")
    words = [t for t in toks if t.tag not in _KO_OPENERS]
    opening = words[:3]
    if any(t.tag == "MAJ" and t.form in _KO_ADDING_CONJUNCTIONS for t in opening):
        return True
    if any(a.form in _KO_ADDING_NOUNS and b.form in ("로", "으로") for a, b in zip(opening, opening[1:])):
        return True
    if words and words[0].tag.startswith("V") and words[0].form in _KO_AGREEING_VERBS:
        return True
    # (a thing, not a pronoun: "저도 그럴 땐 …" answers the question)
    return any(a.tag in ("NNG", "NNP", "SL", "SH") and b.tag == "JX" and b.form == "도" for a, b in zip(toks, toks[1:]))
