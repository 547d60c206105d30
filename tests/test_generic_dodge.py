"""A dodge told from an answer (interview/generic_dodge.py): a short generic non-answer to a how / what question
("it depends", a blank, a hedge about everyone, a platitude) gets the question again, more simply; a short real
answer (one step, a number, a named tool, what the candidate did, a plan) keeps its follow-up or the next question."""
from __future__ import annotations

import pytest

from interview.policy import Decision, Move, decide
from llm.base import ChatTurn, InterviewContext, Message

CONTEXTS = {"ko": InterviewContext(company_name="한빛물산", job_name="구매관리", total_questions=5),
            "en": InterviewContext(company_name="Harbour Foods", job_name="Buyer", total_questions=5, language="en")}
KO, EN = CONTEXTS["ko"], CONTEXTS["en"]


def _decide(question: str, answer: str, context: InterviewContext) -> Decision:
    """The policy's decision on `answer` to `question`, the first question of the interview."""
    return decide(ChatTurn(answer, (Message("user", "시작"), Message("assistant", question)), context))


@pytest.mark.parametrize(("question", "answer", "context"), [
    ("협력업체 납기가 계속 늦어지면 어떻게 관리하시겠어요?", "음… 업체마다 사정이 다르니까요. 그때그때 맞춰야죠.", KO),
    ("신규 공급처를 고를 때 어떤 기준으로 판단하세요?", "그건 뭐… 경우에 따라서 다르게 보는 거죠.", KO),
    ("원가 절감 목표를 어떻게 세우시는지 말씀해 주세요.", "아… 갑자기 물어보시니까 머리가 하얘지네요.", KO),
    ("재고가 쌓였을 때 어떻게 처리하시겠어요?", "어… 다들 알아서 하는 것 같아요. 그런 식으로 하면 되지 않을까요.", KO),
    ("단가 협상은 어떻게 준비하시나요?", "그냥 열심히 잘 준비하는 편이에요.", KO),
    ("품질 불량이 반복되는 업체는 어떻게 다루시겠어요?", "음, 품질이 제일 중요하다고 생각합니다.", KO),
    ("How would you handle a supplier who keeps missing deadlines?",
     "Honestly, every supplier is different, so it really varies.", EN),
    ("How do you prepare for a price negotiation?",
     "I'd just try to do my best, really. Preparation is key, I suppose.", EN),
    ("What would you do if a shipment arrived damaged?",
     "Oh, that's a tough question. My mind's gone blank, sorry.", EN),
    ("How would you cut waste in the warehouse?",
     "Well, everyone knows waste is bad. You just have to be careful, obviously.", EN),
    # a stall ("a hard one") and a general extender closing a list ("that kind of thing") say nothing either
    ("How would you win back a customer who moved to a cheaper supplier?",
     "Hmm, that's a difficult one, honestly. Build trust with them over time.", EN),
    ("How would you get the night team to use the new checklist?",
     "I'd just remind them, you know, and keep it friendly, that kind of thing.", EN),
    # a manner with the how left out ("신중하게", "조심해서"), a general extender, "as always", a guess put as "…거
    # 아닐까요", picking one made hard (stop 29)
    ("수입 서류를 검토할 때 무엇을 확인하시나요?", "네, 그냥 신중하게 봅니다. 틀리면 안 되니까요.", KO),
    ("포장재 공급처를 바꿀 때 무엇을 가장 중요하게 보시나요?", "음… 가격도 중요하고 품질도 중요하고 뭐 이런저런 거요.", KO),
    ("파손되기 쉬운 물품은 어떻게 입고 처리하시나요?", "어… 그냥 조심해서 다루죠. 평소대로 합니다.", KO),
    ("거래처가 단가 인상을 통보하면 어떻게 대응하시겠어요?", "그건 뭐 업체마다 다르죠. 그냥 적당히 맞춰 가면 되는 거 아닐까요.", KO),
    ("구매 업무 중에 가장 아찔했던 순간을 말씀해 주세요.", "음… 아찔했던 건 많았는데, 하나 고르기가 좀 어렵네요…", KO),
])
def test_a_generic_non_answer_gets_the_question_again_more_simply(question: str, answer: str,
                                                                   context: InterviewContext) -> None:
    decision = _decide(question, answer, context)
    assert decision.move is Move.REASK_SIMPLER, decision.text


@pytest.mark.parametrize(("question", "answer", "context", "moves"), [
    # one concrete step, though hedged about the rest
    ("협력업체 납기가 계속 늦어지면 어떻게 관리하시겠어요?", "업체마다 사정은 다르지만, 저는 먼저 주간 납기표를 만들어 공유하겠습니다.",
     KO, (Move.FOLLOW_UP, Move.NEXT_QUESTION)),
    # what the candidate did, with everyone else set against it
    ("재고 차이를 찾아낸 경험을 말씀해 주세요.", "다들 그냥 넘겼는데 제가 거래명세서를 하나씩 맞춰 보면서 중복 입력을 찾았습니다.",
     KO, (Move.FOLLOW_UP, Move.NEXT_QUESTION)),
    # a number of their own
    ("단가 협상은 어떻게 준비하시나요?", "지난 3년 치 거래 단가를 뽑아 보고 갑니다. 그게 제일 중요한 것 같아요.",
     KO, (Move.FOLLOW_UP, Move.NEXT_QUESTION)),
    ("How would you handle a supplier who keeps missing deadlines?",
     "It depends on the contract, but first I'd call their account manager and agree a weekly delivery check.",
     EN, (Move.FOLLOW_UP, Move.NEXT_QUESTION)),
    ("How do you track open purchase orders?", "I keep them in SAP and review the overdue list every Monday.",
     EN, (Move.FOLLOW_UP, Move.NEXT_QUESTION)),
    # a step told, a general extender after it
    ("What would you do if a shipment arrived damaged?",
     "I'd photograph the pallets before signing and email the carrier the same day, stuff like that.",
     EN, (Move.FOLLOW_UP, Move.NEXT_QUESTION)),
    # a manner beside what the candidate does to the thing
    ("수입 서류를 검토할 때 무엇을 확인하시나요?", "신중하게 인보이스와 원산지 증명서의 품목 코드를 하나씩 대조합니다.",
     KO, (Move.FOLLOW_UP, Move.NEXT_QUESTION)),
])
def test_a_short_real_answer_is_never_re_asked(question: str, answer: str, context: InterviewContext,
                                               moves: tuple[Move, ...]) -> None:
    decision = _decide(question, answer, context)
    assert decision.move in moves, (decision.move, decision.text)


def test_no_experience_stays_a_pivot() -> None:
    decision = _decide("해외 공급처를 직접 발굴해 본 경험이 있으신가요?", "아니요, 그런 경험은 없습니다. 상황마다 다르겠지만요.", KO)
    assert decision.move is Move.PIVOT, decision.text
