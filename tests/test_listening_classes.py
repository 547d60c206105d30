"""The failure classes the second sealed set showed, on new wordings: a story drawn out by a follow-up still gets
its follow-up, the last word closes, denials pivot, small talk and the candidate's questions keep the pending
question, and what a follow-up names is a real phrase the candidate stressed."""
from __future__ import annotations

from interview.intents import classify
from interview.policy import Move, decide
from interview.reading import AnswerKind, intent_of, read_answer
from interview.salience import most_salient
from interview.structure import cut_off, technologies
from llm.base import ChatTurn, InterviewContext, Message

KO = InterviewContext(company_name="현대자동차", job_name="생산관리", total_questions=5)
EN = InterviewContext(company_name="Acme", job_name="Operations", total_questions=3, language="en")


def _turn(lines: list[tuple[str, str]], answer: str, context: InterviewContext = KO) -> ChatTurn:
    return ChatTurn(answer, tuple(Message(role, text) for role, text in lines), context)


def _kind(answer: str, question: str, language: str = "ko") -> AnswerKind:
    return read_answer(answer, intent_of(question, language), language).kind


def test_introducing_a_piece_of_work_is_not_a_self_introduction() -> None:
    assert classify("맡으셨던 행사 중에 기억에 남는 걸 하나 소개해 주세요.", "ko") != "self_introduction"
    assert classify("자신을 간단히 소개해 주세요.", "ko") == "self_introduction"


def test_the_last_word_offered_is_the_last_call_unless_it_is_about_the_story() -> None:
    assert classify("마지막으로 저희 팀에 한마디 해 주시겠어요?", "ko") == "reverse"
    assert classify("그 얘기에 덧붙이실 말씀 있으세요?", "ko") != "reverse"
    assert classify("Before we finish, is there anything you'd like to add?", "en") == "reverse"
    assert classify("Anything you'd like to add about that?", "en") != "reverse"
    assert classify("자신을 한마디로 표현한다면요?", "ko") != "reverse"


def test_the_last_word_after_the_budget_closes_without_a_new_question() -> None:
    turn = _turn([("assistant", "자기소개 부탁드립니다."), ("user", "생산관리 지원자입니다."),
                  ("assistant", "끝으로 저희 공장에 한마디 해 주세요.")],
                 "현장을 먼저 배우는 사람이 되겠습니다. 감사합니다.", KO)
    decision = decide(turn)
    assert decision.move is Move.CLOSE and "?" not in decision.text


def test_nothing_to_add_on_a_story_moves_on() -> None:
    turn = _turn([("assistant", "협업하다 갈등이 있었던 경험을 말씀해 주세요."), ("user", "일정 때문에 부딪혔는데 표를 만들어 풀었습니다."),
                  ("assistant", "그 얘기에 덧붙이실 말씀 있으세요?")], "아니요, 그 정도면 된 것 같습니다.")
    assert decide(turn).move is Move.NEXT_QUESTION


def test_a_denial_with_words_between_pivots() -> None:
    question = "공정 개선 프로젝트를 직접 이끌어 본 경험이 있으세요?"
    assert _kind("아니요… 수업에서 작은 과제만 해 봐서, 그런 경험은 아직 없습니다.", question) is AnswerKind.NO_EXPERIENCE
    assert _kind("그런 일을 제가 직접 맡은 적은 없어요. 옆에서 보기만 했습니다.", question) is AnswerKind.NO_EXPERIENCE
    assert _kind("I've never actually handled a recall on my own.", "Have you handled a product recall?",
                 "en") is AnswerKind.NO_EXPERIENCE


def test_a_story_is_not_a_denial() -> None:
    question = "공정 개선 경험이 있으세요?"
    answer = "네, 라인 정지가 잦아서 제가 점검표를 바꿨고 정지 시간이 30% 줄었습니다."
    assert _kind(answer, question) is AnswerKind.ANSWER


def test_the_answer_to_a_pivot_gets_no_follow_up() -> None:
    turn = _turn([("assistant", "불량 원인을 혼자 찾아낸 경험이 있으신가요?"), ("user", "아니요, 아직 그런 경험은 없습니다."),
                  ("assistant", "그럼 라인에서 불량이 갑자기 늘면 어떻게 하시겠어요?")],
                 "먼저 라인을 세우고 최근 바뀐 자재와 설비 기록을 확인하겠습니다. 그다음 품질팀과 원인을 좁혀 보겠습니다.")
    assert decide(turn).move is Move.NEXT_QUESTION


def test_questions_about_travel_and_relocation_are_questions_to_the_interviewer() -> None:
    question = "품질 문제를 해결한 경험을 말씀해 주세요."
    assert _kind("혹시 이 직무는 지방 근무도 있나요? 가족이 서울에 있어서요.", question) is AnswerKind.QUESTION
    assert _kind("잠깐만요. 출장은 자주 가는 편인가요? 그것부터 궁금해요.", question) is AnswerKind.QUESTION


def test_small_talk_about_the_trip_is_off_topic_and_the_question_is_put_again() -> None:
    pending = "라인 정지가 생기면 가장 먼저 무엇을 하시겠어요?"
    turn = _turn([("assistant", pending)], "오늘 여기 오는 길이 너무 막혀서 고생했어요. 주차도 한참 걸렸네요, 하하.")
    decision = decide(turn)
    assert decision.move is Move.REDIRECT and pending in decision.text


def test_a_short_first_reply_then_the_story_still_gets_a_follow_up() -> None:
    turn = _turn([("assistant", "현장실습은 어디서 하셨어요?"), ("user", "부품 협력업체에서 두 달 했습니다."),
                  ("assistant", "거기서 직접 해 본 업무는 뭐였어요?")],
                 "입고 검사를 주로 했습니다. 치수가 안 맞는 브래킷이 계속 들어와서 제가 검사 기준표를 다시 정리했고요, "
                 "협력업체 담당자한테 사진이랑 같이 보내서 다음 달부터는 반품이 줄었습니다.")
    decision = decide(turn)
    assert decision.move is Move.FOLLOW_UP


def test_a_numeral_prefix_and_a_quoted_name_are_named() -> None:
    answer = "오배송이 하루 열 건씩 나왔습니다. 그래서 오배송을 잡으려고 바코드를 한 번 더 찍게 했고 오배송이 줄었습니다."
    assert any("오배송" in p for p in most_salient(answer, "ko"))
    quoted = "그래서 그 학생한테 ‘급식 도우미’ 역할을 맡겼어요. 배식 순서도 정하게 했고요."
    assert any("도우미" in p for p in most_salient(quoted, "ko", count=1))


def test_everyday_words_are_not_tools() -> None:
    assert "go" not in technologies("I was on the go all shift and had to go through it.", (), "en")
    assert "Go" in technologies("We rewrote the service in Go.", (), "en")
    assert not any("everything" in p for p in most_salient("No, I think I've covered everything.", "en"))


def test_english_follow_ups_name_the_thing_as_something_the_candidate_said() -> None:
    turn = _turn([("assistant", "Tell me about a process you improved.")],
                 "At my last warehouse the returns desk was a mess. I rebuilt the returns checklist myself and "
                 "trained each picker on it over two weeks.", EN)
    decision = decide(turn)
    assert decision.move is Move.FOLLOW_UP and "With the" not in decision.text


def test_a_spoken_polite_ending_is_not_a_cut_off_sentence() -> None:
    assert not cut_off("자격증 공부도 따로 했고요.", "ko")
    assert cut_off("그래서 결제 시스템을", "ko")


def test_a_strength_told_in_spoken_endings_is_an_answer() -> None:
    answer = "제가 제일 자신 있는 건 현장 안전 점검이에요. 전에 물류센터에서 일할 때 지게차 동선을 바꿔서 사고를 줄였어요. 관련 자격증도 따로 땄고요."
    assert _kind(answer, "본인의 강점을 한 가지 소개해 주시겠어요?") is AnswerKind.ANSWER


def test_a_question_cut_at_its_comma_still_asks_the_interviewer() -> None:
    answer = "아 그런데 합격하면 근무지가 울산인가요, 아산인가요? 제가 지금 대전에 살아서요."
    assert _kind(answer, "생산 계획이 바뀌면 어떻게 대응하시겠어요?") is AnswerKind.QUESTION
