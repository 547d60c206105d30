"""The server with a remote interviewer: OpenAI-compatible and Ollama engines, the fallback chain to scripted."""
from __future__ import annotations

import time

from tests.conftest import sse_events
from tests.fakes.base import refused_url
from tests.fakes.chat import Mode
from tests.fakes.ollama_server import FakeOllamaServer
from tests.fakes.openai_server import FakeOpenAIServer, Style

INTERVIEW = {"org_type": "일반기업", "company_name": "현대자동차", "job_name": "품질관리QA"}


def test_openai_compatible_primary_answers_with_its_source_and_sends_the_prompt(make_app):
    with FakeOpenAIServer(style=Style.VLLM, models=("qwen3",), reply=("반갑", "습니다", ".")) as fake:
        app = make_app(LLM_REPLY_GUARD=False, LLM_ENGINE="openai", LLM_API_URL=fake.base_url + "/chat/completions", LLM_MODEL="qwen3")
        history = [{"role": "user", "content": "면접을 시작합니다."}, {"role": "assistant", "content": "자기소개 부탁드립니다."}]
        body = app.test_client().post("/api/chat", json={"message": "저는 품질 엔지니어입니다.", "history": history,
                                                         **INTERVIEW}).get_json()
        assert body["response"] == "반갑습니다." and body["llm_source"] == "LLM API (qwen3)"
        sent = fake.chat_bodies[-1]
        assert sent["model"] == "qwen3" and sent["max_tokens"] == 200 and sent["stream"] is True
        roles = [m["role"] for m in sent["messages"]]
        assert roles == ["system", "user", "assistant", "user"]
        assert "현대자동차" in sent["messages"][0]["content"] and "품질관리QA" in sent["messages"][0]["content"]
        assert sent["messages"][-1]["content"] == "저는 품질 엔지니어입니다."
        assert "저는 품질 엔지니어입니다." not in sent["messages"][0]["content"]
        assert app.test_client().get("/api/llm_status").get_json() == {"status": "online", "model": "qwen3",
                                                                       "fallback": "Scripted interviewer (scripted-interviewer)"}
        models = app.test_client().get("/api/chat/models").get_json()
        assert models == {"success": True, "data": {"models": [{"id": "qwen3", "name": "qwen3"}], "current": "qwen3"}}


def test_primary_down_falls_back_to_the_configured_fallback_then_to_scripted(make_app):
    with FakeOpenAIServer(style=Style.OPENAI, models=("gpt-4o-mini",), reply=("대체", " 응답", ".")) as fallback:
        app = make_app(LLM_REPLY_GUARD=False, LLM_ENGINE="openai", LLM_API_URL=refused_url(), LLM_MODEL="qwen3",
                       LLM_FALLBACK_API_URL=fallback.base_url, LLM_TIMEOUT_S=2)
        body = app.test_client().post("/api/chat", json={"message": "안녕하세요", "history": []}).get_json()
        assert body["response"] == "대체 응답." and body["llm_source"] == "OpenAI (gpt-4o-mini)"
        assert app.test_client().get("/api/llm_status").get_json()["status"] == "offline"
        fallback.mode = Mode.HTTP_500
        body = app.test_client().post("/api/chat", json={"message": "안녕하세요", "history": [], **INTERVIEW}).get_json()
        assert body["llm_source"].startswith("Scripted") and "현대자동차" in body["response"]


def test_hanging_primary_is_abandoned_within_its_timeout(make_app):
    with FakeOpenAIServer(mode=Mode.HANG, hang_s=10) as hung:
        app = make_app(LLM_REPLY_GUARD=False, LLM_ENGINE="openai", LLM_API_URL=hung.base_url, LLM_MODEL="fake-model", LLM_TIMEOUT_S=0.5)
        started = time.monotonic()
        events = sse_events(app.test_client().post("/api/chat/stream", json={"message": "안녕하세요", "history": []}))
        assert events[-1]["type"] == "done" and events[-1]["llm_source"].startswith("Scripted")
        assert time.monotonic() - started < 8  # bounded by the timeout, not by the hang


def test_error_after_tokens_is_an_sse_error_not_a_silent_switch(make_app):
    with FakeOpenAIServer(mode=Mode.ERROR, error_after=2) as fake:
        app = make_app(LLM_REPLY_GUARD=False, LLM_ENGINE="openai", LLM_API_URL=fake.base_url, LLM_MODEL="fake-model")
        events = sse_events(app.test_client().post("/api/chat/stream", json={"message": "안녕하세요", "history": []}))
        assert [e["type"] for e in events][-1] == "error" and "LLM error" in events[-1]["message"]
        assert sum(e["type"] == "token" for e in events) == 2


def test_ollama_native_engine_streams_through_chat_and_lipsync(make_app):
    with FakeOllamaServer(models=("llama3.2:latest",), reply=("좋습니다", ". ", "다음 질문입니다", ".")) as fake:
        app = make_app(LLM_REPLY_GUARD=False, LLM_ENGINE="ollama", OLLAMA_BASE_URL=fake.url, LLM_MODEL="llama3.2:latest")
        events = sse_events(app.test_client().post("/api/v2/chat_and_lipsync/stream", json={
            "message": "답변입니다.", "history": [], "resolution": "360p", **INTERVIEW}))
        assert events[-1]["type"] == "done", events[-1]
        assert events[-1]["response"] == "좋습니다. 다음 질문입니다." and events[-1]["llm_source"] == "Ollama (llama3.2:latest)"
        sent = fake.chat_bodies[-1]
        assert sent["think"] is False and sent["options"]["num_predict"] == 200


def test_long_history_reaches_the_engine_as_a_summary_plus_recent_turns(make_app):
    with FakeOpenAIServer(models=("qwen3",), reply=("요약", "입니다", ".")) as fake:
        app = make_app(LLM_REPLY_GUARD=False, LLM_ENGINE="openai", LLM_API_URL=fake.base_url, LLM_MODEL="qwen3", LLM_CONTEXT_BUDGET_TOKENS=500)
        history = []
        for i in range(30):
            history += [{"role": "user", "content": f"{i}번째 답변입니다. " + "저는 품질 개선 프로젝트를 이끌었습니다. " * 3},
                        {"role": "assistant", "content": f"{i}번째 질문입니다. 그 경험을 더 말씀해 주세요?"}]
        body = app.test_client().post("/api/chat", json={"message": "네.", "history": history}).get_json()
        assert body["llm_params"]["history_count"] == 60
        summary_request, chat_request = fake.chat_bodies[-2], fake.chat_bodies[-1]
        assert "요약" in summary_request["messages"][0]["content"]
        sent = chat_request["messages"]
        assert sent[1]["content"].startswith("[이전 면접 내용 요약]") and len(sent) < 2 + 60
        assert sent[-1]["content"] == "네."


def test_ten_turns_against_a_local_openai_server_send_company_and_job_every_time(make_app):
    with FakeOpenAIServer(models=("qwen3",), reply=("네", ", 다음 질문", "입니다", "?")) as fake:
        client = make_app(LLM_REPLY_GUARD=False, LLM_ENGINE="openai", LLM_API_URL=fake.base_url, LLM_MODEL="qwen3").test_client()
        history: list[dict] = []
        for turn in range(10):
            body = client.post("/api/chat", json={"message": f"{turn}번째 답변입니다.", "history": history,
                                                  **INTERVIEW}).get_json()
            assert body["llm_source"] == "LLM API (qwen3)"
            history += [{"role": "user", "content": f"{turn}번째 답변입니다."},
                        {"role": "assistant", "content": body["response"]}]
        systems = [b["messages"][0]["content"] for b in fake.chat_bodies]
        assert len(systems) == 10 and all("현대자동차" in s and "품질관리QA" in s for s in systems)
        assert [len(b["messages"]) for b in fake.chat_bodies] == [2 + 2 * t for t in range(10)]
