"""A job crosses process boundaries as JSON: the spec and the request survive a round trip unchanged."""
from __future__ import annotations

import json

from pipeline.spec import JobRequest, RenderOptions, TurnSpec
from llm.base import ChatTurn, InterviewContext, Message


def test_a_chat_turn_request_round_trips_through_json():
    turn = ChatTurn("저는 백엔드 개발자입니다.", history=(Message("user", "안녕하세요"), Message("assistant", "반갑습니다.")),
                    context=InterviewContext("대기업", "삼성전자", "개발엔지니어링", total_questions=3),
                    max_tokens=120, temperature=0.2)
    request = JobRequest(TurnSpec(RenderOptions("talk_long_360p", 2, "elevenlabs", "Custom"), chat=turn),
                         sid="sid-1", notify_socket=True, owner="client-7")
    wire = json.dumps(request.to_json(), ensure_ascii=False)
    back = JobRequest.from_json(json.loads(wire))
    assert back == request and back.spec.chat is not None and back.spec.chat.history[1].role == "assistant"


def test_a_text_turn_round_trips_and_keeps_its_defaults():
    spec = TurnSpec(RenderOptions("talk_short_720p"), text="Hello.")
    back = TurnSpec.from_json(json.loads(json.dumps(spec.to_json())))
    assert back == spec and back.chat is None and back.options.tts_voice is None
    assert JobRequest.from_json(json.loads(json.dumps(JobRequest(spec).to_json()))).owner is None
