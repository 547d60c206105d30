"""A story told whole (long, without searching for words, with what came of it and what stayed after it) is moved on
from; the same story told haltingly, or without what stayed, keeps its follow-up (stop 30; wordings written for
these tests, not taken from any situations set)."""
from __future__ import annotations

from interview.own_act import said_back
from interview.policy import Move, decide
from interview.text import sentences
from llm.base import ChatTurn, InterviewContext, Message

KO = InterviewContext(company_name="CJ대한통운", job_name="물류센터 관리자", total_questions=5, language="ko")
PENDING = "출고가 크게 밀렸던 날을 어떻게 처리하셨는지 말씀해 주세요."
WHOLE = ("네. 작년 추석 전주에 출고 물량이 평소의 두 배로 들어온 날이 있었습니다. 저는 먼저 마감 시간이 이른 거래처 "
         "순서로 피킹 리스트를 다시 뽑고, 포장 라인 두 개를 냉장 상품 전용으로 돌렸습니다. 오후에는 야간조 다섯 명을 두 "
         "시간 일찍 불러서 상차를 나눠 맡겼고, 결국 그날 물량을 전부 당일 출고했습니다. 그 뒤로는 명절 3주 전부터 거래처별 "
         "마감 시간표를 미리 받아 두는 걸 팀 규칙으로 만들었습니다.")


def _decide(answer: str):
    history = (Message("assistant", "자기소개 부탁드립니다."), Message("user", "물류센터에서 오 년 일했습니다."),
               Message("assistant", PENDING))
    return decide(ChatTurn(answer, history, KO))


def test_a_story_told_whole_is_moved_on_from() -> None:
    assert _decide(WHOLE).move is Move.NEXT_QUESTION


def test_a_story_told_haltingly_keeps_its_follow_up() -> None:
    halting = WHOLE.replace("네. 작년", "음… 작년").replace("저는 먼저", "그… 저는 먼저")
    assert _decide(halting).move is Move.FOLLOW_UP


def test_a_story_without_what_stayed_after_it_keeps_its_follow_up() -> None:
    without_since = WHOLE[:WHOLE.index(" 그 뒤로는")]
    assert _decide(without_since).move is Move.FOLLOW_UP


def test_the_act_a_hands_on_clause_is_chained_into_is_said_back_whole() -> None:
    answer = "그래서 제가 고객님 차를 직접 타고 출퇴근길 코스를 똑같이 달려 봤어요. 그랬더니 과속방지턱에서 소리가 나더라고요."
    assert said_back(sentences(answer, "ko"), "ko") == "고객님 차를 직접 타고 출퇴근길 코스를 똑같이 달려 보셨다고"
