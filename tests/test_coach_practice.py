"""Practice routes: retrying one question (scored beside the first answer, stored with the interview and shown in
its report) and progress across the caller's stored interviews (scoped like the session list)."""
from __future__ import annotations

import re

from tests.test_coach_feedback import CONFLICT_Q, EVASIVE, GOOD_NO_NUMBERS

CONTEXT = {"company_name": "삼성전자", "job_name": "백엔드 개발자"}


def stored_interview(client, answers: list[str]) -> str:
    """A stored interview whose questions got `answers` (the embedded interviewer asks)."""
    session_id = client.post("/api/sessions", json=CONTEXT).get_json()["session_id"]
    for message in ["안녕하세요. 면접 보러 왔습니다.", *answers]:
        response = client.post("/api/chat", json={"session_id": session_id, "message": message})
        assert response.status_code == 200, response.get_json()
    return session_id


def test_a_retry_is_scored_beside_the_first_answer_stored_and_shown_in_the_report(client):
    session_id = stored_interview(client, [EVASIVE])
    response = client.post("/api/interview/retry", json={"session_id": session_id, "question_index": 1,
                                                         "answer": GOOD_NO_NUMBERS})
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["stored"] is True and body["retry"]["previous_score"] <= 10 < body["retry"]["score"]
    assert body["outline"] and body["question"]
    report = client.post("/api/interview/report", json={"session_id": session_id}).get_json()["report"]
    retries = report["questions"][0]["retries"]
    assert [r["score"] for r in retries] == [body["retry"]["score"]] and retries[0]["answer"] == GOOD_NO_NUMBERS


def test_a_retry_of_a_history_is_judged_but_not_stored_and_a_missing_question_is_a_400(client):
    history = [{"role": "assistant", "content": CONFLICT_Q}, {"role": "user", "content": EVASIVE}]
    ok = client.post("/api/interview/retry", json={"history": history, "question_index": 1, "answer": GOOD_NO_NUMBERS})
    assert ok.status_code == 200 and ok.get_json()["stored"] is False
    missing = client.post("/api/interview/retry", json={"history": history, "question_index": 3, "answer": "x"})
    assert missing.status_code == 400 and "question_index" in missing.get_json()["error"]
    empty = client.post("/api/interview/retry", json={"history": history, "question_index": 1, "answer": ""})
    assert empty.status_code == 400 and "answer" in empty.get_json()["error"]


def test_progress_lists_the_callers_interviews_oldest_first_and_no_one_elses(make_app):
    app = make_app()
    mine, other = app.test_client(), app.test_client()
    for browser in (mine, other):  # a browser's first request hands it its cookie: its own identity
        assert browser.get("/api/interviews/progress").get_json()["count"] == 0
    first = stored_interview(mine, [EVASIVE])
    second = stored_interview(mine, [GOOD_NO_NUMBERS])
    stored_interview(other, [GOOD_NO_NUMBERS])
    body = mine.get("/api/interviews/progress").get_json()
    assert [e["session_id"] for e in body["interviews"]] == [first, second] and body["count"] == 2
    before, after = body["interviews"]
    assert before["overall_score"] < after["overall_score"]
    assert set(after["category_scores"]) == {"content", "structure", "specificity", "delivery"}
    # the good answer: the next main question came and the interview ended before it (asked, not answered); the
    # evasive one: the interviewer re-asked the same question (one main question, not answered)
    assert (after["asked"], after["answered"]) == (2, 1) and (before["asked"], before["answered"]) == (1, 0)
    assert other.get("/api/interviews/progress").get_json()["count"] == 1


def test_the_study_mode_hint_outlines_a_strong_answer_in_the_questions_language(client):
    ko = client.post("/api/interview/hint", json={"question": CONFLICT_Q, "language": "ko", "job_name": "간호사"})
    assert ko.status_code == 200 and ko.get_json()["intent"] == "conflict"
    assert any("간호사로서" in step for step in ko.get_json()["outline"])
    en = client.post("/api/interview/hint", json={"question": "Where do you see yourself in five years?",
                                                  "language": "en"}).get_json()
    assert en["intent"] == "future" and not any(re.search("[\uac00-\ud7a3]", step) for step in en["outline"])
    assert client.post("/api/interview/hint", json={"question": ""}).status_code == 400
