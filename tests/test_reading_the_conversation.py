"""The interviewer reads the conversation itself as a person would (wordings written anew, in no situations file):
a request in another polite register or voice is a question, "the last one on that" closes a topic and not the
interview, "once more" asks for a repeat, what the candidate would ask a customer is no call for questions, a
spoken fragment closed by 요 ends a story, a question with its reason after a lead-in is a question, an answer
with a question after it at the last question closes, and a plain "no" beside a number is still a "no"."""
from __future__ import annotations

import pytest

from interview import history
from interview.history import announces_last, closes_topic
from interview.intents import classify
from interview.policy import Move, decide
from interview.question_marks import asks_with_its_reason
from interview.reading import AnswerKind, intent_of, read_answer
from llm.base import ChatTurn, InterviewContext, Message
from llm.prompts import is_question
from interview.progress import interview_progress

KO = InterviewContext(company_name="한국전력공사", job_name="배전 운영", total_questions=3)
EN = InterviewContext(company_name="Maersk", job_name="Port Planner", total_questions=4, language="en")


def _turn(lines: list[tuple[str, str]], answer: str, context: InterviewContext = KO) -> ChatTurn:
    return ChatTurn(answer, tuple(Message(role, text) for role, text in lines), context)


def _reading(answer: str, question: str, language: str = "ko"):
    return read_answer(answer, intent_of(question, language), language)


def test_requests_in_other_registers_and_voices_are_questions() -> None:
    assert is_question("반갑습니다. 간단하게 본인 소개 부탁드려요.")
    assert is_question("그럼 팀에서 맡은 일 설명 부탁합니다.")
    assert is_question("Welcome aboard. We'd like to hear how you plan a berth schedule.")
    assert is_question("Please introduce yourself briefly.")
    assert not is_question("다음 질문 드리겠습니다.") and not is_question("Please take a seat.")


def test_an_opening_request_in_another_register_is_not_asked_again() -> None:
    turn = _turn([("assistant", "배전 운영 면접입니다. 짧게 본인 소개 부탁드려요.")],
                 "전기공학과를 졸업하고 변전소 유지보수 업무를 3년 했습니다. 주변압기 점검을 주로 맡았습니다.")
    assert "소개" not in decide(turn).text
    turn = _turn([("assistant", "Welcome aboard. We'd like to hear how you plan a berth schedule.")],
                 "I start from the vessels' arrival windows and crane availability, then I lay out the berths by "
                 "length and draft.", EN)
    assert "introduce" not in decide(turn).text.lower()


def test_the_last_question_on_a_topic_closes_the_topic_not_the_interview() -> None:
    line = "Last question on that crane outage: did the vessel still leave on time?"
    assert closes_topic(line, "en") and not announces_last(line, "en")
    assert announces_last("One final question: where do you want to be in five years?", "en")
    turn = _turn([("assistant", "Hi, thanks for coming. Please introduce yourself briefly."),
                  ("user", "I planned yard moves at a container terminal for three years."),
                  ("assistant", line)],
                 "Yes, we re-sequenced the discharge and it sailed forty minutes late instead of six hours.", EN)
    decision = decide(turn)
    assert decision.move is Move.NEXT_QUESTION
    assert not interview_progress(turn, decision.text).finished


def test_asking_for_the_question_once_more_is_a_repeat_request() -> None:
    question = "정전 복구 순서를 정할 때 무엇을 먼저 보셨는지 말씀해 주세요."
    assert _reading("아, 죄송합니다. 한 번만 더 말씀해 주실 수 있을까요?", question).kind is AnswerKind.REPEAT_REQUEST
    assert _reading("잘 안 들려서요, 질문 한 번만 더 부탁드려요.", question).kind is AnswerKind.REPEAT_REQUEST
    assert _reading("죄송한데 질문을 한 번 더 들을 수 있을까요?", question).kind is AnswerKind.REPEAT_REQUEST
    english = "How did you decide which berth to free first?"
    assert _reading("Could you say the question once more?", english, "en").kind is AnswerKind.REPEAT_REQUEST
    assert _reading("고객께 질문을 한 번 더 드려서 원인을 확인했습니다.", question).kind is not AnswerKind.REPEAT_REQUEST


def test_what_the_candidate_would_ask_someone_else_is_no_call_for_questions() -> None:
    assert classify("처음 만나는 민원인에게 어떤 것부터 물어보실지 말씀해 주세요.", "ko") != "reverse"
    assert classify("What would you ask the shipping line first?", "en") != "reverse"
    assert classify("마지막으로 저희에게 물어보실 것 있으신가요?", "ko") == "reverse"


def test_a_story_closed_by_a_polite_fragment_is_an_answer() -> None:
    question = "현장에서 안전 때문에 작업을 멈춘 경험이 있으면 말씀해 주세요."
    answer = ("작년 겨울에 전주 작업을 하다가 바람이 너무 세게 불었어요. 제가 팀장님께 작업을 미루자고 말씀드렸고 "
              "그날은 철수했습니다. 그 철수 결정이요.")
    assert _reading(answer, question).kind is AnswerKind.ANSWER


def test_a_question_with_its_reason_after_a_lead_in_asks_the_interviewer() -> None:
    question = "정전 민원이 몰릴 때 어떻게 대응하셨는지 말씀해 주세요."
    reading = _reading("음, 그 전에요… 혹시 이 자리는 당직이 있나요? 제가 저녁에는 야간 대학을 다녀서요.", question)
    assert asks_with_its_reason(reading, "ko")


def test_an_answer_then_a_question_at_the_last_question_closes() -> None:
    turn = _turn([("assistant", "면접 시작하겠습니다. 자기소개 해 주세요."),
                  ("user", "전기공학과 졸업하고 배전 협력사에서 2년 일했습니다."),
                  ("assistant", "야간 고장 출동은 어떻게 하셨어요?"),
                  ("user", "대기조로 있다가 연락 받으면 삼십 분 안에 출발했습니다."),
                  ("assistant", "마지막 질문입니다. 본인의 장점 하나만 말씀해 주세요.")],
                 "꼼꼼하게 기록을 남기는 편이라 인수인계 때 빠지는 게 없습니다. 그런데 혹시 합격 발표는 언제 나오나요?")
    decision = decide(turn)
    assert decision.move is Move.CLOSE and "?" not in decision.text


def test_a_plain_no_beside_a_number_of_something_else_pivots() -> None:
    question = "Have you ever planned a vessel stowage yourself?"
    answer = "No, I haven't. I spent four years in a warehouse office, so stowage plans were never my job."
    assert _reading(answer, question, "en").kind is AnswerKind.NO_EXPERIENCE


@pytest.mark.parametrize("line, language, intents", [
    ("Welcome aboard. Tell me about yourself and why us.", "en", {"self_introduction", "motivation"}),
    ("Why Hanwha, and why process engineering?", "en", {"motivation"}),
    ("간단한 자기소개와 지원 동기를 함께 말씀해 주세요.", "ko", {"self_introduction", "motivation"}),
    ("Why Kafka over RabbitMQ?", "en", set()),
    ("Hi there. Why lineworker, in a sentence or two?", "en", {"motivation"}),
])
def test_every_part_of_a_double_question_counts_as_asked(line: str, language: str, intents: set[str]) -> None:
    assert history.asked_intents(line, language) == intents


def test_a_resumed_interview_that_says_why_us_was_told_does_not_ask_it() -> None:
    said = "Welcome back. You already told us about your background and why Hanwha, so let's continue."
    assert history.covered_intents(said, "en") == {"self_introduction", "motivation"}


@pytest.mark.parametrize("line, language, intents", [
    ("한빛공사 면접입니다. 지난 면접 때 자기소개, 지원 동기까지 하셨고, 오늘은 이어서 가겠습니다.", "ko",
     {"self_introduction", "motivation"}),
    ("Thanks for coming. Tell me about yourself and why you've applied here.", "en",
     {"self_introduction", "motivation"}),
    ("간호학과 면접입니다. 왜 간호사가 되고 싶은지부터 들어 볼게요.", "ko", {"motivation"}),
])
def test_the_motivation_named_in_other_words_is_never_asked_again(line: str, language: str, intents: set[str]) -> None:
    assert history.covered_intents(line, language) | history.asked_intents(line, language) == intents
