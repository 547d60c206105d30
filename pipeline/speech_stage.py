"""The TTS stage: each sentence spoken (or found in the render cache) and laid on the turn's frame timeline.

Sentences after the first get SENTENCE_PAUSE_S of silence before them, as one synthesis call of the
whole text would have, and each sentence's PCM is padded to whole video frames so the turn's audio,
its segments and the joined MP4 share one timeline. When the last sentence is spoken the turn's WAV is
written and `tts_done` (with the whole turn's audio) and `status lipsync` are published.
"""
from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, replace

import numpy as np

from pipeline.events import SpeechDone, Status
from pipeline.render_cache import sentence_key
from pipeline.render_stage import stream_encoder
from pipeline.turn import PipelineParts, Sentence, TurnState
from lipsync.blinks import idle_length
from lipsync.encode import EncoderSettings
from lipsync.segments import SegmentPlan, frame_count_for, segment_samples
from tts.base import AudioClip, Timing, TTSError
from tts.wav import write_wav

SENTENCE_PAUSE_S = 0.3  # s of silence before each sentence after the first (espeak pauses ~0.3 s within one call)
_SPEAKABLE = re.compile(r"\w")


class SpeechStage:
    """Turns sentences into placed, spoken `Sentence`s; runs on the TTS thread (pipelined) or the job's."""

    def __init__(self, parts: PipelineParts, encoder: EncoderSettings) -> None:
        self.parts = parts
        self.encoder = encoder  # part of the render cache key

    def speak(self, turn: TurnState, sentences: Iterable[str]) -> Iterator[Sentence]:
        """Yield each sentence as soon as it is spoken; publish `tts_done` after the last."""
        for text in sentences:
            turn.ctx.check()
            if not _SPEAKABLE.search(text):
                continue  # punctuation or emoji alone: nothing to say
            pause = SENTENCE_PAUSE_S if turn.audio else 0.0
            key = self._cache_key(turn, text, pause)
            sentence = self._from_cache(turn, text, key) or self._synthesize(turn, text, pause, key)
            turn.audio.append(sentence.audio)
            turn.frames_planned += sentence.frame_count
            yield sentence
        self._finish(turn)

    def _cache_key(self, turn: TurnState, text: str, pause: float) -> str | None:
        if self.parts.cache is None:
            return None
        options, avatar, engine = turn.spec.options, turn.avatar, self.parts.lipsync
        return sentence_key(
            text=text, voice=options.tts_voice, tts=options.tts_engine, avatar=avatar.id, resolution=avatar.resolution,
            avatar_hash=avatar.source_hash, frame_skip=options.frame_skip, pause=pause, delivery=options.delivery,
            lipsync=[engine.name, engine.version],
            encoder=asdict(stream_encoder(self.encoder, options.delivery)),
            loop_position=turn.frames_planned % idle_length(avatar.loop_length, avatar.fps),  # breathing and blinks
        )

    def _from_cache(self, turn: TurnState, text: str, key: str | None) -> Sentence | None:
        if key is None or self.parts.cache is None:
            return None
        index = len(turn.audio)
        hit = self.parts.cache.checkout(
            key, lambda i: turn.new_file(self.parts.media.video(f"{turn.stem}_s{index:02d}_{i:02d}.mp4")).path)
        self.parts.metrics.cache_lookup(hit is not None)
        if hit is None:
            return None
        _check_rate(turn, hit.sample_rate)
        turn.timings.cache_hits += 1
        frames = sum(count for _, count in hit.segments)
        return Sentence(index, text, turn.frames_planned, frames, hit.audio, key, cached=hit.segments)

    def _synthesize(self, turn: TurnState, text: str, pause: float, key: str | None) -> Sentence:
        options, timings = turn.spec.options, turn.timings
        started = time.monotonic()
        spoken = self.parts.tts.speak(text, options.tts_engine, options.tts_voice, turn.ctx.cancel)
        clip = spoken.clip
        turn.tts_engine = spoken.engine
        turn.tts_fallback_reason = turn.tts_fallback_reason or spoken.fallback_reason
        spent = time.monotonic() - started
        self.parts.metrics.tts_first_byte.observe(spent)  # engines return whole sentences: first byte = all
        timings.tts += spent
        timings.tts_first = spent if timings.tts_first is None else timings.tts_first
        _check_rate(turn, clip.sample_rate)
        if pause:
            clip = with_lead_silence(clip, pause)
        fps = turn.avatar.fps
        frames = frame_count_for(clip.duration, fps)
        audio = segment_samples(clip.samples, clip.sample_rate, fps, SegmentPlan(0, frames))
        return Sentence(len(turn.audio), text, turn.frames_planned, frames, audio, key, clip=clip)

    def _finish(self, turn: TurnState) -> None:
        """All sentences spoken: the turn's WAV, then `tts_done` (the whole turn) and `status lipsync`."""
        if not turn.audio:
            raise TTSError("the text has nothing to speak")
        audio = turn.new_file(self.parts.media.audio(f"{turn.stem}.wav"))
        samples = np.concatenate(turn.audio)
        write_wav(audio.path, AudioClip(samples, turn.sample_rate))
        turn.audio_file, turn.timings.audio = audio, len(samples) / turn.sample_rate
        turn.ctx.publish(SpeechDone(audio_url=audio.url, duration=round(turn.timings.audio, 3),
                                    elapsed=round(turn.timings.tts, 3),
                                    tts_engine=turn.tts_engine or turn.spec.options.tts_engine,
                                    tts_fallback_reason=turn.tts_fallback_reason))
        turn.ctx.publish(Status(stage="lipsync"))


def _check_rate(turn: TurnState, sample_rate: int) -> None:
    """Every sentence of a turn must share one sample rate (the joined audio is one stream)."""
    if turn.sample_rate and sample_rate != turn.sample_rate:
        raise TTSError(f"the TTS engine changed sample rate mid-turn ({turn.sample_rate} → {sample_rate} Hz)")
    turn.sample_rate = sample_rate


def with_lead_silence(clip: AudioClip, pause_s: float) -> AudioClip:
    """`clip` with `pause_s` of silence before it, its timings moved along."""
    lead = round(pause_s * clip.sample_rate)
    shift = lead / clip.sample_rate
    samples = np.concatenate([np.zeros(lead, dtype=clip.samples.dtype), clip.samples])

    def moved(timings: tuple[Timing, ...]) -> tuple[Timing, ...]:
        return tuple(replace(t, start=t.start + shift, end=t.end + shift) for t in timings)

    return AudioClip(samples, clip.sample_rate, moved(clip.phonemes), moved(clip.words))
