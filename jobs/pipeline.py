"""The turn pipeline: [LLM stream] → TTS → lipsync segments (render + encode) → one MP4 for the turn.

Runs on a job's thread. Each stage publishes the seed's events in the seed's order
(`status llm` → `token`… → `llm_done` → `status tts` → `status tts_done` → `status lipsync` → `done`),
plus a `segment` event as soon as each segment file is playable and `progress` events for Socket.IO.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from jobs.media import MediaStore
from jobs.queue import Job
from lipsync.base import LipsyncEngine, RenderSpec
from lipsync.encode import EncoderSettings, encode_segment, join_segments
from lipsync.segments import plan_segments, segment_samples
from llm.base import ChatEngine, ChatTurn
from llm.chat import ChatStream
from tts.base import AudioClip, TTSEngine
from tts.wav import write_wav

if TYPE_CHECKING:
    from avatars.store import AvatarStore

PROGRESS_LLM = 5  # percent reported when each stage starts (Socket.IO `progress`)
PROGRESS_TTS = 15
PROGRESS_RENDER_START = 25
PROGRESS_RENDER_END = 95


@dataclass(frozen=True)
class RenderOptions:
    """Validated rendering choices of a request."""

    avatar_id: str
    frame_skip: int = 1
    tts_engine: str = "espeak"
    tts_voice: str | None = None


@dataclass(frozen=True)
class TurnSpec:
    """What one job must produce: speech for `text`, or first a reply to `chat`."""

    options: RenderOptions
    text: str | None = None
    chat: ChatTurn | None = None


@dataclass(frozen=True)
class PipelineParts:
    """The engines and stores a pipeline needs (injected; nothing global)."""

    llm: ChatEngine
    tts: dict[str, TTSEngine]
    lipsync: LipsyncEngine
    avatars: "AvatarStore"
    media: MediaStore
    encoder_threads: int = 1


class TurnPipeline:
    """Runs one turn for a job and returns the `done` event's fields."""

    def __init__(self, parts: PipelineParts) -> None:
        self.parts = parts
        self.encoder = EncoderSettings(threads=parts.encoder_threads)

    def run(self, job: Job, spec: TurnSpec) -> dict[str, Any]:
        """Every stage in order; raises JobCancelled/engine errors, which the queue turns into events."""
        started = time.monotonic()
        elapsed: dict[str, float] = {}
        done: dict[str, Any] = {}
        text = spec.text
        if spec.chat is not None:
            chat = self._chat(job, spec.chat)
            text = chat.response
            elapsed["llm"] = chat.elapsed_s
            done.update(response=chat.response, llm_source=chat.llm_source)
        else:
            done["text"] = text
        assert text is not None
        stem = MediaStore.new_stem("turn")
        clip, audio = self._speak(job, text, spec.options, stem, elapsed)
        video = self._render(job, clip, spec.options, stem, elapsed)
        elapsed["total"] = round(time.monotonic() - started, 3)
        done.update(
            video_url=video.url,
            video_path=video.relative_path,
            audio_url=audio.url,
            audio_duration=round(clip.duration, 3),
            segments=job.segments_done,
            elapsed=elapsed,
        )
        return done

    def warm_up(self, avatar_id: str, tts_engine: str) -> None:
        """Run TTS, render and encode once on a short phrase so the first request meets warm engines."""
        clip = self.parts.tts[tts_engine].synthesize("안녕하세요.")
        avatar = self.parts.avatars.get(avatar_id)
        plan = plan_segments(clip.samples, clip.sample_rate, avatar.fps)[0]
        frames = self.parts.lipsync.render(RenderSpec(avatar, clip, plan.first_frame, plan.frame_count), threading.Event())
        scratch = self.parts.media.video(f"{MediaStore.new_stem('warmup')}.mp4")
        samples = segment_samples(clip.samples, clip.sample_rate, avatar.fps, plan)
        encode_segment(frames, samples, clip.sample_rate, avatar.fps, scratch.path, settings=self.encoder)
        scratch.path.unlink(missing_ok=True)

    # 1. LLM ---------------------------------------------------------------------------------
    def _chat(self, job: Job, turn: ChatTurn):
        job.publish("status", stage="llm", message="LLM 응답 생성 중...")
        job.publish("progress", progress=PROGRESS_LLM, stage="llm", message="LLM 응답 생성 중...")
        stream = ChatStream(self.parts.llm, turn, job.cancel_event)
        for piece in stream:
            job.check()
            job.publish("token", content=piece)
        job.check()
        result = stream.result
        assert result is not None
        job.publish("llm_done", response=result.response, llm_source=result.llm_source, elapsed=result.elapsed_s)
        return result

    # 2. TTS ---------------------------------------------------------------------------------
    def _speak(self, job: Job, text: str, options: RenderOptions, stem: str, elapsed: dict[str, float]):
        job.publish("status", stage="tts", message="TTS 음성 생성 중...")
        job.publish("progress", progress=PROGRESS_TTS, stage="tts", message="TTS 음성 생성 중...")
        started = time.monotonic()
        clip = self.parts.tts[options.tts_engine].synthesize(text, options.tts_voice, cancel=job.cancel_event)
        job.check()
        audio = self.parts.media.audio(f"{stem}.wav")
        write_wav(audio.path, clip)
        elapsed["tts"] = round(time.monotonic() - started, 3)
        job.publish(
            "status",
            stage="tts_done",
            message=f"TTS 완료 ({clip.duration:.1f}초)",
            audio_url=audio.url,
            duration=round(clip.duration, 3),
            elapsed=elapsed["tts"],
        )
        return clip, audio

    # 3. lipsync -----------------------------------------------------------------------------
    def _render(self, job: Job, clip: AudioClip, options: RenderOptions, stem: str, elapsed: dict[str, float]):
        job.publish("status", stage="lipsync", message="립싱크 비디오 생성 중...")
        avatar = self.parts.avatars.get(options.avatar_id)
        job.acquire_slot()
        started = time.monotonic()
        plans = plan_segments(clip.samples, clip.sample_rate, avatar.fps)
        total_frames = sum(p.frame_count for p in plans)
        segment_paths: list[Path] = []
        segment_audio: list[np.ndarray] = []  # frame-aligned slices: the joined audio stays in step with the video
        try:
            for index, plan in enumerate(plans):
                job.check()
                segment = self.parts.media.video(f"{stem}_seg{index:03d}.mp4")
                frames = self.parts.lipsync.render(
                    RenderSpec(avatar, clip, plan.first_frame, plan.frame_count, frame_skip=options.frame_skip),
                    job.cancel_event,
                )
                samples = segment_samples(clip.samples, clip.sample_rate, avatar.fps, plan)
                encode_segment(frames, samples, clip.sample_rate, avatar.fps, segment.path,
                               cancel=job.cancel_event, settings=self.encoder)
                job.check()
                segment_paths.append(segment.path)
                segment_audio.append(samples)
                job.segments_done = index + 1
                job.publish("segment", index=index, url=segment.url, start=round(plan.first_frame / avatar.fps, 3),
                            duration=round(plan.frame_count / avatar.fps, 3), count=len(plans))
                done_frames = plan.first_frame + plan.frame_count
                progress = PROGRESS_RENDER_START + (PROGRESS_RENDER_END - PROGRESS_RENDER_START) * done_frames // total_frames
                job.publish("progress", progress=progress, stage="lipsync",
                            message=f"프레임 처리 중... ({done_frames}/{total_frames})")
            video = self.parts.media.video(f"{stem}.mp4")
            join_segments(segment_paths, np.concatenate(segment_audio), clip.sample_rate, video.path, settings=self.encoder)
        except BaseException:
            for path in segment_paths:  # a cancelled or failed turn leaves nothing behind
                path.unlink(missing_ok=True)
            raise
        elapsed["lipsync"] = round(time.monotonic() - started, 3)
        job.publish("progress", progress=100, stage="done", message="완료")
        return video
