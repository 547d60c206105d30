"""Request bodies of the character API as pydantic v2 models (unknown fields ignored)."""
from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

MAX_NAME_CHARS = 100
MAX_TEXT_CHARS = 2000  # per descriptive field: enough for a character sheet, small enough for a prompt
MAX_LIST_ITEMS = 20

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_NAME_CHARS)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_TEXT_CHARS)]
Item = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_NAME_CHARS)]
Items = Annotated[list[Item], Field(max_length=MAX_LIST_ITEMS)]
VoiceId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,64}$")]
AvatarName = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_-]{0,59}$")]


class CharacterUpdate(BaseModel):
    """PUT /api/characters/<id>: the fields to change (absent fields keep their value; unknown ones are ignored)."""

    model_config = ConfigDict(extra="ignore")

    name: Name | None = None
    description: Text | None = None
    gender: Text | None = None
    species: Text | None = None
    age: Text | None = None
    height: Text | None = None
    job: Text | None = None
    personality: Text | None = None
    appearance: Text | None = None
    likes: Items | None = None
    dislikes: Items | None = None
    speech_style: Text | None = None
    thoughts: Text | None = None
    features: Text | None = None
    habits: Text | None = None
    guidelines: Text | None = None
    voice_id: VoiceId | None = None
    category: Text | None = None
    tags: Items | None = None
    sample_dialogue: Text | None = None
    image_url: Text | None = None
    interview_style: Literal["friendly", "structured", "technical", "pressure"] | None = None
    remit: Literal["", "hr", "job", "executive"] | None = None
    avatar: AvatarName | None = None
    language: Literal["ko", "en"] | None = None
    persona: Text | None = None  # the seed's legacy free-text persona: kept as `personality` when that is empty

    def changes(self) -> dict[str, Any]:
        """The fields the client sent, as Character field values (lists as tuples)."""
        sent = self.model_dump(exclude_unset=True, exclude_none=True)
        legacy = sent.pop("persona", None)
        if legacy and not sent.get("personality"):
            sent["personality"] = legacy
        return {k: tuple(v) if isinstance(v, list) else v for k, v in sent.items()}


class CharacterCreate(CharacterUpdate):
    """POST /api/characters: like an update, but `name` is required."""

    name: Name
