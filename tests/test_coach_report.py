"""The interview report: embedded rules (good vs evasive answers), metrics, the route, and remote LLM judges
speaking OpenAI's and Ollama's structured-output wire formats, with the rules as fallback."""
from __future__ import annotations

import json

import pytest

from coach.llm_judge import OllamaJudge, OpenAIJudge
from coach.metrics import AnswerInput, TimedWord, answer_metrics
from coach.report import build_report
from coach.schema import Report
from tests.coach_interviews import CONTEXT, EVASIVE_ANSWER, good_answer, interview
from tests.fakes.base import refused_url
from tests.fakes.chat import Mode
from tests.fakes.coach_servers import FakeStructuredChatServer

QUESTIONS = 5


def answered_only(history):
    """The history up to the last answer: the interviewer's next line (a follow-up or question) left out."""
    return history[:-1] if history and history[-1].role == "assistant" else history


@pytest.fixture(scope="module")
def good_history():
    return answered_only(interview(good_answer, QUESTIONS))


@pytest.fixture(scope="module")
def evasive_history():
    return answered_only(interview(lambda question: EVASIVE_ANSWER, QUESTIONS))


def as_json(history) -> list[dict[str, str]]:
    return [{"role": m.role, "content": m.content} for m in history]


def test_good_answers_score_higher_than_evasive_ones_on_every_question(good_history, evasive_history):
    good, evasive = build_report(good_history, CONTEXT), build_report(evasive_history, CONTEXT)
    assert len(good.questions) == QUESTIONS and len(evasive.questions) >= QUESTIONS
    for mine, theirs in zip(good.questions, evasive.questions[:QUESTIONS]):
        assert mine.score > theirs.score, (mine.index, mine.score, theirs.score)
    assert all(q.answered for q in good.questions) and not any(q.answered for q in evasive.questions)
    assert all(q.score <= 10 for q in evasive.questions)
    assert good.overall_score >= 70 > 10 >= evasive.overall_score
    assert (good.source, good.engine, good.language) == ("embedded", "rules", "ko")


def test_every_strength_and_improvement_quotes_the_answer(good_history, evasive_history):
    for history in (good_history, evasive_history):
        for q in build_report(history, CONTEXT).questions:
            assert q.improvements or q.score >= 85, q.index  # an excellent answer may leave nothing to fix
            for item in (*q.strengths, *q.improvements):
                assert item.quote in q.answer and item.point
            assert q.strengths or not q.answered


def test_report_follows_its_schema_and_explains_the_rubric(good_history):
    report = build_report(good_history, CONTEXT)
    again = Report.model_validate_json(report.model_dump_json())
    assert again == report
    assert sum(item.weight for item in report.rubric) == pytest.approx(1.0)
    assert report.rubric_explained and report.summary
    assert {q.intent for q in report.questions} <= {"behavioural", "situational", "technical", "common", "open"}
    story = [q for q in report.questions if q.intent in ("behavioural", "situational")]
    assert all(q.star.action for q in story)


def test_an_unanswered_last_question_is_reported_as_unanswered():
    history = interview(good_answer, 2)  # the interviewer's third question got no answer
    last = build_report(history, CONTEXT).questions[-1]
    assert (last.answered, last.score, last.answer, last.metrics) == (False, 0, "", None)


def test_voice_metrics_count_pace_pauses_and_fillers():
    text = "음 저는, 그, 백엔드 개발자입니다 어 그 프로젝트에서 일했습니다"
    words = [TimedWord(word=w, start=i * 0.5, end=i * 0.5 + 0.4) for i, w in enumerate(text.split())]
    words[-1] = TimedWord(word=words[-1].word, start=8.0, end=8.6)  # a 4-second silence before the last word
    metrics = answer_metrics(text, AnswerInput(mode="voice", words=words, time_to_answer_s=1.2))
    assert metrics.fillers == {"음": 1, "그": 1, "어": 1}  # "그 프로젝트" is a word, "그," a filler
    assert (metrics.long_pauses, metrics.longest_pause_s, metrics.speaking_time_s) == (1, 4.1, 8.6)
    assert metrics.rate_unit == "syllables" and metrics.rate_per_min == round(metrics.syllables / 8.6 * 60, 1)
    assert metrics.pace == "slow" and metrics.time_to_answer_s == 1.2


def test_typed_and_english_metrics():
    typed = answer_metrics("I um built it, like, fast", AnswerInput(time_to_answer_s=30))
    assert (typed.mode, typed.words, typed.speaking_time_s, typed.time_to_answer_s) == ("typed", 6, None, 30)
    assert typed.fillers == {"um": 1, "like": 1} and typed.rate_unit == "words"


def test_route_returns_the_report_with_page_metrics(client, good_history):
    user_messages = sum(m.role == "user" for m in good_history)
    answers = [None] + [{"mode": "voice", "words": [{"word": "저는", "start": 0.0, "end": 0.5},
                                                      {"word": "개발자입니다", "start": 0.6, "end": 1.5}]}] * (user_messages - 1)
    response = client.post("/api/interview/report", json={
        "history": as_json(good_history), "org_type": "일반기업", "company_name": "삼성전자", "job_name": "개발엔지니어링",
        "answers": answers})
    assert response.status_code == 200, response.get_json()
    report = response.get_json()["report"]
    assert len(report["questions"]) == QUESTIONS and 0 <= report["overall_score"] <= 100
    assert report["questions"][0]["metrics"]["mode"] == "voice"
    assert report["questions"][0]["metrics"]["speaking_time_s"] == 1.5
    assert report["interview"]["company_name"] == "삼성전자"
    schema = client.get("/api/interview/report/schema").get_json()
    assert "overall_score" in schema["properties"] and "questions" in schema["required"]


@pytest.mark.parametrize(("body", "message"), [
    ({}, "'history' is required"),
    ({"history": "nope"}, "'history'"),
    ({"history": [{"role": "robot", "content": "x"}]}, "'history[0].role'"),
    ({"history": [], "answers": [{"mode": "shouted"}]}, "'answers[0].mode'"),
    ({"history": [], "answers": [{"words": [{"word": "x", "start": -1, "end": 0}]}]}, "'answers[0].words[0].start'"),
    ({"history": [], "job_name": 5}, "'job_name'"),
])
def test_route_refuses_bad_bodies_with_a_400_naming_the_field(client, body, message):
    response = client.post("/api/interview/report", json=body)
    assert response.status_code == 400 and message in response.get_json()["error"]


def test_a_stored_interview_is_judged_by_its_session_id(client):
    session_id = client.post("/api/sessions", json={"company_name": "삼성전자", "job_name": "개발엔지니어링"}).get_json()[
        "session_id"]
    for message in ("안녕하세요. 면접을 시작하겠습니다.", "저는 백엔드 개발자로 결제 시스템을 만들며 장애 대응 시간을 절반으로 줄였습니다."):
        assert client.post("/api/chat", json={"session_id": session_id, "message": message}).status_code == 200
    report = client.post("/api/interview/report", json={"session_id": session_id}).get_json()["report"]
    assert report["interview"]["company_name"] == "삼성전자" and report["questions"]
    missing = client.post("/api/interview/report", json={"session_id": "00000000-0000-4000-8000-000000000000"})
    assert missing.status_code == 404 and missing.get_json()["error"] == "Session not found"


def test_route_on_malformed_json_is_a_400(client):
    response = client.post("/api/interview/report", data="{", content_type="application/json")
    assert response.status_code == 400


def llm_answer(history, **changes) -> dict:
    """A valid assessment an LLM could write for `history`: it quotes each answer's first words."""
    report = build_report(history, CONTEXT)
    questions = []
    for q in report.questions:
        quote = q.answer[:10]
        questions.append({"index": q.index, "answered": True, "score": 77, "scores": q.scores.model_dump(),
                          "star": q.star.model_dump(), "strengths": [{"point": "명확합니다.", "quote": quote}],
                          "improvements": [{"point": "결과를 더 말해 보세요.", "quote": quote}]})
    return {"summary": "전반적으로 좋은 면접이었습니다.", "questions": questions, **changes}


JUDGES = {
    "openai": (lambda url: OpenAIJudge(url + "/v1", "fake-model", None, 5), "/v1/chat/completions"),
    "ollama": (lambda url: OllamaJudge(url, "fake-model", 5), "/api/chat"),
}


@pytest.mark.parametrize("kind", list(JUDGES))
def test_llm_judge_uses_structured_output_and_its_answer(kind, good_history):
    make, path = JUDGES[kind]
    with FakeStructuredChatServer(json.dumps(llm_answer(good_history), ensure_ascii=False)) as fake:
        report = build_report(good_history, CONTEXT, writer=make(fake.url))
        sent = fake.bodies(path)[-1]
    assert report.source == "llm" and report.engine.endswith("(fake-model)") and report.fallback_reason is None
    assert [q.score for q in report.questions] == [77] * QUESTIONS and report.overall_score == 77
    # the true counts (main questions: the follow-up among the five is not one), then the LLM's summary
    assert report.asked < QUESTIONS and report.summary.startswith(f"{report.asked}개 질문 중 {report.asked}개에 답했고")
    assert report.summary.endswith("전반적으로 좋은 면접이었습니다.")
    schema = sent["response_format"]["json_schema"]["schema"] if kind == "openai" else sent["format"]
    assert set(schema["required"]) >= {"summary", "questions"}
    assert sent["stream"] is False
    interview_sent = json.loads(sent["messages"][1]["content"])
    assert [q["index"] for q in interview_sent["questions"]] == list(range(1, QUESTIONS + 1))


@pytest.mark.parametrize(("content", "reason"), [
    ("{not json", "does not match the report schema"),
    (json.dumps({"summary": "ok", "questions": [{"index": 1, "score": 500}]}), "does not match the report schema"),
    ("", "no content"),
])
@pytest.mark.parametrize("kind", list(JUDGES))
def test_an_invalid_llm_answer_falls_back_to_the_embedded_report(kind, content, reason, good_history):
    with FakeStructuredChatServer(content) as fake:
        report = build_report(good_history, CONTEXT, writer=JUDGES[kind][0](fake.url))
    assert report.source == "embedded" and reason in report.fallback_reason
    assert report == build_report(good_history, CONTEXT).model_copy(update={"fallback_reason": report.fallback_reason})


def test_an_llm_answer_that_skips_a_question_or_invents_a_quote_falls_back(good_history):
    skipped = llm_answer(good_history)
    skipped["questions"] = skipped["questions"][1:]
    invented = llm_answer(good_history)
    invented["questions"][0]["strengths"][0]["quote"] = "제가 회사를 구했습니다"
    for answer, reason in ((skipped, "covers questions"), (invented, "not in the answer")):
        with FakeStructuredChatServer(json.dumps(answer, ensure_ascii=False)) as fake:
            report = build_report(good_history, CONTEXT, writer=OpenAIJudge(fake.url + "/v1", "fake-model", None, 5))
        assert report.source == "embedded" and reason in report.fallback_reason


def test_llm_judge_down_or_failing_falls_back_through_the_route(make_app, good_history):
    with FakeStructuredChatServer("{}", mode=Mode.HTTP_500) as fake:
        client = make_app(REPORT_ENGINE="openai", LLM_API_URL=fake.url, LLM_MODEL="fake-model").test_client()
        report = client.post("/api/interview/report", json={"history": as_json(good_history),
                                                           "job_name": "개발엔지니어링"}).get_json()["report"]
    assert report["source"] == "embedded" and "failed" in report["fallback_reason"]
    client = make_app(REPORT_ENGINE="ollama", OLLAMA_BASE_URL=refused_url(), LLM_MODEL="m").test_client()
    report = client.post("/api/interview/report", json={"history": as_json(good_history)}).get_json()["report"]
    assert report["source"] == "embedded" and report["fallback_reason"]
