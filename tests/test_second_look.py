"""The policy's second look at what a reply is (interview/second_look.py) and the move it leads to: denials beyond
"no", questions about the job that end in a statement, small-talk asides, accounts that say "again", stories with a
dodge word inside."""
from __future__ import annotations

import pytest

from interview.policy import Move, decide
from llm.base import ChatTurn, InterviewContext, Message

KO = InterviewContext(company_name="LG전자", job_name="운영관리", total_questions=5)
EN = InterviewContext(company_name="Kia", job_name="해외영업", total_questions=5, language="en")


def _turn(question: str, answer: str, context: InterviewContext) -> ChatTurn:
    return ChatTurn(answer, (Message("user", "시작"), Message("assistant", question)), context)


@pytest.mark.parametrize(("question", "answer", "context"), [
    ("물류 센터에서 야간 근무를 해 보신 적이 있나요?", "야간은 못 해 봤습니다. 주간 출고 업무만 했어요.", KO),
    ("품질 감사를 직접 받아 보신 적이 있으세요?", "감사는 아직 경험이 없고, 준비 자료만 만들어 봤습니다.", KO),
    ("Have you negotiated a contract in another language?", "Not really. I've only sat in on calls in English.", EN),
    ("Have you ever managed a distributor yourself?", "I've never managed one directly, no.", EN),
])
def test_a_denial_pivots_to_how_they_would_do_it_without_presupposing(question: str, answer: str,
                                                                       context: InterviewContext) -> None:
    decision = decide(_turn(question, answer, context))
    assert decision.move is Move.PIVOT, decision.text
    assert not any(p in decision.text for p in ("하셨나요", "셨나요", "did you", "how did you"))


def test_a_question_about_the_work_site_is_answered_and_the_question_put_again_however_it_ends() -> None:
    question = "재고 차이가 났을 때 원인을 어떻게 찾으시겠어요?"
    decision = decide(_turn(question, "그 전에요, 근무지가 평택인가요 구미인가요? 제가 지방은 처음이라서요.", KO))
    assert decision.move is Move.ANSWER_QUESTION and decision.text.endswith(question)


@pytest.mark.parametrize("answer", [
    "By the way, is that a new phone on your desk? It looks great.",
    "Sorry, random thought, but do you know a good lunch place around here?",
])
def test_an_english_aside_is_redirected_with_the_pending_question(answer: str) -> None:
    question = "How would you win back a dealer who stopped ordering?"
    decision = decide(_turn(question, answer, EN))
    assert decision.move is Move.REDIRECT and decision.text.endswith(question)


def test_an_account_that_says_again_is_an_answer_but_a_request_is_a_repeat() -> None:
    question = "고객 불만을 해결했던 경험을 말씀해 주세요."
    account = "배송이 늦어 화가 나신 고객님께 제가 일정표를 뽑아서 다시 설명드렸고, 결국 주문을 유지하셨습니다."
    assert decide(_turn(question, account, KO)).move is Move.FOLLOW_UP
    assert decide(_turn(question, "죄송한데 질문을 다시 말씀해 주시겠어요? 제가 놓쳤습니다.", KO)).move is Move.REPEAT


def test_a_story_with_a_dodge_word_inside_is_followed_up_on_what_it_found() -> None:
    question = "규정 위반을 미리 찾아낸 경험이 있나요?"
    answer = "인턴 때 협력사 계약서를 보다가 다음 달로 넘어가는 대금의 지급 기한이 빠져 있는 걸 찾았습니다."
    decision = decide(_turn(question, answer, KO))
    assert decision.move is Move.FOLLOW_UP and "지급 기한" in decision.text


def test_a_resumed_english_session_that_covered_why_they_applied_does_not_ask_it_again() -> None:
    history = (Message("user", "Let's continue."),
               Message("assistant", "Welcome back. Last time you told us about yourself and why you applied."),
               Message("user", "Great."), Message("assistant", "Tell me about a deal that nearly fell through."),
               Message("user", "A dealer in Chile pulled out a week before signing."),
               Message("assistant", "What was your own part in saving it?"))
    reply = decide(ChatTurn("I flew out, rebuilt the payment terms with them, and we signed ten days later.",
                            history, EN)).text
    assert "apply" not in reply.lower() and "?" in reply


def test_an_embedded_question_said_as_a_statement_asks_and_its_first_question_sets_the_line() -> None:
    from llm.prompts import is_question

    assert is_question("먼저 계약서를 볼 때 제일 먼저 보는 조항이 뭔지 여쭤볼게요.")
    assert is_question("이 문제를 어떻게 해결하실지 궁금합니다.") and is_question("I'm curious how you'd price it.")
    assert not is_question("다음 질문 여쭤보겠습니다.")
    line = "혹시 재고가 갑자기 안 맞았던 적이 있으세요? 그때 어떻게 대응하셨는지 궁금합니다."
    history = (Message("user", "시작"), Message("assistant", line))
    decision = decide(ChatTurn("네, 입고 전표가 두 번 들어가 있어서 제가 전표를 대조해서 찾았습니다.", history, KO))
    assert decision.move is Move.FOLLOW_UP and "자기소개" not in decision.text
