"""FallbackChatEngine: switches only on retryable failures before the first piece, and says who answered."""
from __future__ import annotations

import threading

import pytest

from llm.base import ChatTurn, LLMError, Prompt
from llm.fallback import FallbackChatEngine, SourcedStream, open_stream
from llm.openai_compat import OpenAIChatEngine
from llm.prompts import build_messages
from llm.remote import LLMUnavailable
from tests.fakes import DEFAULT_REPLY, FakeOpenAIServer, Mode, StubEngine, refused_url

PROMPT = Prompt(system_prompt="당신은 면접관입니다.", question_set_rag_enabled=False)
TURN = ChatTurn(message="안녕하세요, 지원자 김철수입니다.")
TIMEOUT_S = 0.5  # s, the primary's timeout in the hang tests
BACKUP_REPLY = ("반갑습니다", ". 자기소개 부탁드립니다.")


def remote(url: str, model: str, label: str, timeout_s: float = 30.0) -> OpenAIChatEngine:
    return OpenAIChatEngine(url, model, None, timeout_s, label=label, build_messages=build_messages)


def chain(primary_url: str, timeout_s: float = 30.0, **kwargs) -> tuple[FallbackChatEngine, StubEngine]:
    backup = StubEngine("gpt-4o-mini", pieces=BACKUP_REPLY)
    return FallbackChatEngine([remote(primary_url, "fake-model", "LLM API", timeout_s), backup], **kwargs), backup


def test_primary_answers_when_up() -> None:
    with FakeOpenAIServer() as fake:
        engine, backup = chain(fake.base_url)
        stream = engine.stream(TURN, PROMPT, threading.Event())
        assert list(stream) == list(DEFAULT_REPLY)
    assert (stream.source, stream.model) == ("LLM API (fake-model)", "fake-model")
    assert backup.turns == []


@pytest.mark.parametrize("mode", [Mode.HTTP_500, Mode.HTML, Mode.HANG])
def test_switches_when_primary_is_unavailable(mode: Mode) -> None:
    with FakeOpenAIServer(mode=mode) as fake:
        engine, backup = chain(fake.base_url, timeout_s=TIMEOUT_S)
        stream = engine.stream(TURN, PROMPT, threading.Event())
        assert list(stream) == list(BACKUP_REPLY)
        assert len(fake.chat_bodies) == 1  # no hidden retries on the primary
    assert stream.source == "Stub (gpt-4o-mini)" and stream.model == "gpt-4o-mini"
    assert backup.turns == [(TURN, PROMPT)]


def test_switches_when_primary_refuses_connections() -> None:
    engine, _ = chain(refused_url())
    stream = engine.stream(TURN, PROMPT, threading.Event())
    assert "".join(stream) == "".join(BACKUP_REPLY)
    assert stream.source == "Stub (gpt-4o-mini)"


def test_a_hung_primary_costs_one_timeout_then_waits_out_its_cooldown() -> None:
    with FakeOpenAIServer(mode=Mode.HANG) as fake:
        engine, backup = chain(fake.base_url, timeout_s=TIMEOUT_S)
        for _ in range(3):
            assert "".join(engine.stream(TURN, PROMPT, threading.Event())) == "".join(BACKUP_REPLY)
        assert len(fake.chat_bodies) == 1  # later turns went straight to the fallback
        fake.mode = Mode.OK
        no_cooldown, _ = chain(fake.base_url, timeout_s=TIMEOUT_S, cooldown_s=0.0)
        assert list(no_cooldown.stream(TURN, PROMPT, threading.Event())) == list(DEFAULT_REPLY)
    assert len(backup.turns) == 3


def test_request_errors_are_not_hidden_by_a_switch() -> None:
    with FakeOpenAIServer(models=("another-model",)) as fake:
        engine, backup = chain(fake.base_url)
        with pytest.raises(LLMError, match="404"):
            list(engine.stream(TURN, PROMPT, threading.Event()))
    assert backup.turns == []


def test_failure_after_the_first_piece_is_an_error_not_a_switch() -> None:
    got: list[str] = []
    with FakeOpenAIServer(stall_after=2) as fake:  # two pieces, then silence past the timeout
        engine, backup = chain(fake.base_url, timeout_s=TIMEOUT_S)
        with pytest.raises(LLMUnavailable, match="timed out"):
            got.extend(engine.stream(TURN, PROMPT, threading.Event()))
    assert got == list(DEFAULT_REPLY[:2])
    assert backup.turns == []


def test_all_down_raises_with_every_reason() -> None:
    engine = FallbackChatEngine([
        remote(refused_url(), "qwen3", "LLM API"),
        StubEngine("gpt-4o-mini", error=LLMUnavailable("OpenAI answered HTTP 503")),
    ])
    with pytest.raises(LLMUnavailable, match="no engine could answer.*unreachable.*HTTP 503") as caught:
        list(engine.stream(TURN, PROMPT, threading.Event()))
    assert isinstance(caught.value.__cause__, LLMUnavailable)


def test_concurrent_calls_each_report_their_own_source() -> None:
    primary = StubEngine("qwen3", pieces=("A",))
    backup = StubEngine("gpt-4o-mini", pieces=("B",))
    engine = FallbackChatEngine([primary, backup], cooldown_s=0.0)
    primary.error = LLMUnavailable("down")
    first = engine.stream(TURN, PROMPT, threading.Event())
    assert next(first) == "B"  # this call switched ...
    primary.error = None
    second = engine.stream(TURN, PROMPT, threading.Event())
    assert next(second) == "A"  # ... while this one, interleaved, did not
    assert (first.source, second.source) == ("Stub (gpt-4o-mini)", "Stub (qwen3)")


def test_labels_and_status_are_the_primarys() -> None:
    primary = StubEngine("qwen3", error=LLMUnavailable("down"))
    engine = FallbackChatEngine([primary, StubEngine("gpt-4o-mini")])
    assert (engine.source, engine.model, engine.status()) == ("Stub (qwen3)", "qwen3", "offline")
    assert engine.fallback_label == "Stub (gpt-4o-mini)"
    assert FallbackChatEngine([primary]).fallback_label is None


def test_open_stream_tags_any_engine() -> None:
    stub = StubEngine("scripted-ko")
    stream = open_stream(stub, TURN, PROMPT, threading.Event())
    assert isinstance(stream, SourcedStream) and stream.source == "Stub (scripted-ko)"
    assert list(stream) == list(stub.pieces)
    chained = FallbackChatEngine([stub])
    assert isinstance(open_stream(chained, TURN, PROMPT, threading.Event()), SourcedStream)


def test_closing_the_stream_closes_the_primarys_connection() -> None:
    with FakeOpenAIServer(stall_after=1) as fake:
        engine, _ = chain(fake.base_url)
        stream = engine.stream(TURN, PROMPT, threading.Event())
        assert next(stream) == DEFAULT_REPLY[0]
        stream.close()
        assert fake.disconnected.wait(5)
