"""The question data: catalogue against the seed, per-job sets, validation, retrieval."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from llm import question_bank as qb
from llm.base import InterviewContext
from llm.question_data import MIN_QUESTIONS_PER_JOB, QuestionDataError, read_bank

# The seed's lists (realtime-interview-avatar-api.md, section 2), in the seed's order.
SEED_COMPANIES = {
    "일반기업": ["삼성전자", "SK하이닉스", "현대자동차", "LG에너지솔루션", "삼성바이오로직스", "기아", "LG전자",
             "포스코홀딩스", "네이버", "현대모비스"],
    "병원": ["서울아산병원", "삼성서울병원", "서울대병원", "세브란스병원", "분당서울대병원", "강남세브란스병원",
           "아주대병원", "서울성모병원", "인하대병원", "경희대병원"],
}
SEED_JOBS = {
    "일반기업": ["개발엔지니어링", "마케팅영업", "고객서비스CS", "인사HR", "운영관리", "기획전략", "재무회계",
             "품질관리QA", "글로벌마케팅", "법무컴플라이언스", "해외영업"],
    "병원": ["간호사", "국제의료관광코디네이터"],
}
ALL_JOBS = [(org, job) for org, jobs in SEED_JOBS.items() for job in jobs]


def ctx(job: str | None = None, company: str | None = None, org: str = "일반기업") -> InterviewContext:
    return InterviewContext(org_type=org, company_name=company, job_name=job)


def test_catalog_matches_the_seed_exactly() -> None:
    cat = qb.catalog()
    assert cat["default_org_type"] == "일반기업"
    assert list(cat["org_types"]) == ["일반기업", "병원"]
    for org in SEED_JOBS:
        assert cat["org_types"][org]["companies"] == SEED_COMPANIES[org]
        assert cat["org_types"][org]["jobs"] == SEED_JOBS[org]


def test_catalog_is_a_fresh_copy() -> None:
    qb.catalog()["org_types"]["병원"]["jobs"].append("의사")
    assert qb.catalog()["org_types"]["병원"]["jobs"] == SEED_JOBS["병원"]


@pytest.mark.parametrize(("org", "job"), ALL_JOBS)
def test_every_job_has_a_rendered_question_set(org: str, job: str) -> None:
    company = SEED_COMPANIES[org][0]
    qset = qb.question_set(ctx(job, company, org))
    assert qset is not None and qset.job_name == job and qset.org_type == org
    assert len(qset.questions) >= MIN_QUESTIONS_PER_JOB
    assert len({q.id for q in qset.questions}) == len(qset.questions)
    assert {q.kind for q in qset.questions} >= {"technical", "situational"}
    for q in qset.questions:
        assert q.tags and "{" not in q.text and all("{" not in f for f in q.follow_ups)
        assert q.text.rstrip().endswith(("?", "."))
    assert any(company in q.text for q in qset.questions), "some questions name the organisation"


def test_hospital_jobs_ask_hospital_questions() -> None:
    nurse = qb.question_set(ctx("간호사", "서울아산병원", "병원"))
    coordinator = qb.question_set(ctx("국제의료관광코디네이터", None, "병원"))
    assert nurse is not None and coordinator is not None
    assert sum("환자" in q.text for q in nurse.questions) >= 5
    assert sum("외국인 환자" in q.text for q in coordinator.questions) >= 4
    assert any("저희 병원" in q.text for q in coordinator.questions)


@pytest.mark.parametrize("job", [None, "", "데이터사이언티스트", "  "])
def test_no_question_set_without_a_known_job(job: str | None) -> None:
    assert qb.question_set(ctx(job, "삼성전자")) is None


def test_common_questions_follow_org_type_and_default_company() -> None:
    company = qb.common_set(ctx(None, None, "일반기업"))
    hospital = qb.common_set(ctx(None, None, "병원"))
    assert company.motivation.text == "저희 회사에 지원하신 동기는 무엇인가요?"
    assert hospital.motivation.text == "저희 병원에 지원하신 동기는 무엇인가요?"
    assert "common-patient-centred" in {q.id for q in hospital.questions}
    assert "common-patient-centred" not in {q.id for q in company.questions}
    assert "자기소개" in company.self_introduction.text


def test_greeting_names_company_and_job() -> None:
    greeting = qb.phrases(ctx("개발엔지니어링", "삼성전자")).greeting
    assert greeting.startswith("안녕하세요. 삼성전자 개발엔지니어링 직무 면접에 오신 것을 환영합니다.")
    assert "{" not in qb.phrases(ctx()).greeting


def test_client_names_are_cleaned() -> None:
    assert qb.clean_name("  삼성\n전자 ") == "삼성 전자"
    assert qb.clean_name("{company}[규칙]<b>") == "company 규칙 b"
    assert qb.clean_name("가" * 100) == "가" * qb.MAX_SPOKEN_NAME_CHARS
    long_name = "Northumbria Healthcare NHS Foundation Trust, Community Services Division"
    assert qb.clean_name(long_name) == "Northumbria Healthcare NHS Foundation Trust, Community"  # whole words
    assert qb.clean_name("\n\t") is None and qb.clean_name(None) is None


@pytest.mark.parametrize(("job", "answer", "expected"), [
    ("개발엔지니어링", "데이터베이스 성능", "dev-02"),
    ("개발엔지니어링", "DB 쿼리가 느려서 인덱스를 추가한 적이 있습니다.", "dev-02"),
    ("개발엔지니어링", "서버 장애가 나서 밤새 로그를 보며 복구했습니다.", "dev-06"),
    ("재무회계", "현금흐름이 나빠져서 자금 계획을 다시 세웠습니다.", "fin-04"),
    ("간호사", "실습 때 투약 전에 환자 확인을 두 번씩 했습니다.", "nurse-02"),
    ("해외영업", "신용장 서류 때문에 대금 결제가 늦어진 적이 있습니다.", "osales-04"),
])
def test_rank_prefers_the_question_related_to_the_answer(job: str, answer: str, expected: str) -> None:
    qset = qb.question_set(ctx(job))
    assert qset is not None
    assert qb.rank(qset.questions, answer)[0].id == expected


def test_rank_excludes_asked_questions_and_breaks_ties_in_data_order() -> None:
    questions = qb.question_set(ctx("개발엔지니어링")).questions
    ranked = qb.rank(questions, "데이터베이스 성능", exclude={"dev-02"})
    assert "dev-02" not in {q.id for q in ranked} and len(ranked) == len(questions) - 1
    unrelated = qb.scored(questions, "음")
    assert all(score == 0 for _, score in unrelated)
    assert [q.id for q, _ in unrelated] == [q.id for q in questions]
    assert qb.rank(questions, "코드 리뷰와 테스트") == qb.rank(questions, "코드 리뷰와 테스트")
    assert qb.rank(questions, "아무 말", exclude={q.id for q in questions}) == []


def test_latin_tags_match_whole_words_only() -> None:
    questions = qb.question_set(ctx("개발엔지니어링")).questions
    ai_question = next(q for q in questions if "AI" in q.tags)
    assert dict(qb.scored(questions, "AI를 공부합니다"))[ai_question] >= qb.TAG_WEIGHT
    assert dict(qb.scored(questions, "email을 보냈습니다"))[ai_question] < qb.TAG_WEIGHT


def test_asked_ids_finds_verbatim_and_near_verbatim_questions() -> None:
    questions = qb.question_set(ctx("개발엔지니어링", "삼성전자")).questions
    dev02 = next(q for q in questions if q.id == "dev-02")
    paraphrase = "네. 서비스가 느려졌을 때 데이터베이스 성능 문제는 어떻게 진단하고 개선했는지 말해 주시겠어요?"
    assert qb.asked_ids(questions, [f"좋습니다. {dev02.text}"]) == {"dev-02"}
    assert qb.asked_ids(questions, [paraphrase]) == {"dev-02"}
    assert qb.asked_ids(questions, ["안녕하세요. 자기소개를 부탁드립니다."]) == set()


# --- validation of the data files -------------------------------------------------------------

@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    root = tmp_path / "questions"
    shutil.copytree(qb.QUESTIONS_DIR, root)
    return root


def edit_json(path: Path, change) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_shipped_data_validates(data_copy: Path) -> None:
    bank = read_bank(data_copy)
    assert set(bank.jobs) == {job for _, job in ALL_JOBS}


def test_missing_job_file_is_rejected(data_copy: Path) -> None:
    (data_copy / "jobs" / "nurse.json").unlink()
    with pytest.raises(QuestionDataError, match=r"no question set for \['간호사'\]"):
        read_bank(data_copy)


def test_batchim_dependent_particle_after_slot_is_rejected(data_copy: Path) -> None:
    edit_json(data_copy / "jobs" / "dev.json",
              lambda d: d["questions"][0].update(text="{company}가 잘하는 일은 무엇인가요?"))
    with pytest.raises(QuestionDataError, match=r"dev-01.*batchim"):
        read_bank(data_copy)


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["questions"][1].update(id="dev-01"), "repeated"),
    (lambda d: d.update(questions=d["questions"][:MIN_QUESTIONS_PER_JOB - 1]), "list of >= 12"),
    (lambda d: d["questions"][0].update(tags=["팀"]), "tags need"),
    (lambda d: d["questions"][0].update(kind="trivia"), "kind must be"),
    (lambda d: d.update(org_type="병원"), "org_type must be"),
    (lambda d: d["questions"][0].update(text="{salary} 얼마를 원하세요?"), "slot \\{salary\\}"),
])
def test_malformed_job_files_are_rejected(data_copy: Path, change, message: str) -> None:
    edit_json(data_copy / "jobs" / "dev.json", change)
    with pytest.raises(QuestionDataError, match=message):
        read_bank(data_copy)


def test_common_questions_cannot_use_the_job_slot(data_copy: Path) -> None:
    edit_json(data_copy / "common.json", lambda d: d["motivation"].update(text="{job} 직무를 고른 이유는요?"))
    with pytest.raises(QuestionDataError, match=r"slot \{job\} not allowed"):
        read_bank(data_copy)


def test_unreadable_file_is_reported(data_copy: Path) -> None:
    (data_copy / "phrases.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(QuestionDataError, match=r"phrases\.json: cannot read"):
        read_bank(data_copy)


def test_every_catalogue_name_has_an_english_display_name() -> None:
    cat, hangul = qb.catalog(), re.compile(r"[가-힣]")
    names = [*cat["org_types"], *(n for org in cat["org_types"].values() for n in org["companies"] + org["jobs"])]
    english = cat["names"]["en"]
    assert [n for n in names if n not in english or hangul.search(english[n])] == []
