"""OpenAIChatEngine against a local server speaking vLLM's and OpenAI/Ollama-compat's streaming wire format."""
from __future__ import annotations

import threading

import pytest

from llm.base import ChatTurn, LLMError, Message, Prompt
from llm.openai_compat import OpenAIChatEngine, normalize_base_url
from llm.prompts import build_messages
from llm.remote import LLMUnavailable
from tests.fakes import DEFAULT_REPLY, FakeOpenAIServer, Mode, Style, refused_url

PROMPT = Prompt(system_prompt="당신은 삼성전자 개발엔지니어링 면접관입니다.", question_set_rag_enabled=True)
HISTORY = (Message("assistant", "자기소개 부탁드립니다."), Message("user", "저는 백엔드 개발자입니다."))
TURN = ChatTurn(message="파이썬을 5년 썼습니다.", history=HISTORY, max_tokens=123, temperature=0.4)
NEVER = 30.0  # s, a client timeout no test should reach


def make_engine(url: str, timeout_s: float = NEVER, api_key: str | None = None, **kwargs) -> OpenAIChatEngine:
    return OpenAIChatEngine(url, "fake-model", api_key, timeout_s, build_messages=build_messages, **kwargs)


def run(engine: OpenAIChatEngine, turn: ChatTurn = TURN) -> list[str]:
    return list(engine.stream(turn, PROMPT, threading.Event()))


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("http://h:8000/v1/chat/completions", "http://h:8000/v1"),
        ("http://h:8000/v1/chat/completions/", "http://h:8000/v1"),
        ("http://h:8000/v1", "http://h:8000/v1"),
        ("http://h:8000", "http://h:8000/v1"),
        ("https://api.openai.com/v1/", "https://api.openai.com/v1"),
        ("http://h/proxy/openai/v1", "http://h/proxy/openai/v1"),
    ],
)
def test_normalize_base_url(given: str, expected: str) -> None:
    assert normalize_base_url(given) == expected


@pytest.mark.parametrize("style", list(Style))
def test_streams_reply_in_order_and_sends_parameters(style: Style) -> None:
    with FakeOpenAIServer(style=style) as fake:
        engine = make_engine(fake.url + "/v1/chat/completions", label="LLM API")
        assert run(engine) == list(DEFAULT_REPLY)
        body = fake.chat_bodies[-1]
        auth = fake.requests_to("/v1/chat/completions")[-1].headers["authorization"]
    assert engine.source == "LLM API (fake-model)"
    assert body["model"] == "fake-model"
    assert body["stream"] is True
    assert body["stream_options"] == {"include_usage": True}
    assert (body["max_tokens"], body["temperature"], body["top_p"]) == (123, 0.4, 0.9)
    assert body["messages"] == [
        {"role": "system", "content": PROMPT.system_prompt},
        {"role": "assistant", "content": "자기소개 부탁드립니다."},
        {"role": "user", "content": "저는 백엔드 개발자입니다."},
        {"role": "user", "content": "파이썬을 5년 썼습니다."},
    ]
    assert auth == "Bearer EMPTY"


def test_first_piece_arrives_before_the_reply_is_complete() -> None:
    with FakeOpenAIServer(stall_after=1) as fake:
        pieces = make_engine(fake.base_url).stream(TURN, PROMPT, threading.Event())
        assert next(pieces) == DEFAULT_REPLY[0]  # the server is still holding the rest
        fake.release.set()
        assert list(pieces) == list(DEFAULT_REPLY[1:])


def test_reply_ends_at_finish_reason_without_waiting_for_done() -> None:
    with FakeOpenAIServer(style=Style.VLLM, stall_after=len(DEFAULT_REPLY)) as fake:  # silent after finish
        assert run(make_engine(fake.base_url, timeout_s=2.0)) == list(DEFAULT_REPLY)


@pytest.mark.parametrize("mode", [Mode.ERROR, Mode.ERROR_FLAT])
def test_in_stream_error_under_200_raises_after_the_pieces_before_it(mode: Mode) -> None:
    got: list[str] = []
    with FakeOpenAIServer(mode=mode, error_after=2) as fake:
        with pytest.raises(LLMError, match="prompt is too long") as caught:
            got.extend(make_engine(fake.base_url).stream(TURN, PROMPT, threading.Event()))
    assert got == list(DEFAULT_REPLY[:2])
    assert not isinstance(caught.value, LLMUnavailable)


@pytest.mark.parametrize("style", list(Style))
def test_stream_ending_without_finish_reason_is_an_error(style: Style) -> None:
    with FakeOpenAIServer(style=style, mode=Mode.EOF) as fake:
        with pytest.raises(LLMError, match="without a finish_reason"):
            run(make_engine(fake.base_url))


def test_html_page_with_200_is_unavailable_not_a_reply() -> None:
    with FakeOpenAIServer(mode=Mode.HTML) as fake:
        with pytest.raises(LLMUnavailable, match="text/html"):
            run(make_engine(fake.base_url))


def test_event_that_is_not_json_is_an_error() -> None:
    with FakeOpenAIServer(mode=Mode.GARBAGE) as fake:
        with pytest.raises(LLMError, match="not JSON: '<h1>502 Bad Gateway</h1>'"):
            run(make_engine(fake.base_url))


def test_http_500_is_retryable() -> None:
    with FakeOpenAIServer(mode=Mode.HTTP_500) as fake:
        with pytest.raises(LLMUnavailable, match="HTTP 500: CUDA out of memory") as caught:
            run(make_engine(fake.base_url))
    assert caught.value.__cause__ is not None


def test_unknown_model_is_a_plain_error() -> None:
    with FakeOpenAIServer(models=("other",)) as fake:
        with pytest.raises(LLMError, match="HTTP 404.*does not exist") as caught:
            run(make_engine(fake.base_url))
    assert not isinstance(caught.value, LLMUnavailable)


def test_hang_past_the_timeout_is_unavailable() -> None:
    with FakeOpenAIServer(mode=Mode.HANG) as fake:
        with pytest.raises(LLMUnavailable, match="timed out after 0.3 s"):
            run(make_engine(fake.base_url, timeout_s=0.3))


def test_refused_connection_is_unavailable() -> None:
    with pytest.raises(LLMUnavailable, match="unreachable"):
        run(make_engine(refused_url()))


def test_cancel_cuts_the_connection_while_the_server_is_silent() -> None:
    cancel = threading.Event()
    with FakeOpenAIServer(stall_after=1) as fake:
        pieces = make_engine(fake.base_url).stream(TURN, PROMPT, cancel)
        assert next(pieces) == DEFAULT_REPLY[0]
        rest: list[str] = []
        reader = threading.Thread(target=lambda: rest.extend(pieces))
        reader.start()  # blocks in recv: the fake sends nothing more until it is released
        cancel.set()
        assert fake.disconnected.wait(5), "the server never saw the client hang up"
        reader.join(5)
    assert not reader.is_alive() and rest == []


def test_cancel_before_start_sends_nothing() -> None:
    cancel = threading.Event()
    cancel.set()
    with FakeOpenAIServer() as fake:
        assert list(make_engine(fake.base_url).stream(TURN, PROMPT, cancel)) == []
        assert fake.chat_bodies == []


def test_status_and_models() -> None:
    with FakeOpenAIServer(models=("qwen3", "gpt-4o-mini")) as fake:
        engine = make_engine(fake.base_url, api_key="sk-test")
        assert engine.status() == "online"
        assert engine.list_models() == ["qwen3", "gpt-4o-mini"]
        assert fake.requests[-1].headers["authorization"] == "Bearer sk-test"
        fake.models = ()  # Ollama's /v1/models says "data": null when no model is pulled
        assert engine.list_models() == []
        for mode in (Mode.HTML, Mode.HTTP_500):
            fake.mode = mode
            assert engine.status() == "offline"
            with pytest.raises(LLMUnavailable):
                engine.list_models()
    assert make_engine(refused_url()).status() == "offline"
