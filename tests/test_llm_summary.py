"""Long-interview summarization: budget, sliding window, rolling summaries and their cache."""
from __future__ import annotations

import threading

from llm.base import LLMError, Message
from llm.openai_compat import OpenAIChatEngine
from llm.prompts import build_messages
from llm.summary import (
    KEEP_RECENT,
    SUMMARY_MAX_TOKENS,
    SUMMARY_PREFIX,
    SUMMARY_SYSTEM_PROMPT,
    HistorySummarizer,
    estimate_tokens,
    history_tokens,
    split_point,
)
from tests.fakes import FakeOpenAIServer, StubEngine

ANSWER = "저는 5년 동안 결제 시스템의 백엔드를 개발했고 장애 대응 경험이 많습니다. " * 3


def interview(n: int) -> tuple[Message, ...]:
    """n messages alternating interviewer question / candidate answer, each distinct."""
    return tuple(
        Message("assistant", f"질문 {i}: 가장 어려웠던 프로젝트는 무엇이었나요?") if i % 2 == 0
        else Message("user", f"답변 {i}: {ANSWER}")
        for i in range(n)
    )


def test_estimate_counts_hangul_syllables_and_latin_chars() -> None:
    assert estimate_tokens("안녕하세요") == 5
    assert estimate_tokens("a" * 40) == 10
    assert estimate_tokens("") == 0
    assert history_tokens([Message("user", "안녕")]) == 2 + 4  # text + per-message overhead


def test_split_point_keeps_the_recent_window_and_starts_it_at_a_user_message() -> None:
    history = interview(36)
    cut = split_point(history)
    assert history[cut].role == "user"
    assert len(history) - cut >= KEEP_RECENT - 1
    assert split_point(interview(KEEP_RECENT)) == 0


def test_under_budget_history_is_untouched() -> None:
    engine = StubEngine("m")
    history = interview(30)
    summarizer = HistorySummarizer(engine, budget_tokens=history_tokens(history))
    assert summarizer.compact("s1", history) == history
    assert engine.turns == []


def test_over_budget_older_turns_become_one_summary_message() -> None:
    engine = StubEngine("m", pieces=("지원자는 결제 백엔드 ", "5년 경력."))
    history = interview(36)
    compacted = HistorySummarizer(engine, budget_tokens=500).compact("s1", history)
    cut = split_point(history)
    assert compacted[0] == Message("assistant", SUMMARY_PREFIX + "지원자는 결제 백엔드 5년 경력.")
    assert compacted[1:] == history[cut:]
    assert history_tokens(compacted) < history_tokens(history)
    (turn, prompt), = engine.turns
    assert prompt.system_prompt == SUMMARY_SYSTEM_PROMPT
    assert turn.max_tokens == SUMMARY_MAX_TOKENS
    assert "지원자: 답변 1:" in turn.message and history[cut - 1].content in turn.message
    assert f"답변 {cut}:" not in turn.message  # the verbatim window is not summarized


def test_summary_is_cached_and_later_extended_not_redone() -> None:
    engine = StubEngine("m", pieces=("요약 1",))
    summarizer = HistorySummarizer(engine, budget_tokens=500)
    summarizer.compact("s1", interview(36))
    summarizer.compact("s1", interview(36))
    summarizer.compact("s1", interview(38))  # one more exchange: same summarized prefix
    assert summarizer.calls == 1
    engine.pieces = ("요약 2",)
    compacted = summarizer.compact("s1", interview(48))  # the prefix moved by one step
    assert summarizer.calls == 2
    turn, _ = engine.turns[-1]
    assert "요약 1" in turn.message  # rolling: the previous summary plus only the new messages
    assert "답변 1:" not in turn.message
    assert compacted[0].content == SUMMARY_PREFIX + "요약 2"


def test_cache_is_per_session_and_bounded() -> None:
    engine = StubEngine("m", pieces=("요약",))
    summarizer = HistorySummarizer(engine, budget_tokens=500, cache_size=1)
    summarizer.compact("s1", interview(36))
    summarizer.compact("s2", interview(36))  # another session: its own summary, evicting s1's
    summarizer.compact("s1", interview(36))
    assert summarizer.calls == 3


def test_failed_summary_falls_back_to_the_window_and_is_retried() -> None:
    engine = StubEngine("m", error=LLMError("down"))
    summarizer = HistorySummarizer(engine, budget_tokens=500)
    history = interview(36)
    assert summarizer.compact("s1", history) == history[split_point(history):]
    engine.error = None
    assert summarizer.compact("s1", history)[0].content.startswith(SUMMARY_PREFIX)
    assert summarizer.calls == 2


def test_summary_through_a_real_engine_and_wire() -> None:
    with FakeOpenAIServer(reply=("면접 요약", "입니다.")) as fake:
        engine = OpenAIChatEngine(fake.base_url, "fake-model", None, 30.0, build_messages=build_messages)
        compacted = HistorySummarizer(engine, budget_tokens=500).compact("s1", interview(36), threading.Event())
        body = fake.chat_bodies[-1]
    assert compacted[0].content == SUMMARY_PREFIX + "면접 요약입니다."
    assert body["max_tokens"] == SUMMARY_MAX_TOKENS
    assert body["messages"][0] == {"role": "system", "content": SUMMARY_SYSTEM_PROMPT}
    assert body["messages"][-1]["role"] == "user" and "면접관: 질문 0:" in body["messages"][-1]["content"]
