"""Who interviews: the character and panel fields every chat and lipsync body may carry (runtime/turn_requests.py)."""
from __future__ import annotations

from typing import Annotated

from pydantic import Field

from runtime.turn_requests import MAX_CUE_CHARS, MAX_PANEL
from server.schemas.common import Name, RequestModel, ShortText

Cue = Annotated[str, Field(max_length=MAX_CUE_CHARS)]


class ScenarioFields(RequestModel):
    """The avatar-forge seed's role-play setting."""

    opponent: Cue | None = None
    situation: Cue | None = None
    background: Cue | None = None


class CastingFields(RequestModel):
    """Addition: the interviewer character (GET /api/characters) or a panel taking turns, and director cues."""

    character_id: Name = Field(None, description="Addition: the interviewer; its avatar and voice are the defaults")
    panel: Annotated[list[ShortText], Field(min_length=1, max_length=MAX_PANEL)] | None = Field(
        None, description="Addition: character ids of a panel interview, in speaking order")
    current_speaker: Name = Field(None, description="Addition: who of the panel speaks now (else the next in turn)")
    director_note: Cue | None = Field(None, description="Addition: a cue for this reply only")
    scenario: ScenarioFields | None = None
