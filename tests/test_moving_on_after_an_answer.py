"""A question in another interviewer's words put right after the candidate answered one about the work carries on
from that answer: whatever it asks, its answer spends the one follow-up; so does a yes to a yes/no question that asks
for no story. After the self-introduction, in whatever words it was asked, the next question opens the work and
its story is still dug into."""
from __future__ import annotations

import pytest

from interview.policy import Move, decide
from llm.base import ChatTurn, InterviewContext, Message

KO = InterviewContext(company_name="한국수자원공사", job_name="시설 관리", total_questions=6, language="ko")
EN = InterviewContext(company_name="Severn Rail Depot", job_name="Maintenance Planner", total_questions=6,
                      language="en")


def _decide(context: InterviewContext, lines: list[tuple[str, str]], answer: str) -> Move:
    history = tuple(Message(role, text) for role, text in lines)
    return decide(ChatTurn(answer, history, context)).move


@pytest.mark.parametrize(("context", "lines", "answer"), [
    # a story asked for as an instance of the view just given: the story told in full, move on
    (KO, [("assistant", "안녕하세요. 정수장 설비를 점검할 때 제일 먼저 보시는 게 뭔가요?"),
          ("user", "펌프 진동이요. 진동이 달라지면 대부분 다른 고장이 뒤따라옵니다."),
          ("assistant", "그렇게 해서 실제로 큰 고장을 막은 적이 있나요?")],
     "네, 작년 여름에 2번 송수 펌프 진동값이 평소보다 두 배쯤 올라가 있었어요. 제가 바로 예비 펌프로 돌리고 베어링을 열어 "
     "보니 마모가 심해서 교체했고, 덕분에 급수 중단 없이 넘어갔습니다."),
    # a question about how it went, with no word of the answer before it and nothing pointing back
    (KO, [("assistant", "안녕하세요. 민원 응대하면서 가장 까다로웠던 분 얘기를 해 주세요."),
          ("user", "단수 예고를 못 받았다고 사무실까지 찾아오신 어르신이 계셨어요."),
          ("assistant", "마지막에는 어떻게 마무리하셨어요?")],
     "댁 주변 게시판 사진을 보여 드리고, 그래도 못 보셨을 수 있으니 다음부터는 문자로도 알려 드리겠다고 약속드렸어요. 연락처를 "
     "받아 등록해 드렸고, 그 뒤로는 찾아오시는 일이 없었습니다."),
    # English: a question of how it went on, with nothing pointing back, after a story told short
    (EN, [("assistant", "Hello. What's the worst fault you've had to plan around?"),
          ("user", "A cracked axle box on a unit due out at five in the morning."),
          ("assistant", "Whose call was it to cancel the early service?")],
     "Mine, in the end. I rang the control office, we agreed to run the spare unit instead, and I got the fitters on "
     "the axle box overnight. Nothing was cancelled and the cracked unit was back in service two days later."),
])
def test_a_question_right_after_an_answer_spends_the_follow_up(context: InterviewContext,
                                                               lines: list[tuple[str, str]], answer: str) -> None:
    assert _decide(context, lines, answer) is Move.NEXT_QUESTION


@pytest.mark.parametrize(("context", "lines", "answer"), [
    (KO, [("assistant", "안녕하세요. 자기소개 짧게 부탁드립니다."),
          ("user", "환경공학을 전공하고 하수처리장에서 이 년 일했습니다."),
          ("assistant", "비상 대기 근무도 가능하신가요?")],
     "네, 가능합니다. 지금 직장에서도 한 달에 두 번 대기 근무를 하고 있습니다."),
    (EN, [("assistant", "Hello. Are you happy to be based at the Gloucester yard?")],
     "Yes, that's fine. I live about twenty minutes from it."),
])
def test_a_yes_to_a_question_that_asks_no_story_moves_on(context: InterviewContext, lines: list[tuple[str, str]],
                                                         answer: str) -> None:
    assert _decide(context, lines, answer) is Move.NEXT_QUESTION


@pytest.mark.parametrize(("context", "lines", "answer"), [
    # the self-introduction asked in words the intent cues miss: the story question after it opens the work
    (KO, [("assistant", "반갑습니다. 먼저 어떤 분이신지 소개 좀 해 주실래요?"),
          ("user", "배수지 관리 업체에서 삼 년 동안 현장 기사로 일했습니다."),
          ("assistant", "그 일을 하면서 수질 문제를 해결해 본 경험이 있으면 하나 들려주세요.")],
     "염소 농도가 한 배수지에서만 계속 낮게 나왔는데, 제가 주입 펌프 기록을 보니 야간에만 떨어지더라고요. 타이머 설정이 "
     "잘못돼 있어서 바로잡았습니다."),
    (EN, [("assistant", "Hi, thanks for coming in. Quick intro to start?"),
          ("user", "I've planned overnight maintenance for a train operator for four years."),
          ("assistant", "Tell me about a time a possession overran.")],
     "A track renewal near Bristol overran by two hours because the tamper broke down. I had the next morning's "
     "diagrams changed and buses booked before the first service."),
    # a yes to "have you ever …" is the start of a story, not the whole answer
    (KO, [("assistant", "안녕하세요. 점검 일정이 꼬여서 곤란했던 적이 있나요?")],
     "네, 있습니다. 장마 때 점검 날짜가 세 번 밀려서 제가 협력업체 일정을 다시 짰습니다."),
])
def test_after_the_opening_a_story_still_gets_its_follow_up(context: InterviewContext,
                                                            lines: list[tuple[str, str]], answer: str) -> None:
    assert _decide(context, lines, answer) is Move.FOLLOW_UP
