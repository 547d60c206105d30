"""The embedded offline interviewer: question sets, next question retrieved from the candidate's answer."""
from __future__ import annotations

import re
import threading
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from llm.base import ChatTurn, Message, Prompt
from llm.prompts import DEFAULT_TOTAL_QUESTIONS, is_question
from llm.question_bank import (
    TAG_WEIGHT,
    CommonSet,
    Phrases,
    Question,
    asked_ids,
    common_set,
    phrases,
    question_set,
    scored,
)

SHORT_ANSWER_CHARS = 15  # letters/digits; a shorter answer may get a follow-up question
LONG_ANSWER_CHARS = 80  # letters/digits; a longer answer gets a "thanks for the detail" acknowledgement
# A streamed piece: a run of whitespace, or up to two visible characters with the spaces after them.
_PIECE = re.compile(r"\s+|\S{1,2}\s*")


@dataclass(frozen=True)
class _State:
    """Where the interview stands, read back from the interviewer's own messages in the history."""

    started: bool  # the interviewer has spoken
    main_asked: int  # main questions asked (follow-ups, the reverse question and closings excluded)
    asked: frozenset[str]  # ids of known questions already asked
    last_question: Question | None  # the known main question of the last interviewer message
    last_was_follow_up: bool
    reverse_asked: bool
    closed: bool
    last_said: str


def split_pieces(text: str) -> list[str]:
    """Small streaming pieces (syllable pairs with their trailing spaces) that join back to `text`."""
    return _PIECE.findall(text)


class ScriptedInterviewer:
    """A stateless scripted interviewer: opening, `total_questions` questions, reverse question, closing."""

    name = "scripted"
    model = "scripted-interviewer"

    def __init__(self, total_questions: int = DEFAULT_TOTAL_QUESTIONS, token_delay_s: float = 0.0) -> None:
        if total_questions < 1 or token_delay_s < 0:
            raise ValueError("total_questions must be >= 1 and token_delay_s >= 0")
        self.total_questions = total_questions
        self.token_delay_s = token_delay_s

    @property
    def source(self) -> str:
        """Human-readable source for llm_source."""
        return f"Scripted interviewer ({self.model})"

    def status(self) -> str:
        """Always "online": it runs in-process with no dependencies."""
        return "online"

    def stream(self, turn: ChatTurn, prompt: Prompt, cancel: threading.Event) -> Iterator[str]:
        """Yield the reply piece by piece, stopping as soon as `cancel` is set (the prompt is not needed)."""
        for i, piece in enumerate(split_pieces(self.reply(turn))):
            # the pause sits between pieces and ends early on cancel
            if cancel.is_set() or (i and self.token_delay_s and cancel.wait(self.token_delay_s)):
                return
            yield piece

    def reply(self, turn: ChatTurn) -> str:
        """The interviewer's whole reply to this turn."""
        common, say = common_set(turn.context), phrases(turn.context)
        qset = question_set(turn.context)
        pool = (*(qset.questions if qset else ()), *common.questions)
        state = _read_state(turn.history, (common.self_introduction, common.motivation, *pool), say)
        answer = turn.message
        if state.closed:
            return _pick(say.after_closing, answer, state.last_said)
        if state.reverse_asked:
            asked_back = any(k in answer for k in say.question_keywords)
            return f"{say.answered_question if asked_back else say.no_question} {say.closing}"
        if not state.started:
            return f"{say.greeting} {common.self_introduction.text}"
        ack = _acknowledge(answer, state.last_said, say)
        follow_up = _follow_up(answer, state, say)
        if follow_up:
            return follow_up
        if state.main_asked == 0:
            return f"{ack} {common.self_introduction.text}"
        if state.main_asked >= (turn.context.total_questions or self.total_questions):
            return f"{ack} {say.reverse_question}"
        return _next_question(answer, ack, state, pool, common, say)


def _next_question(
    answer: str, ack: str, state: _State, pool: Sequence[Question], common: CommonSet, say: Phrases
) -> str:
    """Motivation right after the self-introduction, then the unasked question closest to the answer."""
    if state.main_asked == 1 and common.motivation.id not in state.asked:
        return f"{ack} {common.motivation.text}"
    ranked = scored(pool, answer, exclude=state.asked)
    if not ranked:
        return f"{ack} {say.reverse_question}"
    question, score = ranked[0]
    lead = _pick(say.related_leads if score >= TAG_WEIGHT else say.next_leads, answer)
    return f"{ack} {lead} {question.text}"


def _follow_up(answer: str, state: _State, say: Phrases) -> str | None:
    """A follow-up on the last question when the answer was very short (never two in a row)."""
    q = state.last_question
    if _letters(answer) >= SHORT_ANSWER_CHARS or q is None or not q.follow_ups or state.last_was_follow_up:
        return None
    return f"{_pick(say.follow_up_leads, answer)} {_pick(q.follow_ups, answer)}"


def _acknowledge(answer: str, last_said: str, say: Phrases) -> str:
    """A short reaction that varies with the answer's length and keywords, unlike the last one said."""
    length = _letters(answer)
    options = say.ack_short if length < SHORT_ANSWER_CHARS else say.ack_long if length >= LONG_ANSWER_CHARS \
        else say.ack_medium
    if length >= SHORT_ANSWER_CHARS:
        options = next((texts for keys, texts in say.keyword_acks if any(k in answer for k in keys)), options)
    return _pick(options, answer, last_said)


def _read_state(history: Sequence[Message], known: Sequence[Question], say: Phrases) -> _State:
    """Replay the interviewer's messages: what was asked, follow-ups, reverse question, closing."""
    said = [m.content for m in history if m.role == "assistant"]
    follow_ups = {f for q in known for f in q.follow_ups}
    main_asked, reverse_asked, closed = 0, False, False
    for text in said:
        if say.closing in text or any(t in text for t in say.after_closing):
            closed = True
        elif say.reverse_question in text:
            reverse_asked = True
        elif is_question(text) and not any(f in text for f in follow_ups):
            main_asked += 1
    last = said[-1] if said else ""
    return _State(
        started=bool(said), main_asked=main_asked, asked=frozenset(asked_ids(known, said)),
        last_question=next((q for q in known if q.text in last), None),
        last_was_follow_up=any(f in last for f in follow_ups),
        reverse_asked=reverse_asked, closed=closed, last_said=last,
    )


def _letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalnum())


def _pick(options: Sequence[str], answer: str, avoid: str = "") -> str:
    """A stable choice keyed on the answer's text, skipping one that `avoid` already contains."""
    index = zlib.crc32(answer.encode("utf-8")) % len(options)
    if options[index] in avoid and len(options) > 1:
        index = (index + 1) % len(options)
    return options[index]
