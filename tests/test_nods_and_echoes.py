"""Replies that only look like questions or like chat (stop 29, written anew, not the sets' items): a statement
closed by a tag ("…, right?", "…, I suppose?", "뭐 그런 거요?") asks the interviewer nothing and is no chat with
them; the question's word said back ("교육이요?") before a guess is no question; an honorific on another verb of
the guess ("본사에서 주시는 대로") is not asking the interviewer's side; a yes to a yes/no question is the answer even
when it goes on about the candidate's own life; the floor given back after an interruption, a question put before
the answer and "anything else you'd like us to know?" are heard for what they are."""
from __future__ import annotations

import pytest

from interview.answer_deferred import guesses_back
from interview.lines import LINES
from interview.policy import Move, decide
from interview.question_marks import closes_on_tag
from interview.reading import intent_of, read_answer
from interview.told_already import outcome_figures
from llm.base import ChatTurn, InterviewContext, Message

KO = InterviewContext(company_name="이디야커피", job_name="매장 매니저", total_questions=5, language="ko")
EN = InterviewContext(company_name="Tesco", job_name="Night Shift Lead", total_questions=5, language="en")


def _decide(answer: str, pending: str, context: InterviewContext):
    history = (Message("assistant", "자기소개 부탁드립니다." if context.language == "ko" else "Tell me about yourself."),
               Message("user", "카페에서 삼 년 일했습니다." if context.language == "ko" else "I've run tills for four years."),
               Message("assistant", pending))
    return decide(ChatTurn(answer, history, context))


@pytest.mark.parametrize("sentence", ["You just stay calm and follow the rota, I guess?", "It's about trust, right?",
                                      "음… 꼼꼼함… 뭐 그런 거요?", "그냥 열심히 하는 거… 그런 거요?"])
def test_a_statement_closed_by_a_tag_asks_for_a_nod(sentence: str) -> None:
    assert closes_on_tag(sentence)


@pytest.mark.parametrize("sentence", ["Would I be on nights every week?", "혹시 야간 근무도 있나요?",
                                      "What do you mean by that?"])
def test_a_real_question_is_no_tag(sentence: str) -> None:
    assert not closes_on_tag(sentence)


@pytest.mark.parametrize(("answer", "pending", "context"), [
    ("Um, well, you just keep an eye on everything, I suppose? Nights are always hectic.",
     "How would you prioritise restocking against serving customers on a short-staffed night?", EN),
    ("I mean, you just tell them the rules, right? That's pretty much it.",
     "How would you handle a team member who keeps coming back late from breaks?", EN),
    ("음… 손님한테 잘하는 거… 뭐 그런 거요?", "본인이 생각하는 좋은 매장 분위기란 어떤 건가요?", KO),
])
def test_a_vague_reply_with_a_tag_is_put_again_more_simply_not_redirected(answer: str, pending: str,
                                                                          context: InterviewContext) -> None:
    decision = _decide(answer, pending, context)
    assert decision.move is Move.REASK_SIMPLER, decision.text
    assert LINES[context.language].redirect not in decision.text


def test_the_questions_word_said_back_before_a_guess_is_no_question() -> None:
    pending = "매니저가 되면 신규 직원 교육은 어떻게 하시겠어요?"
    answer = "교육이요? 음… 그건 그냥 본사에서 내려 주시는 매뉴얼대로 하면 되지 않을까요."
    assert guesses_back(read_answer(answer, intent_of(pending, "ko"), "ko"), pending)
    assert _decide(answer, pending, KO).move is Move.REASK_SIMPLER


def test_a_guess_about_the_interviewers_side_is_still_a_question() -> None:
    pending = "매니저가 되면 신규 직원 교육은 어떻게 하시겠어요?"
    answer = "교육은 보통 본사에서 따로 하시지 않을까요?"
    assert not guesses_back(read_answer(answer, intent_of(pending, "ko"), "ko"), pending)


def test_a_yes_to_a_yes_no_question_is_the_answer_whatever_follows() -> None:
    pending = "This role is mostly weekend nights. Would that work for you?"
    decision = _decide("Yes, that works. Honestly I prefer nights, my husband is home in the evenings with the kids.",
                       pending, EN)
    assert decision.move is not Move.REDIRECT and LINES["en"].redirect not in decision.text


def test_the_trip_here_told_with_here_is_redirected() -> None:
    pending = "마감 직전에 손님이 몰리면 어떤 순서로 처리하시겠어요?"
    decision = _decide("아 오늘 여기 오는데 버스가 완전 만원이었어요. 두 대나 그냥 보내고 겨우 탔어요.", pending, KO)
    assert decision.move is Move.REDIRECT, decision.text


@pytest.mark.parametrize(("answer", "language", "figures"), [
    ("민원이 많아서 자주 나오는 질문을 열 개로 정리해 드렸고, 그 뒤로 전화가 하루 40건에서 12건으로 줄었습니다.", "ko",
     {"12건"}),
    ("씨앗을 세 곳에 나눠서 보관했고, 덕분에 한 곳이 침수됐을 때도 발아율이 90%를 넘었습니다.", "ko", {"90%"}),
])
def test_a_count_of_things_made_or_set_up_is_no_outcome_to_measure(answer: str, language: str,
                                                                   figures: set[str]) -> None:
    reading = read_answer(answer, intent_of("성과를 낸 경험을 말씀해 주세요.", language), language)
    assert set(outcome_figures(reading)) == figures


def test_the_floor_given_back_after_an_interruption_puts_the_question_again() -> None:
    pending = "재고 실사에서 수량이 안 맞았던 때 어떻게 처리하셨나요?"
    history = (Message("assistant", "자기소개 부탁드립니다."), Message("user", "카페에서 삼 년 일했습니다."),
               Message("assistant", pending))
    decision = decide(ChatTurn("아 죄송합니다, 계속 말씀하세요.", history, KO, interrupted=True))
    assert decision.move is Move.REASK_INTERRUPTED and pending in decision.text


def test_a_question_put_before_the_answer_is_answered() -> None:
    decision = _decide("아 답변 전에요, 제가 귀에 피어싱이 있는데 근무할 때 괜찮을까요? 미리 여쭤보고 싶었어요.",
                       "손님이 주문이 늦는다고 화를 내시면 어떻게 하시겠어요?", KO)
    assert decision.move is Move.ANSWER_QUESTION, decision.text


def test_anything_else_youd_like_us_to_know_is_the_last_call() -> None:
    pending = "Before we wrap up, is there anything else you'd like us to know?"
    decision = _decide("Only that I can start on Monday and I'd love the job. Thanks so much.", pending, EN)
    assert decision.move is Move.CLOSE, decision.text
