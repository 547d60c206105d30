"""Speech only: the seed's `/api/v2/tts`, the sibling seed's `/api/tts` and the engine and voice lists."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from server.schemas.common import Name, RequestModel, ResponseModel, SpokenText


class TtsRequest(RequestModel):
    """Text to speak with an engine and a voice."""

    model_config = {"json_schema_extra": {"examples": [
        {"text": "안녕하세요, 반갑습니다.", "engine": "elevenlabs", "voice": "Custom"}]}}

    text: SpokenText
    engine: Name = Field(None, description="TTS engine (default: TTS_ENGINE); a seed name that is not "
                                           "configured here is served by the default engine, and `engine_reason` says so")
    voice: Name = Field(None, description="Voice of that engine; `Custom` = the engine's default voice")


class TtsResponse(ResponseModel):
    """Where the WAV is, and which engine spoke."""

    success: Literal[True] = True
    audio_path: str
    audio_url: str
    duration: float
    elapsed: float
    engine: str = Field(description="Addition: the engine that spoke")
    cached: bool = Field(description="Addition: served from the TTS cache")
    fallback_reason: str | None = Field(None, description="Addition: why TTS_FALLBACK spoke instead")
    engine_reason: str | None = Field(None, description="Addition: why the requested engine did not speak")


class VoiceTtsRequest(RequestModel):
    """The sibling seed's TTS call by catalogue voice."""

    text: SpokenText
    voice_id: Name = Field(None, description="A voice of GET /api/tts/voices (default: the catalogue's default)")
    media_type: Name = Field(None, description="wav (default), ogg (Opus) or aac (ADTS)")
    return_binary: bool | None = Field(None, description="true: answer with the audio bytes")
    text_lang: Name = Field(None, description="GPT-SoVITS only")
    streaming_mode: Literal[0, 1, 2, 3] | None = Field(None, description="GPT-SoVITS only")


class VoiceClip(ResponseModel):
    """A synthesized (or cached) clip."""

    file_id: str
    duration: float
    file_size: int
    format: str
    voice_id: str
    cached: bool
    created_at: str
    audio_url: str
    engine: str


class VoiceTtsResponse(ResponseModel):
    """The sibling seed's TTS answer."""

    success: Literal[True] = True
    data: VoiceClip


class VoiceEntry(ResponseModel):
    """A catalogue voice."""

    id: str
    name: str
    language: str | None
    description: str | None
    engine: str


class VoiceList(ResponseModel):
    """Voices of the configured engines."""

    voices: list[VoiceEntry]
    default_voice_id: str | None


class VoicesResponse(ResponseModel):
    """The sibling seed's voice list."""

    success: Literal[True] = True
    data: VoiceList


class TtsEngine(ResponseModel):
    """A configured engine with its voices."""

    id: str
    name: str
    voices: list[str]
    default: bool = Field(description="Addition: the default engine")


class TtsEnginesResponse(ResponseModel):
    """The configured engines, the default first."""

    engines: list[TtsEngine]
