"""A follow-up never asks for a part of the story the answer has told (on wordings of our own): what came of it
("그 뒤로는 …", "나중엔 … 하시더라고요", "By June …"), the scene before the candidate acted, the candidate's own act,
what was hardest; it asks for the next part still open instead."""
from __future__ import annotations

import pytest

from interview.reading import intent_of, read_answer
from interview.scripted import ScriptedInterviewer
from interview.told_already import told
from llm.base import ChatTurn, InterviewContext, Message

KO = InterviewContext(company_name="한빛물류", job_name="현장 운영", total_questions=5, language="ko")
EN = InterviewContext(company_name="Acme", job_name="Operations", total_questions=5, language="en")


def _reply(context: InterviewContext, question: str, answer: str) -> str:
    return ScriptedInterviewer().reply(ChatTurn(answer, (Message("assistant", question),), context))


@pytest.mark.parametrize(("context", "question", "answer", "not_asked"), [
    # what came of it, told as what happened after the act ("그 뒤로는 …")
    (KO, "예상하지 못한 문제를 해결했던 경험을 말씀해 주세요.",
     "축제 부스를 운영할 때 대기 줄이 너무 길어서 손님들이 그냥 돌아갔어요. 제가 번호표를 나눠 드리고 문자로 부르는 방식으로 "
     "바꿨어요. 그 뒤로는 줄 때문에 돌아가는 손님이 거의 없었습니다.", "결과는 어떻게"),
    # the scene: the sentence before the candidate's own act
    (KO, "고객을 설득했던 경험을 말씀해 주세요.",
     "거래처 사장님이 납품 단가를 올려 달라고 계속 요구하셨어요. 제가 지난 일 년 치 발주량을 표로 정리해서 물량을 늘리는 대신 "
     "단가를 유지하는 안을 설명드렸어요. 나중엔 사장님이 먼저 계약 연장을 제안하시더라고요.", "어떤 상황이었나요"),
    (EN, "Tell me about a time you fixed a problem at work.",
     "Our loading bay kept missing the evening collection. I moved the picking cut-off an hour earlier and put a board "
     "up with each driver's slot. By June we hadn't missed a collection in six weeks.", "situation at the start"),
    # the candidate's own act, told with "I"
    (EN, "Tell me about a time you handled an upset customer.",
     "When a guest found her booking had been cancelled by mistake, I found her a room at our sister hotel and paid for "
     "the taxi myself. She wrote to the manager the next week to thank us.", "your own part"),
])
def test_a_follow_up_asks_for_no_part_already_told(context, question, answer, not_asked):
    reply = _reply(context, question, answer)
    assert reply.endswith("?")
    assert not_asked not in reply


@pytest.mark.parametrize(("language", "question", "answer", "aspect", "expected"), [
    ("ko", "고객을 설득했던 경험을 말씀해 주세요.",
     "손님이 환불을 요구하셨어요. 제가 영수증을 같이 확인해 드렸어요. 나중엔 고맙다고 하시더라고요.", "result", True),
    ("ko", "고객을 설득했던 경험을 말씀해 주세요.",
     "손님이 환불을 요구하셨어요. 제가 영수증을 같이 확인해 드렸어요.", "result", False),
    ("ko", "가장 힘들었던 프로젝트를 말씀해 주세요.",
     "창고 이전을 두 주 만에 끝내야 했어요. 제일 힘들었던 건 이전 중에도 출고를 멈출 수 없다는 거였어요.", "difficulty", True),
    ("ko", "가장 힘들었던 프로젝트를 말씀해 주세요.",
     "문제를 많이 푸는 것보다 오답노트를 제대로 쓰게 했어요.", "difficulty", False),
    ("en", "Tell me about a time you fixed a problem at work.",
     "I rewrote the shift plan. Everyone on the team got two weekends off a month.", "result", True),
    ("en", "Tell me about a time you fixed a problem at work.",
     "I rewrote the shift plan and I talked to every driver.", "result", False),
    ("en", "Tell me about a time you fixed a problem at work.",
     "The tricky bit was the night crew. I rewrote the shift plan.", "difficulty", True),
])
def test_what_the_answer_has_told(language, question, answer, aspect, expected):
    reading = read_answer(answer, intent_of(question, language), language)
    assert told(aspect, reading) is expected
