"""The sealed4 failure classes (written anew, not the set's items): a question about the pending question's scope is
answered in role and the question put again (never read as "no experience"), an unrelated interruption puts the
question again, a candidate who must leave gets the closing, and a short reply ending on a denial pivots without
presupposing."""
from __future__ import annotations

import pytest

from interview.breaks import LEAVE_LINES
from interview.lines import LINES
from interview.policy import Move, decide
from interview.scope import SCOPE_ANSWERS, scope_question
from llm.base import ChatTurn, InterviewContext, Message

KO = InterviewContext(company_name="한국수자원공사", job_name="시설 운영", total_questions=5, language="ko")
EN = InterviewContext(company_name="Ocado", job_name="Warehouse Team Leader", total_questions=5, language="en")
PENDING = {"ko": "예상하지 못한 설비 고장에 대응했던 경험을 말씀해 주세요.",
           "en": "Tell me about a time you had to calm down a frustrated colleague."}
INTRO = {"ko": ("자기소개 부탁드립니다.", "정수장에서 설비 점검 보조로 일 년 일했습니다."),
         "en": ("Please introduce yourself.", "I've supervised a picking shift for two years.")}


def _turn(answer: str, context: InterviewContext, interrupted: bool = False) -> ChatTurn:
    language = context.language
    history = (Message("assistant", INTRO[language][0]), Message("user", INTRO[language][1]),
               Message("assistant", PENDING[language]))
    return ChatTurn(answer, history, context, interrupted=interrupted)


@pytest.mark.parametrize(("answer", "context", "kind"), [
    ("혹시 꼭 회사에서 있었던 일이어야 하나요? 아르바이트 때 일은 생각나는데요.", KO, "restriction"),
    ("그 고장이라는 게 큰 설비 고장을 말씀하시는 건가요, 아니면 작은 부품 문제도 되나요?", KO, "choice"),
    ("거래처 이름을 그대로 말해도 되나요? 계약 때문에 좀 조심스러워서요.", KO, "confidential"),
    ("동아리에서 있었던 일도 포함되나요?", KO, "confirm"),
    ("정비 일지를 말씀하시는 거죠? 아니면 현장 보고서인가요?", KO, "choice"),
    ("답변을 얼마나 길게 해도 될까요? 사례가 좀 복잡해서요.", KO, "length"),
    ("Does the example have to be from a paid job? Most of mine are from volunteering.", EN, "restriction"),
    ("Sorry, are you asking about the whole team or about me personally?", EN, "choice"),
    ("How long should I take for this one? It's a bit of a saga.", EN, "length"),
    ("Would it be okay if I mention the client by name?", EN, "confidential"),
    ("Would something from my volunteering count?", EN, "confirm"),
    ("Should it be a recent example? My best one is from three years ago.", EN, "restriction"),
    ("Is a school example okay for this one?", EN, "confirm"),
    ("By frustrated, do you mean someone on my own shift?", EN, "confirm"),
])
def test_a_question_about_the_questions_scope_is_answered_and_the_question_put_again(
        answer: str, context: InterviewContext, kind: str) -> None:
    assert scope_question(answer, context.language) == kind
    decision = decide(_turn(answer, context))
    assert decision.move is Move.ANSWER_QUESTION
    assert SCOPE_ANSWERS[context.language][kind] in decision.text and PENDING[context.language] in decision.text


@pytest.mark.parametrize(("answer", "context"), [
    ("설비 쪽이어야 하나요? 제가 설비 고장을 직접 겪어 본 적은 없어서요.", KO),
    ("Does it have to be at work? I've never had a colleague get that upset with me.", EN),
])
def test_a_scope_question_with_a_denial_in_it_is_never_read_as_no_experience(answer: str,
                                                                            context: InterviewContext) -> None:
    decision = decide(_turn(answer, context))
    assert decision.move is Move.ANSWER_QUESTION and decision.move is not Move.PIVOT
    assert PENDING[context.language] in decision.text


@pytest.mark.parametrize(("answer", "context", "move"), [
    ("뭘 물어보시는 건지 잘 모르겠어요, 제가 어떤 걸 말씀드리면 되는 건가요?", KO, Move.REASK_SIMPLER),
    ("이건 그냥 넘어가도 괜찮을까요? 딱히 생각이 안 나서요.", KO, Move.REASK_SIMPLER),
    ("What do you mean by frustrated, like angry with me or with the work?", EN, Move.REASK_SIMPLER),
    ("고장이라고 하시면 어떤 종류의 고장을 말씀하시는 건가요?", KO, Move.REASK_SIMPLER),
    ("Sorry, which kind of colleague do you mean here?", EN, Move.REASK_SIMPLER),
])
def test_not_following_the_question_or_asking_to_skip_it_is_no_scope_question(answer: str,
                                                                              context: InterviewContext,
                                                                              move: Move) -> None:
    assert scope_question(answer, context.language) is None
    assert decide(_turn(answer, context)).move is move


@pytest.mark.parametrize(("answer", "context", "interrupted"), [
    ("죄송합니다, 잠시만요. 택배 기사님이 초인종을 누르셔서요.", KO, False),
    ("아 미안합니다, 제가 말씀하시는데 끼어들었네요.", KO, True),
    ("Apologies, my phone just buzzed. It's off now.", EN, False),
    ("Sorry about that, my dog was barking at the postman.", EN, False),
    ("Sorry, sorry, I talked over you, please carry on.", EN, True),
])
def test_an_interruption_unrelated_to_the_answer_puts_the_question_again(answer: str, context: InterviewContext,
                                                                        interrupted: bool) -> None:
    decision = decide(_turn(answer, context, interrupted))
    assert decision.move is Move.REASK_INTERRUPTED and PENDING[context.language] in decision.text
    lead = LINES[context.language].interrupted_lead if interrupted else LINES[context.language].repeat_lead
    assert decision.text.startswith(lead)


def test_the_story_after_an_interruption_still_gets_its_follow_up() -> None:
    broke = _turn("Apologies, my phone just buzzed. It's off now.", EN)
    again = decide(broke).text
    history = (*broke.history, Message("user", broke.message), Message("assistant", again))
    story = ("A picker on my shift snapped at a new starter over a mis-scan. I took them both off the line, heard "
             "each side, and we agreed the starter would shadow him for a day. The complaints stopped that week.")
    assert decide(ChatTurn(story, history, EN)).move is Move.FOLLOW_UP


def test_a_story_that_mentions_a_phone_and_an_apology_is_an_answer() -> None:
    answer = ("야간에 펌프 압력 알림이 휴대폰으로 와서 바로 현장에 갔습니다. 죄송하다는 말씀부터 드리고 예비 펌프로 "
              "전환했고, 한 시간 안에 정상 압력을 회복했습니다. 그 뒤로 알림 기준값을 다시 정했습니다.")
    assert decide(_turn(answer, KO)).move is not Move.REASK_INTERRUPTED


@pytest.mark.parametrize(("answer", "context"), [
    ("정말 죄송한데 아이가 아프다는 연락을 받아서 지금 가 봐야 할 것 같습니다.", KO),
    ("I'm so sorry, there's a family emergency and I have to leave right now.", EN),
    ("Sorry, my landlord is at the door about a leak, can we stop here?", EN),
    ("I'm really sorry but I have to go, my bus is leaving.", EN),
    ("면접을 다음에 이어서 해도 될까요? 갑자기 회사에서 연락이 와서요.", KO),
    ("죄송합니다, 어머니가 병원에 가셔야 한다고 하셔서… 오늘 면접은 여기서 마쳐야 할 것 같습니다.", KO),
])
def test_a_candidate_who_must_leave_gets_the_closing_and_no_question(answer: str,
                                                                    context: InterviewContext) -> None:
    decision = decide(_turn(answer, context))
    assert decision.move is Move.CLOSE
    assert LEAVE_LINES[context.language] in decision.text and LINES[context.language].closing in decision.text
    assert "?" not in decision.text


@pytest.mark.parametrize(("answer", "context"), [
    ("현장 소장님이 라인을 멈춰야 한다고 하셔서, 제가 예비 밸브로 돌리고 오전 중에 센서를 교체했습니다.", KO),
    ("그 면접은 결국 떨어졌지만, 그때 준비하면서 정수 공정 전체를 다시 공부했습니다.", KO),
    ("The client said we had to stop the line, so I paused the shift and we swapped the sensor before noon.", EN),
    ("I need to stop taking every escalation myself; last month I handed two to my deputy.", EN),
    ("I have to go through the handover sheet every morning, so I caught the missing crate early.", EN),
])
def test_a_story_in_which_someone_had_to_stop_does_not_close(answer: str, context: InterviewContext) -> None:
    assert decide(_turn(answer, context)).move is not Move.CLOSE


def test_a_short_reply_ending_on_a_denial_pivots_without_presupposing() -> None:
    answer = "음… 학교에서는 그런 일을 겪은 적이 없어서요. 아직 그런 경험은 없습니다."
    decision = decide(_turn(answer, KO))
    assert decision.move is Move.PIVOT
    assert not any(p in decision.text for p in ("셨나요", "었나요", "았나요"))


def test_an_english_client_script_closes_after_its_last_main_question() -> None:
    context = InterviewContext(company_name="Ocado", job_name="Warehouse Team Leader", total_questions=2,
                               language="en")
    history = (Message("assistant", "Why do you want to lead a team here?"),
               Message("user", "Because I like fixing how a shift runs, and your sites move fast."),
               Message("assistant", "Describe how you handled a picker who kept missing targets."))
    answer = "I shadowed her for an hour, found the scanner kept dropping, swapped it, and her rate recovered."
    decision = decide(ChatTurn(answer, history, context))
    assert decision.move is Move.CLOSE and "?" not in decision.text
