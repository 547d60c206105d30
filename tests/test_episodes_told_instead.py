"""An episode of the candidate's own time (yesterday's flat tyre, the commute here, school days, a relative's pet)
told in place of an answer to a question about how they would do the work is redirected, whatever its story
holds; a work story set on a weekend, and a life story told to a question asking for one, are still answers.
The wordings are this file's own and in no situations file; the ten stories were written before the change they
check (main: see docs/evaluation-independent.md), the unit tests after it (interview/episodes.py,
interview/story_role.py, interview/associations.py, interview/work_report.py)."""
from __future__ import annotations

import pytest

from interview.associations import without_echo
from interview.policy import Move, decide
from interview.reading import AnswerKind, intent_of, read_answer
from interview.episodes import told_instead
from interview.second_look import PRIVATE_LIFE, second_look
from interview.story_role import serves_others
from llm.base import InterviewContext
from tests.test_offtopic_domain import _turn
from tests.test_stories_told_aside import _ctx


EPISODES = [
    (_ctx("GS리테일", "물류 MD"), "재고가 갑자기 부족해지면 어떻게 대응하시겠어요?",
     "재고요? 아 그러고 보니 제가 지난달에 이사를 했는데요, 짐 정리하느라 일주일 내내 박스만 뜯었어요. 아직도 거실이 "
     "엉망이에요."),
    (_ctx("쿠팡", "CS 매니저"), "고객 불만이 접수되면 무엇부터 확인하시겠어요?",
     "아 근데 어제 친구 결혼식 다녀왔는데요, 축가를 제가 불렀거든요. 엄청 떨렸어요."),
    pytest.param(
        _ctx("LG화학", "설비기술"), "설비 고장이 반복될 때 원인을 어떻게 분석하시나요?",
        "분석이요… 음, 제가 고등학교 다닐 때 얘기를 해 드릴게요. 그때 제가 반장이었는데 진짜 바빴거든요. 그래서 저는 웬만한 "
        "일은 다 견딜 수 있어요.",
        marks=pytest.mark.xfail(strict=True, reason="school and a class role are study, the work's register for the "
                                                    "lexicon: a school-days story still reads as a report")),
    (_ctx("CJ대한통운", "고객지원"), "배송 지연 문의가 몰리면 어떻게 처리하시겠어요?",
     "아, 오늘 오는데 버스를 놓쳐서 정류장에서 삼십 분을 기다렸어요. 늦을까 봐 진짜 식은땀 났어요."),
    (_ctx("현대글로비스", "영업관리"), "신규 거래처를 발굴할 때 어떤 기준으로 보시나요?",
     "요즘 제가 골프에 빠졌거든요. 주말마다 연습장에 가는데 아직 백 개도 못 깨요. 하하."),
    (_ctx("SK하이닉스", "품질관리"), "라인에서 불량이 나오면 누구에게 먼저 알리시겠어요?",
     "아, 그 말씀 들으니까 생각났는데 제가 지난주에 휴대폰 액정이 깨져서 서비스센터에서 세 시간을 기다렸어요. 진짜 "
     "어이없었어요."),
    (_ctx("Target", "Guest Advocate", "en"), "How would you handle a customer who wants a refund without a receipt?",
     "Oh, funny, my brother just got back from Lisbon yesterday and he lost his suitcase at the airport. We spent "
     "the whole evening on hold with the airline."),
    (_ctx("Best Buy", "Geek Squad Agent", "en"), "What would you check first if a printer kept jamming?",
     "Honestly, my weekend was wild, my cousin's cat got stuck on the roof and we had to call the fire department. "
     "It took them two hours."),
    (_ctx("Zendesk", "Support Specialist", "en"), "How would you prioritise three urgent tickets at once?",
     "Sorry, I'm a bit frazzled, my train was cancelled and I had to run all the way from the station. My mum kept "
     "texting me the whole time."),
    (_ctx("Kaiser Permanente", "Nurse", "en"), "What would you do if a patient refused their medication?",
     "My roommate adopted a kitten last weekend and it has been climbing the curtains every night, so I have barely "
     "slept. She is adorable though."),
]

ANSWERS = [
    (_ctx("쿠팡", "CS 매니저"), "고객 불만이 접수되면 무엇부터 확인하시겠어요?",
     "지난주에 편의점 알바할 때 비슷한 일이 있었는데요, 제가 먼저 영수증과 결제 내역을 확인해서 환불해 드렸어요."),
    (_ctx("풍산", "생산관리"), "가장 힘들었던 경험을 말씀해 주세요.",
     "제가 군대 있을 때 취사병이었는데 새벽 네 시에 일어나서 밥을 했어요. 체력적으로 정말 힘들었지만 끝까지 버텼습니다."),
    (_ctx("Target", "Guest Advocate", "en"), "How would you handle a customer who wants a refund without a receipt?",
     "Last weekend at the shop I had exactly that, so I looked the purchase up by card and refunded the customer to "
     "the same card."),
]


@pytest.mark.parametrize("context,question,answer", EPISODES)
def test_an_episode_of_their_own_is_redirected(context: InterviewContext, question: str, answer: str) -> None:
    assert decide(_turn(question, answer, context)).move is Move.REDIRECT


@pytest.mark.parametrize("context,question,answer", ANSWERS)
def test_work_on_a_weekend_and_a_story_asked_for_are_answers(context: InterviewContext, question: str,
                                                              answer: str) -> None:
    assert decide(_turn(question, answer, context)).move in (Move.FOLLOW_UP, Move.NEXT_QUESTION)


def test_a_story_promised_to_the_interviewer_serves_no_one() -> None:
    assert serves_others("제가 대학교 다닐 때 얘기를 해 드릴게요.", "ko") == 0
    assert serves_others("손님께 그 얘기를 해 드릴게요.", "ko") == 1  # someone else receives it: a service


def test_being_at_the_vet_is_no_service() -> None:
    assert serves_others("I was at the vet with my puppy all night.", "en") == 0
    assert serves_others("I held the puppy still while the vet checked his ears.", "en") == 1


def test_the_questions_word_said_back_is_an_echo() -> None:
    pending = "품질 문제가 생기면 어떻게 대응하시겠어요?"
    assert without_echo("품질이요? 음, 제가 어제 동생이랑 영화를 봤어요.", "ko", pending).startswith("음, 제가 어제")
    assert without_echo("품질이요? 음, 제가 어제 동생이랑 영화를 봤어요.", "ko").startswith("품질이요?")


def test_a_duration_waited_is_what_a_story_tells_not_a_work_question() -> None:
    question = "협력사 납기가 늦어지면 어떻게 하시겠어요?"
    answer = "제가 어제 은행에서 한 시간을 기다렸거든요. 번호표가 안 줄어서 진짜 답답했어요."
    reading = read_answer(answer, intent_of(question, "ko"), "ko")
    assert second_look(reading, answer, question, "ko") is AnswerKind.OFF_TOPIC


@pytest.mark.parametrize("question", ["주말에는 보통 뭐 하면서 쉬세요?", "살면서 가장 힘들었던 경험을 말씀해 주세요."])
def test_an_episode_may_answer_a_question_about_their_life_or_asking_for_a_story(question: str) -> None:
    answer = "제가 어제 동생이랑 한강에 가서 자전거를 두 시간 탔는데요, 바람이 좋아서 기분이 풀렸어요."
    reading = read_answer(answer, intent_of(question, "ko"), "ko")
    assert not told_instead(reading, answer, question, "ko", PRIVATE_LIFE["ko"])
    how = "협력사 납기가 늦어지면 어떻게 하시겠어요?"
    assert told_instead(read_answer(answer, intent_of(how, "ko"), "ko"), answer, how, "ko", PRIVATE_LIFE["ko"])
