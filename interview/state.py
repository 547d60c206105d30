"""The interview's state, read back from the interviewer's lines by meaning (interview/policy.py decides on it):
the main questions asked (the catalogue's by identity, another wording's by its intent), the pending question,
the follow-ups since the last main question, the last call for questions and the closing."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from interview import history
from interview.intents import classify
from interview.lines import Lines
from interview.scenes import with_scene
from interview.text import tokens
from interview.topics import MainQuestion
from llm.base import ChatTurn
from llm.prompts import is_question
from llm.question_bank import asked_ids
from llm.question_data import Question

# A line's last sentence ends (a full stop, a question or an exclamation mark, a closing quote); one that trails off
# in an ellipsis ("…어떻게…", "how do you…") was cut short.
_ENDED = re.compile(r"(?<![.…])[.!?。\"'”’)\]]\s*$")
_HANGUL = re.compile(r"[가-힣]")
_TRAILING = re.compile(r"\s*(?:…|\.{2,})\s*$")
_UNFINISHED = re.compile(r"(?:^|[.!?…]\s)([^.!?…]+)$")  # the words after the last ended sentence
NEAR_WORD_SHARE = 0.75  # share of an English catalogue question's content words a line must use to ask it


@dataclass(frozen=True)
class State:
    """Where the interview stands, read from the interviewer's lines."""

    said: tuple[str, ...]
    answers: tuple[str, ...]
    asked: tuple[MainQuestion, ...]        # main questions asked, in order, each once
    pending: str                           # the last question the interviewer asked (verbatim)
    since_main: tuple[str, ...]            # interviewer lines after the last main question
    reverse_asked: bool
    closed: bool
    done_intents: frozenset[str] = frozenset()  # intents never to ask again (see history.ONCE_INTENTS)
    main_answer: str = ""                  # the candidate's answer to the last main question, once given
    scene: str = ""                        # the pending question with the sentence that sets its scene
    cut_short: bool = False                # the candidate broke into the pending question before it was asked

    @property
    def put_again(self) -> str:
        """The pending question as put again: with its scene, when one sentence before it sets one."""
        return self.scene or self.pending


def read_state(turn: ChatTurn, pool: Sequence[MainQuestion], lines: Lines, language: str) -> State:
    """Replay the interviewer's lines by meaning: main questions (the catalogue's by identity, another wording's by
    its intent), follow-ups, the pending question, the last call for questions and the closing."""
    said = tuple(m.content for m in turn.history if m.role == "assistant")
    answers = tuple(m.content for m in turn.history if m.role == "user")
    asked: list[MainQuestion] = []
    done: set[str] = set()
    last_main_at = -1
    for i, text in enumerate(said):
        done.update(history.covered_intents(text, language))
        done.update(history.asked_intents(text, language))
        found = main_questions_in(text, pool, language) or _main_in_other_words(text, lines, language)
        for q in found:
            if q not in asked:
                asked.append(q)
                last_main_at = i
                done.update({q.intent} & history.ONCE_INTENTS if q.source == "said" else ())
    if asked:
        done.add("self_introduction")  # past the opening (asked, or skipped in other words), never asked again
    asking = [t for t in said if is_question(t)]
    questions = [_pending_in(t, pool) for t in asking]
    scene = with_scene(asking[-1], questions[-1], language) if questions else ""
    broken = said[-1] if said and turn.interrupted and _stops_short(said[-1]) else ""
    if broken:  # the client kept only what was spoken before the candidate broke in ("…방법이 있다면")
        questions, scene = [*questions, _broken_question(broken, pool, lines)], ""
    replies = _answers_after(turn, last_main_at)
    return State(
        said=said, answers=answers, asked=tuple(asked), pending=questions[-1] if questions else "", scene=scene,
        cut_short=bool(broken),
        since_main=said[last_main_at + 1:] if last_main_at >= 0 else (),
        reverse_asked=any(history.is_last_call(t, language, lines) for t in said),
        # the closing by its words only as the last line: "수고하셨습니다" mid-interview closes nothing
        closed=any(lines.closing in t or lines.after_closing in t for t in said)
        or bool(said) and history.is_closing(said[-1], language, lines), done_intents=frozenset(done),
        main_answer=replies[0] if replies else "",
    )


def _answers_after(turn: ChatTurn, line: int) -> list[str]:
    """The candidate's answers given after the interviewer's `line`-th line (none for a negative index)."""
    out, seen = [], -1
    for message in turn.history:
        if message.role == "assistant":
            seen += 1
        elif seen >= line >= 0:
            out.append(message.content)
    return out


def _main_in_other_words(text: str, lines: Lines, language: str) -> list[MainQuestion]:
    """A main question in another interviewer's words, as a main question of its own intent."""
    if not history.asks_main(text, language, lines):
        return []
    question = history.asked_sentence(text)
    return [MainQuestion(f"said-{question}", question, classify(question, language), (), "any", "said")]


def main_questions_in(text: str, pool: Sequence[MainQuestion], language: str) -> list[MainQuestion]:
    """Main questions a line asks: verbatim, nearly (another client's wording), or by intent for the
    self-introduction and motivation (a seed client's own opening)."""
    found = [q for q in pool if q.text in text]
    if found or not is_question(text):
        return found
    found = _nearly_asked(last_question(text), pool, language)
    if found:
        return found
    intent = classify(last_question(text), language)
    source = {"self_introduction": "intro", "motivation": "motivation"}.get(intent)
    return [q for q in pool if q.source == source][:1]


def _nearly_asked(question: str, pool: Sequence[MainQuestion], language: str) -> list[MainQuestion]:
    """Catalogue questions the line's question asks in nearly the same words: Korean by the character bigrams of
    the question sentence (robust to particles), English by its content words (English bigrams are shared by
    almost any two sentences, so a whole line "nearly" asked half the catalogue)."""
    if language == "ko":
        near = asked_ids([Question(q.id, q.text, "common", ()) for q in pool], [question])
        return [q for q in pool if q.id in near]
    said = set(_content_words(question))
    return [q for q in pool if (words := set(_content_words(q.text)))
            and len(words & said) / len(words) >= NEAR_WORD_SHARE]


def _content_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z']+", text.lower()) if len(w) > 3]


def _pending_in(text: str, pool: Sequence[MainQuestion]) -> str:
    """The question a line leaves open: a main question as a whole, else its last question sentence."""
    main = [q.text for q in pool if q.text in text]
    return max(main, key=lambda t: text.rfind(t)) if main else last_question(text)


def _stops_short(text: str) -> bool:
    """An interviewer line that stops mid-sentence: it asks nothing yet and its last sentence has no end (a Korean
    one that trails off after its final ending, "그렇군요…", did end)."""
    text = text.strip()
    if not text or is_question(text) or _ENDED.search(text):
        return False
    words = [t for t in tokens(_TRAILING.sub("", text), "ko") if not t.tag.startswith("S")] if _HANGUL.search(text) else []
    return not (words and words[-1].tag == "EF")


def _broken_question(text: str, pool: Sequence[MainQuestion], lines: Lines) -> str:
    """What a line cut short was asking: the catalogue question its last words begin, else those words with an
    ending that asks for the answer (the judge of a repeat looks for them verbatim)."""
    words = _UNFINISHED.search(_TRAILING.sub("", text.strip()))
    unfinished = words.group(1).strip() if words else text.strip()
    flat = re.sub(r"\s+", "", unfinished)
    whole = next((q.text for q in pool if re.sub(r"\s+", "", q.text).startswith(flat)), None)
    return whole or lines.broken_question.replace("{question}", unfinished)


def last_question(text: str) -> str:
    """The question sentence(s) at the end of an interviewer line (what a repeat request asks for)."""
    return history.asked_sentence(text)
