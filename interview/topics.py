"""The main questions an interview can ask and which one comes next (never twice, never one already answered)."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from interview.answer_holds import gives_reason_for_applying, named_with_goal, states_goal, states_reason
from interview.cues import has
from interview.intents import classify
from interview.lines import LINES
from interview.reading import intent_of, read_answer
from interview.tailoring import tailored_questions
from interview.text import sentences
from interview.work_report import speaks_as_self
from llm.base import ChatTurn, InterviewContext
from llm.question_bank import common_set, question_set, scored
from llm.question_data import Question

if TYPE_CHECKING:
    from interview.state import State
    from interview.speakers import Speaker

# A question that asks what the candidate would like ("일해 보고 싶은 병동", "which area would you like to work in").
_WISH = {"ko": re.compile(r"(고\s?싶은|희망하는|희망하시는|원하는|원하시는)"),
         "en": re.compile(r"\b(would you like|would you prefer|do you want|you'd like|you'd prefer|interests you most)\b",
                          re.IGNORECASE)}
# Which common questions belong to which panel remit (by id); job-set questions are the team lead's.
_HR_COMMON = frozenset({"common-motivation", "common-teamwork", "common-values", "common-stress", "common-learning",
                        "common-weakness", "common-customer-view", "common-patient-centred"})
_EXECUTIVE_COMMON = frozenset({"common-strength", "common-goal", "common-achievement", "common-failure",
                               "common-leadership"})


@dataclass(frozen=True)
class MainQuestion:
    """A main question of this interview."""

    id: str
    text: str
    intent: str
    tags: tuple[str, ...]
    remit: str          # "hr" | "job" | "executive" | "any"
    source: str         # "intro" | "motivation" | "job" | "common" | "resume" | "gap"


@lru_cache(maxsize=64)
def candidate_pool(context: InterviewContext) -> tuple[MainQuestion, ...]:
    """Self-introduction, motivation, résumé/posting questions, the job's set and the common questions."""
    language = context.language if context.language in LINES else "ko"
    common, qset = common_set(context), question_set(context)

    def main(q, remit: str, source: str) -> MainQuestion:
        return MainQuestion(q.id, q.text, classify(q.text, language), q.tags, remit, source)

    pool = [main(common.self_introduction, "any", "intro"), main(common.motivation, "hr", "motivation")]
    pool += [MainQuestion(f"resume-{i}", text, classify(text, language), tags, "job", kind)
             for i, (kind, text, tags) in enumerate(tailored_questions(context))]
    pool += [main(q, "job", "job") for q in (qset.questions if qset else ())]
    pool += [main(q, "hr" if q.id in _HR_COMMON else "executive" if q.id in _EXECUTIVE_COMMON else "any", "common")
             for q in common.questions]
    return tuple(pool)


def next_main(pool: Sequence[MainQuestion], state: "State", turn: ChatTurn,
              speaker: "Speaker") -> MainQuestion | None:
    """The next main question: the self-introduction first, then motivation, résumé questions, then the fresh
    question most related to the last answer, within the speaker's remit when there is one."""
    language = turn.context.language if turn.context.language in LINES else "ko"
    fresh = [q for q in pool if q not in state.asked and q.intent not in state.done_intents
             and not _covered(q, state.answers + (turn.message,), language)]
    if not fresh:
        return None
    if not state.asked:
        return fresh[0]
    in_remit = [q for q in fresh if speaker.remit in ("", "any") or q.remit in (speaker.remit, "any")]
    candidates = in_remit or fresh
    for source in ("motivation", "resume", "gap"):
        first = next((q for q in candidates if q.source == source), None)
        if first is not None and (source != "motivation" or speaker.remit in ("", "any", "hr")):
            return first
    ranked = _ranked(candidates, turn.message)
    return ranked[0]


def _used_in_a_story(answer: str, question: MainQuestion, language: str) -> bool:
    """The candidate named the résumé's skill or project in a sentence of their own doing, with the problem it
    solved ("배치가 밤새 끝나지 않아서, 제가 Kotlin 코루틴으로 병렬화했고 …" answers "Kotlin … 어떤 문제를 풀 때
    쓰셨나요?") or with what came of it; a mention in passing ("Kotlin과 Spring으로 개발해 왔습니다") answers nothing."""
    own = [s for s in sentences(answer, language) if has(s, question.tags, language) and speaks_as_self(s, language)]
    if not own:
        return False
    if any(states_reason((s,), language) for s in own):
        return True
    reading = read_answer(answer, intent_of(question.text, language), language)
    return reading.star.result is not None or bool(reading.claims.numbers)


def _ranked(candidates: Sequence[MainQuestion], answer: str) -> list[MainQuestion]:
    """Job questions before common ones, each by relatedness to the answer (question_bank's retrieval)."""
    by_id = {q.id: q for q in candidates}
    as_questions = [Question(q.id, q.text, "common", q.tags) for q in candidates]
    order = [by_id[q.id] for q, _ in scored(as_questions, answer)]
    return sorted(order, key=lambda q: q.source != "job")


def _covered(question: MainQuestion, answers: Sequence[str], language: str) -> bool:
    """Whether the candidate already answered what this question asks (e.g. motivation in the introduction, or
    the posting's skill that the résumé lacked)."""
    if question.source == "gap":
        return any(has(a, question.tags, "en") or has(a, question.tags, "ko") for a in answers)
    cues = LINES[language].covered_cues.get(question.intent)
    return bool(cues) and any(has(a, cues, language) for a in answers) or _already_told(question, answers, language)


def _already_told(question: MainQuestion, answers: Sequence[str], language: str) -> bool:
    """The candidate already told what this question asks for: why they applied ("I applied here because …"),
    their goal ("…가 되는 게 목표입니다") for a question about goals, a goal that names the place for one about
    where they want to work ("중환자실 … 목표입니다" answers "일해 보고 싶은 병동은?"), or a story of their own with
    the résumé's skill or project in it for the résumé's question about it."""
    if question.source == "resume":
        return any(_used_in_a_story(a, question, language) for a in answers)
    if question.intent == "motivation":
        return any(gives_reason_for_applying(sentences(a, language), language) for a in answers)
    if question.intent == "future":
        return any(states_goal(sentences(a, language), language) for a in answers)
    return bool(_WISH[language].search(question.text)) and any(
        named_with_goal(sentences(a, language), question.tags, language) for a in answers)
