"""The interviewer reads the conversation and the kind of answer right: a question cut at no abbreviation ("7 a.m.",
"Dr.", "e.g."), a request after a colon ("Last question from me: tell me …") counted as asked, a technology's digit
("EC2") no count of anything done, an answer in the question's own frame after a private aside, a commute or a
school-days story redirected, and a pet's day in the past no interruption. Every wording here is this file's own
and in no situations file (interview/text.py, llm/prompts.py, interview/denials.py, interview/answer_frame.py,
interview/episodes.py, interview/breaks.py)."""
from __future__ import annotations

import pytest

from interview.answer_frame import answers_in_its_frame
from interview.breaks import interrupted_by_something_else
from interview.history import asked_sentence
from interview.policy import Move, decide
from interview.reading import intent_of, read_answer
from interview.scripted import ScriptedInterviewer
from interview.text import sentences, split_sentences
from llm.base import ChatTurn, InterviewContext, Message
from llm.prompts import count_questions, is_question
from tests.test_offtopic_domain import _turn


def _ctx(company: str, job: str, language: str = "ko", total: int = 5) -> InterviewContext:
    return InterviewContext(company_name=company, job_name=job, total_questions=total, language=language)


@pytest.mark.parametrize(("text", "expected"), [
    ("How would you cover the 6 p.m. handover if the night nurse is late?",
     ("How would you cover the 6 p.m. handover if the night nurse is late?",)),
    ("I started at 5 a.m. and finished by noon. Then I went home.",
     ("I started at 5 a.m. and finished by noon.", "Then I went home.")),
    ("I reported it to Dr. Okafor. She agreed.", ("I reported it to Dr. Okafor.", "She agreed.")),
    ("We tried queues, e.g. RabbitMQ, and then Kafka.", ("We tried queues, e.g. RabbitMQ, and then Kafka.",)),
    ("We shipped to the U.S. The returns doubled.", ("We shipped to the U.S.", "The returns doubled.")),
    ("Cables, adapters, etc. were all in one box.", ("Cables, adapters, etc. were all in one box.",)),
])
def test_sentences_are_not_cut_at_abbreviations(text: str, expected: tuple[str, ...]) -> None:
    assert split_sentences(text) == expected
    assert sentences(text, "en") == expected


def test_the_question_of_a_line_keeps_its_abbreviation() -> None:
    line = "Thanks. What would you check first if the 9 a.m. delivery never arrived?"
    assert asked_sentence(line) == "What would you check first if the 9 a.m. delivery never arrived?"


def test_a_redirect_puts_the_whole_question_again() -> None:
    question = "What would you do if the lunch rush started at 11 a.m. and two cooks were off?"
    answer = ("Oh, speaking of lunch, I had the worst sandwich on the train today. Soggy bread, no mayo. Do you "
              "have a canteen here?")
    reply = ScriptedInterviewer().reply(_turn(question, answer, _ctx("Leon", "Kitchen Lead", "en")))
    assert "at 11 a.m. and two cooks were off?" in reply
    assert not reply.rstrip().endswith(" ?")


@pytest.mark.parametrize("line", [
    "Next question: tell me how you would plan a stocktake.",
    "One more from me: walk me through a shift that went badly.",
    "Final one — describe a time you changed a process.",
])
def test_a_request_after_a_colon_or_dash_asks(line: str) -> None:
    assert is_question(line)


def test_the_announced_last_question_after_a_colon_closes_the_interview() -> None:
    history = (Message("user", "Hello."), Message("assistant", "Welcome. Tell me about yourself."),
               Message("user", "I run the evening shift at a pharmacy."),
               Message("assistant", "How do you keep the controlled-drugs register accurate?"),
               Message("user", "Two people count at close and I sign off every page."),
               Message("assistant", "Last one from me: tell me about a time you had to say no to a regular."))
    assert count_questions(history) == 3
    turn = ChatTurn("A regular wanted an early repeat of his sleeping tablets; I explained the rules and called his "
                    "GP, who moved his review forward.", history, _ctx("Boots", "Pharmacy Supervisor", "en", 3))
    assert decide(turn).move is Move.CLOSE


def test_a_denial_naming_a_technology_with_a_digit_pivots() -> None:
    question = "테라폼으로 인프라를 코드로 관리해 본 경험이 있으면 말씀해 주세요."
    answer = "솔직히 테라폼은 써 본 적이 없어요. 저희는 콘솔에서 EC2를 직접 띄웠습니다."
    assert decide(_turn(question, answer, _ctx("당근", "인프라 엔지니어"))).move is Move.PIVOT


def test_an_answer_in_the_questions_frame_after_an_aside_is_not_redirected() -> None:
    question = "그 캡스톤 프로젝트에서 가장 오래 붙잡고 있던 문제가 뭐였는지 말씀해 주세요."
    answer = ("명절에도 본가 내려가서 노트북으로 로그를 봤는데요, 가장 오래 붙잡고 있던 건 메모리 누수였어요. 힙 덤프를 "
              "세 번 떠서 캐시 객체가 안 풀리는 걸 찾았고 사용량이 40% 줄었습니다.")
    assert answers_in_its_frame(answer, question, "ko")
    assert decide(_turn(question, answer, _ctx("네이버", "백엔드 개발자"))).move in (Move.FOLLOW_UP, Move.NEXT_QUESTION)


def test_a_described_thing_that_is_not_the_asked_one_is_no_frame() -> None:
    question = "가장 어려웠던 점은 무엇이었나요?"
    assert not answers_in_its_frame("주말에 등산을 갔는데 정말 힘들었어요.", question, "ko")
    assert not answers_in_its_frame("What I liked most was the team.", "What was the hardest part?", "en")


# (context, question, answer, redirected): stories of the candidate's own day or school days are redirected; work
# done in school days is an answer.
_PARCEL = (_ctx("Royal Mail", "Delivery Team Lead", "en"),
           "Tell me about a time at work when a parcel went missing on your round.")
STORIES = [
    (_ctx("National Rail", "Station Supervisor", "en"),
     "How would you handle a platform crowd if the 8:10 train was cancelled?",
     "Ugh, the platform at Clapham this morning was chaos. I waited ages and some kid kicked my bag the whole way. "
     "Not my best start.", True),
    (_ctx("이마트", "매장 관리"), "매장에서 재고가 안 맞을 때 어떻게 확인하셨는지 말씀해 주세요.",
     "아 재고 하니까 생각나는데요, 중학교 때 반 친구들이랑 수련회를 갔거든요. 거기서 밤새 보드게임만 했어요. 진짜 웃겼어요.",
     True),
    (*_PARCEL,
     "Back in high school our band went to a festival in Bristol and we lost our drummer's sticks. We bought new "
     "ones from a stall and played anyway.", True),
    (_ctx("올리브영", "매장 스태프"), "매장에서 고객 불만을 처리한 경험을 말씀해 주세요.",
     "대학 때 편의점 아르바이트를 했는데 손님이 유통기한 지난 우유를 가져오셔서 바로 사과드리고 새 제품으로 바꿔 드렸어요.",
     False),
    (*_PARCEL,
     "Back in college I delivered for a courier, and one parcel vanished from my van; I retraced the route, found it "
     "at the wrong house and apologised to the customer.", False),
]


@pytest.mark.parametrize(("context", "question", "answer", "redirected"), STORIES)
def test_own_day_and_school_day_stories_are_redirected_work_is_not(context: InterviewContext, question: str,
                                                                   answer: str, redirected: bool) -> None:
    assert (decide(_turn(question, answer, context)).move is Move.REDIRECT) is redirected


@pytest.mark.parametrize(("message", "interrupted"), [
    ("Sorry, my dog had an operation last week and I'm still a bit distracted.", False),
    ("죄송해요, 어제 고양이가 아파서 병원에 다녀왔어요.", False),
    ("Sorry, my dog is barking at the door, one second.", True),
    ("죄송해요, 잠깐만요, 택배가 와서요.", True),
])
def test_an_interruption_is_now_not_an_earlier_day(message: str, interrupted: bool) -> None:
    language = "ko" if any("가" <= ch <= "힣" for ch in message) else "en"
    question = "고객이 화를 내시면 어떻게 하시겠어요?" if language == "ko" else "How would you calm an angry caller?"
    reading = read_answer(message, intent_of(question, language), language)
    assert interrupted_by_something_else(reading, message, language) is interrupted
