"""ElevenLabs through the official SDK: streamed PCM with per-character timestamps."""
from __future__ import annotations

import base64
import binascii
import logging
import math
import threading
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any, Literal

from settings.engine import EngineSettings
from tts.base import AudioClip, Timing, TTSEngine, TTSEntry, TTSError
from tts.remote import PcmBuffer, Synthesis

log = logging.getLogger(__name__)

PCM_FORMATS = {"pcm_16000": 16000, "pcm_22050": 22050, "pcm_24000": 24000, "pcm_44100": 44100}  # name -> Hz
DEFAULT_MODEL = "eleven_multilingual_v2"
DEFAULT_TIMEOUT_S = 30.0  # s for the whole request
MIN_SDK_FOR_BASE_URL = (2, 8)  # older 2.x SDKs force https and drop the port of base_url
TIME_EPS_S = 1e-3  # s of tolerance when deciding whether chunk times restart
ERROR_TEXT_MAX = 200  # characters of an API error message kept in TTSError


def _sdk_version(version: str) -> tuple[int, ...]:
    """'2.78.0' -> (2, 78)."""
    return tuple(int(p) for p in version.split(".")[:2] if p.isdigit())


class ElevenLabsEngine(TTSEngine):
    """TTSEngine for ElevenLabs' stream-with-timestamps endpoint."""

    name = "elevenlabs"
    display_name = "ElevenLabs"

    def __init__(
        self,
        api_key: str,
        *,
        voices: Mapping[str, str],
        default_voice: str,
        base_url: str | None = None,
        model_id: str = DEFAULT_MODEL,
        voice_models: Mapping[str, str] | None = None,
        output_format: str = "pcm_16000",
        timeout_s: float = DEFAULT_TIMEOUT_S,
    ) -> None:
        try:
            import elevenlabs
            from elevenlabs.client import ElevenLabs
        except ImportError as e:
            raise TTSError("the elevenlabs engine needs: pip install 'elevenlabs>=2.8'") from e
        if base_url and _sdk_version(elevenlabs.__version__) < MIN_SDK_FOR_BASE_URL:
            raise TTSError(f"ELEVENLABS_BASE_URL needs elevenlabs>=2.8 (installed {elevenlabs.__version__})")
        if output_format not in PCM_FORMATS:
            raise TTSError(f"output_format must be one of {', '.join(PCM_FORMATS)}, got {output_format!r}")
        if default_voice not in voices:
            raise TTSError(f"default voice {default_voice!r} is not among {', '.join(voices) or 'no voices'}")
        self._api_key = api_key
        self._voices = dict(voices)
        self._voice_models = dict(voice_models or {})
        self.default_voice = default_voice
        self.model_id = model_id
        self.output_format = output_format
        self.sample_rate = PCM_FORMATS[output_format]
        self.timeout_s = timeout_s
        self._client = ElevenLabs(api_key=api_key, base_url=base_url.rstrip("/") if base_url else None,
                                  timeout=timeout_s)

    @property
    def settings(self) -> dict[str, Any]:
        """Everything besides text and voice that changes the audio (for cache keys)."""
        return {"model_id": self.model_id, "voice_models": self._voice_models,
                "output_format": self.output_format, "voices": self._voices, "default_voice": self.default_voice}

    def voices(self) -> list[str]:
        """Voice names this engine accepts."""
        return list(self._voices)

    def synthesize(
        self, text: str, voice: str | None = None, *, cancel: threading.Event | None = None
    ) -> AudioClip:
        """Speak `text`; raise TTSError on failure."""
        return self.synthesize_timed(text, voice, cancel=cancel).clip

    def synthesize_timed(
        self, text: str, voice: str | None = None, *, cancel: threading.Event | None = None
    ) -> Synthesis:
        """Speak `text` and report the first-byte latency too."""
        import httpx
        from elevenlabs.core.api_error import ApiError

        name = voice or self.default_voice
        if name not in self._voices:
            raise TTSError(f"elevenlabs: unknown voice {name!r}; valid: {', '.join(self._voices)}")
        if not text.strip():
            raise TTSError("elevenlabs: nothing to say (empty text)")
        buf = PcmBuffer(self.name, self.timeout_s, cancel)
        timeline = _Timeline(self.sample_rate)
        stream = self._client.text_to_speech.stream_with_timestamps(
            self._voices[name], text=text, model_id=self._voice_models.get(name, self.model_id),
            output_format=self.output_format,
            request_options={"timeout_in_seconds": math.ceil(self.timeout_s), "max_retries": 0},
        )
        try:
            for chunk in stream:
                audio = _decode(chunk.audio_base_64)
                timeline.add(chunk.alignment, buf.nbytes // 2)
                buf.add(audio)
            buf.check()
        except ApiError as e:
            raise TTSError(f"elevenlabs: HTTP {e.status_code}: {self._describe(e.body)}") from e
        except httpx.TimeoutException as e:
            raise TTSError(f"elevenlabs: timed out after {self.timeout_s:g} s") from e
        except httpx.HTTPError as e:
            raise TTSError(f"elevenlabs: request failed ({type(e).__name__})") from e
        finally:
            stream.close()  # closes the HTTP stream when we stop early (cancel, error)
        samples = buf.samples()
        duration = len(samples) / self.sample_rate
        chars, words = timeline.finish(duration)
        clip = AudioClip(samples=samples, sample_rate=self.sample_rate, phonemes=chars, words=words)
        result = buf.result(clip)
        log.info("elevenlabs: %.2f s of audio, first byte %.3f s, total %.3f s",
                 clip.duration, result.first_byte_s, result.total_s)
        return result

    def _describe(self, body: object) -> str:
        """A short message from an API error body, never echoing the API key."""
        detail = body.get("detail", body) if isinstance(body, dict) else body
        if isinstance(detail, dict):
            text = " ".join(str(detail[k]) for k in ("status", "message") if k in detail)
        else:
            text = str(detail)
        if self._api_key:
            text = text.replace(self._api_key, "***")
        return text[:ERROR_TEXT_MAX]


def _decode(audio_base64: str | None) -> bytes:
    """Decode one chunk's base64 audio."""
    try:
        return base64.b64decode(audio_base64 or "", validate=True)
    except (binascii.Error, ValueError) as e:
        raise TTSError("elevenlabs: a stream chunk held invalid base64 audio") from e


class _Timeline:
    """Character timings gathered over the stream's chunks, on the clip's timeline."""

    def __init__(self, sample_rate: int) -> None:
        self.sample_rate = sample_rate
        self._chars: list[tuple[str, float, float]] = []

    def add(self, alignment: Any, samples_before: int) -> None:
        """Add one chunk's alignment (may be None); `samples_before` = audio received before it."""
        if alignment is None:
            return
        chars = list(alignment.characters)
        starts = list(alignment.character_start_times_seconds)
        ends = list(alignment.character_end_times_seconds)
        if not (len(chars) == len(starts) == len(ends)):
            raise TTSError("elevenlabs: alignment arrays of different lengths")
        if not chars:
            return
        offset = 0.0
        last_end = self._chars[-1][2] if self._chars else 0.0
        if self._chars and starts[0] + TIME_EPS_S < last_end:
            offset = samples_before / self.sample_rate  # this chunk's times are relative to its own audio
        self._chars.extend((c, s + offset, e + offset) for c, s, e in zip(chars, starts, ends))

    def finish(self, duration: float) -> tuple[tuple[Timing, ...], tuple[Timing, ...]]:
        """(characters, words): monotonic timings clipped to [0, duration]; whitespace splits words."""
        chars: list[Timing] = []
        words: list[Timing] = []
        word: list[Timing] = []
        prev_start = 0.0
        for char, start, end in self._chars + [(" ", duration, duration)]:
            start = min(max(start, prev_start), duration)
            end = min(max(end, start), duration)
            prev_start = start
            if not char.isspace():
                word.append(Timing(char, start, end))
            elif word:
                words.append(Timing("".join(t.symbol for t in word), word[0].start, word[-1].end))
                chars.extend(word)
                word = []
        return tuple(chars), tuple(words)


class ElevenLabsSettings(EngineSettings):
    """ElevenLabs (configured when ELEVENLABS_API_KEY is set)"""

    ELEVENLABS_API_KEY: str = ""
    """ElevenLabs key (enables engine "elevenlabs")"""
    ELEVENLABS_BASE_URL: str = ""
    """only for a proxy or test server, without /v1"""
    ELEVENLABS_MODEL_ID: str = DEFAULT_MODEL
    """model of the catalogue voices that name none of their own"""
    ELEVENLABS_VOICE_ID: str = ""
    """ElevenLabs voice id behind the seed's voice name Custom"""
    ELEVENLABS_OUTPUT_FORMAT: Literal["pcm_16000", "pcm_22050", "pcm_24000", "pcm_44100"] = "pcm_16000"
    """pcm_16000, pcm_22050, pcm_24000 or pcm_44100"""


def build(config: Any, catalogue: Any) -> ElevenLabsEngine:
    """The engine with the catalogue's ElevenLabs voices (`Custom` = ELEVENLABS_VOICE_ID when set)."""
    voices = catalogue.engine_voices("elevenlabs")
    return ElevenLabsEngine(config.ELEVENLABS_API_KEY, voices=voices,
                            default_voice="Custom" if "Custom" in voices else next(iter(voices)),
                            base_url=config.ELEVENLABS_BASE_URL or None, model_id=config.ELEVENLABS_MODEL_ID,
                            output_format=config.ELEVENLABS_OUTPUT_FORMAT, timeout_s=config.TTS_TIMEOUT_S)


def added_voices(config: Any, catalogue: Any) -> Iterable[Any]:
    """The seed's voice `Custom` speaks with ELEVENLABS_VOICE_ID."""
    if not config.ELEVENLABS_VOICE_ID:
        return []
    return [replace(catalogue.get("Custom"), engine_voice=config.ELEVENLABS_VOICE_ID)]


ENTRY = TTSEntry(build, ElevenLabsSettings, voices=added_voices, needs=("ELEVENLABS_API_KEY",))  # a key is all it needs
