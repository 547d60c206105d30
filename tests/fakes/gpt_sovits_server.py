"""A local GPT-SoVITS api_v2 server: POST /tts with its validation order, bytes and failure modes.

    with FakeGptSovits(ref_audio_paths={"ref/interviewer.wav"}) as fake:
        engine = GptSovitsEngine(fake.base_url, ref_audio="ref/interviewer.wav", prompt_text="...")
        fake.requests[-1].json["streaming_mode"]; fake.max_in_flight

Follows shared/contracts/engines.md §1: 400 {"message"} errors, 422 {"detail"} type errors, modes
0-3, streaming wav = a 44-byte header declaring 0 frames then raw PCM, and the failures that look
like success (1 s of 16 kHz silence with 200, a chunked body cut short, an odd byte count).
"""
from __future__ import annotations

import io
import re
import threading
import time
import wave
from collections.abc import Collection
from enum import StrEnum
from typing import Any

import numpy as np

from tests.fakes.base import DEFAULT_HOLD_S, Exchange, FakeHTTPServer
from tests.fakes.speech import speech_like

LANGUAGES = ("auto", "auto_yue", "en", "zh", "ja", "yue", "ko", "all_zh", "all_ja", "all_yue", "all_ko")
MEDIA_TYPES = ("wav", "raw", "ogg", "aac")
SPLIT_METHODS = ("cut0", "cut1", "cut2", "cut3", "cut4", "cut5")
FAILURE_RATE = 16000  # Hz of the silence api_v2 yields when inference fails
TOKEN_S = 0.04  # s of audio per semantic token (25 Hz)
FIELD_TYPES: dict[str, tuple[type, ...]] = {  # pydantic types of TTS_Request -> 422 when violated
    "top_k": (int,), "top_p": (int, float), "temperature": (int, float), "batch_size": (int,),
    "speed_factor": (int, float), "fragment_interval": (int, float), "seed": (int,),
    "streaming_mode": (bool, int), "min_chunk_length": (int,), "overlap_length": (int,),
}
SEGMENT_END = re.compile(r"(?<=[,.;?!、，。？！；：…\n])")  # cut5: split after any punctuation


class Fault(StrEnum):
    """How the fake misbehaves (may change between requests)."""

    NONE = "none"
    SILENT_200 = "silent_200"  # inference failed: 1 s of 16 kHz zeros with 200 (streaming: then cut)
    TRUNCATE = "truncate"  # the body stops halfway without a clean end
    ODD_BYTES = "odd_bytes"  # one stray byte after the audio
    HEADER_ONLY = "header_only"  # a clean 200 with no audio (streaming wav: just the 44-byte header)
    HTTP_500 = "http_500"  # plain-text "Internal Server Error"
    HANG = "hang"  # accept and say nothing for hang_s
    WAV_FOR_RAW = "wav_for_raw"  # raw PCM asked for, a WAV (RIFF header first) sent under audio/raw


def wav_file(samples: np.ndarray, rate: int, declare_frames: bool = True) -> bytes:
    """A mono 16-bit WAV; declare_frames=False gives the streaming header (0 frames, no data)."""
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        if declare_frames:
            w.writeframes(samples.astype("<i2").tobytes())
    return out.getvalue()


class FakeGptSovits(FakeHTTPServer):
    """Speaks api_v2's POST /tts; records requests and the most requests it ever served at once."""

    def __init__(
        self,
        *,
        sample_rate: int = 32000,
        ref_audio_paths: Collection[str] = ("ref/interviewer.wav",),
        char_s: float = 0.05,
        synth_delay_s: float = 0.0,
        chunk_delay_s: float = 0.0,
        fault: Fault = Fault.NONE,
        hang_s: float = DEFAULT_HOLD_S,
    ) -> None:
        super().__init__()
        self.sample_rate = sample_rate
        self.ref_audio_paths = set(ref_audio_paths)  # files that "exist" on the GPT-SoVITS host
        self.char_s = char_s
        self.synth_delay_s = synth_delay_s  # s before the first byte of every answer
        self.chunk_delay_s = chunk_delay_s  # s between streamed chunks
        self.fault = fault
        self.hang_s = hang_s
        self.in_flight = 0
        self.max_in_flight = 0
        self._count_lock = threading.Lock()

    @property
    def base_url(self) -> str:
        """TTS_BASE_URL for this server."""
        return self.url

    @property
    def tts_bodies(self) -> list[Any]:
        """JSON bodies of the POST /tts requests received, oldest first."""
        return [r.json for r in self.requests_to("/tts") if r.method == "POST"]

    def handle(self, exchange: Exchange) -> None:
        """Route one request, counting overlapping /tts requests."""
        if exchange.request.path != "/tts" or exchange.request.method != "POST":
            exchange.send_json(404, {"detail": "Not Found"})
            return
        with self._count_lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            self._tts(exchange, exchange.request.json or {})
        finally:
            with self._count_lock:
                self.in_flight -= 1

    def _tts(self, exchange: Exchange, req: dict[str, Any]) -> None:
        error = self._validate(req)
        if error is not None:
            exchange.send_json(*error)
            return
        mode, media = int(req.get("streaming_mode", 0)), req.get("media_type", "wav")
        time.sleep(self.synth_delay_s)
        if self.fault == Fault.HANG:
            exchange.hold(threading.Event(), self.hang_s)
            exchange.drop()
            return
        if self.fault == Fault.HTTP_500:
            exchange.send(500, "text/plain; charset=utf-8", b"Internal Server Error")
            return
        # failures inside TTS.run: a 400 before any byte in mode 0, a cut stream once 200 was sent
        run_error = None
        if req["text_lang"] != req["text_lang"].lower():
            run_error = ""  # the case-sensitive assert has no message
        elif req["ref_audio_path"] not in self.ref_audio_paths:
            run_error = f"{req['ref_audio_path']} not exists"
        if mode == 0:
            self._whole(exchange, req, media, run_error)
        else:
            self._streamed(exchange, req, mode, media, run_error)

    def _validate(self, req: dict[str, Any]) -> tuple[int, Any] | None:
        """api_v2's checks in its order: pydantic types (422), check_params (400), streaming_mode (400)."""
        for name, types in FIELD_TYPES.items():
            if name in req and not isinstance(req[name], types):
                return 422, {"detail": [{"type": "int_parsing", "loc": ["body", name],
                                         "msg": "Input should be a valid integer", "input": req[name]}]}
        for name in ("ref_audio_path", "text", "text_lang", "prompt_lang"):
            if not req.get(name):
                return 400, {"message": f"{name} is required"}
        for name in ("text_lang", "prompt_lang"):
            if req[name].lower() not in LANGUAGES:
                return 400, {"message": f"{name}: {req[name]} is not supported in version v2"}
        if req.get("media_type", "wav") not in MEDIA_TYPES:
            return 400, {"message": f"media_type: {req['media_type']} is not supported"}
        if req.get("text_split_method", "cut5") not in SPLIT_METHODS:
            return 400, {"message": f"text_split_method:{req['text_split_method']} is not supported"}
        if req.get("streaming_mode", 0) not in (0, 1, 2, 3):
            return 400, {"message": "the value of streaming_mode must be 0, 1, 2, 3(int) or true/false(bool)"}
        return None

    def _segments(self, text: str, fragment_interval: float) -> list[np.ndarray]:
        """Audio per text segment (cut5), each followed by fragment_interval s of silence."""
        gap = np.zeros(int(round(fragment_interval * self.sample_rate)), np.int16)
        parts = [p for p in SEGMENT_END.split(text) if p.strip()] or [text]
        return [np.concatenate([speech_like(p.strip(), self.sample_rate, self.char_s), gap]) for p in parts]

    def audio_for(self, text: str, fragment_interval: float = 0.3) -> np.ndarray:
        """The exact samples a successful answer for `text` carries (any mode)."""
        return np.concatenate(self._segments(text, fragment_interval))

    def _whole(self, exchange: Exchange, req: dict[str, Any], media: str, run_error: str | None) -> None:
        """Mode 0: one complete answer with Content-Length."""
        if run_error is not None:
            exchange.send_json(400, {"message": "tts failed", "Exception": run_error})
            return
        rate, audio = self.sample_rate, self.audio_for(req["text"], float(req.get("fragment_interval", 0.3)))
        if self.fault == Fault.SILENT_200:
            rate, audio = FAILURE_RATE, np.zeros(FAILURE_RATE, np.int16)
        if self.fault == Fault.HEADER_ONLY:
            audio = audio[:0]
        wav = media == "wav" or self.fault == Fault.WAV_FOR_RAW
        body = wav_file(audio, rate) if wav else audio.astype("<i2").tobytes()
        if self.fault == Fault.ODD_BYTES:
            body += b"\x01"
        if self.fault == Fault.TRUNCATE:
            self._send_cut(exchange, f"audio/{media}", body)
            return
        exchange.send(200, f"audio/{media}", body)

    @staticmethod
    def _send_cut(exchange: Exchange, content_type: str, body: bytes) -> None:
        """Declare the full Content-Length, send half, hang up (a proxy or a dying worker)."""
        handler = exchange._handler  # noqa: SLF001 - Exchange has no helper for a lying Content-Length
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body[:len(body) // 2])
        exchange.drop()

    def _chunks(self, req: dict[str, Any], mode: int) -> list[bytes]:
        """Mode 1: one chunk per segment; modes 2/3: min_chunk_length tokens per chunk, then the silence."""
        chunks = []
        per_chunk = int(req.get("min_chunk_length", 16) * TOKEN_S * self.sample_rate)
        gap = int(round(float(req.get("fragment_interval", 0.3)) * self.sample_rate))
        for segment in self._segments(req["text"], float(req.get("fragment_interval", 0.3))):
            if mode == 1:
                chunks.append(segment)
                continue
            speech, silence = segment[:len(segment) - gap], segment[len(segment) - gap:]
            chunks += [speech[i:i + per_chunk] for i in range(0, len(speech), per_chunk)] + [silence]
        return [c.astype("<i2").tobytes() for c in chunks if len(c)]

    def _streamed(self, exchange: Exchange, req: dict[str, Any], mode: int, media: str,
                  run_error: str | None) -> None:
        """Modes 1-3: chunked; wav starts with a header that declares 0 frames."""
        exchange.start_chunked(f"audio/{media}")
        header_rate = FAILURE_RATE if self.fault == Fault.SILENT_200 else self.sample_rate
        wav = media == "wav" or self.fault == Fault.WAV_FOR_RAW
        if wav and not exchange.write_chunk(wav_file(np.zeros(0, np.int16), header_rate, False)):
            return
        if run_error is not None:  # the generator raised after 200 was committed
            exchange.drop()
            return
        if self.fault == Fault.SILENT_200:
            exchange.write_chunk(np.zeros(FAILURE_RATE, "<i2").tobytes())
            exchange.drop()
            return
        chunks = [] if self.fault == Fault.HEADER_ONLY else self._chunks(req, mode)
        if self.fault == Fault.ODD_BYTES:
            chunks[-1] += b"\x01"
        for index, chunk in enumerate(chunks):
            if self.fault == Fault.TRUNCATE and index == len(chunks) // 2:
                exchange.drop()
                return
            if index:
                time.sleep(self.chunk_delay_s)
            if not exchange.write_chunk(chunk):
                return
        exchange.end_chunked()
