"""Live transcription of an answer while it is spoken: PCM chunks in, partial text out, a final transcript at the end.

Partials stay cheap however long the answer: the audio is cut into windows of about WINDOW_S (at the
quietest moment near the window's end, so a word is rarely split); a finished window is transcribed once
and its text kept, and each partial only transcribes the open tail. The final transcript is one pass over
the whole answer with word timings, so it does not depend on where the windows fell.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import numpy as np

from stt.audio import AudioRejected, AudioTooLong, check_speech, from_pcm16
from stt.base import SAMPLE_RATE, STTEngine, Transcript

WINDOW_S = 8.0  # s, audio per committed window
CUT_SEARCH_S = 2.0  # s before a window's end searched for its quietest moment
CUT_FRAME_S = 0.1  # s, loudness frame for that search
MIN_TAIL_S = 0.3  # s, a shorter open tail is not worth a partial


@dataclass
class StreamSession:
    """One answer being spoken; `feed` from the socket thread, `partial`/`final` from one worker at a time."""

    engine: STTEngine
    language: str | None
    max_seconds: float
    partial_interval_s: float
    _audio: list[np.ndarray] = field(default_factory=list)
    _samples: int = 0
    _committed_at: int = 0  # samples already transcribed into `_committed`
    _committed: list[str] = field(default_factory=list)
    _last_partial_at: int = 0  # samples present when the last partial was taken
    _lock: threading.Lock = field(default_factory=threading.Lock)
    busy: threading.Lock = field(default_factory=threading.Lock)  # held while a worker transcribes
    touched: float = field(default_factory=time.monotonic)

    @property
    def seconds(self) -> float:
        """Audio received so far, in seconds."""
        return self._samples / SAMPLE_RATE

    def feed(self, pcm16: bytes) -> bool:
        """Append a chunk; True when a partial is due. AudioTooLong past the limit, AudioRejected for odd bytes."""
        chunk = from_pcm16(pcm16)
        with self._lock:
            if self._samples + len(chunk) > self.max_seconds * SAMPLE_RATE:
                raise AudioTooLong(f"the answer is longer than the {self.max_seconds:g} s limit")
            self._audio.append(chunk)
            self._samples += len(chunk)
            self.touched = time.monotonic()
            return self._samples - self._last_partial_at >= self.partial_interval_s * SAMPLE_RATE

    def partial(self) -> str:
        """The text so far: committed windows plus the open tail (call with `busy` held)."""
        with self._lock:
            audio = self._joined()
            self._last_partial_at = len(audio)
        while len(audio) - self._committed_at > WINDOW_S * SAMPLE_RATE:
            cut = _quiet_cut(audio, self._committed_at + int(WINDOW_S * SAMPLE_RATE))
            self._committed.append(self._text(audio[self._committed_at:cut]))
            self._committed_at = cut
        tail = audio[self._committed_at:]
        pieces = [*self._committed, self._text(tail) if len(tail) >= MIN_TAIL_S * SAMPLE_RATE else ""]
        return " ".join(p for p in pieces if p)

    def final(self) -> Transcript:
        """The whole answer with word timings; AudioRejected when it is silent or too short."""
        with self._lock:
            audio = self._joined()
        check_speech(audio)
        transcript = self.engine.transcribe(audio, self.language)
        if not transcript.text:
            raise AudioRejected("no speech recognised in the answer")
        return transcript

    def _joined(self) -> np.ndarray:
        """All audio as one array (kept joined, so repeated calls cost nothing new)."""
        if len(self._audio) != 1:
            self._audio = [np.concatenate(self._audio) if self._audio else np.zeros(0, np.float32)]
        return self._audio[0]

    def _text(self, audio: np.ndarray) -> str:
        """Text of a stretch of audio; silence gives "" (no engine call, no hallucinated words)."""
        try:
            check_speech(audio)
        except AudioRejected:
            return ""
        return self.engine.transcribe(audio, self.language, words=False).text


def _quiet_cut(audio: np.ndarray, end: int) -> int:
    """The start of the quietest CUT_FRAME_S frame in the CUT_SEARCH_S before `end`."""
    frame = int(CUT_FRAME_S * SAMPLE_RATE)
    start = max(0, end - int(CUT_SEARCH_S * SAMPLE_RATE))
    frames = audio[start:end][: (end - start) // frame * frame].reshape(-1, frame)
    if not len(frames):
        return end
    return start + int(np.argmin((frames ** 2).mean(axis=1))) * frame
