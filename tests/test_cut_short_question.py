"""A question the candidate broke into, kept by the client only as far as it was spoken ("…방법이 있다면"): it is the
pending question and is asked to the end, whatever the candidate said over it. Wordings written for these tests."""
from __future__ import annotations

import pytest

from interview.lines import LINES
from interview.policy import Move, decide
from interview.scripted import ScriptedInterviewer
from llm.base import ChatTurn, InterviewContext, Message
from llm.question_bank import common_set

KO = InterviewContext(company_name="한빛마트", job_name="매장 관리", language="ko")
EN = InterviewContext(company_name="Harbour Cinemas", job_name="Duty Manager", language="en")


def _turn(context: InterviewContext, question: str, answer: str, interrupted: bool = True) -> ChatTurn:
    start, intro = ("시작하겠습니다.", "매장에서 삼 년 일했습니다.") if context.language == "ko" else \
        ("Let's start.", "I've run a cinema floor for three years.")
    history = (Message("user", start), Message("assistant", "자기소개 부탁드립니다." if context.language == "ko"
                                                else "Please introduce yourself."),
               Message("user", intro), Message("assistant", question))
    return ChatTurn(answer, history, context, interrupted=interrupted)


@pytest.mark.parametrize(("context", "question", "answer"), [
    (KO, "네. 진열대가 비었을 때 가장 먼저 확인하시는 것이", "아 그거요—"),
    (KO, "매장 직원끼리 근무표 때문에 다퉜다면, 그 자리에서", "아, 그런 일 정말 많죠!"),  # a whole remark, still unheard
    (EN, "If two films end at once and the foyer fills up, walk me through", "Oh, that's every Saturday!"),
    # a line that trails off in an ellipsis was cut short too
    (KO, "네. 마감 직전에 단체 손님이 오시면, 어떻게…", "아 그거요—"),
    (EN, "When the queue for the lifts backs up into the street, how do you…", "Oh, yeah, that's something I—"),
])
def test_a_question_cut_short_is_asked_to_the_end(context: InterviewContext, question: str, answer: str) -> None:
    decision = decide(_turn(context, question, answer))
    lines = LINES[context.language]
    unfinished = question.removeprefix("네. ").removesuffix("…")
    assert decision.move is Move.REASK_INTERRUPTED
    assert decision.text == f"{lines.interrupted_lead} {lines.broken_question.replace('{question}', unfinished)}"


def test_a_catalogue_question_cut_short_is_asked_whole() -> None:
    question = common_set(KO).questions[1].text
    decision = decide(_turn(KO, question[:12], "아 네—"))
    assert decision.move is Move.REASK_INTERRUPTED and decision.text.endswith(question)


def test_a_whole_question_is_not_taken_for_one_cut_short() -> None:
    # the same line ended: an answer to it is read as one, with or without the flag
    reply = ScriptedInterviewer().reply(_turn(KO, "진열대가 비었을 때 가장 먼저 확인하시는 것은 무엇인가요?",
                                              "발주 기록부터 확인합니다. 그다음 창고 재고를 봅니다.", interrupted=False))
    assert LINES["ko"].interrupted_lead not in reply and "이 질문에 답해" not in reply


def test_a_remark_that_trails_off_after_its_ending_is_no_question_cut_short() -> None:
    # "그렇군요…" ended its sentence: an interruption over it re-asks the question before it, not the remark
    decision = decide(_turn(KO, "그렇군요…", "아, 그리고 하나 더 말씀드리면—"))
    assert "그렇군요… 이 질문에 답해" not in decision.text
