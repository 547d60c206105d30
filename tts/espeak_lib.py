"""ctypes binding to the libespeak-ng shipped in the `espeakng-loader` wheel (one process-wide instance)."""
from __future__ import annotations

import ctypes
import logging
import threading
from dataclasses import dataclass

import numpy as np

from tts.base import TTSError

log = logging.getLogger(__name__)

# speak_lib.h constants
AUDIO_OUTPUT_SYNCHRONOUS = 2  # espeak_Synth blocks and hands every buffer to the callback
INIT_PHONEME_EVENTS = 0x0001  # espeakINITIALIZE_PHONEME_EVENTS
INIT_PHONEME_IPA = 0x0002  # espeakINITIALIZE_PHONEME_IPA
INIT_DONT_EXIT = 0x8000  # espeakINITIALIZE_DONT_EXIT: report a missing data dir instead of exit()
CHARS_UTF8 = 1  # espeakCHARS_UTF8
POS_CHARACTER = 1
PARAM_RATE = 1  # espeakRATE, words per minute
PARAM_PITCH = 3  # espeakPITCH, 0..100
PARAM_RANGE = 4  # espeakRANGE, pitch range 0..100 (0 monotone, 50 normal)
DEFAULT_RANGE = 50
EE_OK = 0

EVENT_LIST_TERMINATED = 0
EVENT_WORD = 1
EVENT_SENTENCE = 2
EVENT_END = 5
EVENT_PHONEME = 7

BUFFER_MS = 100  # ms of audio per callback: bounds how late a cancel is noticed
CALLBACK_ABORT = 1  # returning this from the synth callback stops synthesis


class _EventId(ctypes.Union):
    _fields_ = [("number", ctypes.c_int), ("name", ctypes.c_char_p), ("string", ctypes.c_char * 8)]


class _Event(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("unique_identifier", ctypes.c_uint),
        ("text_position", ctypes.c_int),  # 1-based character (not byte) index into the input
        ("length", ctypes.c_int),  # word length in characters (WORD events)
        ("audio_position", ctypes.c_int),  # ms from the start of this synthesis
        ("sample", ctypes.c_int),
        ("user_data", ctypes.c_void_p),
        ("id", _EventId),
    ]


_SynthCallback = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.POINTER(_Event))


class SynthesisCancelled(TTSError):
    """Synthesis stopped because the caller's cancel event was set."""


@dataclass(frozen=True)
class RawEvent:
    """One espeak event: kind (EVENT_*), 1-based char position, word length, time in ms, phoneme name."""

    kind: int
    text_position: int
    length: int
    audio_ms: int
    phoneme: str = ""  # PHONEME events only; "" marks a pause


@dataclass(frozen=True)
class RawSynthesis:
    """What one espeak_Synth call produced."""

    samples: np.ndarray  # int16 [n]
    sample_rate: int  # Hz
    events: tuple[RawEvent, ...]


class _Collector:
    """Buffers and events of the synthesis in progress; aborts when `cancel` is set."""

    def __init__(self, cancel: threading.Event | None) -> None:
        self.cancel = cancel
        self.chunks: list[bytes] = []
        self.events: list[RawEvent] = []
        self.cancelled = False

    def take(self, wav: ctypes.POINTER(ctypes.c_short), n_samples: int, events: ctypes.POINTER(_Event)) -> int:
        """Callback body: copy samples and events, return CALLBACK_ABORT on cancel."""
        if n_samples > 0:
            self.chunks.append(ctypes.string_at(wav, n_samples * 2))
        i = 0
        while events[i].type != EVENT_LIST_TERMINATED:
            ev = events[i]
            name = ev.id.string.decode("utf-8", "replace") if ev.type == EVENT_PHONEME else ""  # up to the NUL
            self.events.append(RawEvent(ev.type, ev.text_position, ev.length, ev.audio_position, name))
            i += 1
        if self.cancel is not None and self.cancel.is_set():
            self.cancelled = True
            return CALLBACK_ABORT
        return 0


class EspeakLibrary:
    """The loaded, initialised libespeak-ng; every call goes through `synth`, serialised by one lock."""

    def __init__(self) -> None:
        try:
            import espeakng_loader  # lazy: only the espeak engine needs the wheel
        except ImportError as e:
            raise TTSError("the espeak engine needs the espeakng-loader wheel: pip install espeakng-loader") from e
        try:
            self._lib = ctypes.CDLL(espeakng_loader.get_library_path())
            data_path = espeakng_loader.get_data_path()
        except (OSError, RuntimeError) as e:
            raise TTSError(f"cannot load libespeak-ng from espeakng-loader: {e}") from e
        self._declare()
        rate = self._lib.espeak_Initialize(
            AUDIO_OUTPUT_SYNCHRONOUS, BUFFER_MS, data_path.encode(),
            INIT_PHONEME_EVENTS | INIT_PHONEME_IPA | INIT_DONT_EXIT,
        )
        if rate <= 0:
            raise TTSError(f"espeak_Initialize failed ({rate}) with data at {data_path}")
        self.sample_rate = rate  # Hz (22050 for espeak-ng's own voices)
        self._callback = _SynthCallback(self._on_synth)  # kept alive as long as the library
        self._lib.espeak_SetSynthCallback(self._callback)
        self._collector: _Collector | None = None
        self._voice: str | None = None
        self._lock = threading.Lock()
        log.info("espeak-ng %s initialised at %d Hz", self._lib.espeak_Info(None).decode(), rate)

    def _declare(self) -> None:
        lib = self._lib
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_SetSynthCallback.argtypes = [_SynthCallback]
        lib.espeak_SetSynthCallback.restype = None
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_Info.argtypes = [ctypes.c_void_p]
        lib.espeak_Info.restype = ctypes.c_char_p
        lib.espeak_Synth.argtypes = [
            ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int, ctypes.c_uint, ctypes.c_uint,
            ctypes.c_void_p, ctypes.c_void_p,
        ]

    def _on_synth(self, wav, n_samples, events) -> int:  # noqa: ANN001 - ctypes callback
        collector = self._collector
        return 0 if collector is None else collector.take(wav, n_samples, events)

    def synth(
        self, text: str, voice: str, rate_wpm: int, pitch: int, cancel: threading.Event | None = None,
        pitch_range: int = DEFAULT_RANGE,
    ) -> RawSynthesis:
        """Speak UTF-8 `text` with espeak voice spec `voice` (e.g. "ko", "en-us+f3")."""
        with self._lock:
            if self._voice != voice:
                if self._lib.espeak_SetVoiceByName(voice.encode()) != EE_OK:
                    raise TTSError(f"espeak-ng has no voice {voice!r}")
                self._voice = voice
            self._lib.espeak_SetParameter(PARAM_RATE, rate_wpm, 0)
            self._lib.espeak_SetParameter(PARAM_PITCH, pitch, 0)
            self._lib.espeak_SetParameter(PARAM_RANGE, pitch_range, 0)
            data = text.encode("utf-8")
            self._collector = collector = _Collector(cancel)
            try:
                err = self._lib.espeak_Synth(data, len(data) + 1, 0, POS_CHARACTER, 0, CHARS_UTF8, None, None)
            finally:
                self._collector = None
        if collector.cancelled:
            raise SynthesisCancelled("speech synthesis cancelled")
        if err != EE_OK:
            raise TTSError(f"espeak_Synth failed with code {err}")
        samples = np.frombuffer(b"".join(collector.chunks), dtype="<i2").astype(np.int16)
        return RawSynthesis(samples, self.sample_rate, tuple(collector.events))


_library: EspeakLibrary | None = None
_library_lock = threading.Lock()


def get_library() -> EspeakLibrary:
    """The process-wide espeak instance, initialised on first use."""
    global _library
    with _library_lock:
        if _library is None:
            _library = EspeakLibrary()
        return _library
