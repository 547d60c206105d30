"""The embedded interviewer's dialogue policy: grounded follow-ups, budgets, personas, panel remits, tailoring,
interruptions, time limits and English interviews."""
from __future__ import annotations

from dataclasses import replace

from interview.lines import LINES
from interview.policy import Move, decide
from interview.topics import candidate_pool
from llm.base import ChatTurn, InterviewContext, Message
from llm.persona import Persona

KO = InterviewContext(company_name="삼성전자", job_name="개발엔지니어링", total_questions=3)
EN = InterviewContext(company_name="Samsung Electronics", job_name="개발엔지니어링", total_questions=3, language="en")
INTRO = ("안녕하세요. 임베디드 펌웨어 개발자로 3년간 일했습니다. 전 직장에서 제가 BLE 센서 펌웨어 프로젝트를 맡아 전력 소모를 "
         "30% 줄였습니다. 반도체 기술에 관심이 많아 삼성전자에 지원하게 되었습니다.")
PRESSURE = Persona(name="윤상철 (임원)", style="pressure", habits="'그래서 결과가 뭡니까?', '그건 누구나 하는 말 아닌가요?'",
                   remit="executive")
FRIENDLY = Persona(name="서지민", style="friendly", habits="'그러셨군요' 같은 표현을 자주 씀", remit="hr")


def play(answers: list[str], context: InterviewContext = KO, persona: Persona | None = None,
         **flags_at: dict) -> list[str]:
    history: list[Message] = []
    replies = []
    for i, answer in enumerate(answers):
        turn = ChatTurn(answer, tuple(history), context, persona=persona, **flags_at.get(str(i), {}))
        reply = decide(turn).text
        replies.append(reply)
        history += [Message("user", answer), Message("assistant", reply)]
    return replies


def test_motivation_stated_in_the_introduction_is_not_asked_again() -> None:
    replies = play(["면접을 시작합니다.", INTRO])
    assert "지원하신 동기" not in replies[1] and "BLE 센서 펌웨어 프로젝트" in replies[1]


def test_follow_up_names_the_candidates_words_and_asks_for_the_missing_part() -> None:
    history = (Message("user", "시작"), Message("assistant", "먼저 간단하게 자기소개를 부탁드립니다."),
               Message("user", INTRO), Message("assistant", "팀으로 일하면서 의견 충돌이 있었을 때 어떻게 해결하셨나요?"))
    decision = decide(ChatTurn("결제 시스템 프로젝트에서 디자이너와 화면 구성을 두고 의견이 달랐습니다.", history, KO))
    assert decision.move is Move.FOLLOW_UP and "결제 시스템" in decision.text
    assert "result" in decision.reading.missing or "own_role" in decision.reading.missing


def test_no_experience_pivots_once_and_never_presupposes() -> None:
    opt = "메모리나 연산 자원이 제한된 환경에서 성능을 최적화해 본 경험이 있으신가요?"
    history = (Message("user", "시작"), Message("assistant", "먼저 간단하게 자기소개를 부탁드립니다."),
               Message("user", INTRO), Message("assistant", opt))
    first = decide(ChatTurn("아니요, 없습니다.", history, KO))
    assert first.move is Move.PIVOT and "측정하셨" not in first.text
    history += (Message("user", "아니요, 없습니다."), Message("assistant", first.text))
    second = decide(ChatTurn("그것도 잘 모르겠습니다.", history, KO))
    assert second.move is Move.NEXT_QUESTION and LINES["ko"].pivot not in second.text


def test_interrupted_question_is_asked_again_once_and_counted_once() -> None:
    replies = play(["면접을 시작합니다.", INTRO, "네 그게", "네 그게"], **{"2": {"interrupted": True},
                                                                    "3": {"interrupted": True}})
    asked = replies[1].split(". ")[-1]
    assert replies[2].startswith(LINES["ko"].interrupted_lead) and asked in replies[2]
    assert not replies[3].startswith(LINES["ko"].interrupted_lead), "never twice in a row"


def test_answer_timed_out_moves_on() -> None:
    replies = play(["면접을 시작합니다.", INTRO, "그때 저는 먼저"], **{"2": {"answer_timed_out": True}})
    assert replies[2].startswith(LINES["ko"].timed_out) and "?" in replies[2]


def test_total_questions_is_exact_with_follow_ups_and_a_panel() -> None:
    answers = ["면접을 시작합니다.", INTRO] + ["그때 제가 원인을 찾아 고쳤고 처리 시간을 30% 줄였습니다."] * 12
    history: list[Message] = []
    panel = [PRESSURE, FRIENDLY, Persona(name="강팀장", style="structured", remit="job")]
    for i, answer in enumerate(answers):
        reply = decide(ChatTurn(answer, tuple(history), KO, persona=panel[i % 3])).text
        history += [Message("user", answer), Message("assistant", reply)]
    said = " ".join(m.content for m in history if m.role == "assistant")
    mains = [q for q in candidate_pool(KO) if q.text in said]
    assert len(mains) == KO.total_questions
    assert LINES["ko"].reverse_question in said and LINES["ko"].closing in said


def test_personas_differ_in_opening_acknowledgement_and_habits() -> None:
    pressure = play(["면접을 시작합니다.", INTRO, "팀 프로젝트에서 일정 관리 툴을 도입했습니다."], persona=PRESSURE)
    friendly = play(["면접을 시작합니다.", INTRO, "팀 프로젝트에서 일정 관리 툴을 도입했습니다."], persona=FRIENDLY)
    assert "긴장" not in pressure[0] and "긴장" in friendly[0] and "윤상철" in pressure[0]
    assert "그래서 결과가 뭡니까?" in " ".join(pressure) and "그러셨군요" in " ".join(friendly)
    assert pressure[1] != friendly[1]


def test_a_panel_member_asks_within_their_remit() -> None:
    history = (Message("user", "시작"), Message("assistant", "먼저 간단하게 자기소개를 부탁드립니다."),
               Message("user", "안녕하세요, 백엔드 개발자입니다."),
               Message("assistant", "삼성전자에 지원하신 동기는 무엇인가요?"))
    lead = Persona(name="강팀장", style="structured", remit="job")
    answer = "반도체와 소프트웨어를 함께 다루고 싶어 지원했고, 입사 후 장비 데이터 플랫폼을 만들고 싶습니다."
    reply = decide(ChatTurn(answer, history, KO, persona=lead)).text
    job_questions = [q.text for q in candidate_pool(KO) if q.source == "job"]
    assert any(q in reply for q in job_questions), reply


def test_a_salary_question_is_answered_honestly_then_the_question_again() -> None:
    replies = play(["면접을 시작합니다.", "연봉은 어떻게 되나요?"])
    assert replies[1].startswith(LINES["ko"].answers["salary"]) and "자기소개" in replies[1]
    assert not any(ch.isdigit() for ch in replies[1])


def test_tailored_interview_asks_about_the_resume_and_the_gap() -> None:
    context = InterviewContext(company_name="삼성전자", job_name="개발엔지니어링", total_questions=5,
                               resume_text="2021-2024 정산 자동화 시스템 개발 (Kotlin, PostgreSQL)",
                               job_posting_text="Kubernetes 운영 경험, Kotlin")
    mains = [q.text for q in candidate_pool(context) if q.source in ("resume", "gap")]
    assert any("정산 자동화 시스템" in q for q in mains) and any("Kotlin" in q for q in mains)
    assert any("Kubernetes" in q and "공고" in q for q in mains)
    replies = play(["면접을 시작합니다.", INTRO], context)
    assert "정산 자동화 시스템" in replies[1]


def test_a_resume_skill_already_told_in_a_story_is_not_asked_about_again() -> None:
    context = InterviewContext(company_name="삼성전자", job_name="개발엔지니어링", total_questions=5,
                               resume_text="2021-2024 정산 자동화 시스템 개발 (Kotlin, PostgreSQL)",
                               job_posting_text="Kubernetes 운영 경험, Kotlin")
    story = "리포트 쿼리가 너무 느려서, 제가 Kotlin으로 집계 잡을 새로 짜서 돌렸고 조회가 금방 끝나게 됐습니다."
    replies = play(["면접을 시작합니다.", INTRO, "정산 자동화 시스템에서 제가 배치 설계를 맡았습니다.", story], context)
    assert not any("Kotlin 활용 경험" in r for r in replies[2:]), replies
    passing = play(["면접을 시작합니다.", INTRO, "정산 자동화 시스템에서 제가 배치 설계를 맡았습니다.",
                    "네, Kotlin이랑 Spring으로 주로 개발했습니다."], context)
    assert any("Kotlin 활용 경험" in r for r in passing[2:]), passing


def test_english_interview_in_english() -> None:
    replies = play(["Let's start.", "Hi, I'm a backend engineer. I built a billing service in Kotlin.",
                    "What's the salary?", "Could you repeat that?"], EN)
    assert replies[0].startswith("Hello") and "software engineering" in replies[0]
    assert all(not any("\uac00" <= ch <= "\ud7a3" for ch in r) for r in replies)
    assert replies[2].startswith(LINES["en"].answers["salary"][:20])
    assert replies[3].startswith(LINES["en"].repeat_lead)


def test_the_policy_closes_with_the_phrases_the_report_looks_for() -> None:
    from llm.question_bank import phrases

    for context in (KO, EN):
        data = phrases(context)
        lines = LINES[context.language]
        assert (data.reverse_question, data.closing) == (lines.reverse_question, lines.closing)


def test_study_mode_hints_only_when_asked_or_after_a_dodge_real_mode_never() -> None:
    history = (Message("user", "시작"), Message("assistant", "먼저 간단하게 자기소개를 부탁드립니다."),
               Message("user", INTRO), Message("assistant", "팀으로 일하면서 의견 충돌이 있었을 때 어떻게 해결하셨나요?"))
    hint_lead = LINES["ko"].hint.split("{")[0]

    def reply(message: str, mode: str | None) -> tuple[Move, str]:
        decision = decide(ChatTurn(message, history, replace(KO, interview_mode=mode)))
        return decision.move, decision.text

    move, text = reply("힌트 좀 주실 수 있나요?", "study")
    assert move is Move.HINT and text.startswith(hint_lead) and "본인의 역할" in text
    assert text.endswith("어떻게 해결하셨나요?")  # the pending question again
    move, text = reply("힌트 좀 주실 수 있나요?", "real")
    assert move is Move.NO_HINT and hint_lead not in text and LINES["ko"].no_hints in text
    assert reply("힌트 좀 주실 수 있나요?", None)[0] is Move.ANSWER_QUESTION  # no mode given: as before
    move, text = reply("음 잘 모르겠습니다.", "study")
    assert move is Move.REASK_SIMPLER and hint_lead in text
    move, text = reply("음 잘 모르겠습니다.", "real")
    assert move is Move.REASK_SIMPLER and hint_lead not in text
    # a real answer gets no hint in study mode either
    move, text = reply("결제 시스템 프로젝트에서 디자이너와 화면 구성을 두고 의견이 달랐습니다. 제가 시안 두 개를 만들어 "
                       "사용자 테스트를 했고, 전환율이 12% 높은 안으로 합의했습니다.", "study")
    assert hint_lead not in text


def test_an_english_hint_names_the_aspects_in_english() -> None:
    history = (Message("user", "Start"), Message("assistant", "Tell me about a time you disagreed with a teammate."))
    decision = decide(ChatTurn("Could I get a hint?", history, replace(EN, interview_mode="study")))
    assert decision.move is Move.HINT and decision.text.startswith("Hint: cover the situation, your own role")


def test_complete_sentences_sent_while_the_question_still_played_are_an_answer_not_a_cut_off() -> None:
    greeting = decide(ChatTurn("면접을 시작합니다.", ())).text
    history = (Message("user", "면접을 시작합니다."), Message("assistant", greeting))
    short_but_complete = "저는 백엔드 개발자로 3년 동안 결제 시스템을 만들었습니다. 장애를 줄이는 일에 보람을 느꼈습니다."
    answered = decide(ChatTurn(short_but_complete, history, interrupted=True))
    assert answered.move is not Move.REASK_INTERRUPTED and "결제 시스템" in answered.text
    assert "동안 결제" not in answered.text  # a time word is not part of the project's name
    fragment = decide(ChatTurn("저는 백엔드 개발자로 결제 시스템을", history, interrupted=True))
    assert fragment.move is Move.REASK_INTERRUPTED
