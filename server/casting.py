"""Who interviews in a request: `character_id`, or a panel (`panel` + `current_speaker`) taking turns.

Every chat and chat+lipsync body may name a character; its persona shapes the prompt and its avatar
and voice are used when the body names none. A panel's next speaker, when the client does not say, is decided in
one place, `interview.panel.panel_speaker`: the member a candidate's question belongs to, else the next in turn
(over the interviewer replies of the body's `history`, or of the stored conversation: `with_panel_speaker`). The
reply's `done` event and its stored message name who spoke (`speaker`).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from flask import current_app

from characters.catalog import CharacterCatalog
from characters.model import Character
from interview.panel import panel_speaker
from llm.base import ChatTurn
from llm.persona import Persona, Scenario
from runtime.errors import BadRequest
from server.identity import caller_owners
from server.schemas.casting import MAX_CUE_CHARS, MAX_PANEL
from server.schemas.common import MAX_NAME_CHARS, RequestModel
from server.schemas.lipsync import RenderFields
from server.prompt_data import as_data
from server.services import services
from tts.voice_match import speaker_voice

EXTENSION_KEY = "characters"  # app.extensions key of the CharacterCatalog (set by routes.characters.init_app)
SCENARIO_FIELDS = ("opponent", "situation", "background")


def catalog() -> CharacterCatalog:
    """The current app's character catalogue."""
    return current_app.extensions[EXTENSION_KEY]


@dataclass(frozen=True)
class Casting:
    """The interviewer who speaks now and the others on the panel."""

    speaker: Character | None
    panel: tuple[Character, ...] = ()


def _panel(body: dict[str, Any]) -> tuple[Character, ...]:
    """The characters of the body's `panel` (ids), in its order."""
    value = body.get("panel")
    if value is None:
        return ()
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_PANEL or not all(isinstance(v, str) for v in value):
        raise BadRequest(f"'panel' must be a list of 1 to {MAX_PANEL} character ids")
    return tuple(catalog().get(v, caller_owners()) for v in value)


def replies_in(body: dict[str, Any]) -> int:
    """Interviewer replies in the body's `history` (0 without one)."""
    history = body.get("history")
    if not isinstance(history, list):
        return 0
    return sum(1 for m in history if isinstance(m, dict) and m.get("role") == "assistant")


def cast(body: dict[str, Any], replies_so_far: int | None = None) -> Casting:
    """The speaker: `current_speaker` (id or name, within the panel when there is one), else `character_id`,
    else the panel's next in turn; 404 for an unknown character."""
    panel = _panel(body)
    wanted = optional_name(body, "current_speaker")
    if wanted is not None:
        match = next((c for c in panel if wanted in (c.id, c.name)), None)
        if match is None and panel:
            raise BadRequest(f"'current_speaker' must be one of the panel: {', '.join(c.id for c in panel)}")
        return Casting(match or catalog().get(wanted, caller_owners()), panel)
    character_id = optional_name(body, "character_id")
    if character_id is not None:
        return Casting(catalog().get(character_id, caller_owners()), panel)
    if not panel:
        return Casting(None)
    replies = replies_in(body) if replies_so_far is None else replies_so_far
    message = body.get("message") if isinstance(body.get("message"), str) else ""
    language = body.get("language") if body.get("language") in ("ko", "en") else "ko"
    return Casting(panel[panel_speaker(tuple(c.remit for c in panel), message, replies, language)], panel)


def with_panel_speaker(body: RequestModel, replies_so_far: int) -> RequestModel:
    """A panel body with its decided speaker as `current_speaker` (so the prompt's persona and the render's avatar
    and voice are the same member's); any other body unchanged."""
    view = casting_view(body)
    if not view.get("panel") or optional_name(view, "current_speaker") or optional_name(view, "character_id"):
        return body
    speaker = cast(view, replies_so_far).speaker
    return body.model_copy(update={"current_speaker": speaker.id}) if speaker is not None else body


def _cue(field: str, value: Any) -> str:
    """A short optional text cue (empty when absent)."""
    if value is None:
        return ""
    if not isinstance(value, str) or len(value) > MAX_CUE_CHARS:
        raise BadRequest(f"'{field}' must be a string of at most {MAX_CUE_CHARS} characters")
    return value.strip()


def scenario(body: dict[str, Any]) -> Scenario | None:
    """The seed's `scenario` object (opponent, situation, background), or None."""
    value = body.get("scenario")
    if value is None:
        return None
    if not isinstance(value, dict):
        raise BadRequest("'scenario' must be an object with opponent, situation, background")
    return Scenario(**{f: as_data(_cue(f"scenario.{f}", value.get(f))) for f in SCENARIO_FIELDS})


def persona(body: dict[str, Any], casting: Casting, free_text: str = "") -> Persona | None:
    """The speaker's persona with the body's cues; None when the body asks for nothing of the kind."""
    note = as_data(_cue("director_note", body.get("director_note")))
    setting = scenario(body)
    free_text = as_data(free_text)
    if casting.speaker is None and not (note or setting or free_text):
        return None
    base = casting.speaker.persona() if casting.speaker is not None else Persona()
    others = tuple(c.name for c in casting.panel if casting.speaker is None or c.id != casting.speaker.id)
    return replace(base, free_text=free_text, scenario=setting, director_note=note, panel=others)


def with_persona(turn: ChatTurn, body: dict[str, Any]) -> ChatTurn:
    """The turn spoken by the body's interviewer (unchanged when the body names none)."""
    return replace(turn, persona=persona(body, cast(body)))


def with_character_defaults(body: RenderFields) -> RenderFields:
    """The body with the speaker's avatar and voice filled in where it names none."""
    casting = cast(casting_view(body))
    speaker = casting.speaker
    if speaker is None:
        return body
    filled: dict[str, Any] = {}
    if speaker.avatar and not body.avatar and not body.avatar_path:
        filled["avatar"] = speaker.avatar
    if speaker.voice_id != "default" and not body.tts_voice and not body.tts_engine:
        filled["tts_voice"] = speaker_voice(services().tts.catalogue, speaker, casting.panel)  # panel members sound apart
    return body.model_copy(update=filled)


def casting_view(body: RequestModel) -> dict[str, Any]:
    """A validated body as the plain JSON the casting functions read (they also serve the avatar-forge body)."""
    return body.model_dump(exclude_none=True)


def optional_name(body: dict[str, Any], field: str) -> str | None:
    """An optional short string of a plain body (empty → None)."""
    value = body.get(field)
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > MAX_NAME_CHARS:
        raise BadRequest(f"'{field}' must be a string of at most {MAX_NAME_CHARS} characters")
    return value.strip() or None
