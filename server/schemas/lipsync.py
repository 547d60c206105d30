"""Speech + lipsync video: requests, the synchronous answers and the one mapping from a finished turn's result."""
from __future__ import annotations

import dataclasses
from typing import Any, Literal

from pydantic import Field

from pipeline.events import TurnResult as Result
from server.schemas.casting import CastingFields
from server.schemas.chat import ChatRequest, StoredReplyFields
from server.schemas.common import FrameSkip, Name, Resolution, ResponseModel, SpokenText

SEED_LIPSYNC_EXAMPLE = {"text": "안녕하세요, 면접에 오신 것을 환영합니다.", "avatar": "talk_long", "resolution": "720p",
                        "frame_skip": 1, "tts_engine": "elevenlabs", "tts_voice": "Custom"}


class RenderFields(CastingFields):
    """Which avatar speaks, how, and with which voice (a character's own unless the body names them)."""

    avatar: Name = Field(None, description="Avatar name (default: DEFAULT_AVATAR); with `resolution` → NAME_RESOLUTION")
    avatar_path: Name = Field(None, description="Legacy: a path reduced to an avatar name inside precomputed/ "
                                                "(never opened)")
    resolution: Resolution = Field(None, description="Default: DEFAULT_RESOLUTION (720p)")
    frame_skip: FrameSkip = 1
    tts_engine: Name = Field(None, description="Default: TTS_ENGINE; an unconfigured seed name is served by the "
                                               "default engine and reported in `tts_engine_reason`")
    tts_voice: Name = Field(None, description="Voice of that engine; `Custom` = its default voice")
    sid: Name = Field(None, description="Addition: a Socket.IO sid, so `POST /api/cancel {sid}` stops this job too")
    delivery: Literal["full", "face"] = Field("full", description="Addition (streams): `face` sends only the face "
                                              "region in segments, placed by `segment.region`, for clients that "
                                              "composite it over the idle loop; `done.video_url` stays the whole MP4")


class LipsyncRequest(RenderFields):
    """Text to speak on video."""

    model_config = {"json_schema_extra": {"examples": [SEED_LIPSYNC_EXAMPLE]}}

    text: SpokenText


class ChatAndLipsyncRequest(ChatRequest, RenderFields):
    """A candidate's message: the interviewer's reply, spoken on video."""

    model_config = {"json_schema_extra": {"examples": [
        {"message": "자기소개를 해주세요", "history": [], "org_type": "일반기업", "company_name": "삼성전자",
         "job_name": "개발엔지니어링", "avatar": "talk_long", "resolution": "720p", "tts_engine": "elevenlabs"}]}}


class Elapsed(ResponseModel):
    """Seconds per stage (the seed's llm/tts/lipsync/total plus measured extras)."""

    total: float
    llm: float | None = None
    tts: float | None = None
    lipsync: float | None = None


class TurnResult(ResponseModel):
    """The fields every finished turn reports, wherever it is delivered."""

    video_url: str
    audio_url: str = Field(description="Addition (in the synchronous answers and `generation_complete`)")
    audio_duration: float = Field(description="Addition (in the synchronous answers and `generation_complete`)")
    elapsed: float = Field(description="Seconds in all (the seed's number)")
    elapsed_detail: Elapsed = Field(description="Addition: seconds per stage")
    tts_engine: str | None = Field(None, description="Addition: the engine that spoke")
    tts_engine_reason: str | None = Field(None, description="Addition: why the requested engine did not speak")

    @classmethod
    def from_done(cls, done: Result, **extra: Any) -> "TurnResult":
        """The one mapping from a finished turn's result to a synchronous answer."""
        values = dataclasses.asdict(done)
        fields = {name: values[name] for name in cls.model_fields if values.get(name) is not None}
        fields.update(elapsed=done.elapsed["total"], elapsed_detail=done.elapsed, **extra)
        return cls(**fields)


class LipsyncResponse(TurnResult):
    """The video of a text."""

    success: Literal[True] = True
    video_path: str


class ChatAndLipsyncResponse(LipsyncResponse, StoredReplyFields):
    """The reply and its video."""

    response: str
    llm_source: str = Field(description="Addition (the stream's `done` has it too)")
    question_index: int | None = Field(None, description="Addition: questions asked so far")
    total_questions: int | None = Field(None, description="Addition")
    finished: bool | None = Field(None, description="Addition: the interviewer closed the interview")
    speaker: str | None = Field(None, description="Addition: the interviewer character who spoke")
