"""An interviewer character: the avatar-forge seed's fields plus what an interviewer needs (style, avatar, voice)."""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

from llm.persona import Persona

# The seed's descriptive text fields (all optional strings), in the seed's order.
TEXT_FIELDS: tuple[str, ...] = (
    "description", "gender", "species", "age", "height", "job", "personality", "appearance", "speech_style",
    "thoughts", "features", "habits", "guidelines", "category", "sample_dialogue", "image_url",
)


@dataclass(frozen=True)
class Character:
    """One interviewer; presets have `is_preset` and no owner."""

    id: str
    name: str
    description: str = ""
    gender: str = ""
    species: str = ""
    age: str = ""
    height: str = ""
    job: str = ""
    personality: str = ""
    appearance: str = ""
    likes: tuple[str, ...] = ()
    dislikes: tuple[str, ...] = ()
    speech_style: str = ""
    thoughts: str = ""
    features: str = ""
    habits: str = ""
    guidelines: str = ""
    voice_id: str = "default"  # a voice of the catalogue (GET /api/tts/voices); "default" = the engine's default
    category: str = ""
    tags: tuple[str, ...] = ()
    sample_dialogue: str = ""
    image_url: str = ""
    is_preset: bool = False
    interview_style: str = "structured"  # friendly | structured | technical | pressure
    remit: str = ""  # on a panel: "hr" (motivation, culture), "job" (the work), "executive" (results); "" = any
    avatar: str = ""  # avatar base name (e.g. talk_long); "" = the server's default avatar
    language: str = "ko"
    owner: str | None = None  # who created it (None for presets)
    created_at: str = ""
    updated_at: str = ""

    def to_api(self) -> dict[str, Any]:
        """The seed's character object (lists as arrays), with the interviewer fields added."""
        data = asdict(self)
        data["likes"], data["dislikes"], data["tags"] = list(self.likes), list(self.dislikes), list(self.tags)
        return data

    def persona(self) -> Persona:
        """What the interviewer prompt needs from this character."""
        return Persona(
            name=self.name, description=self.description, job=self.job, personality=self.personality,
            speech_style=self.speech_style, habits=self.habits, guidelines=self.guidelines,
            style=self.interview_style,  # type: ignore[arg-type]  # validated on the way in
            language=self.language, remit=self.remit,
        )


FIELD_NAMES = frozenset(f.name for f in fields(Character))
