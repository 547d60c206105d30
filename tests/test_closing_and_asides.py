"""The sealed3 failure classes (written anew, not the set's items): an announced last question closes, a pause
or a noun-ended fragment while interrupted re-asks, spoken Korean requests are questions, compliments and
asides redirect, and the stressed cause / problem / judgement / cleft is what a follow-up names."""
from __future__ import annotations

import pytest

from llm.prompts import is_question
from interview.lines import LINES
from interview.policy import Move, decide
from interview.salience import most_salient
from llm.base import ChatTurn, InterviewContext, Message

KO = InterviewContext(company_name="CJ제일제당", job_name="품질관리", total_questions=5, language="ko")
EN = InterviewContext(company_name="Canva", job_name="Product Designer", total_questions=5, language="en")
PENDING = {"ko": "원료 입고 검사에서 부적합이 나오면 어떻게 처리하시겠어요?", "en": "How would you test a redesign before launch?"}


def _turn(answer: str, asked: list[str], context: InterviewContext, interrupted: bool = False) -> ChatTurn:
    history: list[Message] = []
    for i, line in enumerate(asked):
        history.append(Message("assistant", line))
        if i + 1 < len(asked):
            history.append(Message("user", "네, 그 부분은 말씀드린 대로 처리했습니다." if context.language == "ko"
                                   else "I handled that the way I described."))
    return ChatTurn(answer, tuple(history), context, interrupted=interrupted)


@pytest.mark.parametrize(("last", "answer", "context"), [
    ("마지막 질문입니다. 입사 후 가장 먼저 개선하고 싶은 공정은 무엇인가요?",
     "포장 라인의 이물 검사 공정입니다. 검사 기록을 전산화해서 불량 원인을 빨리 찾고 싶습니다. 이상입니다.", KO),
    ("끝으로, 품질 담당자로서 가장 중요하게 생각하는 원칙을 하나만 말씀해 주세요.",
     "기록에 없는 일은 하지 않은 일이라는 원칙입니다. 그래서 점검 기록을 가장 꼼꼼히 남깁니다.", KO),
    ("Last question from me. Which design of yours changed how users behaved?",
     "The onboarding checklist for our team plan. Activation went up by a fifth within a month. That's it.", EN),
])
def test_the_answer_to_an_announced_last_question_closes(last: str, answer: str,
                                                          context: InterviewContext) -> None:
    decision = decide(_turn(answer, ["자기소개 부탁드립니다." if context.language == "ko" else
                                     "Tell me about yourself.", last], context))
    assert decision.move is Move.CLOSE
    assert LINES[context.language].closing in decision.text and "?" not in decision.text


def test_a_client_script_that_used_up_its_budget_closes_after_the_last_answer() -> None:
    context = InterviewContext(company_name="CJ제일제당", job_name="품질관리", total_questions=2, language="ko")
    asked = ["품질관리 직무에 지원한 이유가 뭔가요?", "클레임이 들어왔을 때 어떻게 대응했는지 말씀해 주세요."]
    decision = decide(_turn("원인 공정을 먼저 찾고, 고객께 경과를 매일 알려 드렸습니다. 재발 방지 대책도 보고했습니다.",
                            asked, context))
    assert decision.move is Move.CLOSE


def test_the_policys_own_interview_still_asks_for_questions_when_its_budget_is_spent() -> None:
    context = InterviewContext(company_name="CJ제일제당", job_name="품질관리", total_questions=1, language="ko")
    first = decide(ChatTurn("시작", (), context)).text
    reply = decide(ChatTurn("안녕하세요, 식품 공장에서 품질 검사를 이 년 한 지원자입니다.",
                            (Message("user", "시작"), Message("assistant", first)), context))
    assert reply.move is not Move.CLOSE


@pytest.mark.parametrize(("answer", "context"), [
    ("잠깐만요, 죄송합니다, 목이 좀 말라서요.", KO),
    ("음 그러니까 제가 작년 여름", KO),
    ("Sorry, one moment, let me grab some water.", EN),
])
def test_an_interrupted_pause_or_fragment_puts_the_question_again(answer: str, context: InterviewContext) -> None:
    asked = PENDING[context.language]
    decision = decide(_turn(answer, [asked], context, interrupted=True))
    assert decision.move is Move.REASK_INTERRUPTED and asked in decision.text


@pytest.mark.parametrize("line", ["품질 문제 해결해 본 경험 있으면 말해 보세요.", "전 직장에서 맡았던 일, 있으면 간단히요.",
                                  "본인 장점 하나만 짧게요.", "자기소개 해 보이소.", "그때 얘기 좀 해 주이소."])
def test_spoken_korean_requests_are_questions(line: str) -> None:
    assert is_question(line)


def test_an_answer_to_a_spoken_request_gets_a_follow_up_not_a_new_interview() -> None:
    decision = decide(_turn("제가 포장 라인에 있을 때 이물 혼입 클레임이 들어왔어요. 자석 필터가 빠져 있던 게 원인이었고, 필터 점검을 "
                            "교대마다 하도록 바꿨습니다.", ["품질 문제 해결해 본 경험 있으면 말해 보세요."], KO))
    assert decision.move is Move.FOLLOW_UP and "자기소개" not in decision.text


@pytest.mark.parametrize(("answer", "context"), [  # small talk, then the same question as above
    ("Oh, I really like your glasses, are they new? Sorry, that's random.", EN),
    ("Speaking of launches, my flight here was delayed two hours. Anyway, I'd love to visit Lisbon someday.", EN),
    ("아 참, 면접관님 넥타이가 정말 잘 어울리세요.", KO),
])
def test_compliments_and_asides_are_redirected_with_the_question(answer: str, context: InterviewContext) -> None:
    asked = PENDING[context.language]
    decision = decide(_turn(answer, [asked], context))
    assert decision.move is Move.REDIRECT and asked in decision.text and "Sorry" not in decision.text[:-len(asked)]


@pytest.mark.parametrize(("answer", "language", "stressed"), [
    # the cause a problem is put down to
    ("창고 온도가 올라가서 출하가 밀렸어요. 폭염 때문에 냉장 설비가 버티질 못했습니다.", "ko", "폭염"),
    # the problem named as such
    ("신규 라인을 맡았을 때 라벨 오표기 문제가 있었어요. 그래서 검수 단계를 하나 더 넣었습니다.", "ko", "라벨 오표기"),
    # what the candidate judged it to be
    ("샘플 색이 조금 달라서 산패 초기 같다고 팀장님께 보고했어요. 그 뒤로 보관 온도 기록을 제가 매일 봤습니다.", "ko", "산패"),
    # Korean's cleft: what the candidate calls the key ("… 돌린 게 핵심이었습니다")
    ("처음엔 가격을 내렸는데 반응이 없었어요. 시식 샘플을 무료로 돌린 게 핵심이었습니다.", "ko", "시식 샘플"),
    # a cleft stresses what comes before "is what"
    ("I added a progress bar to the upload form. The progress bar is what cut the drop-offs, I think.", "en",
     "progress bar"),
    # "the hardest part was …" singles out its complement
    ("We redesigned the pricing page, and the hardest part was a legal disclaimer nobody wanted to own.", "en",
     "legal disclaimer"),
])
def test_the_stressed_cause_problem_or_judgement_is_named(answer: str, language: str, stressed: str) -> None:
    assert any(stressed in p for p in most_salient(answer, language)), most_salient(answer, language)


@pytest.mark.parametrize(("answer", "language", "junk"), [
    ("About two years ago we rebuilt the booking flow, and conversions doubled.", "en", "ago"),
    ("Sorry, I mean the checkout page. I rewrote its copy and tested it with five users.", "en", "Sorry"),
    ("환불 절차를 제가 새로 정리했습니다. 이상입니다.", "ko", "이상"),
    ("첫날은 근처 지점으로 안내했고, 다음 날 원래 매장으로 모셨습니다.", "ko", "날"),
])
def test_time_words_sign_offs_and_apologies_are_never_named(answer: str, language: str, junk: str) -> None:
    assert not any(p == junk or p.startswith(junk + " ") for p in most_salient(answer, language, count=4))


@pytest.mark.parametrize(("asked", "answer", "context"), [
    ("HACCP 심사를 직접 준비해 본 적 있어요?", "사실 없습니다. 교육 과정에서 이론으로만 배웠어요.", KO),
    ("Have you ever run a design sprint yourself?", "Honestly, no. I've only read about them.", EN),
])
def test_no_to_have_you_ever_is_no_experience_and_pivots(asked: str, answer: str, context: InterviewContext) -> None:
    assert decide(_turn(answer, [asked], context)).move is Move.PIVOT


@pytest.mark.parametrize(("answer", "move"), [
    # a last word that thanks and mentions "the … one" asks nothing: the closing
    ("Just, thanks for having me. I know I went on a bit about the accessibility one, but I really want this job.",
     Move.CLOSE),
    # a question announced in the first sentence is invited
    ("Yes, I have one actually.", Move.REVERSE),
])
def test_a_last_word_is_told_from_a_question_announced(answer: str, move: Move) -> None:
    asked = ["Tell me about yourself.", LINES["en"].reverse_question]
    assert decide(_turn(answer, asked, EN)).move is move
