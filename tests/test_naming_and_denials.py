"""What a reply may name and what a "no" means: pronouns and quantifiers name nothing, a "no" to a question that
asked about no experience is no missing experience, what an answer is about wins over the frame it was told in,
an organisational unit is no technology, and an English answer's lead-in runs on without a colon. None of these
wordings is in a situations file."""
from __future__ import annotations

import re

from interview.phrases import names_something
from interview.policy import Move, decide
from interview.question_tense import asks_about_experience, asks_what_you_would
from interview.reading import AnswerKind, intent_of, read_answer
from interview.speakers import anchor
from interview.structure import technologies
from interview.text import sentences
from llm.base import ChatTurn, InterviewContext, Message

KO = InterviewContext(company_name="현대모비스", job_name="품질관리QA", total_questions=6)
EN = InterviewContext(company_name="LG에너지솔루션", job_name="재무회계", total_questions=6, language="en")
KO_INTRO = "안녕하세요. 부품 회사에서 2년간 입고 검사를 맡았고 불량률을 1.5%에서 0.6%로 낮췄습니다."
EN_INTRO = "Hi, I'm Jo. I've spent four years in payables and last year I cut our invoice backlog by half."


def _after(question: str, answer: str, context: InterviewContext) -> tuple[Move, str, AnswerKind]:
    intro = KO_INTRO if context.language != "en" else EN_INTRO
    opening = "먼저 간단하게 자기소개를 부탁드립니다." if context.language != "en" else "Could you introduce yourself?"
    history = (Message("user", "시작"), Message("assistant", opening), Message("user", intro),
               Message("assistant", question))
    decision = decide(ChatTurn(answer, history, context))
    return decision.move, decision.text, decision.reading.kind


def test_pronouns_and_quantifiers_name_nothing() -> None:
    for phrase in ("everything", "the everything", "nothing", "someone", "all", "it", "that"):
        assert not names_something(phrase, "en"), phrase
    for phrase in ("그거", "이거", "그것", "전부", "다", "모든 것", "전체"):
        assert not names_something(phrase, "ko"), phrase
    for phrase, language in (("SBAR", "ko"), ("Terraform", "ko"), ("입고 검사", "ko"), ("group consolidation", "en")):
        assert names_something(phrase, language), phrase


def test_a_closing_remark_mid_interview_is_never_named_as_a_thing() -> None:
    _, text, _ = _after("Tell me about a time you found a mistake in a supplier's invoice.",
                        "Honestly I reckon that covers everything on my side.", EN)
    assert "everything" not in text.lower()
    _, text, _ = _after("검사 기준이 애매했던 적이 있다면 그때 어떻게 하셨는지 말씀해 주세요.",
                        "제가 준비한 이야기는 이게 전부입니다. 그거 말고는 다 말씀드렸어요.", KO)
    assert not re.search(r"(전부|그거|이거|다) (관련해서|말씀|부분|이야기)", text), text


def test_a_no_to_what_would_you_do_asks_again_what_they_would_do() -> None:
    for question, answer in (("창고 전산 재고와 실물 수량이 맞지 않는다면 어떻게 하시겠어요?", "아니요, 없어요."),
                             ("납품 직전에 포장 불량이 보인다면 어떻게 대처하시겠어요?", "없습니다."),
                             ("협력사가 시정 조치를 계속 미룬다면 어떻게 하실 건가요?", "아니요, 그런 적은 없습니다.")):
        move, text, _ = _after(question, answer, KO)
        assert move is Move.REASK_SIMPLER, (question, move)
        assert "예 하나" not in text and "만약 그런 일을 맡게 된다면" not in text, text
        assert "무엇을 하실지" in text
    move, text, _ = _after("Suppose a client rang to cancel an hour before the quarter close; what would you do?",
                           "No, never had that happen.", EN)
    assert move is Move.REASK_SIMPLER and "If you were given that task" not in text
    assert "what's the first thing you'd do?" in text and "example" not in text


def test_a_no_to_a_question_about_experience_still_pivots() -> None:
    move, _, kind = _after("자동 검사 장비를 직접 운영해 보신 적이 있나요?", "아니요, 없습니다.", KO)
    assert move is Move.PIVOT and kind is AnswerKind.NO_EXPERIENCE
    move, _, _ = _after("Have you ever run a month-end close on your own?", "No, I haven't.", EN)
    assert move is Move.PIVOT


def test_the_question_is_read_for_what_it_asked() -> None:
    assert asks_about_experience("고객 불만을 직접 처리했던 일을 말씀해 주세요.", "ko")
    assert asks_about_experience("사내 시스템을 바꿔 본 경험이 있다면 말씀해 주세요.", "ko")
    assert not asks_about_experience("동료가 자료를 늦게 준다면 어떻게 하시겠어요?", "ko")
    assert not asks_about_experience("입사하신다면 어떤 일부터 맡고 싶으신가요?", "ko")
    assert asks_about_experience("How did you handle the audit findings?", "en")
    assert not asks_about_experience("If a payment run failed overnight, what would you do first?", "en")
    assert asks_what_you_would("입사하신다면 어떤 일부터 맡고 싶으신가요?", "ko")
    assert not asks_what_you_would("불량을 줄인 사례가 있다면 말씀해 주세요.", "ko")
    reading = read_answer("아니요, 없습니다.", intent_of("규정과 다른 지시가 있다면 어떻게 대처하시겠어요?", "ko"), "ko")
    assert reading.kind is not AnswerKind.NO_EXPERIENCE


def test_what_the_answer_is_about_wins_over_its_frame() -> None:
    question = intent_of("배포 관련해서 본인이 직접 맡은 역할은 무엇이었나요?", "ko")
    reading = read_answer("Terraform은 사이드 프로젝트로 익히고 있고, 회사 스터디에서 스테이징 환경을 직접 만들어 봤습니다.",
                          question, "ko")
    assert anchor(reading) == "Terraform"
    resume = "박서준 | 인프라 엔지니어\n2022-2025 ㈜물류온: 주문 처리 시스템 운영 (Linux, Ansible), 장애 복구 시간 30% 단축"
    tailored = InterviewContext(company_name="네이버", job_name="개발엔지니어링", total_questions=5, resume_text=resume,
                                job_posting_text="네이버 개발엔지니어링 채용: Terraform 기반 인프라 운영, Go, 모니터링")
    answers = ["시작하겠습니다.", "안녕하세요, 물류 회사에서 3년간 인프라를 운영한 박서준입니다.",
               "주문 처리 시스템에서 제가 배포 자동화를 맡았고, 장애 복구 시간을 30% 줄였습니다.",
               "새벽 배포 때마다 서비스가 멈춰서, 제가 Ansible 플레이북으로 무중단 배포를 만들었고 장애가 절반으로 줄었습니다.",
               "당시 배포가 수동이라 매번 두 시간씩 걸리던 상황이었습니다.",
               "Terraform은 사이드 프로젝트로 익히고 있고, 회사 스터디에서 스테이징 환경을 직접 만들어 봤습니다."]
    history: tuple[Message, ...] = ()
    for answer in answers:
        text = decide(ChatTurn(answer, history, tailored)).text
        history += (Message("user", answer), Message("assistant", text))
    assert "Terraform" in text and "사이드 프로젝트" not in text and "프로젝트 이야기가 나와서" not in text, text


def test_an_acronym_for_a_unit_one_joins_is_no_technology() -> None:
    for text, unit in (("신규 간호사 교육을 바꾸는 TF에 들어가서 이직률을 20%에서 12%로 낮췄습니다.", "TF"),
                       ("CS팀과 같이 반품 절차를 정리했습니다.", "CS"), ("PM 조직에서 일정 관리를 맡았습니다.", "PM")):
        assert unit not in technologies(text, sentences(text, "ko"), "ko"), text
    text = "QC팀과 협업해서 Jenkins로 검사 리포트를 자동화했고, ERP 시스템도 연동했습니다."
    found = technologies(text, sentences(text, "ko"), "ko")
    assert "Jenkins" in found and "ERP" in found and "QC" not in found


def test_a_tool_name_inside_a_longer_korean_noun_is_no_technology() -> None:
    text = "소방 점검 때 스프링클러 헤드 위치를 도면과 하나씩 맞춰 봤습니다."
    assert "스프링" not in technologies(text, sentences(text, "ko"), "ko")
    text = "스프링으로 주문 API를 만들고 리눅스 서버에 올렸습니다."
    found = technologies(text, sentences(text, "ko"), "ko")
    assert "스프링" in found and "리눅스" in found


def test_an_english_answer_to_the_candidates_question_has_no_capital_after_a_colon() -> None:
    _, text, _ = _after("Walk me through how you reconcile an intercompany balance.",
                        "Quick one before I answer: how big is the team I'd be joining?", EN)
    assert "role at" in text and not re.search(r":\s+[A-Z]", text), text


def test_the_what_would_you_do_reask_keeps_its_scene_through_a_repeat() -> None:
    question = "포장 라인에서 라벨이 계속 잘못 붙는다면 어떻게 하시겠어요?"
    move, text, _ = _after(question, "아니요, 없습니다.", KO)
    assert move is Move.REASK_SIMPLER and "라벨이 계속 잘못 붙는다면" in text
    history = (Message("user", "시작"), Message("assistant", "먼저 간단하게 자기소개를 부탁드립니다."),
               Message("user", KO_INTRO), Message("assistant", question), Message("user", "아니요, 없습니다."),
               Message("assistant", text))
    again = decide(ChatTurn("죄송해요, 질문을 놓쳤는데 다시 들려주실 수 있나요?", history, KO)).text
    assert "라벨이 계속 잘못 붙는다면" in again
    _, text, _ = _after("If an auditor asked for a report you had not finished, what would you do?", "No.", EN)
    assert "if an auditor asked for a report you had not finished, what's the first thing you'd do?" in text


def test_a_plan_answering_a_conditional_pivot_closes_the_topic() -> None:
    # "입사하신다면 …" is a "what would you do" however its verb is conjugated: the plan that answers it after a
    # "no experience" is not dug into with a question about what was done
    history = (Message("user", "시작"), Message("assistant", "먼저 간단하게 자기소개를 부탁드립니다."),
               Message("user", KO_INTRO), Message("assistant", "협력사 품질 감사를 직접 진행해 본 경험이 있으신가요?"),
               Message("user", "아니요, 없습니다."),
               Message("assistant", "괜찮습니다. 입사하신다면 첫 협력사 감사를 무엇부터 준비해 보고 싶으세요?"))
    answer = "먼저 최근 불량 이력을 정리하고, 감사 체크리스트를 협력사와 미리 공유하겠습니다."
    assert decide(ChatTurn(answer, history, KO)).move is Move.NEXT_QUESTION
