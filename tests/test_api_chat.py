"""The seed's chat endpoints: stateless and legacy history, the SSE stream, clear_history, llm_status."""
from __future__ import annotations

import re
import time

import requests

from tests.conftest import sse_events
from tests.page_screenshots import serve

INTERVIEW = {"org_type": "일반기업", "company_name": "삼성전자", "job_name": "개발엔지니어링"}


def test_stateless_chat_returns_response_source_and_every_llm_param(client):
    history = [{"role": "user", "content": "면접을 시작합니다."},
               {"role": "assistant", "content": "안녕하세요. 자기소개를 해주시겠어요?"}]
    response = client.post("/api/chat", json={"message": "저는 백엔드 개발자입니다.", "history": history, **INTERVIEW})
    body = response.get_json()
    assert response.status_code == 200, body
    assert body["response"] and body["llm_source"]
    params = body["llm_params"]
    assert set(params) == {"model", "max_tokens", "temperature", "system_prompt", "history_count", "org_type",
                           "job_name", "company_name", "question_set_rag_enabled"}
    assert params["history_count"] == 2 and params["question_set_rag_enabled"] is True
    assert params["company_name"] == "삼성전자" and params["job_name"] == "개발엔지니어링"
    assert "삼성전자" in params["system_prompt"] and "저는 백엔드 개발자입니다." not in params["system_prompt"]


def test_defaults_without_company_or_job(client):
    params = client.post("/api/chat", json={"message": "안녕하세요", "history": []}).get_json()["llm_params"]
    assert params["org_type"] == "일반기업" and params["job_name"] is None and params["company_name"] is None
    assert params["question_set_rag_enabled"] is False


def test_legacy_history_is_kept_per_cookie_and_cleared(app):
    alice, bob = app.test_client(), app.test_client()
    alice.post("/api/chat", json={"message": "면접을 시작합니다.", **INTERVIEW})
    second = alice.post("/api/chat", json={"message": "네, 반갑습니다.", **INTERVIEW}).get_json()
    assert second["llm_params"]["history_count"] == 2
    assert bob.post("/api/chat", json={"message": "안녕하세요"}).get_json()["llm_params"]["history_count"] == 0
    assert alice.post("/api/clear_history").get_json() == {"status": "cleared"}
    assert alice.post("/api/chat", json={"message": "다시"}).get_json()["llm_params"]["history_count"] == 0


def test_a_stored_session_is_shared_by_its_id_and_an_unknown_id_is_404(app):
    one, other = app.test_client(), app.test_client()
    session_id = one.post("/api/sessions").get_json()["session_id"]
    one.post("/api/chat", json={"message": "시작", "session_id": session_id})
    assert other.post("/api/chat", json={"message": "계속", "session_id": session_id}).get_json()[
        "llm_params"]["history_count"] == 2
    unknown = other.post("/api/chat", json={"message": "계속", "session_id": "s1"})
    assert unknown.status_code == 404 and unknown.get_json()["error"] == "Session not found"


def test_history_over_fifty_turns_is_trimmed_to_the_newest(client):
    history = []
    for i in range(60):
        history += [{"role": "user", "content": f"답변 {i}"}, {"role": "assistant", "content": f"질문 {i}"}]
    params = client.post("/api/chat", json={"message": "다음", "history": history}).get_json()["llm_params"]
    assert params["history_count"] == 100


def test_chat_stream_tokens_then_done(client):
    response = client.post("/api/chat/stream", json={"message": "면접을 시작합니다.", "history": [], **INTERVIEW})
    events = sse_events(response)
    assert response.mimetype == "text/event-stream"
    assert [e["type"] for e in events[:-1]] == ["token"] * (len(events) - 1) and len(events) > 3
    done = events[-1]
    assert done["type"] == "done" and "".join(e["content"] for e in events[:-1]).strip() == done["response"]
    assert done["llm_params"]["question_set_rag_enabled"] is True and done["llm_source"]


def test_a_client_reusing_its_connection_after_a_stream_is_answered_at_once(app):
    """A stream's answer never tells the client to keep the connection that the dev server closes: the next
    request of a keep-alive client (requests, as schemathesis sends them) used to hang until its read timeout."""
    with serve(app) as base_url, requests.Session() as http:
        stream = http.post(f"{base_url}/api/chat/stream", json={"message": "안녕하세요"}, timeout=5)
        assert stream.status_code == 200 and stream.raw.headers.getlist("Connection") == ["close"]
        started = time.monotonic()
        after = http.get(f"{base_url}/api/llm_status", timeout=5)
        assert after.status_code == 200 and time.monotonic() - started < 2


def test_llm_status(client):
    body = client.get("/api/llm_status").get_json()
    assert body["status"] == "online" and body["model"] and "fallback" in body


def test_ten_turn_korean_interview_never_repeats_a_question_and_closes(client):
    history: list[dict] = []
    answers = ["면접을 시작합니다.", "저는 5년차 백엔드 개발자 김지원입니다.", "반도체 공정 데이터를 다루는 일을 하고 싶어서 지원했습니다.",
               "데이터베이스 쿼리 성능을 개선해 응답 시간을 절반으로 줄였습니다.", "팀원과 코드 리뷰 방식이 달라 갈등이 있었지만 규칙을 함께 정했습니다.",
               "장애가 났을 때 로그를 먼저 확인하고 영향 범위를 파악합니다.", "테스트 자동화를 늘려 배포 실패를 줄였습니다.",
               "새 기술은 작은 프로젝트로 먼저 검증합니다.", "5년 뒤에는 플랫폼 팀을 이끌고 싶습니다.",
               "리더로서 팀원 세 명과 모니터링 대시보드를 만들어 장애 대응 시간을 30% 줄였습니다.",
               "사용자 데이터를 근거로 보여 주며 설득했고 결국 합의했습니다.", "매일 30분씩 기술 문서를 읽습니다.",
               "고객 관점에서 오류 메시지를 바꿔 문의를 20% 줄였습니다.", "없습니다. 감사합니다.", "감사합니다."]
    replies = []
    for answer in answers:
        body = client.post("/api/chat", json={"message": answer, "history": history, **INTERVIEW,
                                              "total_questions": 6}).get_json()
        assert body["llm_params"]["history_count"] == len(history)
        replies.append(body["response"])
        history += [{"role": "user", "content": answer}, {"role": "assistant", "content": body["response"]}]
    # follow-ups on the candidate's own words come between main questions (issue 22), so the reverse question
    # comes when the six main questions are asked, and no question is ever asked twice
    reverse = next(i for i, reply in enumerate(replies) if "궁금한 점" in reply)
    asked = [re.split(r"(?<=[.?!])\s+", reply)[-1] for reply in replies[:reverse]]  # each reply ends with its question
    assert len(set(asked)) == len(asked), asked
    assert "삼성전자" in replies[0] and "감사" in replies[reverse + 1]
    assert all(question not in later for question in asked for later in replies[reverse + 1:])
