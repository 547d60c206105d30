"""What the eighth blind set's failures asked of the interviewer, on wordings of its own: a story of things done
that mentions the weekend is an answer; a chat that shares one word with the question is not; a tag asks nothing; a
"yes" to a yes/no question is an answer (and the last one closes); a question with only its reason is a question;
the follow-up names the fix and not the question's own word; a main question is read as one."""
from __future__ import annotations

import pytest

from interview.history import asks_main
from interview.intents import classify
from interview.lines import LINES
from interview.policy import Move, decide
from interview.salience import most_salient
from interview.work_report import hands_on_acts
from llm.base import ChatTurn, InterviewContext, Message

KO = InterviewContext(company_name="대교", job_name="학습 관리 교사", total_questions=5)
EN = InterviewContext(company_name="Hyundai Marine", job_name="Deck officer", total_questions=5, language="en")


def _turn(question: str, answer: str, context: InterviewContext, earlier: tuple[Message, ...] = ()) -> ChatTurn:
    return ChatTurn(answer, (Message("user", "시작"), *earlier, Message("assistant", question)), context)


@pytest.mark.parametrize(("text", "acts"), [
    ("지난 주말에 매장 재고표를 엑셀로 다시 만들고 발주 순서를 바꿨어요.", 2),
    ("주말에 캠핑장 입구를 못 찾아서 한참 헤맸어요.", 0),      # not done
    ("손님이 포장 상자를 직접 뜯으셨어요.", 0),               # another's act, honoured
    ("요즘 도로 공사를 왜 이렇게 많이 하는지 모르겠어요.", 0),  # a light verb: the act is the noun's
])
def test_a_hands_on_act_is_the_candidate_doing_something_to_a_thing(text: str, acts: int) -> None:
    assert hands_on_acts(text, "ko") == acts


@pytest.mark.parametrize(("question", "answer", "context"), [
    # a work story told around the weekend
    ("학습지 교사 면접입니다. 학생 관리하면서 힘들었던 점이 있었다면요?",
     "보습학원에서 일할 때요, 주말반 학생들이 숙제를 자꾸 빼먹어서… 그래서 숙제 인증 게시판을 만들고 인증하면 스티커를 주는 식으로 "
     "바꿨어요. 그 뒤로 제출률이 확 올랐어요.", KO),
    # a story that asks the interviewer along
    ("Tell me how you'd reassure a passenger who is scared of rough seas.",
     "I once calmed a scared passenger by walking him to a seat near the middle of the ship. Have you ever seen someone "
     "that seasick? It was hard.", EN),
])
def test_a_story_of_things_done_is_followed_up_not_redirected(question: str, answer: str,
                                                               context: InterviewContext) -> None:
    decision = decide(_turn(question, answer, context))
    assert decision.move is Move.FOLLOW_UP, decision.text
    assert LINES[context.language].redirect not in decision.text


@pytest.mark.parametrize("answer", [
    "어제 동생이랑 집 앞 공원에서 배드민턴을 쳤는데 라켓 줄이 끊어졌어요. 그래서 새 라켓을 주문했어요. 요즘 운동에 빠져 있거든요.",
    "요즘 주말마다 집에서 베이킹을 하는데요, 어제는 쿠키를 구워서 친구들한테 나눠 줬어요. 반응이 좋아서 기분이 좋았어요.",
])
def test_things_done_in_a_day_of_private_life_are_still_redirected(answer: str) -> None:
    question = "학습지 교사 면접입니다. 학부모 민원을 해결해 본 경험을 말씀해 주세요."
    decision = decide(_turn(question, answer, KO))
    assert decision.move is Move.REDIRECT, decision.text


def test_a_chat_about_a_novel_is_redirected_though_it_shares_a_word_with_the_question() -> None:
    question = "Tell me how you'd reassure a passenger who is scared of rough seas."
    answer = "Oh, funny, I just finished a novel about a scared passenger on a cruise. Have you read it? The twist was wild."
    decision = decide(_turn(question, answer, EN))
    assert decision.move is Move.REDIRECT, decision.text
    assert decision.text.endswith(question)


def test_a_platitude_closed_by_a_tag_asks_for_more_not_redirected() -> None:
    question = "How have you kept a tired crew safe on a long night watch?"
    decision = decide(_turn(question, "Well, safety comes first. It always does at sea, right?", EN))
    assert decision.move in (Move.REASK_SIMPLER, Move.FOLLOW_UP), decision.text
    assert LINES["en"].redirect not in decision.text


@pytest.mark.parametrize(("question", "answer", "context"), [
    ("좋습니다. 마지막으로 하나, 지방 센터로 발령이 날 수도 있는데 괜찮으신가요?", "네, 괜찮습니다. 어디든 적응은 자신 있습니다.", KO),
    ("Last question from me: are you happy to sail for six months at a time?", "Yes, absolutely, that suits me.", EN),
    ("One last question: can you join in March?", "Yes.", EN),
])
def test_a_yes_to_the_last_yes_no_question_closes_the_interview(question: str, answer: str,
                                                                context: InterviewContext) -> None:
    decision = decide(_turn(question, answer, context))
    assert decision.move is Move.CLOSE, decision.text
    assert "?" not in decision.text


def test_a_question_with_only_its_reason_is_answered_and_the_question_put_again() -> None:
    question = "학부모 상담 경험을 말씀해 주세요."
    decision = decide(_turn(question, "여기는 신입 교육 기간이 얼마나 돼요? 제가 이 업계가 처음이라서요.", KO))
    assert decision.move is Move.ANSWER_QUESTION, decision.text
    assert decision.text.endswith(question)


def test_the_object_of_a_change_is_named_before_where_it_went_wrong() -> None:
    answer = "포장 라인에서 상자 찌그러짐이 자주 나서 라인이 섰어요. 그래서 반장님께 적재 높이를 바꾸자고 했어요."
    assert most_salient(answer, "ko", 1)[0] == "적재 높이"


def test_the_questions_own_word_is_named_after_what_the_candidate_brought() -> None:
    answer = "상담 센터에서 민원이 계속 들어왔거든요. 안내 문자 발송 기록을 한 달 동안 모아 보니까 월요일에만 민원이 몰려 있었어요."
    plain = most_salient(answer, "ko", 1)
    asked = most_salient(answer, "ko", 1, asked="민원을 줄여 본 경험이 있나요?")
    assert plain[0] == "민원" and asked[0] != "민원", (plain, asked)


def test_a_phrase_holding_the_figure_is_named_by_its_thing() -> None:
    named = most_salient("I saw that the handrails on deck 4 were loose, so I reported them.", "en", exclude="4")
    assert any(p == "handrails" for p in named), named


@pytest.mark.parametrize(("line", "main"), [
    ("교사 면접입니다. 수업 준비하면서 막혔던 점이 있었다면요?", True),  # a new story asked for
    ("그 학생이 그래도 숙제를 안 해 오면요?", False),               # borrows the answer's predicate
])
def test_a_conditional_of_existence_asks_a_main_question(line: str, main: bool) -> None:
    assert asks_main(line, "ko", LINES["ko"]) is main


def test_a_thing_supposed_to_exist_is_introduced_not_the_candidate() -> None:
    assert classify("직접 만든 교구 있으면 하나 소개해 주세요.", "ko") != "self_introduction"
    assert classify("간단하게 소개 부탁드립니다.", "ko") == "self_introduction"


@pytest.mark.parametrize(("question", "answer", "context"), [
    ("Have you ever supervised a deck crew of over thirty?", "No, not yet. The biggest crew I've managed was "
     "twelve people on a ferry.", EN),
    ("스무 명 넘는 팀을 이끌어 보신 적이 있나요?", "아니요. 제가 맡아 본 제일 큰 팀이 다섯 명이었어요.", KO),
])
def test_a_no_with_only_the_nearest_thing_done_pivots(question: str, answer: str, context: InterviewContext) -> None:
    decision = decide(_turn(question, answer, context))
    assert decision.move is Move.PIVOT, decision.text


def test_a_capitalised_name_inside_a_sentence_is_never_read_as_a_verb() -> None:
    named = most_salient("We tracked parts on paper. I set up a reorder list in Google Sheets, and stockouts stopped.",
                         "en", 1)
    assert "reorder list" in named[0], named


def test_what_opened_the_way_is_named_first() -> None:
    answer = "처음엔 상담을 계속 거절하셨어요. 두 번째 방문 때 손주 사진 얘기로 분위기가 풀렸고, 그 뒤로 병원 동행 신청을 했습니다."
    assert "손주 사진" in most_salient(answer, "ko", 1)[0]


def test_a_yes_to_a_request_in_yes_no_form_is_no_story() -> None:
    decision = decide(_turn("학부모 상담 경험을 말씀해 주시겠어요?", "네, 있습니다.", KO))
    assert decision.move is Move.REASK_SIMPLER, decision.text
