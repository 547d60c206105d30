"""The turn pipeline: [LLM tokens → sentences] → TTS per sentence → lipsync segments → encoder → one MP4.

Pipelined (PIPELINE_MODE=pipelined): the LLM and the TTS stage each run on a named thread and hand
their output on through bounded queues (`pipeline/handoff.py`), so the first sentence is spoken and
rendered while the LLM still writes the next; rendering stays on the job's thread. Sequential: the
same stages, each finished before the next starts (the bench's baseline). The seed's events keep their
order in both modes (`status llm` → `token`… → `llm_done` → `status tts` → `status tts_done` →
`status lipsync` → `done`) because each status is published by the stage that ends the phase before
it; `segment` events come as soon as each segment is playable (before `llm_done` when the LLM is
slow), and `progress` events only ever go up.

Cancel: the job's one cancel token (`ctx.cancel`) reaches every stage and engine; the job's thread
notices it within one frame (rendering) or one poll (waiting), joins the stages' threads and removes
every file the turn wrote. A failure takes the same path: the stage that stops early sets the token, so
the others stop too (the backend still reports the failure, not a cancel).
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, closing
from dataclasses import replace
from typing import Any

from pipeline.context import JobCancelled, TurnContext
from pipeline.events import Error, LlmDone, Token, TurnFailed, TurnResult
from pipeline.handoff import Handoff
from interview.exchange import Reply, keep_exchange
from interview.progress import interview_progress
from pipeline.media import MediaFile, MediaStore
from pipeline.render_stage import RenderStage
from pipeline.speech_stage import SpeechStage
from pipeline.spec import RenderOptions, TurnSpec
from pipeline.turn import PipelineParts, TurnState
from lipsync.base import RenderSpec
from lipsync.encode import EncoderSettings, encode_segment
from lipsync.segments import plan_segments, segment_samples
from llm.base import ChatTurn
from llm.chat import ChatStream
from store.database import DATABASE_UNAVAILABLE, UNAVAILABLE_ERRORS
from tts.text import SentenceStream, split_sentences

__all__ = ["MODES", "PipelineParts", "RenderOptions", "TurnPipeline", "TurnSpec"]

log = logging.getLogger(__name__)

MODES = ("pipelined", "sequential")
PROGRESS_LLM = 5  # percent reported when each stage starts (Socket.IO `progress`)
PROGRESS_TTS = 15
# Bounded, yet larger than a reply (a few sentences; MAX_TEXT_CHARS of text is ~30): while a job waits in
# line for a render slot its tokens keep flowing and its speech is finished (`tts_done`, `status lipsync`).
SENTENCE_BUFFER = 32  # sentences the LLM may run ahead of TTS
CLIP_BUFFER = 32  # spoken sentences TTS may run ahead of rendering


class TurnPipeline:
    """Runs one turn in a job's context and returns what it made (the `done` event's result)."""

    def __init__(self, parts: PipelineParts, mode: str = "pipelined") -> None:
        if mode not in MODES:
            raise ValueError(f"unknown pipeline mode {mode!r}; valid: {', '.join(MODES)}")
        self.parts = parts
        self.mode = mode
        self.encoder = EncoderSettings(threads=parts.encoder_threads, codec=parts.video_codec)

    def run(self, ctx: TurnContext, spec: TurnSpec) -> TurnResult:
        """Every stage; raises JobCancelled/engine errors, which the backend turns into events."""
        started = time.monotonic()
        avatar = self.parts.avatars.get(spec.options.avatar_id)
        turn = TurnState(ctx, spec, avatar, MediaStore.new_stem("turn"))
        try:
            video = self._stages(turn)
        except BaseException as e:
            turn.remove_files()  # a cancelled or failed turn leaves nothing behind
            outcome = "cancelled" if isinstance(e, JobCancelled) or ctx.cancel_requested else "error"
            self.parts.metrics.turn_finished(turn.timings, outcome)
            self._summarise(turn, outcome, time.monotonic() - started)
            raise
        turn.timings.total = time.monotonic() - started
        self.parts.metrics.turn_finished(turn.timings, "done")
        self._summarise(turn, "done", turn.timings.total)
        assert turn.audio_file is not None
        reply: dict[str, Any] = {"text": spec.text} if turn.chat is None or spec.chat is None else {
            "response": turn.chat.response, "llm_source": turn.chat.llm_source,
            **interview_progress(spec.chat, turn.chat.response).as_fields(), "speaker": _speaker(spec.chat)}
        result = TurnResult(video_url=video.url, video_path=video.relative_path, audio_url=turn.audio_file.url,
                            audio_duration=round(turn.timings.audio, 3), segments=len(turn.segments),
                            cache_hits=turn.timings.cache_hits, elapsed=turn.timings.elapsed(), **reply)
        return self._keep(ctx, spec, result)

    def _keep(self, ctx: TurnContext, spec: TurnSpec, result: TurnResult) -> TurnResult:
        """Store the finished chat turn where its request said (here, on whichever process ran it); the database out
        of reach ends the turn with an `error` that keeps the reply's text and media (they stay on disk until the
        janitor's MEDIA_RETENTION_S, like any unreferenced turn's)."""
        if spec.chat is None or spec.keep is None or self.parts.sessions is None:
            return result
        assert result.response is not None and result.llm_source is not None
        reply = Reply(result.response, result.llm_source, result.elapsed, result.audio_url, result.video_url)
        try:
            return replace(result, stored=keep_exchange(self.parts.sessions, spec.keep, spec.chat, reply))
        except UNAVAILABLE_ERRORS as e:
            log.warning("turn %s rendered but not stored: the database is unavailable (%s)", ctx.job_id,
                        type(e).__name__)
            raise TurnFailed(Error(message=DATABASE_UNAVAILABLE, code="database_unavailable", response=result.response,
                                   video_url=result.video_url, audio_url=result.audio_url)) from e

    def _summarise(self, turn: TurnState, outcome: str, seconds: float) -> None:
        """The turn's one summary line: outcome, seconds, TTFF, the engines that served it (fields in JSON logs)."""
        llm_source = turn.chat.llm_source if turn.chat is not None else None
        fields = {"outcome": outcome, "seconds": round(seconds, 3), "ttff": _rounded(turn.timings.ttff),
                  "llm_source": llm_source, "tts": turn.tts_engine or turn.spec.options.tts_engine,
                  "lipsync": self.parts.lipsync.name, "segments": len(turn.segments),
                  "cache_hits": turn.timings.cache_hits, "audio_seconds": round(turn.timings.audio, 3)}
        log.info("turn %s in %.2f s: ttff %s, llm %s, tts %s, lipsync %s", outcome, seconds,
                 "-" if fields["ttff"] is None else f"{fields['ttff']:.2f} s", llm_source or "-", fields["tts"],
                 fields["lipsync"], extra=fields)

    def _stages(self, turn: TurnState) -> MediaFile:
        """Sentences → speech → video, overlapped on bounded handoffs or one after the other."""
        speech, render = SpeechStage(self.parts, self.encoder), RenderStage(self.parts, self.encoder)
        if self.mode == "sequential":
            return render.render(turn, list(speech.speak(turn, list(self._sentences(turn)))))
        ctx = turn.ctx
        with ExitStack() as stages:  # closed in reverse: TTS first, then the LLM; each joins its thread
            sentences: Iterable[str] = self._sentences(turn) if turn.spec.chat is None else stages.enter_context(
                Handoff(f"job-{ctx.job_id}-llm", lambda: self._sentences(turn), SENTENCE_BUFFER, ctx.cancel, ctx.check))
            spoken = stages.enter_context(Handoff(
                f"job-{ctx.job_id}-tts", lambda: speech.speak(turn, sentences), CLIP_BUFFER, ctx.cancel, ctx.check))
            return render.render(turn, spoken)

    def warm_up(self, avatar_id: str, tts_engine: str) -> None:
        """Run TTS, render and encode once on a short phrase so the first request meets warm engines."""
        clip = self.parts.tts.engines[tts_engine].synthesize("안녕하세요.")
        avatar = self.parts.avatars.get(avatar_id)
        plan = plan_segments(clip.samples, clip.sample_rate, avatar.fps)[0]
        spec = RenderSpec(avatar, clip, plan.first_frame, plan.frame_count)
        scratch = self.parts.media.video(f"{MediaStore.new_stem('warmup')}.mp4")
        samples = segment_samples(clip.samples, clip.sample_rate, avatar.fps, plan)
        pool = self.parts.render_pool
        if pool is None:
            frames = self.parts.lipsync.render(spec, threading.Event())
            encode_segment(frames, samples, clip.sample_rate, avatar.fps, scratch.path, settings=self.encoder)
        else:  # every render process: started, its engine built, the avatar loaded (one turn each, open together)
            renders = [pool.open(self.parts.avatars.root, avatar.fps, clip.sample_rate, self.encoder)
                       for _ in range(pool.size)]
            for render in renders:
                render.render(spec, samples, scratch.path, threading.Event(), 0.0)
                render.close()
        scratch.path.unlink(missing_ok=True)

    # the text stage: the request's sentences, or the LLM's as they complete -------------------
    def _sentences(self, turn: TurnState) -> Iterator[str]:
        if turn.spec.chat is not None:
            yield from self._chat(turn, turn.spec.chat)
            return
        turn.status("tts", PROGRESS_TTS)
        assert turn.spec.text is not None
        yield from split_sentences(turn.spec.text)

    def _chat(self, turn: TurnState, chat: ChatTurn) -> Iterator[str]:
        ctx, timings = turn.ctx, turn.timings
        turn.status("llm", PROGRESS_LLM)
        stream = ChatStream(self.parts.llm, chat, ctx.cancel)
        splitter = SentenceStream()
        started = time.monotonic()
        with closing(iter(stream)) as pieces:  # closing it closes the engine's HTTP stream
            for piece in pieces:
                ctx.check()
                if timings.llm_first_token is None:
                    timings.llm_first_token = time.monotonic() - started
                    self.parts.metrics.llm_first_token.observe(timings.llm_first_token)
                ctx.publish(Token(content=piece))
                yield from splitter.feed(piece)
        ctx.check()  # a cancelled reply is not a reply
        result = stream.result
        assert result is not None
        turn.chat, timings.llm = result, result.elapsed_s
        ctx.publish(LlmDone(response=result.response, llm_source=result.llm_source, elapsed=result.elapsed_s))
        turn.status("tts", PROGRESS_TTS)
        yield from splitter.flush()


def _speaker(chat: ChatTurn) -> str | None:
    """The `done` event's `speaker`: the interviewer character who spoke (none for the house interviewer)."""
    return chat.persona.name if chat.persona is not None and chat.persona.name else None


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)
