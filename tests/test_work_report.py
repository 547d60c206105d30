"""Off-topic talk read from structure (does the candidate do something to the work's things?), and names that are
never verbs: wordings of their own, in no situations file."""
from __future__ import annotations

import pytest

from interview.history import announces_last, asks_main
from interview.lines import LINES
from interview.reading import AnswerKind, intent_of, read_answer
from interview.salience import salient_phrases
from interview.second_look import second_look
from interview.work_report import asked_part, reports_work, speaks_as_self


@pytest.mark.parametrize(("sentence", "language", "expected"), [
    ("문제가 계속 생겼어요.", "ko", False),  # "제" inside "문제" is no pronoun
    ("제가 재고표를 다시 맞췄습니다.", "ko", True),
    ("My sunglasses went overboard.", "en", False),
    ("I rewired the till myself.", "en", True),
])
def test_the_candidate_as_a_pronoun_not_a_syllable(sentence: str, language: str, expected: bool) -> None:
    assert speaks_as_self(sentence, language) is expected


def test_the_scene_set_before_a_question_is_not_what_it_asks() -> None:
    assert asked_part(_YEOSU, "ko") == "행사 당일에 일정이 틀어졌던 경험을 말씀해 주세요."


_YEOSU = "롯데호텔 여수 연회팀 면접입니다. 행사 당일에 일정이 틀어졌던 경험을 말씀해 주세요."
_COMPLAINT = "고객의 불만을 직접 해결해 본 경험을 말씀해 주세요."


@pytest.mark.parametrize(("pending", "answer", "language", "expected"), [
    # a holiday chat that asks the interviewer along
    ("Tell me about a time you solved a tricky problem for a client.",
     "Oh, I just got back from a sailing week in Croatia - the water was freezing, have you ever tried sailing? "
     "My sunglasses went overboard on day three.", "en", AnswerKind.OFF_TOPIC),
    # a food chat naming the organisation's town, which the scene before the question named
    (_YEOSU, "여수 오면 저는 꼭 게장부터 먹거든요. 어제도 역에서 내리자마자 먹었는데 밥도둑이더라고요. 여수는 바다 야경도 좋아요.",
     "ko", AnswerKind.OFF_TOPIC),
    # a work story that opens asking leave
    (_COMPLAINT, "음… 대학 때 카페 알바 얘기인데 괜찮을까요? 단체 주문이 밀려서 손님 한 분이 언성을 높이셨어요. 제가 먼저 "
                 "사과드리고 음료를 바로 다시 만들어 드렸어요. 그 뒤로 그분이 단골이 되셨어요.", "ko", AnswerKind.ANSWER),
    # a story that turns to ask the interviewer is no account
    ("How would you plan the rota for a bank-holiday sale?",
     "Funny thing, I moved flats last month and my cat knocked the whole bookshelf over, so I had to go back to "
     "the shop. Do you have cats? They're chaos, honestly.", "en", AnswerKind.OFF_TOPIC),
])
def test_off_topic_is_read_from_who_acts_on_what(pending: str, answer: str, language: str,
                                                  expected: AnswerKind) -> None:
    reading = read_answer(answer, intent_of(pending, language), language)
    assert second_look(reading, answer, pending, language) is expected


def test_acting_on_the_questions_topic_reports_work() -> None:
    answer = "제가 불만 접수 내용을 하나씩 다시 확인했습니다. 그리고 환불 절차를 바로 안내했어요."
    assert reports_work(read_answer(answer, intent_of(_COMPLAINT, "ko"), "ko"), _COMPLAINT, "ko")


def test_a_korean_verb_tagged_as_a_noun_is_never_named() -> None:
    phrases = [p.text for p in salient_phrases("주행 영상을 봤더니 급정거하다 난 사고였어요.", "ko")]
    assert phrases and not any(p.endswith("하다") for p in phrases)


def test_a_word_said_again_even_as_a_verb_is_stressed() -> None:
    answer = ("창고 정리 때 재고가 안 맞아서 점장님께 보고드렸어요. 그래서 바코드 스캐너로 전수 검사해 드리고 박스도 다시 쌓았어요. "
              "전수 검사 덕분에 손실이 거의 없어졌어요.")
    assert "전수 검사" in salient_phrases(answer, "ko")[0].text


def test_an_english_word_said_twice_in_one_sentence_is_stressed() -> None:
    answer = ("The printer jammed during the exam week and the queue was huge. I found a loaner through the library "
              "desk, printed the handouts in batches, and I waited there until the loaner was returned.")
    assert salient_phrases(answer, "en")[0].text == "loaner"


@pytest.mark.parametrize(("pending", "answer", "language"), [
    ("카카오 백엔드 면접입니다. 결제 시스템 장애를 직접 복구해 본 경험이 있나요?",
     "없습니다… 졸업 작품으로 만든 서버는 사용자가 많아야 열다섯 명 정도라서요.", "ko"),
    ("Have you ever led a team through a major outage?", "Nope… Because my internship team only had 3 people.",
     "en"),
])
def test_a_no_trailing_off_with_a_count_in_its_reason_is_no_experience(pending: str, answer: str,
                                                                       language: str) -> None:
    reading = read_answer(answer, intent_of(pending, language), language)
    assert second_look(reading, answer, pending, language) is AnswerKind.NO_EXPERIENCE


def test_a_line_announcing_the_last_question_asks_a_main_one() -> None:
    line = "And the last one: how would you split the budget between the two branches?"
    assert asks_main(line, "en", LINES["en"]) and announces_last(line, "en")
