"""A chain of chat engines (primary → fallback → …) and the per-call record of which one answered.

The same engine object serves concurrent turns, so "who answered" cannot live on the engine.
`stream()` returns a SourcedStream: an Iterator[str] (so it satisfies ChatEngine) that also carries
`source` and `model` of the engine that produced its pieces. Callers that need them use
`open_stream(engine, ...)`, which works for any engine, and read the attributes after the first
piece and again at the end (a guard may mark a reply it cut short).

Switching happens only on a retryable failure (LLMUnavailable: connection refused, timeout, 5xx,
a 200 that is not an LLM stream) and only before the first piece: once text has reached the
candidate, a failure is reported as an error, never glued onto another engine's reply. An engine
that was unavailable is tried last for COOLDOWN_S, so a hung primary does not cost every turn its
timeout; the first success clears it. An engine that fails or goes silent for `stall_s` after its first
piece ends that turn with an error (LLMStalled) and is put in cooldown too, so the next turn goes to the
fallback. With a CallGate, a call beyond its bound is refused at once (LLMBusy) instead of queueing.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass, replace

from llm.base import ChatEngine, ChatTurn, LLMError, Prompt
from llm.call_gate import CallGate
from llm.remote import LLMStalled, LLMUnavailable, scrub_secrets
from llm.stall_guard import StallGuard
from telemetry import metrics

log = logging.getLogger(__name__)

COOLDOWN_S = 30.0  # s, an unavailable engine is tried last for this long (a hung primary costs one timeout)
STALL_S = 8.0  # s of silence after the first piece that end a reply


class SourcedStream(Iterator[str]):
    """The pieces of one reply plus the source and model of the engine that produced them."""

    def __init__(self, pieces: Iterator[str], source: str, model: str) -> None:
        self.source = source
        self.model = model
        self._pieces = pieces

    def __next__(self) -> str:
        return next(self._pieces)

    def close(self) -> None:
        """Stop early; closes the engine's HTTP stream."""
        _close(self._pieces)


def open_stream(engine: ChatEngine, turn: ChatTurn, prompt: Prompt, cancel: threading.Event) -> SourcedStream:
    """Stream a reply from any engine with its answering source and model attached."""
    pieces = engine.stream(turn, prompt, cancel)
    if isinstance(pieces, SourcedStream):
        return pieces
    return SourcedStream(pieces, engine.source, engine.model)


class FallbackChatEngine:
    """Tries each engine in order, moving on only when one is unavailable before its first piece."""

    name = "fallback"

    def __init__(self, engines: Sequence[ChatEngine], cooldown_s: float = COOLDOWN_S, stall_s: float = STALL_S,
                 gate: CallGate | None = None) -> None:
        if not engines:
            raise ValueError("FallbackChatEngine needs at least one engine")
        self.engines = tuple(engines)
        self.gate = gate
        self._cooldown = _Cooldown(cooldown_s)
        self._stall_s = stall_s

    @property
    def primary(self) -> ChatEngine:
        """The engine tried first (its status and model list are the chain's)."""
        return self.engines[0]

    @property
    def model(self) -> str:
        """The primary's model."""
        return self.primary.model

    @property
    def source(self) -> str:
        """The primary's source; the answering one is on each SourcedStream."""
        return self.primary.source

    @property
    def fallback_label(self) -> str | None:
        """The first fallback's source for /api/llm_status, e.g. "OpenAI (gpt-4o-mini)"."""
        return self.engines[1].source if len(self.engines) > 1 else None

    def status(self) -> str:
        """The primary's status."""
        return self.primary.status()

    def stream(self, turn: ChatTurn, prompt: Prompt, cancel: threading.Event) -> SourcedStream:
        """The reply from the first engine that can give one; `source`/`model` follow the switch."""
        return _ChainStream(self._cooldown.order(self.engines),
                            _Walk(self._cooldown, self._stall_s, self.gate, self.primary), turn, prompt, cancel)

    def cooling_down(self) -> list[str]:
        """Sources of the engines in cooldown now (for the health report)."""
        return [engine.source for engine in self.engines if self._cooldown.is_cooling(engine)]


class _Cooldown:
    """Engines that were unavailable recently go to the back of the line for `cooldown_s` (shared, locked)."""

    def __init__(self, cooldown_s: float) -> None:
        self._cooldown_s = cooldown_s
        self._down_until: dict[int, float] = {}  # id(engine) -> time.monotonic() deadline
        self._lock = threading.Lock()

    def order(self, engines: tuple[ChatEngine, ...]) -> tuple[ChatEngine, ...]:
        """Engines in chain order, those cooling down moved last."""
        now = time.monotonic()
        with self._lock:
            cooling = {i for i, until in self._down_until.items() if until > now}
        return tuple(sorted(engines, key=lambda engine: id(engine) in cooling))  # stable: chain order kept

    def is_cooling(self, engine: ChatEngine) -> bool:
        """True while `engine` is at the back of the line."""
        with self._lock:
            return self._down_until.get(id(engine), 0.0) > time.monotonic()

    def mark(self, engine: ChatEngine, available: bool) -> None:
        """Record the outcome of a try."""
        with self._lock:
            if available:
                self._down_until.pop(id(engine), None)
            else:
                self._down_until[id(engine)] = time.monotonic() + self._cooldown_s
                metrics.llm_cooldowns.labels(engine.source).inc()


@dataclass(frozen=True)
class _Walk:
    """What one call down the chain shares: the cooldown, the stall limit, the call bound."""

    cooldown: _Cooldown
    stall_s: float
    gate: CallGate | None
    primary: ChatEngine  # a model chosen by the request is the primary's; the others answer with their own


class _ChainStream(SourcedStream):
    """One call's walk down the chain; updates its own `source`/`model` as it switches."""

    def __init__(self, engines: tuple[ChatEngine, ...], walk: _Walk, turn: ChatTurn, prompt: Prompt,
                 cancel: threading.Event) -> None:
        super().__init__(self._gated(engines, walk, turn, prompt, cancel), engines[0].source, engines[0].model)

    def _gated(self, engines: tuple[ChatEngine, ...], walk: _Walk, turn: ChatTurn, prompt: Prompt,
               cancel: threading.Event) -> Iterator[str]:
        """The walk inside a call slot (taken at the first `next()`, so an unread stream holds none)."""
        if walk.gate is None:
            yield from self._walk(engines, walk, turn, prompt, cancel)
            return
        started = walk.gate.enter()
        try:
            yield from self._walk(engines, walk, turn, prompt, cancel)
        finally:
            walk.gate.leave(started)

    def _walk(self, engines: tuple[ChatEngine, ...], walk: _Walk, turn: ChatTurn, prompt: Prompt,
              cancel: threading.Event) -> Iterator[str]:
        failures: list[str] = []
        last_error: LLMError | None = None
        for engine in engines:
            own_turn = turn if engine is walk.primary else replace(turn, model=None)
            self.source, self.model = engine.source, own_turn.model or engine.model
            with StallGuard(cancel, walk.stall_s) as guard:
                try:
                    pieces = engine.stream(own_turn, prompt, guard.engine_cancel)
                    first = next(pieces)
                    self.source = getattr(pieces, "source", self.source)  # a guard may have replaced the reply
                except StopIteration:
                    return  # an empty reply (or a cancel) is an answer, not a failure
                except LLMUnavailable as e:
                    if cancel.is_set():
                        return
                    log.warning("%s unavailable, trying the next engine: %s", engine.source, scrub_secrets(str(e)))
                    walk.cooldown.mark(engine, available=False)
                    metrics.llm_fallbacks.labels(engine.source).inc()
                    failures.append(str(e))
                    last_error = e
                    continue
                try:
                    yield first
                    while True:
                        guard.waiting()  # only the engine's silence counts, not a slow reader's
                        try:
                            piece = next(pieces)
                        except StopIteration:
                            break
                        guard.arrived()
                        yield piece
                    self.source = getattr(pieces, "source", self.source)  # a guard may have ended the reply its way
                except LLMError:
                    walk.cooldown.mark(engine, available=False)  # it broke mid-reply: let the next turn skip it
                    raise
                finally:
                    _close(pieces)
                if guard.stalled and not cancel.is_set():
                    walk.cooldown.mark(engine, available=False)
                    raise LLMStalled(f"{engine.source} sent nothing for {walk.stall_s:g} s in the middle of its reply")
            walk.cooldown.mark(engine, available=True)
            return
        raise LLMUnavailable("no engine could answer: " + "; ".join(failures)) from last_error


def _close(pieces: Iterator[str]) -> None:
    """Close a generator (and so its HTTP stream); plain iterators have nothing to close."""
    if isinstance(pieces, Generator | SourcedStream):
        pieces.close()
