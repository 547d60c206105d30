"""What the interviewer asks and how it is worded (the candidate trial's classes), on wordings of their own: a
follow-up presupposes nothing the candidate never said, a reason already given is not asked for, a main question
the answer already covered is not asked, a re-ask keeps the pending question's topic."""
from __future__ import annotations

from interview.answer_holds import states_goal, states_reason, wording
from interview.intents import classify
from interview.policy import Move, decide
from interview.reading import intent_of, read_answer
from interview.topics import candidate_pool, next_main
from interview.state import read_state
from interview.lines import LINES
from interview.speakers import speaker_of
from llm.base import ChatTurn, InterviewContext, Message

KO_PORT = InterviewContext(company_name="부산항만공사", job_name="물류운영", total_questions=6)
KO_WARD = InterviewContext(company_name="충북대학교병원", job_name="간호사", total_questions=6)
EN_PORT = InterviewContext(company_name="Maersk", job_name="Operations supervisor", total_questions=5, language="en")
EN_CLINIC = InterviewContext(company_name="Royal Infirmary", job_name="Registered nurse", total_questions=5,
                             language="en")


def _turn(lines: list[tuple[str, str]], answer: str, context: InterviewContext) -> ChatTurn:
    return ChatTurn(answer, tuple(Message(role, text) for role, text in lines), context)


def _reading(answer: str, question: str, language: str):
    return read_answer(answer, intent_of(question, language), language)


def test_a_reason_follow_up_after_a_view_asks_why_it_matters_not_how_it_was_handled() -> None:
    for answer in ("Mostly the variety. Maersk moves the kind of cross-border freight I want to get better at, and "
                   "a cousin who works at your Felixstowe office says the mentoring is strong.",
                   "Honestly the size of the network. Maersk has terminals on every continent and I'd like to see "
                   "how a company that big plans its routes."):
        turn = _turn([("assistant", "To start, could you briefly introduce yourself?"),
                      ("user", "I'm Tom, four years in freight forwarding, currently a shift lead at a depot."),
                      ("assistant", "Next question. What made you apply to Maersk?")], answer, EN_PORT)
        decision = decide(turn)
        assert "handle it that way" not in decision.text, decision.text
        assert decision.move is not Move.FOLLOW_UP or "?" in decision.text


def test_a_reason_after_something_done_keeps_how_it_was_handled() -> None:
    reading = _reading("I moved the night crew onto the earlier loading slot and checked every manifest myself.",
                       "Tell me about a time you reorganised a shift.", "en")
    assert wording("reason", reading, "experience") == "reason"
    assert wording("reason", reading, "motivation") == "reason_view"
    for thought in ("I think that covers it from my side.", "I guess I'm quite patient with new starters."):
        reading = _reading(thought, "Tell me about an achievement you're proud of.", "en")
        assert wording("reason", reading, "general") == "reason_view"  # nothing handled, no "that way"


def test_a_plan_follow_up_presupposes_a_goal_only_when_one_was_stated() -> None:
    no_goal = _reading("처음에 제일 막막했던 건 손님들이 새 키오스크를 어려워해서, 제가 안내 문구를 따로 붙였어요.",
                       "저희 회사에 지원하신 동기는 무엇인가요?", "ko")
    goal = _reading("언젠가는 항만 물류 전체를 보는 운영 책임자가 되고 싶습니다.", "저희 회사에 지원하신 동기는 무엇인가요?", "ko")
    assert wording("plan", no_goal, "motivation") == "plan_open"
    assert wording("plan", goal, "motivation") == "plan"
    assert wording("plan", _reading("I just enjoy busy depots.", "Why us?", "en"), "motivation") == "plan_open"
    assert wording("plan", _reading("My long-term goal is to run a regional hub.", "Why us?", "en"),
                   "motivation") == "plan"
    turn = _turn([("assistant", "먼저 간단하게 자기소개를 부탁드립니다."),
                  ("user", "안녕하세요, 항만 물류 회사에서 2년 동안 배차 업무를 한 이도윤입니다."),
                  ("assistant", "다음 질문 드리겠습니다. 부산항만공사에 지원하신 동기는 무엇인가요?")],
                 "처음에 제일 막막했던 건 기사님들이 새 배차 앱을 어려워해서, 제가 사용법 안내서를 따로 만들었어요.", KO_PORT)
    assert "그 목표를 위해" not in decide(turn).text


def test_a_reason_the_answer_gives_is_read_from_its_grammar() -> None:
    assert states_reason(("바닷가 물류센터라 수출입 화물을 직접 다뤄 볼 수 있어서 지원했습니다.",), "ko")
    assert states_reason(("현장 경험이 중요하니까 야간 조부터 배우고 싶었습니다.",), "ko")
    assert states_reason(("고객 불만이 줄었기 때문에 그 방식을 계속 썼습니다.",), "ko")
    assert not states_reason(("배차표를 엑셀에서 앱으로 바꿔서 대기 시간을 줄였습니다.",), "ko")  # the means
    assert states_reason(("I applied because the hub runs more night freight than any other site.",), "en")
    assert not states_reason(("I've been on nights since 2021 and I run the dock.",), "en")


def test_a_motivation_that_gives_its_reason_is_not_asked_for_it() -> None:
    for answer in ("바닷가 가까운 물류센터라 수출입 화물을 직접 다뤄 볼 수 있어서 지원했습니다.",
                   "고향이 부산이라 가족 가까이에서 일하고 싶었고, 컨테이너 물동량이 많은 항만이라서 배울 게 많다고 봤습니다."):
        turn = _turn([("assistant", "먼저 간단하게 자기소개를 부탁드립니다."),
                      ("user", "안녕하세요, 항만 물류 회사에서 2년 동안 배차 업무를 한 이도윤입니다."),
                      ("assistant", "다음 질문 드리겠습니다. 부산항만공사에 지원하신 동기는 무엇인가요?")], answer, KO_PORT)
        assert "이유" not in decide(turn).text, decide(turn).text


def test_a_goal_already_stated_is_not_asked_again() -> None:
    assert states_goal(("저는 언젠가 응급실 전담 간호사가 되는 게 목표입니다.",), "ko")
    assert not states_goal(("작년에 병동 목표를 초과 달성했습니다.",), "ko")  # a target met is no goal of one's own
    history = [("assistant", "먼저 간단하게 자기소개를 부탁드립니다."),
               ("user", "안녕하세요, 종합병원 내과 병동에서 3년 일한 박하늘입니다."),
               ("assistant", "다음 질문 드리겠습니다. 충북대학교병원에 지원하신 동기는 무엇인가요?")]
    for answer in ("응급 환자가 많은 병원이라 배울 게 많다고 생각했고요, 저는 언젠가 응급실 전담 간호사가 되는 게 목표입니다.",
                   "지역에서 중증 환자를 가장 많이 보는 곳이니까요. 나중에는 수술실 간호사가 되고 싶습니다."):
        turn = _turn(history, answer, KO_WARD)
        pool = candidate_pool(KO_WARD)
        state = read_state(turn, pool, LINES["ko"], "ko")
        chosen = [q.id for q in pool if q not in state.asked]
        fresh = next_main(pool, state, turn, speaker_of(None, "ko"))
        assert "nurse-12" in chosen and fresh is not None and fresh.id not in ("nurse-12", "common-goal"), fresh


def test_a_goal_that_names_nothing_the_question_asks_about_leaves_it_open() -> None:
    history = [("assistant", "먼저 간단하게 자기소개를 부탁드립니다."),
               ("user", "안녕하세요, 종합병원 내과 병동에서 3년 일한 박하늘입니다."),
               ("assistant", "다음 질문 드리겠습니다. 충북대학교병원에 지원하신 동기는 무엇인가요?")]
    turn = _turn(history, "환자 교육을 잘하는 간호사가 되고 싶어서 지원했습니다.", KO_WARD)
    pool = candidate_pool(KO_WARD)
    ward = next(q for q in pool if q.id == "nurse-12")
    from interview.topics import _covered
    assert not _covered(ward, (turn.message,), "ko")


def test_a_re_ask_keeps_the_pending_questions_topic() -> None:
    assert classify("How do you keep your work on schedule when three deadlines fall on the same day?", "en") \
        != "weakness"
    assert classify("What's one thing you'd like to work on this year?", "en") == "weakness"
    for question, own in (("How do you keep your work on schedule when three deadlines fall on the same day?",
                            "keep your work on schedule"),
                           ("How do you make sure your work on the ward stays organised when deadlines pile up?",
                            "stays organised"),
                           ("What do you do when a relative disagrees with the care plan?",
                            "a relative disagrees with the care plan")):
        turn = _turn([("assistant", "To start, could you briefly introduce yourself?"),
                      ("user", "I'm Ana, a ward nurse for five years at a district hospital."),
                      ("assistant", f"Next question. {question}")], "Hmm, I'm not sure, honestly.", EN_CLINIC)
        decision = decide(turn)
        assert decision.move is Move.REASK_SIMPLER
        assert "habit" not in decision.text and own in decision.text, decision.text
        assert question not in decision.text  # put another way, not word for word


def test_a_motivation_given_in_the_introduction_in_any_words_is_not_asked() -> None:
    for intro in ("I'm Tom, four years in freight forwarding. I applied to Maersk mainly because I'd like to plan "
                  "routes across whole oceans rather than one depot.",
                  "I'm Tom, a shift lead at a depot near Hull. I'm actually applying since your graduate scheme "
                  "rotates people through the ports, which is exactly what I want."):
        turn = _turn([("assistant", "To start, could you briefly introduce yourself?")], intro, EN_PORT)
        decision = decide(turn)
        assert decision.move is Move.NEXT_QUESTION
        assert "apply" not in decision.text.split(".")[-1] and "Maersk?" not in decision.text, decision.text
    turn = _turn([("assistant", "To start, could you briefly introduce yourself?")],
                 "I'm Tom. I spent three years helping exporters apply for customs permits.", EN_PORT)
    assert "apply to Maersk" in decide(turn).text  # helping others apply says nothing of why Tom applied


def test_a_linked_lead_names_a_thing_the_candidate_said_never_a_bare_verb() -> None:
    for answer in ("Because bigger ports have more handovers to improve, and I like that kind of puzzle.",
                   "Since busy terminals always have something to improve, and that keeps me interested."):
        turn = _turn([("assistant", "To start, could you briefly introduce yourself?"),
                      ("user", "I'm Tom, a shift lead at a depot near Hull."),
                      ("assistant", "Next question. What made you apply to Maersk?"),
                      ("user", "Mostly the ports. Maersk runs the kind of terminals I want to learn from."),
                      ("assistant", "You mentioned the ports. Why does that matter to you?")], answer, EN_PORT)
        decision = decide(turn)
        assert decision.move is Move.NEXT_QUESTION and "mentioned improve" not in decision.text, decision.text
