"""The avatar-forge character API: presets, the client flow (create → chat → update → delete), 403 on presets."""
from __future__ import annotations


from runtime.turn_requests import with_character_defaults
from server.services import caller, services
from server.schemas.lipsync import ChatAndLipsyncRequest
from tests.conftest import sse_events

NEW = {
    "name": "박현우 (기술 면접관)", "description": "백엔드 기술 면접관", "personality": "꼼꼼함", "speech_style": "간결한 존댓말",
    "habits": "'근거는요?'라고 물음", "guidelines": "- 설계의 트레이드오프를 묻습니다.", "likes": ["테스트"], "tags": ["기술"],
    "voice_id": "ko-female", "interview_style": "pressure", "avatar": "talk_long", "language": "ko", "unknown_field": 1,
}


def test_presets_are_the_default_interviewers_in_the_seed_envelope(client):
    body = client.get("/api/characters/presets").get_json()
    assert body["success"] is True
    by_id = {c["id"]: c for c in body["data"]["characters"]}
    assert {"hr_seo", "lead_kang", "exec_yoon"} <= set(by_id)
    assert by_id["hr_seo"]["avatar"] == "talk_long" and by_id["lead_kang"]["avatar"] == "talk_short"
    assert {c["interview_style"] for c in by_id.values()} >= {"friendly", "structured", "pressure"}
    for c in by_id.values():
        assert c["is_preset"] is True and c["owner"] is None
        image = client.get(c["image_url"])
        assert image.status_code == 200 and image.mimetype == "image/jpeg" and image.data[:3] == b"\xff\xd8\xff"
        assert {"name", "description", "personality", "speech_style", "habits", "guidelines", "voice_id", "image_url",
                "tags", "likes", "dislikes", "language"} <= set(c)


def test_client_flow_create_chat_update_delete(client):
    created = client.post("/api/characters", json=NEW)
    assert created.status_code == 201, created.get_json()
    character = created.get_json()["data"]
    cid = character["id"]
    assert character["is_preset"] is False and character["owner"].startswith("anon:") and "unknown_field" not in character
    assert [c["id"] for c in client.get("/api/characters").get_json()["data"]["characters"]] == [cid]
    assert client.get(f"/api/characters/{cid}").get_json()["data"]["name"] == NEW["name"]

    reply = client.post("/api/chat", json={"message": "안녕하세요", "history": [], "character_id": cid}).get_json()
    prompt = reply["llm_params"]["system_prompt"]
    assert "박현우 (기술 면접관)" in prompt and "압박 면접" in prompt and "'근거는요?'라고 물음" in prompt

    changed = client.put(f"/api/characters/{cid}", json={"interview_style": "friendly", "name": "박현우"})
    assert changed.status_code == 200 and changed.get_json()["data"]["interview_style"] == "friendly"
    assert changed.get_json()["data"]["description"] == NEW["description"]  # absent fields keep their value
    prompt = client.post("/api/chat", json={"message": "네", "history": [], "character_id": cid}).get_json()
    assert "격려" in prompt["llm_params"]["system_prompt"]

    assert client.delete(f"/api/characters/{cid}").get_json() == {"success": True, "data": {"id": cid, "deleted": True}}
    assert client.get(f"/api/characters/{cid}").status_code == 404
    assert client.get("/api/characters").get_json()["data"]["characters"] == []
    assert client.get("/api/avatars/nobody/still.jpg").status_code == 404


def test_presets_cannot_be_changed_or_deleted(client):
    for response in (client.put("/api/characters/hr_seo", json={"name": "x"}), client.delete("/api/characters/hr_seo")):
        assert response.status_code == 403
        assert response.get_json()["success"] is False and "preset" in response.get_json()["error"]
    assert client.get("/api/characters/hr_seo").get_json()["data"]["name"].startswith("서지민")


def test_bad_bodies_name_the_field(client):
    cases = [
        ({**NEW, "name": ""}, "'name'"),
        ({k: v for k, v in NEW.items() if k != "name"}, "'name'"),
        ({**NEW, "interview_style": "rude"}, "'interview_style'"),
        ({**NEW, "avatar": "nobody"}, "'avatar'"),
        ({**NEW, "voice_id": "nobody"}, "'voice_id'"),
        ({**NEW, "tags": "not a list"}, "'tags'"),
        ({**NEW, "guidelines": "x" * 5000}, "'guidelines'"),
    ]
    for body, field in cases:
        response = client.post("/api/characters", json=body)
        assert response.status_code == 400, body
        assert field in response.get_json()["error"]
    assert client.post("/api/characters", data="{", content_type="application/json").status_code == 400
    assert client.get("/api/characters").get_json()["data"]["characters"] == []


def test_someone_elses_character_is_not_found(app):
    alice = app.test_client()
    assert alice.get("/api/characters").status_code == 200  # the cookie first: alice is her browser
    cid = alice.post("/api/characters", json=NEW).get_json()["data"]["id"]
    other = app.test_client()
    for response in (other.get(f"/api/characters/{cid}"), other.put(f"/api/characters/{cid}", json={"name": "x"}),
                     other.delete(f"/api/characters/{cid}"),
                     other.post("/api/chat", json={"message": "안녕하세요", "history": [], "character_id": cid})):
        assert response.status_code == 404
    assert other.get("/api/characters").get_json()["data"]["characters"] == []
    assert alice.get(f"/api/characters/{cid}").status_code == 200


def test_character_id_gives_chat_and_lipsync_its_avatar_voice_and_prompt(app, client):
    body = {"message": "안녕하세요", "history": [], "character_id": "lead_kang", "resolution": "360p"}
    with app.test_request_context():
        def filled(**sent):
            return with_character_defaults(services(), ChatAndLipsyncRequest.model_validate({**body, **sent}), caller())

        assert filled().avatar == "talk_short" and filled().tts_voice == "ko"
        assert filled(avatar="talk_long", tts_engine="espeak").avatar == "talk_long"
        assert filled(tts_engine="espeak").tts_voice is None
    events = sse_events(client.post("/api/v2/chat_and_lipsync/stream", json=body))
    assert events[-1]["type"] == "done", events[-1]
    stream = sse_events(client.post("/api/chat/stream", json={**body, "character_id": "exec_yoon"}))
    assert "윤상철" in stream[-1]["llm_params"]["system_prompt"]
    assert client.post("/api/chat", json={**body, "character_id": "nobody"}).status_code == 404


def test_realtime_bodies_take_a_panel_in_turns_and_director_cues(client):
    panel = {"panel": ["hr_seo", "lead_kang"], "director_note": "짧게 질문하라", "scenario": {"situation": "2차 면접"}}
    first = client.post("/api/chat", json={"message": "안녕하세요", "history": [], **panel}).get_json()
    prompt = first["llm_params"]["system_prompt"]
    assert "서지민" in prompt.split("[패널 면접]")[0] and "강도윤" in prompt.split("[패널 면접]")[1]
    assert "짧게 질문하라" in prompt and "2차 면접" in prompt
    history = [{"role": "user", "content": "안녕하세요"}, {"role": "assistant", "content": first["response"]}]
    second = client.post("/api/chat", json={"message": "네", "history": history, **panel}).get_json()
    assert "'강도윤 (팀장 면접관)'" in second["llm_params"]["system_prompt"]  # the next one in turn
    named = client.post("/api/chat", json={"message": "네", "history": history, **panel, "current_speaker": "hr_seo"})
    assert "'서지민 (인사팀 면접관)'" in named.get_json()["llm_params"]["system_prompt"]
    outsider = client.post("/api/chat", json={"message": "네", **panel, "current_speaker": "exec_yoon"})
    assert outsider.status_code == 400 and "'current_speaker'" in outsider.get_json()["error"]
    assert client.post("/api/chat", json={"message": "네", "panel": "hr_seo"}).status_code == 400


def test_a_stored_panel_reply_names_the_interviewer_who_spoke_it(client):
    session_id = client.post("/api/sessions", json={}).get_json()["session_id"]
    panel = {"panel": ["hr_seo", "lead_kang"], "session_id": session_id}
    for speaker in ("lead_kang", "lead_kang", "hr_seo"):  # not the order of taking turns
        assert client.post("/api/chat", json={"message": "네", **panel, "current_speaker": speaker}).status_code == 200
    client.post("/api/chat", json={"message": "네", "session_id": session_id})  # the house interviewer
    messages = client.get(f"/api/sessions/{session_id}/messages").get_json()["messages"]
    assert [m.get("speaker") for m in messages if m["role"] == "assistant"] == [
        "강도윤 (팀장 면접관)", "강도윤 (팀장 면접관)", "서지민 (인사팀 면접관)", None]


def test_the_member_a_question_belongs_to_answers_it_and_the_stream_names_them(client):
    session_id = client.post("/api/sessions", json={}).get_json()["session_id"]
    panel = {"panel": ["hr_seo", "lead_kang", "exec_yoon"], "session_id": session_id}
    # the opening (HR, first in turn), an answer (the team lead, next in turn), then questions by remit
    sent = ["안녕하세요", "저는 백엔드 개발자로 3년 동안 결제 시스템을 만들었습니다.", "혹시 연봉은 어떻게 되나요?",
            "이 팀은 어떤 기술 스택을 쓰나요?", "입사하면 성과는 어떻게 평가하나요?"]
    for message in sent:
        assert client.post("/api/chat", json={"message": message, **panel}).status_code == 200
    messages = client.get(f"/api/sessions/{session_id}/messages").get_json()["messages"]
    assert [m["speaker"] for m in messages if m["role"] == "assistant"] == [
        "서지민 (인사팀 면접관)", "강도윤 (팀장 면접관)", "서지민 (인사팀 면접관)", "강도윤 (팀장 면접관)",
        "윤상철 (임원 압박 면접관)"]
    # the streamed turn's `done` names who spoke, and the video is that member's (the server filled avatar and voice)
    events = sse_events(client.post("/api/v2/chat_and_lipsync/stream",
                                    json={"message": "야근은 많은 편인가요?", **panel, "resolution": "360p"}))
    done = events[-1]
    assert done["type"] == "done" and done["speaker"] == "서지민 (인사팀 면접관)", done
    stored = client.get(f"/api/sessions/{session_id}/messages").get_json()["messages"][-1]
    assert stored["speaker"] == done["speaker"]
    # a client may still name the speaker itself
    named = client.post("/api/chat", json={"message": "연봉은요?", **panel, "current_speaker": "exec_yoon"})
    assert "'윤상철 (임원 압박 면접관)'" in named.get_json()["llm_params"]["system_prompt"]
