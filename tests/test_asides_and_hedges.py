"""Replies heard for what they are (stop 30; the wordings are written for these tests, not taken from any situations
set): a story of the work with a private aside at its end, a hedge that closes on "그 정도…?", figures the candidate
says they do not know exactly, a proposal read as one act, a question put before the answer wherever it stands, a word
of the question the candidate does not know, a day of their own the question reminded them of, and the question's
words said back as a question; and (stop 31) a turn to something the question reminded the candidate of, and a
weekend the candidate came in to work, and a question put before the answer in other words ("여쭤봐도 돼요?", "그 전에"
after a short opening)."""
from __future__ import annotations

import pytest

from interview.lines import LINES
from interview.own_act import said_back
from interview.policy import Move, decide
from interview.question_marks import closes_on_tag
from interview.reading import intent_of, read_answer
from interview.small_talk import PRIVATE_LIFE, hands_on_at_work
from interview.text import sentences
from interview.told_already import outcome_figures
from interview.work_report import hands_on_acts, lives_it_privately
from llm.base import ChatTurn, InterviewContext, Message

KO = InterviewContext(company_name="무신사 스탠다드", job_name="매장 스태프", total_questions=5, language="ko")
EN = InterviewContext(company_name="Stagecoach", job_name="Bus Driver", total_questions=5, language="en")
PENDING = "매장 매출을 올리려고 직접 시도해 본 게 있으면 말씀해 주세요."


def _decide(answer: str, pending: str = PENDING, context: InterviewContext = KO):
    korean = context.language == "ko"
    history = (Message("assistant", "자기소개 부탁드립니다." if korean else "Tell me about yourself."),
               Message("user", "의류 매장에서 이 년 일했습니다." if korean else "I drove vans for two years."),
               Message("assistant", pending))
    return decide(ChatTurn(answer, history, context))


@pytest.mark.parametrize("sentence", ["제가 재고표를 엑셀로 옮겼어요. 그 정도…?", "그냥 전화 돌린 거요, 그 정도요?",
                                      "이 정도?"])
def test_that_much_with_a_question_mark_is_a_hedge_not_a_question(sentence: str) -> None:
    assert closes_on_tag(sentence)


def test_a_short_account_that_closes_on_a_hedge_is_followed_up_not_redirected() -> None:
    decision = _decide("아 뭐 크게는 아니고요, 진열 순서를 원래 가격순으로 했는데 제가 색깔별로 바꿨어요. 그 정도…?")
    assert decision.move is Move.FOLLOW_UP, decision.text
    assert LINES["ko"].redirect not in decision.text


def test_a_private_aside_after_the_last_act_does_not_make_the_story_private() -> None:
    answer = ("전에 아울렛에서 일할 때 셔츠 재고가 많이 남았거든요. 그래서 제가 셔츠를 재킷이랑 코디해서 입구에 걸자고 "
              "매니저님께 말씀드렸어요. 아 그리고 그때 제 동생도 하나 사 갔어요 ㅎㅎ")
    assert hands_on_at_work(answer, "ko")
    decision = _decide(answer)
    assert decision.move is not Move.REDIRECT and LINES["ko"].redirect not in decision.text, decision.text


def test_a_private_day_before_the_act_still_sets_the_scene() -> None:
    assert not hands_on_at_work("주말에 동생이랑 캠핑을 갔어요. 제가 텐트를 직접 쳤어요.", "ko")


def test_a_verb_of_a_noun_and_ha_is_an_act_only_in_a_story_told_as_done() -> None:
    assert hands_on_acts("제가 셔츠를 재킷이랑 코디해서 입구에 걸었어요.", "ko")
    assert not hands_on_acts("여러 가지를 종합적으로 고려해서 정하겠습니다.", "ko")


@pytest.mark.parametrize(("answer", "language"), [
    ("그 주에 매출이 평소보다 두 배쯤 나온 것 같아요. 정확한 숫자는 기억이 안 나는데… 꽤 많이 팔렸어요.", "ko"),
    ("Sales went up by about 30 percent that month, I think. I don't remember the exact numbers, to be honest.", "en"),
])
def test_figures_the_candidate_does_not_know_exactly_are_not_asked_how_they_were_measured(answer: str,
                                                                                          language: str) -> None:
    reading = read_answer(answer, intent_of("성과를 낸 경험을 말씀해 주세요.", language), language)
    assert outcome_figures(reading) == []


def test_a_proposal_split_by_the_analyser_is_said_back_whole() -> None:
    act = said_back(sentences("그래서 제가 행거를 입구 쪽에 세우자고 점장님께 말씀드렸어요.", "ko"), "ko")
    assert act is not None and act.startswith("행거를 입구 쪽에 세우자고"), act


@pytest.mark.parametrize(("answer", "pending", "context"), [
    ("음, 비슷한 건 해 봤어요. 근데 그 전에 궁금한 게, 매장 직원이 몇 분 정도인가요? 그거 알면 답하기가 편할 것 같아서요.",
     PENDING, KO),
    ("네, 그건 전에 있었는데요… 아 그 전에, 혹시 마감이 밤 열한 시인가요? 막차가 끊기면 집에 갈 방법이 없어서요.",
     PENDING, KO),
    ("Okay. Before I answer, do I need a PCV licence for this job? I've only got a car licence and I didn't want "
     "to waste your time.", "Tell me about a time you dealt with an angry passenger.", EN),
    ("Sure. Sorry, just quickly first, are the routes mostly early mornings? I've got college on Tuesdays and I want "
     "to make sure that's not a problem.", "Tell me about a time you dealt with an angry passenger.", EN),
    ("Oh, good one. Actually, sorry, can I just ask first — is this role nights as well? I look after my nan on "
     "weeknights.", "Tell me about a time you dealt with an angry passenger.", EN),
    ("Um, I do have an answer but can I just ask — do drivers here need their own hi-vis? My mate said some depots "
     "make you buy it.", "Tell me about a time you dealt with an angry passenger.", EN),
])
def test_a_question_put_before_the_answer_is_answered_wherever_it_stands(answer: str, pending: str,
                                                                         context: InterviewContext) -> None:
    decision = _decide(answer, pending, context)
    assert decision.move is Move.ANSWER_QUESTION and pending in decision.text, decision.text


@pytest.mark.parametrize(("answer", "pending", "context"), [
    ("브이엠디…요? 죄송해요, 그게 정확히 뭔지 잘 몰라서… 진열이랑 관련된 건가요?", "VMD 기준으로 매장 동선을 어떻게 바꾸시겠어요?", KO),
    ("음… 객단가요? 제가 그런 용어를 실무에서 써 본 적이 없어서 잘…", "객단가를 올리려면 뭘 먼저 하시겠어요?", KO),
    ("진열… 원칙이요? 음… 죄송한데 제가 VMD라는 게 정확히 어떤 건지 잘 몰라서요. 그냥 예쁘게 거는 건가요?",
     "VMD에서 가장 중요하다고 생각하는 원칙은 무엇인가요?", KO),
    ("Sorry, I'm not totally sure what headway management means here. I mostly did school runs.",
     "How would you handle headway management on a busy route?", EN),
])
def test_a_word_of_the_question_not_known_gets_the_question_more_simply(answer: str, pending: str,
                                                                        context: InterviewContext) -> None:
    decision = _decide(answer, pending, context)
    assert decision.move is Move.REASK_SIMPLER, decision.text


@pytest.mark.parametrize(("answer", "pending"), [
    # a short reply the question only reminded the candidate of (read as too short before)
    ("아 빼빼로데이 하니까 생각나는데요, 작년에 여자친구랑 영화 보러 갔는데 그 영화가 진짜 재밌었거든요. 제목이 뭐였더라… "
     "아무튼 그날 사람이 엄청 많았어요, 극장에.", "빼빼로데이처럼 주문이 몰리면 어떤 순서로 포장하세요?"),
    # the candidate's honeymoon and wife: private life, however long
    ("아 강릉 하니까 생각나는데, 저 신혼여행을 강릉으로 갔었거든요. 경포대에서 자전거 타다가 넘어지고… 와이프가 아직도 "
     "놀려요. 강릉은 언제 가도 좋더라고요. 여기서 일하면 애들도 데려오고 싶고요.",
     "출발 전 차량 점검은 어떤 순서로 하시는지 말씀해 주세요."),
])
def test_a_day_of_the_candidates_own_the_question_reminded_them_of_is_redirected(answer: str, pending: str) -> None:
    decision = _decide(answer, pending)
    assert decision.move is Move.REDIRECT, decision.text


def test_the_questions_words_said_back_as_a_question_ask_the_interviewer_nothing() -> None:
    pending = "재고가 계속 안 맞는 일을 끝까지 붙잡고 해결한 경험이 있어요?"
    decision = _decide("음… 끝까지 붙잡고 해결한 거요? 그런 경험은 없어서요… 딱히…", pending)
    assert decision.move is not Move.ANSWER_QUESTION, decision.text
    assert LINES["ko"].back_to_question not in decision.text


@pytest.mark.parametrize(("answer", "pending", "context"), [
    # the question's word, then a turn to something it reminded the candidate of ("that reminds me", "근데 요즘")
    ("Oh, timetables, that reminds me, did you see the thing on the news about the tram strike in Leeds? My brother "
     "was stuck for hours, he was fuming.", "How do you keep to the timetable when the roads are jammed?", EN),
    ("매출이요… 근데 요즘 금리가 너무 올라서 다들 힘들다잖아요. 저희 이모도 가게를 접을까 고민하시더라고요. 여기는 괜찮으세요?",
     PENDING, KO),
])
def test_a_turn_to_something_the_question_reminded_them_of_is_redirected(answer: str, pending: str,
                                                                         context: InterviewContext) -> None:
    assert _decide(answer, pending, context).move is Move.REDIRECT



@pytest.mark.parametrize(("message", "private"), [
    ("그래서 제가 그 주말에 나와서 바닥에 안전선을 다시 칠했어요.", False),  # came in to work on a weekend
    ("주말에 당직 서면서 배관 밸브를 다 돌려 봤어요.", False),
    ("주말에 친구랑 캠핑 가서 텐트를 쳤어요.", True),  # a day of their own
])
def test_a_weekend_the_candidate_came_in_to_work_is_no_private_life(message: str, private: bool) -> None:
    assert lives_it_privately(message, PRIVATE_LIFE["ko"]) is private


@pytest.mark.parametrize("answer", [
    # asking leave to ask ("…여쭤봐도 돼요?") puts the answer off, whatever comes before it
    "아 그거요… 음, 주말 근무가 한 달에 몇 번인지 먼저 여쭤봐도 돼요? 그리고 교대 시간도요.",
    # "그 전에" after a short opening, and a question cut in two at its comma
    "아 그건… 음, 그 전에 여기서는 온라인 주문도 매장에서 직접 포장하나요, 아니면 물류센터에서 하나요? 그거에 따라 "
    "답이 달라질 것 같아서요.",
])
def test_a_question_put_before_the_answer_in_other_words_is_answered(answer: str) -> None:
    assert _decide(answer).move is Move.ANSWER_QUESTION


def test_a_question_put_first_after_a_short_yes_is_answered_and_a_muddle_over_the_question_is_put_simply() -> None:
    """"Yeah, I've got one. But first, is …?" asks before it answers; "not sure what you're getting at" and "질문을
    정확히 이해를 못 한 것 같아요" ask for the question again, more simply (sealed42-44, after the run; wordings
    written for this test)."""
    en = InterviewContext(company_name="Harbour Cinemas", job_name="Duty Manager", total_questions=5, language="en")
    ko = InterviewContext(company_name="해님어린이집", job_name="보육교사", total_questions=5, language="ko")

    def move(context: InterviewContext, question: str, answer: str) -> Move:
        return decide(ChatTurn(answer, (Message("user", "Hi"), Message("assistant", question)), context)).move

    assert move(en, "Tell me about a time a screening went wrong.",
                "Yeah, I've got one. But first, sorry, are the late shifts every weekend? I don't drive.") \
        is Move.ANSWER_QUESTION
    assert move(en, "What's your approach to a busy Saturday rota?",
                "I have thoughts on that, I don't know if they're right. But first, is there staff housing? I'd be "
                "moving from Cork.") \
        is Move.ANSWER_QUESTION
    assert move(en, "How would you describe our value to a family on a budget?",
                "Uh… the value. Sorry, I'm not totally sure what you're getting at. Like the ticket prices?") \
        is Move.REASK_SIMPLER
    assert move(ko, "놀이 중심 교육과정을 현장에 어떻게 적용하실지 말씀해 주세요.",
                "어… 교육과정이요? 죄송한데 제가 질문을 정확히 이해를 못 한 것 같아요.") is Move.REASK_SIMPLER
