"""Remote STT: any OpenAI-compatible `POST /v1/audio/transcriptions` (OpenAI, vLLM, faster-whisper servers) via the SDK.

The decoded audio is sent as 16 kHz mono WAV, so every server gets the one format they all read, and the
answer is asked for as `verbose_json` with word timestamps. Every failure, including an answer that is not
a transcription, becomes an STTError.
"""
from __future__ import annotations

import io
import wave
from typing import Annotated, Any

import numpy as np
import openai
from pydantic import Field

from llm.openai_compat import DUMMY_API_KEY, normalize_base_url
from settings.engine import EngineSettings
from stt.base import SAMPLE_RATE, Cancelled, STTEntry, STTError, Transcript, Word, check_cancelled

# verbose_json names the language in English words; the rest of the project uses ISO 639-1 codes
LANGUAGE_NAMES = {"korean": "ko", "english": "en", "japanese": "ja", "chinese": "zh"}


def wav_bytes(samples: np.ndarray) -> bytes:
    """Float samples at SAMPLE_RATE as a 16-bit mono WAV file."""
    pcm = (np.clip(samples, -1.0, 1.0) * 32767).astype("<i2")
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(SAMPLE_RATE)
        w.writeframes(pcm.tobytes())
    return buffer.getvalue()


class OpenAISTTEngine:
    """Transcribes through `{base}/audio/transcriptions`."""

    name = "openai"
    languages = None  # whatever the server knows; it detects one when not given

    def __init__(self, api_url: str, model: str, api_key: str | None, timeout_s: float) -> None:
        self.model = model
        self._client = openai.OpenAI(base_url=normalize_base_url(api_url), api_key=api_key or DUMMY_API_KEY,
                                     timeout=timeout_s, max_retries=0)

    def load(self) -> None:
        """Nothing to load: the server holds the model."""

    def transcribe(self, samples: np.ndarray, language: str | None = None, *, words: bool = True,
                   cancelled: Cancelled | None = None) -> Transcript:
        """One request (not sent once `cancelled()`; one in flight runs to its end, bounded by the timeout); the
        words come from the server's word timestamps when it gives them."""
        check_cancelled(cancelled)
        options: dict = {"language": language} if language else {}
        if words:
            options["timestamp_granularities"] = ["word"]
        try:
            answer = self._client.audio.transcriptions.create(
                model=self.model, file=("answer.wav", wav_bytes(samples), "audio/wav"),
                response_format="verbose_json", **options)
        except openai.OpenAIError as e:
            raise STTError(f"speech recognition server failed: {e}") from e
        text = getattr(answer, "text", None)
        if not isinstance(text, str):
            raise STTError("speech recognition server answered without a transcription")
        found = tuple(Word(str(w.word).strip(), float(w.start), float(w.end))
                      for w in (getattr(answer, "words", None) or ()) if str(w.word).strip())
        spoken = str(getattr(answer, "language", None) or language or "")
        duration = float(getattr(answer, "duration", None) or len(samples) / SAMPLE_RATE)
        return Transcript(text.strip(), LANGUAGE_NAMES.get(spoken.lower(), spoken.lower()), duration, found)


class OpenAISTTSettings(EngineSettings):
    """a remote speech-to-text server (STT_ENGINE=openai: /v1/audio/transcriptions)"""

    STT_API_URL: str = ""
    """STT_ENGINE=openai: e.g. http://127.0.0.1:8000/v1"""
    STT_MODEL: str = "whisper-1"
    """model name on that server"""
    STT_API_KEY: str = ""
    """key for that server, if it wants one"""
    STT_TIMEOUT_S: Annotated[float, Field(gt=0)] = 60.0
    """limit of one remote transcription"""


def build(config: Any) -> OpenAISTTEngine:
    """The engine from its settings; ValueError without STT_API_URL."""
    if not config.STT_API_URL:
        raise ValueError("STT_ENGINE=openai needs STT_API_URL")
    return OpenAISTTEngine(config.STT_API_URL, config.STT_MODEL, config.STT_API_KEY or None, config.STT_TIMEOUT_S)


ENTRY = STTEntry(build, OpenAISTTSettings)
