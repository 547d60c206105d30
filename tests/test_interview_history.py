"""The policy reads a history by meaning: an interviewer's own wording, a skipped self-introduction, a last call for
questions in other words, questions answered by topic, cut-off replies, same-question re-asks and denials."""
from __future__ import annotations

import pytest

from interview.history import is_follow_up, is_last_call
from interview.lines import LINES
from interview.phrases import object_of, topic_of
from interview.policy import Move, decide
from interview.progress import asked_main_questions
from interview.state import read_state
from interview.topics import candidate_pool
from llm.base import ChatTurn, InterviewContext, Message
from llm.prompts import is_question

KO = InterviewContext(company_name="현대모비스", job_name="운영관리", total_questions=4)
EN = InterviewContext(company_name="Kia", job_name="재무회계", total_questions=4, language="en")
KO_HISTORY = (Message("assistant", "반갑습니다. 먼저 가볍게 본인 소개 한번 해 주세요."),
              Message("user", "산업공학을 전공했고 물류센터에서 2년 동안 재고 관리를 맡았습니다."),
              Message("assistant", "좋습니다. 재고가 맞지 않았을 때 원인을 찾았던 사례를 들어 주세요."))
EN_HISTORY = (Message("assistant", "Thanks for coming in. We'll skip introductions; I've read your CV. "
                                   "How would you explain working capital to a new colleague?"),)


def test_another_wording_is_read_as_asked_and_the_interview_does_not_restart() -> None:
    turn = ChatTurn("월말 실사에서 차이가 나서 제가 입출고 기록을 대조했고, 바코드 누락이 원인이라 스캔 절차를 바꿨더니 "
                    "차이가 90% 줄었습니다.", KO_HISTORY, KO)
    state = read_state(turn, candidate_pool(KO), LINES["ko"], "ko")
    assert len(state.asked) == 2 and "self_introduction" in state.done_intents
    reply = decide(turn).text
    assert "자기소개" not in reply and "?" in reply


def test_a_follow_up_in_other_words_is_not_a_main_question() -> None:
    assert is_follow_up("그때 본인이 맡은 역할은 무엇이었나요?", "ko", LINES["ko"])
    assert is_follow_up("You mentioned a dashboard. What did it change?", "en", LINES["en"])
    assert not is_follow_up("재고가 맞지 않았을 때 원인을 찾았던 사례를 들어 주세요.", "ko", LINES["ko"])


def test_a_last_call_in_other_words_then_no_questions_closes() -> None:
    assert is_last_call("시간 관계상 여기까지 할게요. 마지막으로 물어보고 싶은 거 있으세요?", "ko", LINES["ko"])
    history = (*EN_HISTORY, Message("user", "It's what keeps daily operations funded."),
               Message("assistant", "Good. Anything you'd like to ask us before we wrap up?"))
    decision = decide(ChatTurn("Nothing from me, thanks very much.", history, EN))
    assert decision.move is Move.CLOSE and "?" not in decision.text


def test_the_candidates_question_is_answered_by_its_topic_without_figures() -> None:
    reply = decide(ChatTurn("신입사원 교육 기간은 어느 정도인가요?", KO_HISTORY, KO)).text
    assert reply.startswith(LINES["ko"].answers["training"][:10].replace("{company_info}", "")) or "교육" in reply
    assert "사례를 들어 주세요" in reply and not any(ch.isdigit() for ch in reply)
    reply = decide(ChatTurn("Is the role based at the head office or at a plant?", EN_HISTORY, EN)).text
    assert "location" in reply and "working capital" in reply


def test_an_interrupted_english_fragment_is_asked_again() -> None:
    decision = decide(ChatTurn("So what I would", EN_HISTORY, EN, interrupted=True))
    assert decision.move is Move.REASK_INTERRUPTED and "working capital" in decision.text


@pytest.mark.parametrize("answer, history, context, topic", [
    ("I'm not really sure, sorry.", EN_HISTORY, EN, "working capital"),
    ("음, 잘 모르겠습니다.", KO_HISTORY, KO, "재고"),
    ("음… 글쎄, 어렵네요.", KO_HISTORY, KO, "재고"),  # nothing done or named in it: not an answer yet
])
def test_not_sure_gets_the_same_question_more_simply(answer, history, context, topic) -> None:
    decision = decide(ChatTurn(answer, history, context))
    assert decision.move is Move.REASK_SIMPLER and topic in decision.text


def test_a_denial_worded_beyond_the_cues_is_not_presupposed() -> None:
    history = (*EN_HISTORY, Message("user", "It's the cash you need to run day to day."),
               Message("assistant", "Tell me about a forecast you built that turned out wrong."))
    decision = decide(ChatTurn("I haven't personally built a forecast yet.", history, EN))
    assert decision.move is Move.PIVOT


def test_topics_and_objects_are_the_sentences_own_words() -> None:
    assert topic_of("원가와 비용의 차이를 설명해 주시겠어요?", "ko") == "원가와 비용의 차이"
    assert topic_of("Walk me through a quality problem you tracked down yourself.", "en") == "quality problem"
    assert object_of("그때 제가 검사 기준을 다시 정리했습니다.", "ko") == "검사 기준"
    assert object_of("I set up a new sampling plan for the line.", "en").startswith("sampling plan")


def test_a_closing_in_other_words_ends_it_but_thanks_mid_interview_do_not() -> None:
    closed = (*KO_HISTORY, Message("user", "없습니다."), Message("assistant", "네, 이것으로 면접을 마치겠습니다. 수고하셨습니다."))
    assert decide(ChatTurn("감사합니다.", closed, KO)).move is Move.AFTER_CLOSE
    thanks = (Message("assistant", "긴 답변 수고하셨습니다. 재고가 맞지 않았을 때 원인을 찾았던 사례를 들어 주세요."),)
    assert decide(ChatTurn("잘 모르겠습니다.", thanks, KO)).move is Move.REASK_SIMPLER


def test_progress_counts_main_questions_of_another_wording_not_their_follow_ups() -> None:
    lines = [KO_HISTORY[0].content, KO_HISTORY[2].content, "그때 본인이 직접 한 일은 무엇이었나요?",
             KO_HISTORY[2].content, "마지막으로 궁금한 점 있으세요?"]
    assert asked_main_questions(lines, KO) == 2


def test_declarative_requests_ask() -> None:
    assert is_question("Thanks for sharing! Next, I'd love to hear about a project you led.")
    assert is_question("좋습니다. 이번에는 팀 프로젝트 경험을 듣고 싶습니다.")
    assert is_question("혹시 궁금하신 거 있으면 물어보세요.")
    assert not is_question("That concludes our interview. Thank you.")


def test_a_work_story_with_an_outcome_is_not_small_talk() -> None:
    turn = ChatTurn("장비가 느려져서 제가 배치 전송을 넣었고 전송량을 70% 줄였습니다.", KO_HISTORY, KO)
    assert decide(turn).move in (Move.FOLLOW_UP, Move.NEXT_QUESTION)
    assert decide(ChatTurn("어제 야구 보셨어요? 한화가 이겼더라고요.", KO_HISTORY, KO)).move is Move.REDIRECT


def test_what_the_question_means_gets_it_more_simply_and_a_team_question_an_answer() -> None:
    history = (Message("assistant", "Which clauses do you look at first in a supplier contract?"),)
    asked = decide(ChatTurn("When you say supplier contract, what do you mean exactly?", history, EN))
    assert asked.move is Move.REASK_SIMPLER and "supplier contract" in asked.text
    team = decide(ChatTurn("What kind of projects does the legal team work on?", history, EN))
    assert team.move is Move.ANSWER_QUESTION


def test_an_answer_with_a_rhetorical_question_is_an_answer() -> None:
    answer = ("하자 보증과 지체상금 조항을 먼저 봅니다. 왜 그러냐고요? 분쟁이 가장 많이 생기는 곳이기 때문입니다. 전 직장에서 제가 "
              "지체상금 상한을 계약금의 10%로 두도록 표준 계약서를 고쳤고, 그 뒤로 관련 분쟁이 한 건도 없었습니다.")
    history = (Message("assistant", "납품 계약에서 특히 꼼꼼히 보는 조항을 말씀해 주세요."),)
    assert decide(ChatTurn(answer, history, KO)).move in (Move.FOLLOW_UP, Move.NEXT_QUESTION)


def test_yes_i_have_one_is_invited_to_ask_and_then_answered_and_closed() -> None:
    history = (*EN_HISTORY, Message("user", "It's the cash that keeps daily operations running."),
               Message("assistant", "Thanks. Anything you'd like to ask us?"))
    invited = decide(ChatTurn("Yes, I have one question.", history, EN))
    assert invited.move is Move.REVERSE and invited.text == LINES["en"].reverse_go_ahead
    history += (Message("user", "Yes, I have one question."), Message("assistant", invited.text))
    answered = decide(ChatTurn("Is there much travel in this role?", history, EN))
    assert answered.move is Move.CLOSE and "?" not in answered.text
    assert decide(ChatTurn("Yes, thanks, that was all very clear.", history[:-2], EN)).move is Move.CLOSE
