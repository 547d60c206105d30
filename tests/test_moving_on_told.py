"""When the answer told what was asked: a follow-up after a question about the work already dug in (only after an
introduction or a question of where the candidate stands does it draw the first story out), a plan asked for under
"…할 때" is answered once told, a practice asked for in the present is answered by the practice, and a question
followed by "I'm asking because …" is a question to the interviewer."""
from __future__ import annotations

import pytest

from interview.history import covered_intents
from interview.policy import Move, decide
from interview.question_tense import asks_what_you_would
from llm.base import ChatTurn, InterviewContext, Message

KO = InterviewContext(company_name="한국남부발전", job_name="설비 정비", total_questions=6, language="ko")
EN = InterviewContext(company_name="Harbour Freight Ltd", job_name="Transport Planner", total_questions=6,
                      language="en")


def _decide(context: InterviewContext, lines: list[tuple[str, str]], answer: str) -> Move:
    history = tuple(Message(role, text) for role, text in lines)
    return decide(ChatTurn(answer, history, context)).move


@pytest.mark.parametrize(("context", "lines", "answer"), [
    # a story question got a short story, the follow-up asked what was hardest: the story is now told, move on
    (KO, [("assistant", "안녕하세요. 간단히 자기소개 부탁드립니다."), ("user", "기계공학을 전공했고 발전소 협력사에서 일했습니다."),
          ("assistant", "정비하면서 설비 고장을 직접 해결했던 경험을 말씀해 주세요."),
          ("user", "보일러 급수 펌프 진동이 커져서 제가 베어링을 교체했습니다."),
          ("assistant", "그 교체 작업에서 가장 힘들었던 점은 뭐였어요?")],
     "정지 시간이 여섯 시간밖에 없어서 부품이 제때 오지 않으면 안 됐어요. 그래서 제가 전날 밤에 예비 베어링 치수를 미리 재서 "
     "맞춰 두었고, 다섯 시간 만에 교체를 끝내서 발전 정지를 늘리지 않았습니다."),
    # the same in English: a story question, a reply that gave only how long it ran over, and the follow-up's answer
    (EN, [("assistant", "Hello. Tell me about a delivery plan that ran late."),
          ("user", "A rollout of new depot routes ran three weeks late because the client kept changing the stops."),
          ("assistant", "What did you change after that project?")],
     "I now agree the list of stops in writing before any route is drawn, and changes after that go into the next "
     "monthly revision. Since then none of my route plans has run more than a couple of days late."),
])
def test_a_follow_up_after_a_question_about_the_work_already_dug_in(context: InterviewContext,
                                                                   lines: list[tuple[str, str]], answer: str) -> None:
    assert _decide(context, lines, answer) is Move.NEXT_QUESTION


def test_after_an_introduction_the_first_story_is_still_dug_into() -> None:
    lines = [("assistant", "안녕하세요. 간단히 자기소개 부탁드립니다."),
             ("user", "발전소 협력사에서 삼 년 동안 펌프 정비를 했습니다."),
             ("assistant", "그 일을 하면서 직접 바꿔 본 게 있다면 소개해 주세요.")]
    answer = ("펌프 정비 기록이 종이로만 남아서 같은 고장이 반복돼도 잘 몰랐어요. 그래서 제가 설비별 고장 이력을 엑셀로 정리해서 "
              "팀에 공유했고, 같은 부품이 세 번 넘게 나가면 교체 주기를 앞당기자고 제안했습니다.")
    assert _decide(KO, lines, answer) is Move.FOLLOW_UP


@pytest.mark.parametrize(("context", "question", "answer"), [
    # a plan under a "when" clause: no time is recalled, the plan told was the answer
    (KO, "정비 일정이 밀렸는데 운전팀이 설비를 빨리 돌려 달라고 할 때 어떻게 하시겠어요?",
     "먼저 밀린 작업 중에 안전과 직결된 항목이 뭔지 운전팀과 같이 확인하겠습니다. 안전 항목은 끝까지 마치고, 미뤄도 되는 항목은 "
     "다음 정지 때로 옮기자고 제안하겠습니다. 그리고 그 결정을 작업 일지에 남겨서 나중에 누가 봐도 알 수 있게 하겠습니다."),
    # a practice asked for in the present, told as a practice: the answer
    (KO, "교대 근무 때 인수인계는 평소에 어떻게 하세요?",
     "저는 설비별로 이상 징후와 진행 중인 작업을 나눠서 적고요, 다음 근무자랑 현장에서 같이 한 바퀴 돌면서 확인해요. 특히 "
     "경보가 한 번이라도 울린 설비는 따로 표시해서 먼저 봅니다."),
    (EN, "How do you plan the week's collections when one of the drivers is off sick?",
     "I keep a short list of agency drivers who know our routes, and I ring them first thing. Then I move the "
     "collections with the tightest windows to the most experienced drivers and push the flexible ones to Friday."),
])
def test_a_plan_or_a_practice_told_is_the_answer(context: InterviewContext, question: str, answer: str) -> None:
    opening = "안녕하세요. 바로 질문 드리겠습니다." if context.language == "ko" else "Hello, let's begin."
    assert _decide(context, [("assistant", f"{opening} {question}")], answer) is Move.NEXT_QUESTION


def test_a_practice_question_answered_with_a_past_story_is_dug_into() -> None:
    answer = ("Last winter two drivers went down with flu on the same Monday. I split their runs between the "
              "others and took one van out myself, so we only missed one collection.")
    lines = [("assistant", "Hello, let's begin. How do you plan the week's collections when one of the drivers is off sick?")]
    assert _decide(EN, lines, answer) is Move.FOLLOW_UP


def test_if_there_was_one_is_no_hypothetical() -> None:
    assert not asks_what_you_would("정비하면서 판단이 엇갈렸던 적이 있었다면 들려주세요.", "ko")
    assert not asks_what_you_would("설비 사고를 직접 겪어 보셨다면 그 얘기를 해 주세요.", "ko")
    assert asks_what_you_would("본인이 팀장이라면 어떻게 하시겠어요?", "ko")


def test_a_question_with_the_reason_it_is_asked_is_answered() -> None:
    lines = [("assistant", "Hello. Tell me about a project you planned from start to finish.")]
    answer = ("Do you use subcontracted hauliers much here? The reason I ask is that I have only planned our own "
              "fleet.")
    assert _decide(EN, lines, answer) is Move.ANSWER_QUESTION


def test_a_motivation_covered_last_time_is_not_asked_again() -> None:
    line = "Right, we went over your CV and why Harbour Freight last time. How do you plan a week of deliveries?"
    assert "motivation" in covered_intents(line, "en")
