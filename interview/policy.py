"""The embedded interviewer's dialogue policy: the rules that pick the next move from the interview's state (read
back from the history by meaning, interview/state.py) and the reading of the candidate's answer.

States: OPENING (nothing asked yet) → QUESTIONS (main questions asked, each with its follow-ups) → REVERSE (the
candidate's turn to ask) → CLOSED. They are read from what each interviewer line asks, whatever its wording (the
policy's own lines, a client's `messages`, a remote model's turns, a resumed session; interview/history.py): a
catalogue question by identity, another wording's question by its intent (a main question unless it points back
at the answer, "그때…", "you mentioned…"), the last call for questions by its intent, the closing by its words.
Once a main question was asked the self-introduction is over (asked, or skipped in other words), and an intent
asked once in another wording (motivation, strength, failure …) is not asked again from the catalogue.

Rules in QUESTIONS, in order (the pending question is the last question the interviewer asked):
 0. the candidate has to leave now ("면접을 여기서 마쳐야 할 것 같습니다", "I need to stop the interview here") → the
    closing, no question (interview/breaks.py).
 1. answer_timed_out → say time is up, move on to the next main question.
 2. interrupted (the page's `interrupted`: the candidate sent while the last reply was still playing) and no real
    answer yet (another kind, or a fragment under second_look.CUT_OFF_RATIO of a full answer that trails off, never
    closes its sentence or asks for a moment; or an afterthought to the earlier answer that takes up nothing the
    question asks, "아 그리고 하나 더 …", "Oh, and I also …": interview/afterthoughts.py), or a short reply
    about an interruption unrelated to the answer (a phone, the door, "sorry, I cut you off") → the pending
    question again, once (after the repeat lead when the page did not flag it); it is not counted twice (main
    questions are counted by identity), nor as a follow-up.
 3. repeat request → the pending question again, word for word.
 3b. a hint asked for → study mode: a hint line (what a full answer covers) and the pending question; real mode:
    no hints, the pending question (no mode given: read as any other answer).
 4. other language → ask for the interview's language, the pending question again.
 5. a question to the interviewer → an honest in-role answer about its topic (pay, location, hours, remote work,
    training, team, benefits, process; no invented figures), or about the pending question's scope ("does it have
    to be at work?", "X 말씀이신가요, 아니면 Y?", "말해도 되나요?": interview/scope.py), then the pending question again
    (at the last question, when what comes before the candidate's question answers it: the answer, then the closing).
 5b. the pending question offered the word to add something on the story and the reply adds nothing ("아니요, 그
    정도면 충분합니다") → the next main question.
 6. off-topic (also an aside in the register of private life that names nothing of the work, the question, the
    organisation or the job: second_look.py) → a short polite redirect and the pending question, once; a second
    time → move on.
 7. evasive / too short → one simpler re-ask of the same question (its own topic, with an easier way in;
    study mode adds the hint line); the second time → move on.
 8. no experience → ask how they would approach it, once; then move on (also after a pivot in other words: the
    answer to a "what would you do" put right after a denial gets no follow-up).
Before rules 3–9 the policy takes a second look at the reading (interview/second_look.py): a short "I haven't done
that" is no experience, a work story taken for small talk or an answer with a rhetorical question is an answer,
"what do you mean?" and a story answer with nothing in it are evasive.
 8b. the pending main question was announced as the last ("마지막 질문입니다", "Last question from me"), or it used
    up `total_questions` in another interviewer's words → the closing, no question (the policy's own interview
    ends with its call for questions instead).
 9. an answer → while the persona's follow-up budget for this main question lasts and the answer leaves an
    asked-for aspect open (or a story of something done has no outcome), a follow-up that names what the
    candidate said (a project, a technology, else what their action acted on) and asks for the missing part;
    otherwise an acknowledgement and the next main question (also after a line that asks the last question about
    what was told, "Last one on that cell: …", which closes the topic, not the interview, and after a story told
    whole, without searching for words: half a minute long, or long with what came of it and what stayed after it,
    moving_on.rounded_off).
Moving on: the next main question never asked and not already answered (e.g. motivation stated in the
self-introduction, or the résumé's skill already told in a story of the candidate's own), within the speaker's remit on a panel; after `total_questions` main questions, the reverse
question; then the closing (after the candidate's question, answered by its topic, or their "no questions"; a
"yes, I have one" without the question is first invited to ask it).
No follow-up or re-ask is counted as a main question.
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from enum import StrEnum

from interview import history
from interview.afterthoughts import adds_to_earlier
from interview.breaks import LEAVE_LINES, interrupted_by_something_else, must_leave
from interview.cues import has
from interview.english_lexicon import may_be_noun
from interview.hints import REAL, STUDY, asks_for_hint, hint_line
from interview.intents import offers_to_add
from interview.lines import LINES, Lines
from interview.question_tense import asks_about_experience, asks_what_you_would
from interview.reading import AnswerKind, AnswerReading, intent_of, read_answer, says_no
from interview.rewording import simpler
from interview.scope import scope_answer
from interview.second_look import cut_off, second_look
from interview.state import State, last_question, read_state
from interview.speakers import Speaker, speaker_of, topic_named
from interview.topics import MainQuestion, candidate_pool, next_main
from llm.base import ChatTurn

DEFAULT_TOTAL = 5
# "Yes, I have one." / "네, 하나 있습니다." – a question is coming, not a "no" (in its first sentence: "Just, thanks for
# having me. I know I rambled on the safeguarding one" is a last word)
_WANTS_TO_ASK = {
    "ko": re.compile(r"^(?!.*없)(네|예|넵)?[,.\s]*(하나|한\s?가지|두\s?가지|몇\s?가지|질문)?[^?]{0,12}(있습니다|있어요|있는데)"),
    "en": re.compile(r"^(?![^?]*\bno\b)(yes|yeah|yep|actually|i do|i have|just)\b[^?.!]*\b(one|question|questions|"
                     r"couple|something|thing)\b[^?]*$", re.IGNORECASE),
}
_PIVOTABLE = frozenset({"experience", "conflict", "failure", "technical", "general", "strength"})


class Move(StrEnum):
    """What the interviewer does with its reply."""

    OPEN = "open"
    FOLLOW_UP = "follow_up"
    NEXT_QUESTION = "next_question"
    REASK_SIMPLER = "reask_simpler"
    PIVOT = "pivot"
    ANSWER_QUESTION = "answer_question"
    REDIRECT = "redirect"
    REPEAT = "repeat"
    REASK_INTERRUPTED = "reask_interrupted"
    HINT = "hint"
    NO_HINT = "no_hint"
    LANGUAGE = "language"
    TIMED_OUT = "timed_out"
    REVERSE = "reverse"
    CLOSE = "close"
    AFTER_CLOSE = "after_close"


@dataclass(frozen=True)
class Decision:
    """The next move, its text and the reading it was decided on (None before any answer)."""

    move: Move
    text: str
    reading: AnswerReading | None


@lru_cache(maxsize=64)  # the prompt and the reply of one turn ask for the same decision
def decide(turn: ChatTurn, default_total: int = DEFAULT_TOTAL) -> Decision:
    """The interviewer's next move for this turn."""
    language = turn.context.language if turn.context.language in LINES else "ko"
    lines, speaker = LINES[language], speaker_of(turn.persona, language)
    pool = candidate_pool(turn.context)
    state = read_state(turn, pool, lines, language)
    total = turn.context.total_questions or default_total
    if state.closed:
        return Decision(Move.AFTER_CLOSE, lines.after_closing, None)
    if state.reverse_asked:
        return _after_reverse(turn, state, lines, speaker)
    if not state.said:
        first = next_main(pool, state, turn, speaker)
        return Decision(Move.OPEN, _join(speaker.greeting(turn.context), speaker.style.opening, first.text), None)
    reading = read_answer(turn.message, intent_of(state.pending, language), language)
    move_on = _moving_on(turn, state, pool, total, lines, speaker)
    if must_leave(reading, turn.message, language):
        return Decision(Move.CLOSE, _join(LEAVE_LINES[language], lines.closing), reading)
    if turn.answer_timed_out:
        return Decision(Move.TIMED_OUT, _join(lines.timed_out, move_on(None)), reading)
    lead = lines.interrupted_lead if turn.interrupted else lines.repeat_lead  # a break of their own: "here it is again"
    unheard = cut_off(reading) or adds_to_earlier(reading, turn.message, state.pending, language)  # never heard it
    # a question cut short was never heard whole: whatever the candidate said, it is asked to the end
    broke_off = turn.interrupted and (unheard or state.cut_short) or interrupted_by_something_else(reading, turn.message,
                                                                                                   language)
    if broke_off and lead not in state.said[-1]:
        return Decision(Move.REASK_INTERRUPTED, _join(lead, state.put_again), reading)
    reading = replace(reading, kind=second_look(reading, turn.message, state.pending, language))  # acted on
    kind, earlier = reading.kind, state.since_main
    if kind is AnswerKind.REPEAT_REQUEST:
        return Decision(Move.REPEAT, _join(lines.repeat_lead, state.put_again), reading)
    mode = turn.context.interview_mode
    if mode in (STUDY, REAL) and kind is not AnswerKind.ANSWER and asks_for_hint(turn.message, lines, language):
        if mode == STUDY:
            return Decision(Move.HINT, _join(hint_line(state.pending, lines, language), state.put_again), reading)
        return Decision(Move.NO_HINT, _join(lines.no_hints, state.put_again), reading)
    if kind is AnswerKind.OTHER_LANGUAGE:
        return Decision(Move.LANGUAGE, _join(lines.other_language, state.put_again), reading)
    if kind is AnswerKind.QUESTION:
        answer = scope_answer(turn.message, language) or speaker.answer(turn.message, turn.context)
        if _was_last_question(state, total, language) and _answered_first(reading, state.pending, language):
            return Decision(Move.CLOSE, _join(answer, lines.closing), reading)  # the last answer, then a question
        return Decision(Move.ANSWER_QUESTION, _join(answer, lines.back_to_question, state.put_again), reading)
    if kind is not AnswerKind.ANSWER and offers_to_add(state.pending, language):
        return Decision(Move.NEXT_QUESTION, _join(lines.no_question, move_on(reading)), reading)  # nothing to add
    if kind is AnswerKind.OFF_TOPIC:
        if any(lines.redirect in t for t in earlier[-1:]) or lines.redirect in state.said[-1]:
            return Decision(Move.NEXT_QUESTION, _join(lines.move_on, move_on(reading)), reading)
        return Decision(Move.REDIRECT, _join(lines.redirect, state.put_again), reading)
    denied = kind is AnswerKind.NO_EXPERIENCE or says_no(turn.message, language)
    if kind is AnswerKind.NO_EXPERIENCE and (intent_of(state.pending, language).intent not in _PIVOTABLE
                                             or not asks_about_experience(state.pending, language)):
        kind = AnswerKind.EVASIVE  # "no" to "why us?" or to "what would you do if …" is no missing experience
    if kind in (AnswerKind.EVASIVE, AnswerKind.TOO_SHORT):
        if any(lines.reask_lead in t or lines.pivot in t for t in earlier) or not state.asked:
            return Decision(Move.NEXT_QUESTION, _join(lines.move_on, move_on(reading)), reading)
        hint = hint_line(state.pending, lines, language) if mode == STUDY else ""
        again = simpler(state.pending, lines, language, denied, turn.message)
        return Decision(Move.REASK_SIMPLER, _join(lines.reask_lead, hint, again), reading)
    if kind is AnswerKind.NO_EXPERIENCE:
        if any(lines.pivot in t for t in earlier):
            return Decision(Move.NEXT_QUESTION, _join(lines.pivot_done, move_on(reading)), reading)
        return Decision(Move.PIVOT, lines.pivot, reading)
    if _was_last_question(state, total, language):
        return Decision(Move.CLOSE, _join(lines.no_question, lines.closing), reading)
    done_with_topic = _answers_pivot(state, language) or history.closes_topic(state.said[-1], language)
    follow_up = None if done_with_topic else speaker.follow_up(reading, state, lines)
    if follow_up is not None:
        return Decision(Move.FOLLOW_UP, follow_up, reading)
    return Decision(Move.NEXT_QUESTION, _join(speaker.acknowledge(reading, state), move_on(reading)), reading)


def _was_last_question(state: State, total: int, language: str) -> bool:
    """The answer closes the interview: the interviewer announced its question as the last ("마지막 질문입니다",
    "Last question from me"), or the budget is used up by a last main question in another interviewer's words
    (the policy's own interview ends with its call for questions instead, which a client's script did not plan
    for)."""
    main_line = state.said[-1 - len(state.since_main)] if state.asked else ""
    if main_line and history.announces_last(main_line, language):
        return True
    last = state.asked[-1] if state.asked else None
    in_other_words = last is not None and (last.source == "said" or last.text not in main_line)
    return len(state.asked) >= total and in_other_words


def _answered_first(reading: AnswerReading, pending: str, language: str) -> bool:
    """The reply answers the pending question before it asks its own ("…요즘은 무조건 적습니다. 아 그리고 혹시
    결과는 언제쯤 알 수 있을까요?"): what comes before its first question reads as an answer."""
    before = " ".join(itertools.takewhile(lambda s: "?" not in s, reading.sentences))
    return bool(before) and read_answer(before, intent_of(pending, language), language).kind is AnswerKind.ANSWER


def _answers_pivot(state: State, language: str) -> bool:
    """The pending question was the pivot in other words: a "what would you do" put right after the candidate
    said they had no such experience; its answer closes the topic (no follow-up digs into a hypothetical)."""
    if len(state.said) < 2 or not state.answers or not asks_what_you_would(state.pending, language):
        return False
    before = read_answer(state.answers[-1], intent_of(last_question(state.said[-2]), language), language)
    return before.kind is AnswerKind.NO_EXPERIENCE


def _moving_on(turn: ChatTurn, state: State, pool: Sequence[MainQuestion], total: int, lines: Lines,
               speaker: Speaker):
    """A function giving the next main question's words (with a truthful lead), or the reverse question."""
    def words(reading: AnswerReading | None) -> str:
        if len(state.asked) >= total:
            return lines.reverse_question
        question = next_main(pool, state, turn, speaker)
        if question is None:
            return lines.reverse_question
        language = turn.context.language
        # a word of the question the candidate said, as a thing ("apply", "improve" can only be verbs: no link)
        said = [t for t in question.tags if has(turn.message, (t.replace(" ", ""),) if language == "ko" else (t,),
                                                language) and (language == "ko" or may_be_noun(t.split()[-1]))]
        about = topic_named(reading) if reading is not None else None
        # a word said in passing beside what the answer was about is no link ("개인 프로젝트로" beside Kubernetes)
        said = [t for t in said if about is None or t.replace(" ", "") in about.replace(" ", "")]
        tag = said[0] if said and reading is not None else None
        lead = lines.linked_lead.replace("{tag}", tag) if tag else lines.next_lead
        return _join(lead if state.asked and reading is not None else "", question.text)  # time-up says it

    return words


def _after_reverse(turn: ChatTurn, state: State, lines: Lines, speaker: Speaker) -> Decision:
    """The candidate's last word: answer their question honestly, then close; "yes, I have one" without the
    question yet gets an invitation to ask it (once)."""
    language = turn.context.language if turn.context.language in LINES else "ko"
    reading = read_answer(turn.message, intent_of(lines.reverse_question, language), language)
    if reading.kind is AnswerKind.QUESTION or "?" in turn.message:
        return Decision(Move.CLOSE, _join(speaker.answer(turn.message, turn.context), lines.closing), reading)
    if _WANTS_TO_ASK[language].search(turn.message.strip()) and lines.reverse_go_ahead not in state.said[-1]:
        return Decision(Move.REVERSE, lines.reverse_go_ahead, reading)
    return Decision(Move.CLOSE, _join(lines.no_question, lines.closing), reading)


def _join(*parts: str) -> str:
    return " ".join(p.strip() for p in parts if p and p.strip())
