"""The voice catalogue: voice_id -> engine, engine voice or reference audio, language, name."""
from __future__ import annotations

import json
import re
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from tts.base import TTSError

CATALOGUE_PATH = Path(__file__).with_name("voices.json")
DEFAULT_ALIAS = "default"  # the sibling seed's voice_id for "whatever the default is"
SOVITS_DEFAULT_ID = "sovits_default"
GENDERS = ("female", "male", "unspecified")  # "unspecified": the operator's own voice, not known here
AGE_BANDS = ("20s", "30s", "40s", "50s", "60s", "unspecified")
VOICE_ID_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
LANGUAGE_RE = re.compile(r"^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$")
# GPT-SoVITS api_v2 fields a catalogue voice may tune in its `options` (contracts/engines.md §1): (type, min, max)
SOVITS_TUNING: dict[str, tuple[type, float | None, float | None]] = {
    "speed_factor": (float, 0.25, 4.0), "top_k": (int, 1, 100), "top_p": (float, 0.0, 1.0),
    "temperature": (float, 0.01, 2.0), "repetition_penalty": (float, 0.0, 3.0), "seed": (int, -1, 2**32 - 1),
    "fragment_interval": (float, 0.0, 5.0), "sample_steps": (int, 1, 128), "parallel_infer": (bool, None, None),
    "super_sampling": (bool, None, None), "text_split_method": (str, None, None),
}
SOVITS_SPLIT_METHODS = ("cut0", "cut1", "cut2", "cut3", "cut4", "cut5")


class UnknownVoice(TTSError):
    """A voice_id that the catalogue does not hold."""


@dataclass(frozen=True)
class Voice:
    """One catalogue entry."""

    voice_id: str
    engine: str  # a TTS registry name (tts/registry.py checks the catalogue against it)
    name: str
    language: str  # lower-case code the engine speaks, e.g. "ko", "en"
    description: str = ""
    engine_voice: str | None = None  # espeak voice name / ElevenLabs voice id (None: not configured)
    model_id: str | None = None  # ElevenLabs model override for this voice
    ref_audio: str | None = None  # GPT-SoVITS reference clip, a path on the GPT-SoVITS host
    prompt_text: str = ""  # GPT-SoVITS transcript of ref_audio
    prompt_lang: str | None = None  # GPT-SoVITS language of ref_audio
    options: dict[str, Any] = field(default_factory=dict)  # engine-specific knobs (speed, pitch, ...)
    gender: str = "unspecified"  # one of GENDERS: who the voice sounds like (casting matches it to the interviewer)
    age_band: str = "unspecified"  # one of AGE_BANDS

    @property
    def configured(self) -> bool:
        """Whether the engine has everything it needs to speak with this voice."""
        if self.engine == "gpt_sovits":
            return bool(self.ref_audio)
        return bool(self.engine_voice)

    def to_api(self) -> dict[str, Any]:
        """The sibling seed's voice object (plus `engine`)."""
        return {
            "id": self.voice_id,
            "name": self.name,
            "language": self.language,
            "description": self.description,
            "engine": self.engine,
            "gender": self.gender,
            "age_band": self.age_band,
        }


def _validate(voice: Voice) -> Voice:
    """Return `voice` or raise ValueError naming the bad field."""
    where = f"voice {voice.voice_id!r}"
    if not VOICE_ID_RE.match(voice.voice_id) or voice.voice_id == DEFAULT_ALIAS:
        raise ValueError(f"{where}: id must match {VOICE_ID_RE.pattern} and not be {DEFAULT_ALIAS!r}")
    for name in ("language", "prompt_lang"):
        value = getattr(voice, name)
        if value is not None and not LANGUAGE_RE.match(value):
            raise ValueError(f"{where}: {name} must be a lower-case language code, got {value!r}")
    if voice.gender not in GENDERS or voice.age_band not in AGE_BANDS:
        raise ValueError(f"{where}: gender must be one of {', '.join(GENDERS)} and age_band one of {', '.join(AGE_BANDS)}")
    if voice.engine == "espeak" and not voice.engine_voice:
        raise ValueError(f"{where}: espeak voices need engine_voice")
    if voice.engine == "gpt_sovits" and voice.ref_audio and not voice.prompt_lang:
        raise ValueError(f"{where}: gpt_sovits voices need prompt_lang")
    if voice.engine == "gpt_sovits":
        for name, value in voice.options.items():
            _check_tuning(where, name, value)
    return voice


def _has_type(value: Any, kind: type) -> bool:
    """isinstance, except that a bool is no number and an int is a float."""
    if isinstance(value, bool):
        return kind is bool
    return isinstance(value, int | float) if kind is float else isinstance(value, kind)


def _check_tuning(where: str, name: str, value: Any) -> None:
    """Raise ValueError unless `name` is a GPT-SoVITS tuning field and `value` has its type and range."""
    if name not in SOVITS_TUNING:
        raise ValueError(f"{where}: options.{name} is not a GPT-SoVITS setting; valid: {', '.join(SOVITS_TUNING)}")
    kind, low, high = SOVITS_TUNING[name]
    if not _has_type(value, kind):
        raise ValueError(f"{where}: options.{name} must be a {kind.__name__}, got {value!r}")
    if low is not None and high is not None and not low <= value <= high:
        raise ValueError(f"{where}: options.{name} must be within {low:g}..{high:g}, got {value!r}")
    if name == "text_split_method" and value not in SOVITS_SPLIT_METHODS:
        raise ValueError(f"{where}: options.text_split_method must be one of {', '.join(SOVITS_SPLIT_METHODS)}")


def _voice_from_json(item: dict[str, Any]) -> Voice:
    """Build a Voice from one JSON object of voices.json."""
    known = {
        "id", "engine", "name", "language", "description", "engine_voice",
        "model_id", "ref_audio", "prompt_text", "prompt_lang", "options", "gender", "age_band",
    }
    unknown = set(item) - known
    if unknown:
        raise ValueError(f"voice {item.get('id')!r}: unknown keys {sorted(unknown)}")
    try:
        return _validate(Voice(voice_id=item["id"], engine=item["engine"], name=item["name"],
                               language=item["language"],
                               description=item.get("description", ""),
                               engine_voice=item.get("engine_voice"), model_id=item.get("model_id"),
                               ref_audio=item.get("ref_audio"), prompt_text=item.get("prompt_text", ""),
                               prompt_lang=item.get("prompt_lang"), options=dict(item.get("options", {})),
                               gender=item.get("gender", "unspecified"), age_band=item.get("age_band", "unspecified")))
    except KeyError as e:
        raise ValueError(f"voice {item.get('id')!r}: missing key {e.args[0]!r}") from e


@dataclass(frozen=True)
class Catalogue:
    """All voices by id, with the default one."""

    voices: tuple[Voice, ...]
    default_voice_id: str

    def __post_init__(self) -> None:
        ids = [v.voice_id for v in self.voices]
        if len(set(ids)) != len(ids):
            raise ValueError(f"duplicate voice ids in catalogue: {sorted(i for i in ids if ids.count(i) > 1)}")
        if self.default_voice_id not in ids:
            raise ValueError(f"default_voice_id {self.default_voice_id!r} is not in the catalogue")

    def get(self, voice_id: str | None) -> Voice:
        """The voice for `voice_id` (None or "default" = the default voice); UnknownVoice otherwise."""
        wanted = self.default_voice_id if voice_id in (None, DEFAULT_ALIAS) else voice_id
        for voice in self.voices:
            if voice.voice_id == wanted:
                return voice
        raise UnknownVoice(f"unknown voice_id {voice_id!r}; valid: {', '.join(v.voice_id for v in self.voices)}")

    def list_voices(self, engine: str | None = None) -> list[Voice]:
        """Voices of `engine` (all engines when None), in catalogue order."""
        return [v for v in self.voices if engine is None or v.engine == engine]

    def engine_voices(self, engine: str) -> dict[str, str]:
        """voice_id -> engine_voice for the configured voices of `engine` (e.g. ElevenLabs ids)."""
        return {v.voice_id: v.engine_voice for v in self.list_voices(engine) if v.engine_voice}

    def with_voice(self, voice: Voice) -> Catalogue:
        """A copy with `voice` added, or replacing the entry with the same id."""
        _validate(voice)
        kept = tuple(v for v in self.voices if v.voice_id != voice.voice_id)
        return replace(self, voices=kept + (voice,))

    def with_default(self, voice_id: str) -> Catalogue:
        """A copy whose default voice is `voice_id`."""
        return Catalogue(self.voices, voice_id)


def load_catalogue(path: Path = CATALOGUE_PATH) -> Catalogue:
    """Read and validate voices.json; ValueError names the first bad entry."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise ValueError(f"cannot read voice catalogue {path}: {e}") from e
    voices = tuple(_voice_from_json(item) for item in raw.get("voices", []))
    return Catalogue(voices=voices, default_voice_id=raw.get("default_voice_id", ""))


def sovits_default_voice(ref_audio: str, prompt_text: str, prompt_lang: str, language: str = "ko") -> Voice:
    """The GPT-SoVITS voice configured by GPT_SOVITS_REF_AUDIO / _PROMPT_TEXT / _PROMPT_LANG."""
    return _validate(Voice(voice_id=SOVITS_DEFAULT_ID, engine="gpt_sovits", name="GPT-SoVITS 기본 음성",
                           language=language.lower(), description="GPT-SoVITS voice from the server's reference clip",
                           ref_audio=ref_audio, prompt_text=prompt_text, prompt_lang=prompt_lang.lower()))


def voices_response(catalogue: Catalogue, engines: Collection[str] | None = None) -> dict[str, Any]:
    """The body of the sibling seed's GET /api/tts/voices: configured voices of `engines` (None = all)."""
    voices = [v for v in catalogue.voices if v.configured and (engines is None or v.engine in engines)]
    return {
        "success": True,
        "data": {"voices": [v.to_api() for v in voices], "default_voice_id": catalogue.default_voice_id},
    }
