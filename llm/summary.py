"""Long interviews: above a token budget, fold older turns into one cached summary; keep recent turns verbatim.

The summarized prefix grows in steps of SUMMARY_STEP messages, so one summary serves several turns,
and a new summary extends the longest one already cached for the session (rolling) instead of
re-reading the whole interview. The summary is an assistant message: it is the model's own text,
and the verbatim window is cut to start at a user message so roles keep alternating.
"""
from __future__ import annotations

import hashlib
import logging
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import replace

from llm.base import ChatEngine, ChatTurn, LLMError, Message, Prompt

log = logging.getLogger(__name__)

CHARS_PER_TOKEN_OTHER = 4.0  # English and punctuation: ~4 chars per token
TOKENS_PER_HANGUL = 1.0  # a Hangul syllable is ~1 token (Qwen ~0.7-1, GPT-4o ~1, Llama ~1.5)
MESSAGE_OVERHEAD_TOKENS = 4  # role markers of the chat template, per message
DEFAULT_BUDGET_TOKENS = 3000  # history above this is summarized
KEEP_RECENT = 15  # messages kept verbatim (at least, before alignment to a user message)
SUMMARY_STEP = 10  # messages: granularity of the summarized prefix
CACHE_SIZE = 256  # summaries kept across all sessions (LRU)
SUMMARY_MAX_TOKENS = 300
SUMMARY_TEMPERATURE = 0.2
SUMMARY_PREFIX = "[이전 면접 내용 요약] "
SUMMARY_SYSTEM_PROMPT = (
    "당신은 면접 기록을 요약하는 도우미입니다. 사용자가 보내는 면접 대화를 한국어로 5~8문장 이내로 요약하세요. "
    "면접관이 이미 한 질문과 지원자 답변의 핵심(경험, 기술, 수치, 약점)을 빠짐없이 남기고, 새 질문은 만들지 마세요."
)
SPEAKERS = {"assistant": "면접관", "user": "지원자"}


def estimate_tokens(text: str) -> int:
    """Rough token count for Korean + English text (no tokenizer needed)."""
    hangul = sum(1 for ch in text if "\uac00" <= ch <= "\ud7a3")
    return round(hangul * TOKENS_PER_HANGUL + (len(text) - hangul) / CHARS_PER_TOKEN_OTHER)


def history_tokens(history: Sequence[Message]) -> int:
    """Estimated tokens of a history including per-message overhead."""
    return sum(estimate_tokens(m.content) + MESSAGE_OVERHEAD_TOKENS for m in history)


def split_point(history: Sequence[Message], keep_recent: int = KEEP_RECENT, step: int = SUMMARY_STEP) -> int:
    """Index where the verbatim window starts (0: nothing to summarize); step-aligned, at a user message."""
    cut = max(0, len(history) - keep_recent)
    cut -= cut % step
    while 0 < cut < len(history) and history[cut].role != "user":
        cut += 1
    return cut if cut < len(history) else 0


def prefix_keys(messages: Sequence[Message]) -> list[str]:
    """keys[i] identifies messages[: i + 1] (one running hash, so all prefixes cost one pass)."""
    digest = hashlib.sha256()
    keys = []
    for m in messages:
        digest.update(f"{m.role}\x00{m.content}\x01".encode())
        keys.append(digest.copy().hexdigest())
    return keys


def transcript(messages: Sequence[Message]) -> str:
    """The messages as "면접관: …" / "지원자: …" lines."""
    return "\n".join(f"{SPEAKERS[m.role]}: {m.content}" for m in messages)


def summary_request(previous: str | None, messages: Sequence[Message]) -> tuple[ChatTurn, Prompt]:
    """The turn and prompt that ask the engine to (re)summarize; interview text goes in the user message."""
    text = transcript(messages)
    if previous:
        text = f"지금까지의 요약:\n{previous}\n\n이어진 대화:\n{text}"
    turn = ChatTurn(message=text, max_tokens=SUMMARY_MAX_TOKENS, temperature=SUMMARY_TEMPERATURE)
    return turn, Prompt(system_prompt=SUMMARY_SYSTEM_PROMPT, question_set_rag_enabled=False)


class HistorySummarizer:
    """Compacts histories over budget with `engine`; summaries cached per (session, covered prefix)."""

    def __init__(
        self,
        engine: ChatEngine,
        budget_tokens: int = DEFAULT_BUDGET_TOKENS,
        keep_recent: int = KEEP_RECENT,
        step: int = SUMMARY_STEP,
        cache_size: int = CACHE_SIZE,
    ) -> None:
        self.engine = engine
        self.budget_tokens = budget_tokens
        self.keep_recent = keep_recent
        self.step = step
        self.calls = 0  # summaries requested from the engine (for logs and tests)
        self._cache_size = cache_size
        self._cache: OrderedDict[tuple[str, str], str] = OrderedDict()
        self._lock = threading.Lock()

    def compact(
        self, session_key: str, history: Sequence[Message], cancel: threading.Event | None = None
    ) -> tuple[Message, ...]:
        """The history to send: unchanged under budget, else a summary message + the recent window."""
        if history_tokens(history) <= self.budget_tokens:
            return tuple(history)
        cut = split_point(history, self.keep_recent, self.step)
        if cut == 0:
            return tuple(history)
        recent = tuple(history[cut:])
        summary = self._summary(session_key, history[:cut], cancel or threading.Event())
        if summary is None:
            return recent  # the engine could not summarize: a plain sliding window still fits
        return (Message("assistant", SUMMARY_PREFIX + summary), *recent)

    def _summary(self, session_key: str, older: Sequence[Message], cancel: threading.Event) -> str | None:
        """The cached summary of `older`, or a new one extending the longest cached shorter prefix."""
        keys = prefix_keys(older)
        covered, previous = 0, None
        for n in range(len(older), 0, -1):
            previous = self._get((session_key, keys[n - 1]))
            if previous is not None:
                covered = n
                break
        if covered == len(older):
            return previous
        turn, prompt = summary_request(previous, older[covered:])
        with self._lock:
            self.calls += 1
        try:
            text = "".join(self.engine.stream(turn, prompt, cancel)).strip()
        except LLMError as e:
            log.warning("summary of %d messages failed, keeping only the recent window: %s", len(older), e)
            return None
        if cancel.is_set() or not text:
            return None
        self._put((session_key, keys[-1]), text)
        return text

    def _get(self, key: tuple[str, str]) -> str | None:
        with self._lock:
            value = self._cache.get(key)
            if value is not None:
                self._cache.move_to_end(key)
            return value

    def _put(self, key: tuple[str, str], value: str) -> None:
        with self._lock:
            self._cache[key] = value
            self._cache.move_to_end(key)
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)


class SummarizingEngine:
    """A remote engine that receives compacted history (summary + recent turns) instead of the whole interview."""

    def __init__(self, engine: ChatEngine, summarizer: HistorySummarizer) -> None:
        self.engine = engine
        self.summarizer = summarizer

    def __getattr__(self, attribute: str):
        """name, model, source, status, list_models… of the wrapped engine."""
        return getattr(self.engine, attribute)

    def stream(self, turn: ChatTurn, prompt: Prompt, cancel: threading.Event):
        """The wrapped engine's stream over the compacted history."""
        context = turn.context
        session = f"{context.org_type}|{context.company_name}|{context.job_name}"  # prefixes are hashed too
        history = self.summarizer.compact(session, turn.history, cancel)
        return self.engine.stream(replace(turn, history=history), prompt, cancel)
