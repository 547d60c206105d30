"""The rules a remote interviewer reply keeps, checked sentence by sentence as the reply is written.

A sentence is checked against what was already released of the same reply, so that the reply as a whole
keeps the rules (one question, no repeat, in its language, in persona) while each sentence can be spoken
as soon as it passed.
"""
from __future__ import annotations

import re

from interview.lines import LINES
from interview.policy import Decision, Move
from interview.state import last_question
from interview.text import detect_language
from llm.base import ChatTurn
from llm.prompts import is_question

MAX_REPLY_CHARS = 450  # a spoken reply of two or three sentences
_OUT_OF_ROLE = ("언어 모델", "인공지능 모델", "AI 모델", "저는 AI", "as an ai", "language model", "assistant", "ChatGPT")
_MARKUP = re.compile(r"[*#`]|^\s*(?:-|\d+\.)\s", re.MULTILINE)
_REPOSES = {Move.REPEAT, Move.REDIRECT, Move.ANSWER_QUESTION, Move.REASK_INTERRUPTED, Move.LANGUAGE}
_ASKS_NOTHING = (Move.CLOSE, Move.AFTER_CLOSE)
_DIGIT = re.compile(r"\d")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


class ReplyCheck:
    """One remote reply under this turn's rules: `problems` of the next sentence, `release` once it passed."""

    def __init__(self, turn: ChatTurn, decision: Decision) -> None:
        self.language = turn.context.language if turn.context.language in LINES else "ko"
        self.decision = decision
        self.wanted_questions = 0 if decision.move in _ASKS_NOTHING else 1
        self.earlier = [last_question(m.content) for m in turn.history if m.role == "assistant"
                        and is_question(m.content)]
        # answering the candidate's question must not come with a figure the candidate did not give
        self.no_figures = decision.move is Move.ANSWER_QUESTION and not _DIGIT.search(turn.message)
        self.released = ""  # the reply's text spoken so far, spacing kept
        self.asked = 0  # question sentences released

    def problems(self, sentence: str) -> list[str]:
        """What is wrong with the next sentence of the reply (empty when it may be spoken)."""
        text = self.released + sentence
        problems = []
        if detect_language(text) != self.language:  # the reply so far, as the whole reply was checked before
            problems.append("language")
        asks = self.asked + _questions_in(sentence)
        if asks > max(self.asked, self.wanted_questions):
            problems.append(f"{asks} questions")
        repeats = [q for q in self.earlier if q and q in text]
        if repeats and not (self.decision.move in _REPOSES and repeats == [self.earlier[-1]]):
            problems.append("repeats a question")
        if (any(w.lower() in sentence.lower() for w in _OUT_OF_ROLE) or _MARKUP.search(sentence)
                or len(text.strip()) > MAX_REPLY_CHARS):
            problems.append("out of persona")
        if self.no_figures and _DIGIT.search(sentence):
            problems.append("invents a figure")
        return problems

    def release(self, sentence: str) -> None:
        """Count a sentence that passed as spoken."""
        self.released += sentence
        self.asked += _questions_in(sentence)

    def pending_question(self) -> str:
        """The policy's question for this move when the released text asked none yet ("" when none is due)."""
        if self.asked or not self.wanted_questions:
            return ""
        question = last_question(self.decision.text)
        return question if is_question(question) else ""


def _questions_in(text: str) -> int:
    """Question sentences in a piece of a reply (a short one may share the piece with its neighbour)."""
    return sum(1 for s in _SENTENCE_END.split(text.strip()) if s and is_question(s))
