"""A local ElevenLabs text-to-speech server: /v1/text-to-speech/{voice_id}[/stream][/with-timestamps].

    with FakeElevenLabs(voices={"voice123"}) as fake:
        engine = ElevenLabsEngine("xi-test-key", base_url=fake.base_url, voices={"Rachel": "voice123"}, ...)
        fake.requests[-1].json["model_id"]

Audio is pcm_<rate> (s16le mono) made by tests.fakes.speech: `char_s` seconds per character.
"""
from __future__ import annotations

import base64
import json
import re
import threading
import time
from collections.abc import Collection
from enum import StrEnum
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.fakes.base import DEFAULT_HOLD_S, Exchange, FakeHTTPServer
from tests.fakes.speech import char_samples, speech_like

ROUTE = re.compile(r"^/v1/text-to-speech/(?P<voice>[^/]+)(?P<stream>/stream)?(?P<ts>/with-timestamps)?$")
PCM_RATE = re.compile(r"^pcm_(\d+)$")
DEFAULT_FORMAT = "pcm_16000"  # the fake only speaks PCM; the real default is mp3_44100_128


class Fault(StrEnum):
    """How the fake misbehaves."""

    NONE = "none"
    NO_AUDIO = "no_audio"  # 200 NDJSON lines whose audio is empty
    SSE = "sse"  # lines framed as SSE `data: {...}`: the SDK skips unparsable lines without error
    ODD_BYTES = "odd_bytes"  # one stray byte after the audio
    TRUNCATE = "truncate"  # the stream is cut after the first line
    HTTP_500 = "http_500"
    HANG = "hang"  # accept and say nothing for hang_s


def _alignment(chars: str, start: float, char_s: float, shift: float) -> dict[str, Any]:
    starts = [start + i * char_s - shift for i in range(len(chars))]
    return {"characters": list(chars), "character_start_times_seconds": [round(s, 6) for s in starts],
            "character_end_times_seconds": [round(s + char_s, 6) for s in starts]}


class FakeElevenLabs(FakeHTTPServer):
    """Speaks ElevenLabs' text-to-speech wire protocol; `fault` and the knobs may change between requests."""

    def __init__(
        self,
        *,
        api_key: str = "xi-test-key",
        voices: Collection[str] | None = None,
        char_s: float = 0.06,
        chars_per_chunk: int = 8,
        relative_times: bool = False,
        null_alignment_every: int = 0,
        chunk_delay_s: float = 0.0,
        first_delay_s: float = 0.0,
        fault: Fault = Fault.NONE,
        hang_s: float = DEFAULT_HOLD_S,
    ) -> None:
        super().__init__()
        self.api_key = api_key
        self.voices = voices  # None: any voice id exists
        self.char_s = char_s
        self.chars_per_chunk = chars_per_chunk
        self.relative_times = relative_times  # chunk times from the chunk's own start instead of the utterance's
        self.null_alignment_every = null_alignment_every  # every Nth chunk has "alignment": null
        self.chunk_delay_s = chunk_delay_s
        self.first_delay_s = first_delay_s
        self.fault = fault
        self.hang_s = hang_s

    @property
    def base_url(self) -> str:
        """The SDK's base_url (no /v1)."""
        return self.url

    def handle(self, exchange: Exchange) -> None:
        """Route one request."""
        url = urlsplit(exchange.request.path)
        match = ROUTE.match(url.path)
        if exchange.request.method != "POST" or match is None:
            exchange.send_json(404, {"detail": "Not Found"})
            return
        if exchange.request.headers.get("xi-api-key") != self.api_key:
            exchange.send_json(401, {"detail": {"status": "invalid_api_key", "message": "Invalid API key"}})
            return
        voice = match["voice"]
        if self.voices is not None and voice not in self.voices:
            exchange.send_json(404, {"detail": {"status": "voice_not_found",
                                                "message": f"A voice with voice_id {voice} was not found."}})
            return
        fmt = parse_qs(url.query).get("output_format", [DEFAULT_FORMAT])[0]
        body = exchange.request.json or {}
        rate = PCM_RATE.match(fmt)
        if rate is None or not isinstance(body.get("text"), str):
            exchange.send_json(422, {"detail": [{"loc": ["query", "output_format"], "msg": "unsupported",
                                                 "type": "value_error"}]})
            return
        self._speak(exchange, body["text"], int(rate[1]), bool(match["stream"]), bool(match["ts"]))

    def _speak(self, exchange: Exchange, text: str, rate: int, stream: bool, timestamps: bool) -> None:
        if self.fault == Fault.HANG:
            exchange.hold(threading.Event(), self.hang_s)
            exchange.drop()
            return
        if self.fault == Fault.HTTP_500:
            exchange.send_json(500, {"detail": {"status": "internal_error", "message": "Something went wrong"}})
            return
        pcm = speech_like(text, rate, self.char_s).astype("<i2").tobytes()
        if self.fault == Fault.ODD_BYTES:
            pcm += b"\x00"
        if not timestamps and not stream:
            exchange.send(200, "audio/pcm", pcm)
        elif not timestamps:
            self._stream_raw(exchange, pcm)
        elif not stream:
            exchange.send_json(200, self._line(text, 0, len(text), rate, pcm, shift=False))
        else:
            self._stream_lines(exchange, text, rate, pcm)

    def _line(self, text: str, first: int, last: int, rate: int, pcm: bytes, shift: bool) -> dict[str, Any]:
        """One response object for characters [first, last) of `text`."""
        per_char = char_samples(rate, self.char_s) * 2
        audio = pcm[first * per_char:last * per_char] if last < len(text) else pcm[first * per_char:]
        if self.fault == Fault.NO_AUDIO:
            audio = b""
        start = first * per_char / 2 / rate
        aligned = _alignment(text[first:last], start, self.char_s, start if shift else 0.0)
        return {"audio_base64": base64.b64encode(audio).decode(), "alignment": aligned,
                "normalized_alignment": aligned}

    def _stream_lines(self, exchange: Exchange, text: str, rate: int, pcm: bytes) -> None:
        """NDJSON: one object per chunk of characters, newline-separated."""
        lines = []
        for index, first in enumerate(range(0, max(len(text), 1), self.chars_per_chunk)):
            obj = self._line(text, first, min(first + self.chars_per_chunk, len(text)), rate, pcm,
                             shift=self.relative_times)
            if self.null_alignment_every and index % self.null_alignment_every == self.null_alignment_every - 1:
                obj["alignment"] = obj["normalized_alignment"] = None
            line = json.dumps(obj)
            lines.append(("data: " + line + "\n\n" if self.fault == Fault.SSE else line + "\n").encode())
        exchange.start_chunked("application/json")
        time.sleep(self.first_delay_s)
        for index, line in enumerate(lines):
            if self.fault == Fault.TRUNCATE and index == 1:
                exchange.drop()
                return
            if index:
                time.sleep(self.chunk_delay_s)
            if not exchange.write_chunk(line):
                return
        exchange.end_chunked()

    def _stream_raw(self, exchange: Exchange, pcm: bytes) -> None:
        exchange.start_chunked("audio/pcm")
        time.sleep(self.first_delay_s)
        exchange.write_chunk(pcm)
        exchange.end_chunked()
