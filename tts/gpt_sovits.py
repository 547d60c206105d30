"""GPT-SoVITS api_v2 (`POST /tts`): raw or WAV PCM, streaming modes 0-3, one request per server.

Wire contract: shared/contracts/engines.md §1. The server answers some failures with what looks
like success (HTTP 200 with one second of 16 kHz silence, a chunked body cut short, an odd byte
count), so every answer is checked before it becomes an AudioClip.
"""
from __future__ import annotations

import http.client
import json
import logging
import socket
import struct
import threading
from collections.abc import Iterable
from typing import Annotated, Any
from urllib.parse import urlsplit

import numpy as np
from pydantic import Field

from settings.engine import EngineSettings
from tts.base import AudioClip, NothingToSpeak, TTSEngine, TTSEntry, TTSError
from tts.remote import AbortWatch, PcmBuffer, Synthesis
from tts.voices import SOVITS_DEFAULT_ID, SOVITS_SPLIT_METHODS, Voice, sovits_default_voice

log = logging.getLogger(__name__)

DEFAULT_SAMPLE_RATE = 32000  # Hz, v2/v2Pro weights (v3: 24000, v4: 48000)
FAILURE_SAMPLE_RATE = 16000  # Hz of the silence api_v2 returns when inference failed
DEFAULT_TIMEOUT_S = 60.0  # s for queueing plus the whole request
CONNECT_TIMEOUT_S = 3.0  # s
LOCK_POLL_S = 0.05  # s between cancel checks while another request holds the server
READ_BYTES = 16384  # bytes per socket read
WAV_HEADER_BYTES = 44  # the `wave` module's header that streaming wav starts with
RIFF_MAGIC = b"RIFF"  # how every WAV file starts
WAV_CONTENT_TYPE = "audio/wav"
ERROR_TEXT_MAX = 300  # characters of a server message kept in TTSError
LANGUAGES = ("auto", "auto_yue", "en", "zh", "ja", "yue", "ko", "all_zh", "all_ja", "all_yue", "all_ko")
MEDIA_TYPES = ("raw", "wav")
STREAMING_MODES = (0, 1, 2, 3)

_server_locks: dict[str, threading.Lock] = {}
_server_locks_guard = threading.Lock()


def _server_lock(base_url: str) -> threading.Lock:
    """The lock of one GPT-SoVITS server: its pipeline is process-global and not thread-safe."""
    with _server_locks_guard:
        return _server_locks.setdefault(base_url.rstrip("/"), threading.Lock())


def parse_wav_header(data: bytes) -> tuple[int, int] | None:
    """(sample_rate, offset of the PCM) of a mono 16-bit PCM WAV, None while the header is incomplete.

    The data chunk's size is ignored: streaming answers declare 0 and then send the PCM anyway.
    """
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise TTSError("gpt_sovits: answer is not a WAV file")
    pos, rate = 12, None
    while pos + 8 <= len(data):
        tag, size = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        if tag == b"fmt ":
            fmt, channels, rate, _, _, bits = struct.unpack("<HHIIHH", data[pos + 8:pos + 24])
            if (fmt, channels, bits) != (1, 1, 16):
                raise TTSError(f"gpt_sovits: WAV is format {fmt}, {channels} ch, {bits} bit; need PCM mono 16-bit")
        elif tag == b"data":
            if rate is None:
                raise TTSError("gpt_sovits: WAV data chunk before its fmt chunk")
            return rate, pos + 8
        pos += 8 + size + (size & 1)
    return None


class GptSovitsEngine(TTSEngine):
    """TTSEngine for a GPT-SoVITS api_v2 server."""

    name = "gpt_sovits"
    display_name = "GPT-SoVITS"

    def __init__(
        self,
        base_url: str,
        *,
        ref_audio: str | None = None,
        prompt_text: str = "",
        prompt_lang: str = "ko",
        text_lang: str = "ko",
        voices: Iterable[Voice] = (),
        sample_rate: int = DEFAULT_SAMPLE_RATE,
        streaming_mode: int = 2,
        media_type: str = "raw",
        text_split_method: str = "cut5",
        api_path: str = "/tts",
        timeout_s: float = DEFAULT_TIMEOUT_S,
        extra: dict[str, Any] | None = None,
    ) -> None:
        url = urlsplit(base_url)
        if url.scheme not in ("http", "https") or not url.hostname:
            raise TTSError(f"gpt_sovits: base_url must be http(s)://host[:port], got {base_url!r}")
        self._check_choice("streaming_mode", streaming_mode, STREAMING_MODES)
        self._check_choice("media_type", media_type, MEDIA_TYPES)
        self._check_choice("text_split_method", text_split_method, SOVITS_SPLIT_METHODS)
        self._url = url
        self._path = url.path.rstrip("/") + "/" + api_path.lstrip("/")
        self._lock = _server_lock(base_url)
        self._voices = {v.voice_id: v for v in voices if v.engine == self.name and v.configured}
        self.default_voice = sovits_default_voice(ref_audio, prompt_text, prompt_lang, text_lang) if ref_audio else None
        if self.default_voice:
            self._voices[SOVITS_DEFAULT_ID] = self.default_voice
        if not self._voices:
            raise TTSError("gpt_sovits: no voice configured (set GPT_SOVITS_REF_AUDIO or add catalogue voices)")
        self.sample_rate = sample_rate
        self.streaming_mode = streaming_mode
        self.media_type = media_type
        self.text_split_method = text_split_method
        self.timeout_s = timeout_s
        self.extra = dict(extra or {})  # further api_v2 fields (top_k, speed_factor, seed, ...)

    @staticmethod
    def _check_choice(field: str, value: object, allowed: tuple[object, ...]) -> None:
        """Raise TTSError unless `value` is one of `allowed`."""
        if value not in allowed or isinstance(value, bool):
            raise TTSError(f"gpt_sovits: {field} must be one of {', '.join(map(str, allowed))}, got {value!r}")

    @property
    def settings(self) -> dict[str, Any]:
        """Everything besides text and voice that changes the audio (for cache keys)."""
        voices = {k: (v.ref_audio, v.prompt_text, v.prompt_lang, v.language, sorted(v.options.items()))
                  for k, v in self._voices.items()}
        return {"sample_rate": self.sample_rate, "streaming_mode": self.streaming_mode,
                "text_split_method": self.text_split_method,
                "voices": voices, "extra": self.extra, "default_voice": self._default_id()}

    def voices(self) -> list[str]:
        """Voice ids this engine accepts."""
        return list(self._voices)

    def status(self) -> str:
        """"online" when the server accepts a TCP connection within CONNECT_TIMEOUT_S (api_v2 has no health route)."""
        try:
            socket.create_connection((self._url.hostname, self._url.port or 80), CONNECT_TIMEOUT_S).close()
        except OSError:
            return "offline"
        return "online"

    def _default_id(self) -> str:
        return SOVITS_DEFAULT_ID if self.default_voice else next(iter(self._voices))

    def synthesize(
        self, text: str, voice: str | None = None, *, cancel: threading.Event | None = None,
        text_lang: str | None = None, streaming_mode: int | None = None,
    ) -> AudioClip:
        """Speak `text`; raise TTSError on failure (including failures that come as HTTP 200)."""
        return self.synthesize_timed(text, voice, cancel=cancel, text_lang=text_lang,
                                     streaming_mode=streaming_mode).clip

    def request_body(self, text: str, voice: str | None, text_lang: str | None, streaming_mode: int | None
                     ) -> dict[str, Any]:
        """The JSON body of POST /tts for this text and voice."""
        chosen = self._voices.get(voice or self._default_id())
        if chosen is None:
            raise TTSError(f"gpt_sovits: unknown voice {voice!r}; valid: {', '.join(self._voices)}")
        if not text.strip():
            raise NothingToSpeak("gpt_sovits: nothing to say (empty text)")
        lang = (text_lang or chosen.language).lower()  # api_v2 asserts case-sensitively: always lower-case
        self._check_choice("text_lang", lang, LANGUAGES)
        mode = self.streaming_mode if streaming_mode is None else streaming_mode
        self._check_choice("streaming_mode", mode, STREAMING_MODES)
        tuning = dict(chosen.options)  # the voice's own speed_factor, top_k, ... (validated by the catalogue)
        split = tuning.pop("text_split_method", self.text_split_method)
        return {
            **self.extra,
            **tuning,
            "text": text,
            "text_lang": lang,
            "ref_audio_path": chosen.ref_audio,
            "prompt_text": chosen.prompt_text,
            "prompt_lang": (chosen.prompt_lang or lang).lower(),
            "media_type": self.media_type,
            "streaming_mode": mode,
            "text_split_method": split,
            "batch_size": 1,  # >1 silently drops segments in modes 2/3
        }

    def synthesize_timed(
        self, text: str, voice: str | None = None, *, cancel: threading.Event | None = None,
        text_lang: str | None = None, streaming_mode: int | None = None,
    ) -> Synthesis:
        """Speak `text` and report the first-byte latency too."""
        body = json.dumps(self.request_body(text, voice, text_lang, streaming_mode)).encode()
        buf = PcmBuffer(self.name, self.timeout_s, cancel)
        self._acquire(buf)
        try:
            rate = self._post(body, buf)
        finally:
            self._lock.release()
        samples = buf.samples()
        if not np.any(samples):
            raise TTSError(f"gpt_sovits: the server answered {len(samples)} samples of pure silence "
                           "(its sign of a failed inference)")
        result = buf.result(AudioClip(samples=samples, sample_rate=rate))
        log.info("gpt_sovits: %.2f s of audio, first byte %.3f s, total %.3f s",
                 result.clip.duration, result.first_byte_s, result.total_s)
        return result

    def _acquire(self, buf: PcmBuffer) -> None:
        """Wait for this server's lock, giving up on cancel or timeout."""
        while not self._lock.acquire(timeout=LOCK_POLL_S):
            buf.check()

    def _connect(self, timeout_s: float) -> http.client.HTTPConnection:
        """A new connection to the server (one per request, so aborting it affects nobody else)."""
        cls = http.client.HTTPSConnection if self._url.scheme == "https" else http.client.HTTPConnection
        conn = cls(self._url.hostname, self._url.port, timeout=timeout_s)
        conn.connect()
        return conn

    def _post(self, body: bytes, buf: PcmBuffer) -> int:
        """Send the request and read the audio into `buf`; return the audio's sample rate."""
        remaining = max(0.1, self.timeout_s - buf.elapsed())
        try:
            conn = self._connect(min(CONNECT_TIMEOUT_S, remaining))
        except OSError as e:
            raise TTSError(f"gpt_sovits: cannot connect to {self._url.netloc} ({e})") from e
        watch = AbortWatch(lambda: _shutdown(conn), remaining, buf.cancel)
        try:
            with watch:
                conn.sock.settimeout(remaining)
                conn.request("POST", self._path, body=body,
                             headers={"Content-Type": "application/json", "Accept": "audio/*"})
                resp = conn.getresponse()
                return self._read(resp, buf)
        except TimeoutError as e:
            raise TTSError(f"gpt_sovits: no answer within {self.timeout_s:g} s") from e
        except (http.client.HTTPException, OSError) as e:
            buf.check()  # cancel / deadline: the watcher broke the connection
            if watch.fired:
                raise TTSError(f"gpt_sovits: no complete answer within {self.timeout_s:g} s") from e
            raise TTSError(f"gpt_sovits: connection broken mid-answer ({type(e).__name__}: {e}); "
                           "the server cut a failed synthesis short") from e
        finally:
            conn.close()

    def _read(self, resp: http.client.HTTPResponse, buf: PcmBuffer) -> int:
        """Check status and content type, then stream the body into `buf`."""
        if resp.status != 200:
            raise TTSError(f"gpt_sovits: HTTP {resp.status}: {_error_text(resp.read())}")
        ctype = resp.getheader("Content-Type", "")
        if not ctype.startswith("audio/"):
            raise TTSError(f"gpt_sovits: HTTP 200 with {ctype or 'no content type'}: {_error_text(resp.read())}")
        if self.media_type == "raw" and ctype.startswith(WAV_CONTENT_TYPE):
            raise TTSError(f"gpt_sovits: asked for raw PCM, answered {ctype}")
        rate, pending = self.sample_rate, b""
        header_done = self.media_type == "raw"
        while data := resp.read1(READ_BYTES):
            if header_done:
                if not buf.nbytes and data.startswith(RIFF_MAGIC):  # a WAV header read as audio is a loud click
                    raise TTSError("gpt_sovits: asked for raw PCM, answered a WAV file (RIFF header)")
                buf.add(data)
                continue
            pending += data
            parsed = parse_wav_header(pending) if len(pending) >= WAV_HEADER_BYTES else None
            if parsed:
                rate, offset = parsed
                header_done = True
                buf.add(pending[offset:])
        buf.check()
        if resp.length:  # http.client returns b"" instead of raising when a Content-Length body is cut
            raise TTSError(f"gpt_sovits: answer cut short, {resp.length} bytes missing")
        if not header_done:
            raise TTSError(f"gpt_sovits: answer ended inside the WAV header ({len(pending)} bytes)")
        if rate != self.sample_rate:
            hint = " (its sign of a failed inference)" if rate == FAILURE_SAMPLE_RATE else ""
            raise TTSError(f"gpt_sovits: audio at {rate} Hz, configured {self.sample_rate} Hz{hint}")
        return rate


def _shutdown(conn: http.client.HTTPConnection) -> None:
    """Break a connection another thread is reading from (close alone does not wake a blocked read)."""
    if conn.sock is not None:
        try:
            conn.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            log.debug("gpt_sovits: socket already closed")


def _error_text(body: bytes) -> str:
    """The message of an api_v2 error body: {"message", "Exception"} or FastAPI's {"detail"}."""
    try:
        obj = json.loads(body)
    except ValueError:
        return body[:ERROR_TEXT_MAX].decode("utf-8", "replace") or "(empty body)"
    if isinstance(obj, dict):
        parts = [str(obj[k]) for k in ("message", "Exception", "detail") if obj.get(k) not in (None, "")]
        if parts:
            return ": ".join(parts)[:ERROR_TEXT_MAX]
    return json.dumps(obj)[:ERROR_TEXT_MAX]


class GptSovitsSettings(EngineSettings):
    """GPT-SoVITS api_v2 (configured when TTS_BASE_URL is set)"""

    TTS_BASE_URL: str = ""
    """GPT-SoVITS api_v2 server, e.g. http://127.0.0.1:9880 (enables "gpt_sovits")"""
    GPT_SOVITS_REF_AUDIO: str = ""
    """reference clip path on the GPT-SoVITS host: adds voice sovits_default"""
    GPT_SOVITS_PROMPT_TEXT: str = ""
    """transcript of that clip"""
    GPT_SOVITS_PROMPT_LANG: str = "ko"
    """its language"""
    GPT_SOVITS_SAMPLE_RATE: int = DEFAULT_SAMPLE_RATE
    """Hz of its raw output (v2 32000, v3 24000, v4 48000)"""
    GPT_SOVITS_STREAMING_MODE: Annotated[int, Field(ge=0, le=3)] = 2
    """api_v2 streaming_mode 0-3"""


def build(config: Any, catalogue: Any) -> GptSovitsEngine:
    """The engine with the catalogue's GPT-SoVITS voices."""
    return GptSovitsEngine(config.TTS_BASE_URL, voices=catalogue.list_voices("gpt_sovits"),
                           sample_rate=config.GPT_SOVITS_SAMPLE_RATE, streaming_mode=config.GPT_SOVITS_STREAMING_MODE,
                           timeout_s=config.TTS_TIMEOUT_S)


def added_voices(config: Any, catalogue: Any) -> Iterable[Voice]:
    """The voice `sovits_default` of the server's reference clip, when GPT_SOVITS_REF_AUDIO is set."""
    if not config.GPT_SOVITS_REF_AUDIO:
        return []
    return [sovits_default_voice(config.GPT_SOVITS_REF_AUDIO, config.GPT_SOVITS_PROMPT_TEXT,
                                 config.GPT_SOVITS_PROMPT_LANG)]


ENTRY = TTSEntry(build, GptSovitsSettings, voices=added_voices, needs=("TTS_BASE_URL",))  # its server is all it needs
