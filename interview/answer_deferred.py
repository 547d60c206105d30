"""Replies that put the answer off: a guess asked back ("규정대로 하면 되지 않을까요?": the candidate's own thin
proposal put as a question to no one, neither a question to the interviewer nor an answer to follow up; the question
put more simply helps them answer it), or the answer put off before something else ("그거 말하기 전에요, …",
"Sorry, before I answer, would this role be …?"): a question first, or a story of another day."""
from __future__ import annotations

import re

from interview import structure
from interview.associations import echoes_the_question
from interview.reading import AnswerReading
from interview.text import Token

# The candidate puts the question off before saying something else: "그거 말하기 전에요", "Sorry, before that, …".
_DEFERRED = {"ko": re.compile(r"^\W*([가-힣]+,\s*){0,2}(아,?\s*|근데\s*|그런데\s*)?(((그거|그것|그)[^.?!]{0,6}(하기|드리기)|"
                              r"(답변|대답)[^.?!]{0,6}(하기|드리기)?)\s?전에|그\s?전에)|"
                              r"여쭤\s?봐도\s?(될까요|돼요|되나요|괜찮을까요|될지)"),
             "en": re.compile(r"^\W*(\w+,\s*){0,2}(just\s+)?(quickly first|but first|first,? though|"
                              r"before (that|i answer|i get to that|we start|we go on))\b|"
                              r"\b(can|could|may) i (just )?(quickly )?ask\b", re.IGNORECASE)}
GUESS_RATIO = 0.25  # a guess this short (share of a full answer) says nothing yet beyond the guess


def guesses_back(reading: AnswerReading, pending: str) -> bool:
    """A short Korean reply whose asking sentences all close on the tentative "-지 않을까요" or "-는 거 아닐까요"
    with no honorific -시- on the verb guessed about (the candidate's own guess, not "근무하시지 않을까요?" asked of
    the interviewer's side; "본사에서 주시는 대로 하면 되지 않을까요" honours the head office, not the listener), and
    at least one such sentence; the question's word said back first ("교육이요? …") asks nothing."""
    if reading.language != "ko" or reading.length_ratio >= GUESS_RATIO:
        return False
    guesses = 0
    for sentence in reading.sentences:
        if echoes_the_question(sentence, pending):
            continue
        toks = [t for t in structure.tokens(sentence, "ko") if t.tag not in ("SF", "SE", "SP")]
        tail = [(t.form, t.tag) for t in toks[-3:]]
        guess_ending = tail[2][1] == "EF" and tail[2][0].startswith(("을까", "ᆯ까")) if len(tail) == 3 else False
        # "…하면 되지 않을까요", "…넘기면 되는 거 아닐까요"
        if guess_ending and (tail[0] == ("지", "EC") and tail[1] == ("않", "VX") or tail[0][0] in ("거", "것")
                             and tail[0][1] == "NNB" and tail[1] == ("아니", "VCN")):
            if _honorific_before(toks[:-3]):
                return False
            guesses += 1
        elif "?" in sentence:
            return False  # a real question beside the guess is the candidate's question
    return guesses > 0


def _honorific_before(toks: list[Token]) -> bool:
    """The verb's own pre-final endings, right before "-지" or "-는 거", hold the honorific -시- ("근무하+시+지",
    "하+시+는 거")."""
    for t in reversed(toks):
        if t.tag == "ETM":
            continue
        if t.tag != "EP":
            return False
        if t.form == "시":
            return True
    return False


def puts_it_off(message: str, language: str) -> bool:
    """The reply (or one of its sentences) opens by putting the question off ("아, 그거 말하기 전에요", "근데 그 전에",
    "네, 있는데요, 그 전에 …", "Sorry, before I answer, …", "just quickly first, …", "But first, is …?") or asks leave
    to ask ("…먼저 여쭤봐도 돼요?", "can I just ask — …")."""
    return _DEFERRED["ko" if language == "ko" else "en"].search(message) is not None

