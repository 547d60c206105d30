"""OllamaChatEngine against a local server speaking Ollama's native NDJSON /api/chat."""
from __future__ import annotations

import threading

import pytest

from llm.base import ChatTurn, LLMError, Message, Prompt
from llm.ollama import OllamaChatEngine
from llm.prompts import build_messages
from llm.remote import LLMUnavailable
from tests.fakes import DEFAULT_REPLY, FakeOllamaServer, Mode, refused_url

PROMPT = Prompt(system_prompt="당신은 병원 간호사 면접관입니다.", question_set_rag_enabled=False)
HISTORY = (Message("assistant", "지원 동기를 말씀해 주세요."), Message("user", "환자 곁에 있고 싶습니다."))
TURN = ChatTurn(message="야간 근무도 가능합니다.", history=HISTORY, max_tokens=77, temperature=0.3)
NEVER = 30.0  # s, a client timeout no test should reach


def make_engine(url: str, timeout_s: float = NEVER) -> OllamaChatEngine:
    return OllamaChatEngine(url, "fake-model", timeout_s, build_messages=build_messages)


def run(engine: OllamaChatEngine) -> list[str]:
    return list(engine.stream(TURN, PROMPT, threading.Event()))


def test_streams_reply_in_order_and_sends_native_options() -> None:
    with FakeOllamaServer() as fake:
        engine = make_engine(fake.url + "/")
        assert run(engine) == list(DEFAULT_REPLY)
        body = fake.chat_bodies[-1]
    assert engine.source == "Ollama (fake-model)"
    assert body["model"] == "fake-model"
    assert body["stream"] is True
    assert body["think"] is False
    assert body["options"] == {"num_predict": 77, "temperature": 0.3, "top_p": 0.9}
    assert [m["content"] for m in body["messages"]] == [
        PROMPT.system_prompt, "지원 동기를 말씀해 주세요.", "환자 곁에 있고 싶습니다.", "야간 근무도 가능합니다."
    ]


def test_consecutive_replies_reuse_one_connection() -> None:
    with FakeOllamaServer() as fake:
        engine = make_engine(fake.url)
        assert run(engine) == run(engine) == list(DEFAULT_REPLY)
        ports = {r.client_port for r in fake.requests}
    assert len(ports) == 1


def test_first_piece_arrives_before_the_reply_is_complete() -> None:
    with FakeOllamaServer(stall_after=1) as fake:
        pieces = make_engine(fake.url).stream(TURN, PROMPT, threading.Event())
        assert next(pieces) == DEFAULT_REPLY[0]
        fake.release.set()
        assert list(pieces) == list(DEFAULT_REPLY[1:])


def test_error_line_under_200_raises_after_the_pieces_before_it() -> None:
    got: list[str] = []
    with FakeOllamaServer(mode=Mode.ERROR, error_after=3) as fake:
        with pytest.raises(LLMError, match="mid-stream: an error was encountered") as caught:
            got.extend(make_engine(fake.url).stream(TURN, PROMPT, threading.Event()))
    assert got == list(DEFAULT_REPLY[:3])
    assert not isinstance(caught.value, LLMUnavailable)


def test_stream_ending_without_done_is_an_error() -> None:
    with FakeOllamaServer(mode=Mode.EOF) as fake:
        with pytest.raises(LLMError, match="without done"):
            run(make_engine(fake.url))


def test_html_page_with_200_is_unavailable_not_a_reply() -> None:
    with FakeOllamaServer(mode=Mode.HTML) as fake:
        with pytest.raises(LLMUnavailable, match="text/html"):
            run(make_engine(fake.url))


def test_line_that_is_not_json_is_an_error() -> None:
    with FakeOllamaServer(mode=Mode.GARBAGE) as fake:
        with pytest.raises(LLMError, match="not JSON: '<h1>502 Bad Gateway</h1>'"):
            run(make_engine(fake.url))


def test_http_500_is_retryable_with_ollamas_message() -> None:
    with FakeOllamaServer(mode=Mode.HTTP_500) as fake:
        with pytest.raises(LLMUnavailable, match="HTTP 500: llama runner process has terminated"):
            run(make_engine(fake.url))


def test_unknown_model_is_a_plain_error() -> None:
    with FakeOllamaServer(models=("qwen3:8b",)) as fake:
        with pytest.raises(LLMError, match="HTTP 404: model 'fake-model' not found") as caught:
            run(make_engine(fake.url))
    assert not isinstance(caught.value, LLMUnavailable)


def test_hang_past_the_timeout_is_unavailable() -> None:
    with FakeOllamaServer(mode=Mode.HANG) as fake:
        with pytest.raises(LLMUnavailable, match="timed out after 0.3 s") as caught:
            run(make_engine(fake.url, timeout_s=0.3))
    assert caught.value.__cause__ is not None


def test_refused_connection_is_unavailable() -> None:
    with pytest.raises(LLMUnavailable, match="unreachable"):
        run(make_engine(refused_url()))


def test_cancel_cuts_the_connection_while_the_server_is_silent() -> None:
    cancel = threading.Event()
    with FakeOllamaServer(stall_after=1) as fake:
        pieces = make_engine(fake.url).stream(TURN, PROMPT, cancel)
        assert next(pieces) == DEFAULT_REPLY[0]
        rest: list[str] = []
        reader = threading.Thread(target=lambda: rest.extend(pieces))
        reader.start()
        cancel.set()
        assert fake.disconnected.wait(5), "the server never saw the client hang up"
        reader.join(5)
    assert not reader.is_alive() and rest == []


def test_status_and_models() -> None:
    with FakeOllamaServer(models=("qwen3:8b", "gemma3:1b")) as fake:
        engine = make_engine(fake.url)
        assert engine.status() == "online"
        assert fake.requests[-1].path == "/api/version"
        assert engine.list_models() == ["qwen3:8b", "gemma3:1b"]
        fake.mode = Mode.HTML
        assert engine.status() == "offline"
        with pytest.raises(LLMUnavailable):
            engine.list_models()
    assert make_engine(refused_url()).status() == "offline"
