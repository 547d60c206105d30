"""Dodges and stories of one's own time read by what they are (interview/second_look.py, small_talk.py,
generic_dodge.py, episodes.py, denials.py): a rhetorical tag or a plain "don't know" is no small talk (the question
again, more simply), a story asked for and answered with how the candidate always is tells no instance, a story of
the candidate's own time or a relative's is redirected (not followed by the next main question), a denial with only
a limit of what was done stays a denial, and a cut-off loanword fragment is asked again."""
from __future__ import annotations

import pytest

from interview.policy import Decision, Move, decide
from llm.base import ChatTurn, InterviewContext, Message

KO = InterviewContext(company_name="한빛물산", job_name="구매관리", total_questions=5)
EN = InterviewContext(company_name="Harbour Foods", job_name="Buyer", total_questions=5, language="en")


def _decide(question: str, answer: str, context: InterviewContext, interrupted: bool = False) -> Decision:
    """The policy's decision on `answer` to `question`, the first question of the interview."""
    history = (Message("user", "시작"), Message("assistant", question))
    return decide(ChatTurn(answer, history, context, interrupted=interrupted))


@pytest.mark.parametrize(("question", "answer", "context"), [
    # a tag closing a platitude asks the interviewer nothing
    ("How would you handle a supplier who sends the wrong grade of flour?",
     "Well, honesty is everything, isn't it? Trust is key, right?", EN),
    # a plain "don't know" with a feeling word in it is a blank, not a day of the candidate's own
    ("How do you decide when a price is too high?", "No idea, to be honest. I guess you just feel it?", EN),
    # "X 말씀이시죠?" checks the question, it chats about nothing
    ("신규 공급처를 늘리려면 어떤 접근이 필요하다고 보세요?", "아, 소싱 말씀이시죠? 그건 품목마다 다르니까… 딱 잘라 말하기는 애매하네요.", KO),
    ("신규 공급처를 늘리려면 어떤 접근이 필요하다고 보세요?", "음… 벤더 풀 말씀이시죠? 음, 그건 회사마다 다르지 않을까요.", KO),
    # a story asked for, answered with how the candidate always is
    ("Tell me about a time you pushed back on a supplier's price.",
     "Oh, I always hold firm with suppliers. That is just the kind of buyer I am.", EN),
    ("협력업체와 갈등을 풀었던 사례가 있으면 말씀해 주세요.", "갈등은 늘 생기는 거라고 생각합니다. 항상 대화로 풀려고 합니다.", KO),
])
def test_a_dodge_is_asked_again_more_simply(question: str, answer: str, context: InterviewContext) -> None:
    decision = _decide(question, answer, context)
    assert decision.move is Move.REASK_SIMPLER, decision.text


def test_a_story_with_every_time_in_it_is_still_a_story() -> None:
    """An adverb of every time beside something that happened once is no dodge."""
    decision = _decide("협력업체와 갈등을 풀었던 사례가 있으면 말씀해 주세요.",
                       "작년에 납기 때문에 업체와 크게 부딪혔는데, 제가 매주 통화하면서 일정을 다시 짰습니다. 지금도 항상 그렇게 합니다.", KO)
    assert decision.move is not Move.REASK_SIMPLER, decision.text


@pytest.mark.parametrize(("question", "answer", "context"), [
    ("How would you deal with a customer who shouts at the till?",
     "Ha, that reminds me, my cousin once got a parking fine outside the shopping centre because the meter was "
     "broken. He still brings it up at every birthday, honestly.", EN),
    ("How would you deal with a customer who shouts at the till?",
     "Funny, that reminds me of my uncle, he once argued with a parking warden for an hour over a ticket. The whole "
     "family still talks about it at dinner.", EN),
    ("재고가 쌓였을 때 어떻게 처리하시겠어요?",
     "아 근데 저 어제 한강에서 자전거를 탔는데 바람이 진짜 시원하더라고요. 편의점 라면도 먹었어요 하하.", KO),
])
def test_a_story_of_ones_own_time_is_redirected(question: str, answer: str, context: InterviewContext) -> None:
    decision = _decide(question, answer, context)
    assert decision.move is Move.REDIRECT, decision.text
    assert question in decision.text


def test_a_denial_with_only_a_limit_of_what_was_done_gets_the_pivot() -> None:
    decision = _decide("협력업체 품질 감사를 직접 나가 본 경험이 있나요?",
                       "감사는 나가 본 적이 없습니다. 선배 따라서 한 달에 한 번 정도 공장에 가 본 게 전부예요.", KO)
    assert decision.move is Move.PIVOT, decision.text


def test_a_fragment_cut_off_on_a_loanword_is_asked_again() -> None:
    question = "발주 누락이 생겼을 때 원인을 어떻게 찾는지 순서대로 말씀해 주세요."
    decision = _decide(question, "아 그거는 인터럽트", KO, interrupted=True)
    assert decision.move is Move.REASK_INTERRUPTED, decision.text
    assert question in decision.text
