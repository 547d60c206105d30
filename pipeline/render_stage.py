"""The lipsync stage, on the job's thread: render + encode each segment, publish it, then remux the turn's MP4.

The segments are the fragments of one fragmented MP4 per turn (lipsync.turn_stream: one video and one
audio encoder, timestamps on the turn's timeline); cached sentences' video is remuxed into it.
With `delivery: "face"` only the face region is rendered and encoded, each `segment` event carries its
`region` placement, and the whole-turn MP4 is composed on its first request (lipsync.face_full).

Segments are cut per sentence by `lipsync.segments` (its policy: the turn's very first segment is the
shortest, so video starts early). The idle loop continues across sentences: each sentence renders with
`loop_offset` = its first frame on the turn's timeline. The render slot is taken before the first
frame is rendered; cached sentences need none. Rendered sentences are stored in the render cache.
The first segment event of each sentence carries its `caption`: the text with its start and duration on
the turn's timeline (the pause before it included, so consecutive captions tile the whole audio).
"""
from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

import numpy as np

from pipeline.events import Caption, FaceRegion, Progress, Segment
from pipeline.media import MediaFile
from pipeline.turn import PipelineParts, Sentence, TurnState
from lipsync.base import RenderSpec
from lipsync.encode import EncoderSettings
from lipsync.face_full import write_recipe
from lipsync.region import Region
from lipsync.segments import SegmentPlan, plan_sentence, segment_samples, segments_needed
from lipsync.turn_render import LocalTurnRender, TurnRender
from lipsync.turn_stream import StreamSegment, TurnStream
from lipsync.video_codec import LIBX264

log = logging.getLogger(__name__)

PROGRESS_RENDER_START = 25  # percent (Socket.IO `progress`) at the first segment ...
PROGRESS_RENDER_END = 95  # ... and at the last, before the join


class RenderStage:
    """Consumes placed sentences, publishes `segment` events, returns the joined MP4."""

    def __init__(self, parts: PipelineParts, encoder: EncoderSettings) -> None:
        self.parts = parts
        self.encoder = encoder

    def render(self, turn: TurnState, sentences: Iterable[Sentence]) -> MediaFile:
        """Every sentence's segments in order, then the turn as one MP4."""
        ctx, timings = turn.ctx, turn.timings
        started: float | None = None
        stream: TurnRender | None = None
        try:
            for sentence in _logged_waits(turn, sentences):
                ctx.check()
                started = time.monotonic() if started is None else started
                stream = stream or self._open(turn)
                if sentence.clip is None:
                    self._remux_sentence(turn, stream, sentence)
                else:
                    self._render_sentence(turn, stream, sentence)
            ctx.check()
            join_started = time.monotonic()
            video = turn.new_file(self.parts.media.video(f"{turn.stem}.mp4"))
            if (region := self._region(turn)) is not None:
                write_recipe(video.path, turn.avatar.id, region, turn.segments, np.concatenate(turn.audio),
                             turn.sample_rate)
            elif stream is None:
                raise ValueError("nothing to join: no segments")
            else:  # where the turn's stream is: its segments' AAC packets make the whole turn's audio
                stream.join(turn.segments, video.path)
            timings.join = time.monotonic() - join_started
        finally:
            if stream is not None:
                stream.close()
        timings.lipsync = time.monotonic() - (started or join_started)
        turn.report(Progress(progress=100, stage="done"))
        return video

    def _open(self, turn: TurnState) -> TurnRender:
        """The turn's renderer + encoders: in a render process (RENDER_PROCESSES) or on this thread."""
        settings = self._stream_encoder(turn)
        if self.parts.render_pool is not None:
            return self.parts.render_pool.open(self.parts.avatars.root, turn.avatar.fps, turn.sample_rate, settings)
        return LocalTurnRender(self.parts.lipsync, TurnStream(turn.avatar.fps, turn.sample_rate, settings))

    def _remux_sentence(self, turn: TurnState, stream: TurnRender, sentence: Sentence) -> None:
        """A cached sentence: its segments' video joins the turn's stream with the turn's audio encoder."""
        first = 0
        for i, (path, frames) in enumerate(sentence.cached):
            samples = segment_samples(sentence.audio, turn.sample_rate, turn.avatar.fps, SegmentPlan(first, frames))
            self._publish(turn, stream.remux(path, frames, samples, path, _due(turn)), sentence if i == 0 else None)
            first += frames

    def _render_sentence(self, turn: TurnState, stream: TurnRender, sentence: Sentence) -> None:
        ctx, timings, avatar, clip = turn.ctx, turn.timings, turn.avatar, sentence.clip
        assert clip is not None
        if not turn.holds_slot:
            waited = time.monotonic()
            ctx.render_slot()
            turn.holds_slot, timings.slot_wait = True, time.monotonic() - waited
        rendered: list[tuple[Path, int]] = []
        plans = plan_sentence(clip.samples, clip.sample_rate, avatar.fps, opening=sentence.index == 0)
        for i, plan in enumerate(plans):
            ctx.check()
            path = turn.new_file(self.parts.media.video(f"{turn.stem}_s{sentence.index:02d}_{i:02d}.mp4")).path
            spec = RenderSpec(avatar, clip, plan.first_frame, plan.frame_count, loop_offset=sentence.first_frame,
                              frame_skip=turn.spec.options.frame_skip, region=self._region(turn))
            started = time.monotonic()
            segment, render = stream.render(spec, segment_samples(clip.samples, clip.sample_rate, avatar.fps, plan),
                                            path, ctx.cancel, _due(turn))
            encode = time.monotonic() - started - render
            timings.render += render
            timings.encode += encode
            timings.frames += plan.frame_count
            self.parts.metrics.encode.observe(encode)
            ctx.check()
            self._publish(turn, segment, sentence if i == 0 else None)
            rendered.append((path, plan.frame_count))
        if self.parts.cache is not None and sentence.key is not None:
            self.parts.cache.put(sentence.key, sentence.audio, turn.sample_rate, rendered)

    def _stream_encoder(self, turn: TurnState) -> EncoderSettings:
        return stream_encoder(self.encoder, turn.spec.options.delivery)

    def _region(self, turn: TurnState) -> Region | None:
        """The face region a "face" delivery streams (None: whole frames): the box the lipsync engine changes."""
        return self.parts.lipsync.region(turn.avatar) if turn.spec.options.delivery == "face" else None

    def _publish(self, turn: TurnState, segment: StreamSegment, opens: Sentence | None) -> None:
        """Announce a playable segment (+ the caption of the sentence it `opens`); `count`: segments expected.

        `fragment_offset`: where the segment's fragment starts in its file (before it: the turn's init segment).
        """
        ctx, fps, path, frames = turn.ctx, turn.avatar.fps, segment.path, segment.frame_count
        index, start = len(turn.segments), turn.frames_published
        turn.segments.append(path)
        turn.frames_published += frames
        if turn.timings.ttff is None:
            turn.timings.ttff = time.time() - ctx.created_at
            self.parts.metrics.ttff.observe(turn.timings.ttff)
        done, total = turn.frames_published, max(turn.frames_planned, turn.frames_published)
        caption = None if opens is None else Caption(
            opens.index, opens.text.strip(), round(opens.first_frame / fps, 3), round(opens.frame_count / fps, 3))
        region = self._region(turn)
        ctx.publish(Segment(index=index, url=self.parts.media.video(path.name).url, start=round(start / fps, 3),
                            duration=round(frames / fps, 3), count=index + 1 + segments_needed(total - done, fps),
                            caption=caption, fragment_offset=segment.fragment_offset,
                            region=None if region is None else FaceRegion(**region.as_event(turn.avatar))))
        percent = PROGRESS_RENDER_START + (PROGRESS_RENDER_END - PROGRESS_RENDER_START) * done // total
        turn.report(Progress(progress=percent, stage="lipsync", frames_done=done, frames_total=total))



def stream_encoder(encoder: EncoderSettings, delivery: str) -> EncoderSettings:
    """The segments' encoder: face boxes always on libx264 (small, cheap, often below NVENC's minimum width) with
    one thread (x264's slice threads cost a small box ~15 % more CPU than they save in time)."""
    return replace(encoder, codec=LIBX264, threads=1) if delivery == "face" else encoder


def _due(turn: TurnState) -> float:
    """When the viewer needs the turn's next segment (time.time()): at once before its first one was published,
    else when playback, started at the first segment, reaches it (render processes serve the earliest first)."""
    if turn.timings.ttff is None:
        return turn.ctx.created_at
    return turn.ctx.created_at + turn.timings.ttff + turn.frames_published / turn.avatar.fps


def _logged_waits(turn: TurnState, sentences: Iterable[Sentence]) -> Iterator[Sentence]:
    """`sentences`, logging at DEBUG when each was asked for and when it came (the wait is its TTS, when pipelined):
    record attribute `sentence_ready` = (turn stem, sentence index, asked, ready), time.monotonic."""
    pending = iter(sentences)
    while True:
        asked = time.monotonic()
        sentence = next(pending, None)
        if sentence is None:
            return
        ready = time.monotonic()
        log.debug("%s: sentence %d ready after %.3f s", turn.stem, sentence.index, ready - asked,
                  extra={"sentence_ready": (turn.stem, sentence.index, asked, ready)})
        yield sentence
