"""A story of the candidate's free time told in answer to a work question is redirected (the outing's hours, a trip
to somewhere, the way to the interview, a wish that names the work), while a work story that mentions private life
stays an answer (interview/second_look.py, interview/work_report.py)."""
from __future__ import annotations

import pytest

from interview.policy import Move, decide
from interview.work_report import hands_on_acts, lives_it_privately, without_wishes
from llm.base import ChatTurn, InterviewContext, Message

KO = InterviewContext(company_name="한솔제지", job_name="생산관리", total_questions=5)
EN = InterviewContext(company_name="Harbor Cafe", job_name="Barista", total_questions=5, language="en")


def _turn(question: str, answer: str, context: InterviewContext) -> ChatTurn:
    return ChatTurn(answer, (Message("user", "시작"), Message("assistant", question)), context)


@pytest.mark.parametrize(("question", "answer", "context"), [
    ("설비가 갑자기 멈췄을 때 어떻게 대처하시겠어요?",
     "아 저 주말마다 등산을 가는데요, 지난주엔 정상까지 다섯 시간 걸렸어요. 역시 꾸준함이 중요하더라고요.", KO),
    ("납기가 밀린 주문을 어떻게 처리하셨는지 말씀해 주세요.",
     "아 근데 여기 오는 길에 지하철을 거꾸로 타서 한참 헤맸어요. 역이 너무 많더라고요. 출구도 헷갈리고요.", KO),
    ("생산 일정이 어긋났던 경험이 있으면 말씀해 주세요.",
     "제가 지난봄에 좋아하는 가수 팬미팅을 갔는데요, 진행이 진짜 대박이었어요. 순서가 딱딱 맞고 입장도 빨랐고요. "
     "그거 보고 저도 저런 일정 관리 하고 싶다고 생각했어요.", KO),
    ("How would you handle a customer who says their latte is wrong?",
     "So a while ago I went to Busan with my friends and we stayed at this tiny guesthouse near the beach. "
     "We ate seafood every night and the sunsets were amazing.", EN),
])
def test_a_story_of_free_time_is_redirected(question: str, answer: str, context: InterviewContext) -> None:
    decision = decide(_turn(question, answer, context))
    assert decision.move is Move.REDIRECT, decision.text


@pytest.mark.parametrize(("question", "answer"), [
    ("고객 응대에서 기억에 남는 일이 있으면 말씀해 주세요.",
     "그 손님이 나중에 가족분들까지 모시고 와서 정기 구독을 하셨고, 그 달 지점 재구매 1위를 했습니다."),
    ("설비 고장에 대처한 경험이 있으면 말씀해 주세요.",
     "주말 근무 때 포장기가 멈춰서 제가 센서를 닦고 벨트 장력을 다시 맞춰서 두 시간 만에 라인을 돌렸습니다."),
])
def test_a_work_story_that_mentions_private_life_stays_an_answer(question: str, answer: str) -> None:
    decision = decide(_turn(question, answer, KO))
    assert decision.move is not Move.REDIRECT, decision.text


def test_going_somewhere_is_no_act_on_a_thing() -> None:
    assert hands_on_acts("친구랑 전시회를 갔어요.", "ko") == 0
    assert hands_on_acts("제가 재고표를 새로 만들었어요.", "ko") == 1


def test_a_wish_is_read_away_and_the_way_here_is_private() -> None:
    assert "싶" not in without_wishes("공연을 봤어요. 저도 저런 무대 연출 하고 싶다고 생각했어요.", "ko")
    assert "정리" in without_wishes("제가 창고를 정리하고 싶어서 선반을 다시 짰어요.", "ko")
    assert lives_it_privately("오늘 여기 오는 길에 택시를 탔어요.", ("주말",))
    assert not lives_it_privately("고객 가족분들께 설명을 드렸어요.", ("가족",))
