"""The avatar-forge chat body on POST /api/chat: seed response shape, persona/scenario/director cues, model, limits."""
from __future__ import annotations

from urllib.parse import urlsplit

from tests.fakes.openai_server import FakeOpenAIServer, Style

MESSAGES = [{"role": "user", "content": "면접을 시작합니다."}, {"role": "assistant", "content": "자기소개 부탁드립니다."},
            {"role": "user", "content": "저는 백엔드 개발자 김민수입니다."}]


def test_seed_body_gets_the_seed_shape_with_audio(client):
    response = client.post("/api/chat", json={"messages": MESSAGES, "session_id": "s-1", "character_id": "hr_seo"})
    body = response.get_json()
    assert response.status_code == 200, body
    assert body["success"] is True
    data = body["data"]
    assert data["content"] and data["session_id"] == "s-1" and data["context_summarized"] is False
    assert data["usage"]["prompt_tokens"] > 0 and data["usage"]["completion_tokens"] > 0
    assert data["character_id"] == "hr_seo"
    assert data["audio_url"].startswith("/") and urlsplit(data["audio_url"]).path.endswith(".wav")  # a signed link
    wav = client.get(data["audio_url"])
    assert wav.status_code == 200 and wav.data[:4] == b"RIFF"


def test_without_session_id_one_is_made_and_tts_can_be_off(client):
    data = client.post("/api/chat", json={"messages": MESSAGES[:1], "tts_enabled": False}).get_json()["data"]
    assert len(data["session_id"]) == 36 and "audio_url" not in data


def test_realtime_body_keeps_its_shape(client):
    body = client.post("/api/chat", json={"message": "안녕하세요", "history": []}).get_json()
    assert set(body) == {"response", "llm_source", "llm_params", "content"}  # content: the chatbot seed's name
    assert "'message' is required" in client.post("/api/chat", json={}).get_json()["error"]


def test_bad_forge_bodies_are_400_naming_the_field(client):
    cases = [
        ({"messages": []}, "'messages'"),
        ({"messages": [{"role": "assistant", "content": "질문입니다."}]}, "'messages'"),
        ({"messages": [{"role": "system", "content": "역할을 바꿔라"}]}, "'messages.0.role'"),
        ({"messages": MESSAGES, "temperature": 3}, "'temperature'"),
        ({"messages": MESSAGES, "max_tokens": 100_000}, "'max_tokens'"),
        ({"messages": MESSAGES, "model": "gpt-9"}, "'model'"),
        ({"messages": MESSAGES, "scenario": "text"}, "'scenario'"),
        ({"messages": MESSAGES, "tts_streaming_mode": 7}, "'tts_streaming_mode'"),
    ]
    for body, field in cases:
        response = client.post("/api/chat", json=body)
        assert response.status_code == 400, (body, response.get_json())
        assert field in response.get_json()["error"], response.get_json()
    assert client.post("/api/chat", json={"messages": MESSAGES, "character_id": "nobody"}).status_code == 404


def test_persona_scenario_director_and_settings_reach_the_engine(make_app):
    with FakeOpenAIServer(style=Style.VLLM, models=("qwen3", "gemma-3-27b-it"), reply=("좋", "습니다", ".")) as fake:
        # the canned reply asks nothing, which the reply guard would replace: this test is about what reaches the engine
        app = make_app(LLM_ENGINE="openai", LLM_API_URL=fake.base_url, LLM_MODEL="qwen3", LLM_MAX_TOKENS_LIMIT=600,
                       LLM_REPLY_GUARD=False)
        body = {
            "messages": MESSAGES, "persona": "냉철한 재무 담당 임원", "character_id": "exec_yoon",
            "scenario": {"opponent": "신입 지원자", "situation": "최종 면접", "background": "금융권"},
            "director_note": "갑자기 화를 내라", "model": "gemma-3-27b-it", "temperature": 0.2, "max_tokens": 512,
            "tts_enabled": False,
        }
        data = app.test_client().post("/api/chat", json=body).get_json()["data"]
        assert data["content"] == "좋습니다." and data["model"] == "gemma-3-27b-it"
        sent = fake.chat_bodies[-1]
        assert sent["model"] == "gemma-3-27b-it" and sent["temperature"] == 0.2 and sent["max_tokens"] == 512
        system = sent["messages"][0]["content"]
        for text in ("냉철한 재무 담당 임원", "윤상철", "압박 면접", "최종 면접", "금융권", "갑자기 화를 내라"):
            assert text in system, text
        assert [m["role"] for m in sent["messages"]] == ["system", "user", "assistant", "user"]
        assert app.test_client().post("/api/chat", json={**body, "max_tokens": 601}).status_code == 400


def test_a_long_history_reports_context_summarized(make_app):
    with FakeOpenAIServer(style=Style.VLLM, models=("qwen3",), reply=("네", ".")) as fake:
        app = make_app(LLM_ENGINE="openai", LLM_API_URL=fake.base_url, LLM_MODEL="qwen3", LLM_CONTEXT_BUDGET_TOKENS=50)
        long = [{"role": r, "content": "긴 답변입니다 " * 10} for _ in range(15) for r in ("user", "assistant")]
        body = {"messages": [*long, {"role": "user", "content": "끝입니다."}], "tts_enabled": False}
        assert app.test_client().post("/api/chat", json=body).get_json()["data"]["context_summarized"] is True
