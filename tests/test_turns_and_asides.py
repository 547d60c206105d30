"""The sealed5 failure classes (written anew, not the set's items): an interrupted fragment puts the cut-off question
again, an aside about something else is redirected, a question put as a statement is answered, a reason ending
"…니까요" is no question, and a full answer to a follow-up moves on rather than asking again."""
from __future__ import annotations

import pytest

from interview.cues import asks_indirectly
from interview.lines import LINES
from interview.policy import Move, decide
from interview.scope import SCOPE_ANSWERS
from interview.structure import shape
from llm.base import ChatTurn, InterviewContext, Message

KO = InterviewContext(company_name="한국철도공사", job_name="역무 운영", total_questions=5, language="ko")
EN = InterviewContext(company_name="Thames Water", job_name="Network Technician", total_questions=5, language="en")
# Per language: the interview so far (an introduction asked and given) and the pending question.
OPENING = {"ko": ("자기소개 부탁드립니다.", "교통공학을 전공했고 지하철역에서 일 년 안내 업무를 했습니다.",
                  "열차 지연으로 승객 항의가 몰렸을 때 어떻게 대응하실지 말씀해 주세요."),
           "en": ("Please introduce yourself.", "I've maintained booster stations for a water company for two years.",
                  "Tell me about a time you had to work out why a pump kept tripping.")}
PENDING = {language: lines[-1] for language, lines in OPENING.items()}


def _turn(answer: str, context: InterviewContext, interrupted: bool = False,
          history: tuple[Message, ...] | None = None) -> ChatTurn:
    """The answer to `history`, by default the pending question after the introduction."""
    asked, introduced, pending = OPENING[context.language]
    history = history or (Message("assistant", asked), Message("user", introduced), Message("assistant", pending))
    return ChatTurn(answer, history, context, interrupted=interrupted)


@pytest.mark.parametrize(("answer", "context"), [
    ("음 그러니까 저는 우선—", KO),
    ("아 그거 제가 대학 다닐 때 동아리에서", KO),
    ("잠시만요, 화면이 멈춰서요. 이제 괜찮습니다.", KO),
    ("예전에 비슷한 일이 있었는데…", KO),
    ("Right, so the first thing I—", EN),
])
def test_an_interrupted_fragment_puts_the_cut_off_question_again(answer: str, context: InterviewContext) -> None:
    decision = decide(_turn(answer, context, interrupted=True))
    assert decision.move is Move.REASK_INTERRUPTED
    assert PENDING[context.language] in decision.text


def test_a_short_complete_answer_given_while_interrupting_is_still_an_answer() -> None:
    answer = "승객분들께 먼저 지연 사유와 예상 시간을 안내드리고, 대체 교통편을 알려 드리겠습니다."
    assert decide(_turn(answer, KO, interrupted=True)).move is not Move.REASK_INTERRUPTED


@pytest.mark.parametrize(("answer", "context"), [
    ("아 요즘 제가 낚시에 빠져서요, 지난달에 제주도 바다에 다녀왔어요. 방어가 엄청 크더라고요. 장인어른이 배를 빌려 주셨어요.", KO),
    ("솔직히 어제 동생 결혼식이라 잠을 못 잤어요. 신부 드레스가 정말 예뻤고요. 하객이 엄청 많았어요.", KO),
    ("Oh, by the way, my sister drives a lorry and she says the motorway services are awful. "
     "She's thinking about a new van anyway.", EN),
])
def test_an_aside_about_something_else_is_redirected_with_the_question(answer: str,
                                                                       context: InterviewContext) -> None:
    decision = decide(_turn(answer, context))
    assert decision.move is Move.REDIRECT
    assert decision.text.startswith(LINES[context.language].redirect)
    assert PENDING[context.language] in decision.text


def test_the_weekend_is_an_answer_when_the_question_asks_about_it() -> None:
    history = (Message("assistant", OPENING["ko"][0]), Message("user", OPENING["ko"][1]),
               Message("assistant", "교대 근무가 많은데, 쉬는 날에는 보통 어떻게 스트레스를 푸세요?"))
    answer = "주말마다 등산을 다니는데요, 지난달에는 설악산 대청봉까지 올라갔어요. 산 정상 공기가 정말 좋더라고요."
    assert decide(_turn(answer, KO, history=history)).move is not Move.REDIRECT


@pytest.mark.parametrize(("answer", "context", "topic_word"), [
    ("그 전에 하나 여쭤봐도 될까요? 입사하면 교대 근무가 어떻게 돌아가는지 궁금해서요.", KO, "근무"),
    ("솔직히 지방 발령이 제일 걱정돼요. 그런데 신입은 보통 몇 년 정도 있다가 옮기나요? 그게 궁금해서요.", KO, "근무지"),
    ("Before I answer, I was wondering what the on-call rota looks like for this team.", EN, ""),
    ("입사하면 교대 근무는 몇 조로 돌아가는지도 궁금하고요.", KO, "근무"),
    ("Just curious, is there a uniform for this role?", EN, ""),
    ("I'd love to know what the shift pattern is like.", EN, "shift"),
])
def test_a_question_to_the_interviewer_without_a_question_mark_is_answered(
        answer: str, context: InterviewContext, topic_word: str) -> None:
    decision = decide(_turn(answer, context))
    assert decision.move is Move.ANSWER_QUESTION
    assert decision.text.endswith(PENDING[context.language])
    assert topic_word in decision.text


def test_indirect_questions_are_read_as_asking() -> None:
    assert asks_indirectly("복지가 어떻게 되는지 궁금해서요.", "ko")
    assert asks_indirectly("I'd like to know how the shifts work.", "en")
    assert not asks_indirectly("고객이 궁금해하는 점을 먼저 정리했습니다.", "ko")
    assert not asks_indirectly("I wondered whether the valve was stuck, so I checked it.", "en")


def test_a_reason_ending_is_no_question_but_a_formal_question_is() -> None:
    assert not shape("안전이 제일 먼저니까요.", "ko").question
    assert not shape("결국 손님이 기다리시는 거니까요.", "ko").question
    assert shape("그 방법은 언제 쓰셨습니까", "ko").question
    assert shape("어떻게 하면 될까요", "ko").question


@pytest.mark.parametrize(("main", "reply", "follow_up", "answer", "move"), [
    # a full answer to an elliptical follow-up ("…하시면요?") moves on
    ("승객이 규정에 없는 환불을 요구하면 어떻게 하시겠어요?",
     "규정을 차분히 설명드리고, 가능한 다른 보상 방법이 있는지 함께 찾아 보겠습니다.", "그래도 끝까지 환불을 고집하시면요?",
     "그때는 제가 혼자 결정하지 않고 역장님께 보고드려서 함께 응대하겠습니다. 그리고 안내한 내용을 기록해 두어서 다른 직원이 "
     "응대하더라도 같은 안내가 나가도록 하겠습니다. 승객 입장에서는 안내가 바뀌는 게 가장 불쾌한 일이니까요.", Move.NEXT_QUESTION),
    # a story told short, then dug into: the follow-up counts
    ("승객 안내 방송을 잘못 내보냈던 경험 있으면 말씀해 주세요.", "네, 출근 시간에 승강장 번호를 잘못 안내한 적이 있습니다.",
     "그래서 그 뒤로는 어떻게 하셨어요?",
     "방송 전에 전광판과 운행 정보를 한 번 더 대조하는 순서를 만들었고, 옆 근무자에게 확인을 받은 뒤 방송했어요. 그 뒤로 석 달 "
     "동안 제 방송 정정이 한 번도 없었습니다.", Move.NEXT_QUESTION),
    # a place, then the story drawn out: the story still gets its follow-up
    ("실습은 어느 역에서 하셨어요?", "서울역에서 두 달 했습니다.",
     "그 두 달 동안 가장 곤란했던 승객이 있었다면 어떻게 대하셨는지 듣고 싶어요.",
     "길을 잃은 외국인 어르신이 계셨는데 말이 안 통해서 제가 번역 앱으로 목적지를 확인했습니다. 그리고 환승 통로까지 직접 모셔다 "
     "드리고 다음 열차 시간을 종이에 적어 드렸어요. 나중에 감사 편지가 역으로 왔습니다.", Move.FOLLOW_UP),
    # background to an experience question, then the story drawn out: the same
    ("역에서 안전 문제를 개선해 본 경험 있으세요?", "네, 역무 보조로 여섯 달 일했습니다.",
     "그럼 그때 무엇을 어떻게 바꿨는지 말씀해 주세요.",
     "출근 시간에 계단 쪽으로 승객이 몰려서 넘어질 뻔한 일이 잦았어요. 그래서 제가 안내 표지 위치를 옮기고 개찰구 하나를 출구 "
     "전용으로 바꾸자고 건의했습니다. 그 뒤로 아침 혼잡 민원이 절반 정도로 줄었습니다.", Move.FOLLOW_UP),
])
def test_the_follow_up_budget_counts_digging_not_drawing_out(main: str, reply: str, follow_up: str, answer: str,
                                                             move: Move) -> None:
    history = (Message("assistant", main), Message("user", reply), Message("assistant", follow_up))
    decision = decide(_turn(answer, KO, history=history))
    assert decision.move is move
    assert follow_up not in decision.text


def test_a_noun_the_analyser_read_as_a_verb_with_an_ending_is_named_whole() -> None:
    from interview.salience import salient_phrases
    answer = "비가 와서 타설을 두 번 미뤘어요. 그래서 제가 타설 일정을 주말로 옮겼습니다."
    named = [p.text for p in salient_phrases(answer, "ko")]
    assert "타설 일정" in named or "타설" in named
    assert not any(p.endswith("설") and p != "타설" for p in named)


def test_a_no_to_have_you_with_an_imagined_outcome_pivots() -> None:
    history = (Message("assistant", OPENING["en"][0]), Message("user", OPENING["en"][1]),
               Message("assistant", "Have you ever run a leak detection survey on your own?"))
    answer = "No, I haven't. At my depot the contractors always did those, so that would be a first for me."
    decision = decide(_turn(answer, EN, history=history))
    assert decision.move is Move.PIVOT
    assert decision.text == LINES["en"].pivot


def test_a_noun_the_analyser_split_off_an_interjection_is_named_whole() -> None:
    from interview.salience import salient_phrases
    answer = "배관에서 이음 부위가 헐거워져 있었어요. 제가 이음 부위를 전부 다시 조였습니다."
    named = [p.text for p in salient_phrases(answer, "ko")]
    assert any(p.startswith("이음") for p in named)
    assert "음 부위" not in named and "부위" not in named[:1]


def test_an_ing_word_the_lexicon_knows_as_no_verb_is_named() -> None:
    from interview.salience import salient_phrases
    answer = "I moved bookkeeping to the cloud and month-end closing took half the time."
    assert "bookkeeping" in [p.text for p in salient_phrases(answer, "en")]


def test_an_accented_word_is_read_whole() -> None:
    from interview.salience import salient_phrases
    named = [p.text for p in salient_phrases("I ran the crêperie stall at the station fête and cut queues.", "en")]
    assert not any(p in ("cr", "f", "perie") for p in named)
    assert any("crêperie" in p for p in named)


@pytest.mark.parametrize(("answer", "context"), [
    ("아 죄송해요, 이어폰이 빠져서 소리가 안 들렸어요.", KO),
    ("잠시만요, 마이크가 꺼져 있었네요.", KO),
    ("Sorry, my earphones died, I missed that.", EN),
])
def test_trouble_with_the_candidates_own_audio_puts_the_question_again(answer: str,
                                                                       context: InterviewContext) -> None:
    decision = decide(_turn(answer, context))
    assert decision.move is Move.REASK_INTERRUPTED
    assert decision.text.endswith(PENDING[context.language])


@pytest.mark.parametrize(("answer", "context"), [
    ("죄송한데 그 전에 하나 여쭤봐도 될까요?", KO),
    ("Can I ask something first?", EN),
])
def test_asking_to_ask_first_is_told_there_is_time_at_the_end(answer: str, context: InterviewContext) -> None:
    decision = decide(_turn(answer, context))
    assert decision.move is Move.ANSWER_QUESTION
    assert decision.text.startswith(SCOPE_ANSWERS[context.language]["ask_first"])
    assert decision.text.endswith(PENDING[context.language])
