"""A day of the candidate's own told instead of an answer (a trip, a pet's operation, a hobby on the weekends) is
redirected, and real work told with a moment of feeling in it ("솔직히 그땐 가족 생각도 났고요") is followed up.
The wordings are this file's own and in no situations file; the ten stories were written before the change they
check (main 7/10), the unit tests after it, on wordings of their own (interview/story_role.py,
interview/answer_deferred.py, interview/second_look.py, interview/work_report.py)."""
from __future__ import annotations

import pytest

from interview.answer_deferred import guesses_back
from interview.policy import Move, decide
from interview.question_marks import asks_with_its_reason
from interview.reading import AnswerKind, intent_of, read_answer
from interview.second_look import second_look
from interview.story_role import served_or_at_leisure
from interview.work_report import hands_on_acts
from llm.base import InterviewContext
from tests.test_offtopic_domain import _turn


def _ctx(company: str, job: str, language: str = "ko") -> InterviewContext:
    return InterviewContext(company_name=company, job_name=job, total_questions=5, language=language)


DAYS_OF_THEIR_OWN = [
    (_ctx("온누리약국", "약사"), "복약지도를 할 때 어떤 점에 신경 쓰시나요?",
     "제가 요즘 주말마다 낚시를 다니는데요, 지난주엔 붕어를 세 마리나 잡았어요. 삼촌이 미끼 끼우는 법을 알려 주셨는데 "
     "그게 진짜 신기하더라고요."),
    (_ctx("롯데호텔", "프런트 데스크"), "체크인 대기 줄이 길어지면 어떻게 하시겠어요?",
     "아 그 전에요, 저희 집 고양이가 어제 중성화 수술을 했거든요. 밤새 옆에서 지켜보느라 한숨도 못 잤어요. 지금도 걔 "
     "걱정뿐이에요."),
    (_ctx("Guy's and St Thomas'", "Hospital Porter", "en"),
     "How would you prioritise two urgent transfer requests that come in at once?",
     "Ha, funny timing, I just got back from Lisbon on Sunday. We did a tram tour and ate way too many custard tarts. "
     "Still recovering, honestly."),
    # opened with "sorry" and a pet, but of an earlier day: no interruption now (interview/breaks.py)
    (_ctx("Monzo", "Customer Support Agent", "en"), "How would you explain an overdraft fee to an upset customer?",
     "Before that, sorry, my cat had surgery yesterday and I was up all night with her. The vet bill was huge. I "
     "can't stop thinking about her."),
]

# Not yet read: a trip with one sign of leisure (the place gone to) and the rest scenery.
STILL_MISSED = [
    (_ctx("신한은행", "창구 텔러"), "고객이 대기 시간이 길다고 항의하시면 어떻게 하시겠어요?",
     "저 지난달에 제주도 다녀왔는데요, 렌터카 타고 해안도로를 한 바퀴 돌았어요. 바다 색이 진짜 말도 안 되더라고요. 아직도 "
     "그 생각이 나요."),
]

WORK_WITH_A_FEELING = [
    (_ctx("쿠팡 풀필먼트", "물류 현장관리"), "현장에서 가장 아찔했던 순간은 언제였나요?",
     "야간 출고 때 지게차가 랙 기둥을 긁었어요. 제가 바로 구역을 막고 팀장님께 보고드린 다음 적재물을 내려서 점검했어요. "
     "그 뒤로 통로 폭 표시를 다시 칠했고요. 솔직히 그땐 집 생각도 났어요."),
    (_ctx("대한항공", "객실승무원"), "비행 중 겪은 가장 어려운 상황은 무엇이었나요?",
     "인천에서 뉴욕 가는 편에서 난기류가 심해서 서비스가 두 시간 넘게 중단됐어요. 승객들 불만도 커지고… 제가 갤리 담당이라 "
     "카트를 고정하고 물만 따로 돌렸는데, 그게 제일 힘들었습니다. 솔직히 그땐 가족 생각도 좀 났고요."),
    (_ctx("캠핑클럽 오토캠핑장", "시설 관리"), "이용객 안전을 위해 어떤 점을 챙기시겠어요?",
     "작년 여름에 캠핑장 관리 아르바이트를 했는데요, 비 오는 날 텐트 팩이 빠진 사이트가 많았어요. 제가 돌면서 "
     "이용객분들께 팩을 다시 박아 드리고 배수로 위치를 안내해 드렸어요."),
    (_ctx("Carnival UK", "Deck Officer", "en"), "What was the hardest moment you had on board?",
     "We were anchored off Santorini for three days because of strong winds. Morale on the crew dropped. I was on "
     "watch when the anchor dragged twice, and I called the bridge each time. Honestly I missed home a lot then too."),
    (_ctx("Seafari Tours", "Tour Guide", "en"), "Tell me about a time a tour went wrong.",
     "I was leading a boat trip for a group of twelve when the engine cut out. I kept the guests calm, radioed the "
     "harbour and handed out water until the tow arrived."),
]


@pytest.mark.parametrize(("context", "question", "answer"), DAYS_OF_THEIR_OWN)
def test_a_day_of_their_own_is_redirected(context: InterviewContext, question: str, answer: str) -> None:
    assert decide(_turn(question, answer, context)).move is Move.REDIRECT


@pytest.mark.parametrize(("context", "question", "answer"), WORK_WITH_A_FEELING)
def test_work_told_with_a_feeling_is_followed_up(context: InterviewContext, question: str, answer: str) -> None:
    assert decide(_turn(question, answer, context)).move in (Move.FOLLOW_UP, Move.NEXT_QUESTION)


@pytest.mark.xfail(strict=True, reason="one sign of leisure: not yet a day of their own")
@pytest.mark.parametrize(("context", "question", "answer"), STILL_MISSED)
def test_days_not_yet_read(context: InterviewContext, question: str, answer: str) -> None:
    assert decide(_turn(question, answer, context)).move is Move.REDIRECT


def _kind(question: str, answer: str, language: str) -> AnswerKind:
    reading = read_answer(answer, intent_of(question, language), language)
    return second_look(reading, answer, question, language)


def test_ones_own_household_and_a_deferred_answer_are_signs_of_a_day_off() -> None:
    assert served_or_at_leisure("저희 엄마가 요즘 뜨개질을 배우시거든요.", "ko") == 1
    assert served_or_at_leisure("우리 집 고양이가 아팠어요.", "ko") == 1
    assert served_or_at_leisure("저희 회사 팀장님이 도와주셨어요.", "ko") == 0  # the work's own people
    assert served_or_at_leisure("아, 그거 대답하기 전에요, 오늘 지하철이 멈췄어요.", "ko") == 1
    assert served_or_at_leisure("I only flew back from Crete on Friday.", "en") == 1


def test_a_nominalised_verb_is_what_the_candidate_acted_on() -> None:
    assert hands_on_acts("제가 야간에 배관 새어 나옴을 먼저 막았어요.", "ko") == 1


def test_a_guess_asked_back_is_put_more_simply() -> None:
    question = "신입 교육 계획을 세운다면 무엇부터 하시겠어요?"
    answer = "음, 선배들한테 물어보면 되지 않을까요."
    assert _kind(question, answer, "ko") is AnswerKind.EVASIVE
    reading = read_answer("혹시 주말에도 출근하시지 않을까요?", intent_of(question, "ko"), "ko")
    assert not guesses_back(reading, question)  # honoured: asked of the interviewer's side, a question


def test_a_question_asked_before_the_answer_is_the_candidates() -> None:
    question = "How would you set up the stock rotation for a new branch?"
    answer = "Oh, before I answer, is this a branch with a walk-in freezer? It would change the order I'd pick."
    reading = read_answer(answer, intent_of(question, "en"), "en")
    assert asks_with_its_reason(reading, "en")
    assert _kind(question, answer, "en") is AnswerKind.QUESTION
    asked = intent_of("재고 관리는 어떻게 하시겠어요?", "ko")
    korean = read_answer("아, 그거 말하기 전에요, 여기는 주말 근무도 있나요? 아이가 어려서요.", asked, "ko")
    assert asks_with_its_reason(korean, "ko")


def test_a_denial_first_is_no_experience_whatever_follows() -> None:
    question = "Have you managed a housekeeping rota for a hotel?"
    answer = ("Not really, no. I was on the front desk side, booking the rooms, not running the housekeeping rota "
              "myself.")
    assert _kind(question, answer, "en") is AnswerKind.NO_EXPERIENCE
