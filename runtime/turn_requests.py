"""What a turn request asks for, from its validated body, for REST routes and Socket.IO handlers alike: who
interviews (`character_id`, or a panel: `panel` + `current_speaker`, with the director's cues, read from a validated
body or the avatar-forge seed's plain one; the characters looked up as the caller may see them; the rules are
`interview.casting`'s), and the avatar, voice and delivery of its render.

The web edge validates the body (server/schemas) and says who asks (`Caller`); the bodies are read here through the
few fields these rules need (`CastingBody`, `RenderBody`), so this floor never imports the web layer.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol, Self, TypeVar

from avatars.access import require_visible
from avatars.store import AvatarNotFound, InvalidAvatarName
from characters.catalog import CharacterCatalog
from characters.model import Character
from characters.schema import MAX_NAME_CHARS
from interview.casting import Casting, CastingAsk, NotOnPanel, as_data, character_defaults, decide, persona
from lipsync.base import LipsyncError
from llm.persona import Persona, Scenario
from pipeline.spec import RenderOptions
from runtime.errors import BadRequest, NotFound, Unavailable
from runtime.services import Services
from tts.speaker import Speaker, TtsChoice, VoiceChoiceError

MAX_CUE_CHARS = 500  # director_note and each scenario field
MAX_PANEL = 6  # interviewers in one panel
SCENARIO_FIELDS = ("opponent", "situation", "background")
ENGINE_RETRY_AFTER_S = 5


@dataclass(frozen=True)
class Caller:
    """Who asks, as the web edge read it: the owner of what it opens and of the sessions it may use, the owners
    whose characters and avatars it may use, the character catalogue, and the key of its legacy conversation (asked
    only when a turn continues that one: asking adopts a browser's first, cookie-less conversation)."""

    owner: str
    owners: frozenset[str]
    characters: CharacterCatalog
    legacy_key: Callable[[], str]

    def character(self, character_id: str) -> Character:
        """A character this caller may see (the catalogue's not-found error otherwise: 404 at the edge)."""
        return self.characters.get(character_id, self.owners)


class CastingBody(Protocol):
    """The casting fields of a validated body (server/schemas/casting.py's CastingFields)."""

    character_id: str | None
    current_speaker: str | None

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy with `update` applied."""

    def model_dump(self, *, exclude_none: bool = False) -> dict[str, Any]:
        """The body as plain JSON."""


class RenderBody(CastingBody, Protocol):
    """The render fields of a validated lipsync body (server/schemas/lipsync.py's RenderFields)."""

    avatar: str | None
    avatar_path: str | None
    resolution: str | None
    frame_skip: int
    tts_engine: str | None
    tts_voice: str | None
    delivery: str


Body = TypeVar("Body", bound=CastingBody)
Render = TypeVar("Render", bound=RenderBody)


def choose_tts(speaker: Speaker, requested: str | None, voice: str | None,
               engine_field: str = "engine", voice_field: str = "voice") -> TtsChoice:
    """`speaker.choose`, its refusal a 400 named with the body's own field names."""
    try:
        return speaker.choose(requested, voice)
    except VoiceChoiceError as e:
        raise BadRequest(f"'{engine_field if e.field == 'engine' else voice_field}' {e.problem}") from e


def avatar_id(s: Services, body: RenderBody, caller: Caller) -> str:
    """`avatar` + `resolution`, or `avatar_path` reduced to a name inside the avatar folder, or the default avatar;
    another identity's private upload is not found."""
    try:
        if body.avatar_path and not body.avatar:
            return require_visible(s.avatars, s.avatars.resolve_path(body.avatar_path), caller.owners)
        return require_visible(s.avatars, s.avatars.resolve(body.avatar or s.config.DEFAULT_AVATAR,
                                                            body.resolution or s.config.DEFAULT_RESOLUTION),
                               caller.owners)
    except InvalidAvatarName as e:
        raise BadRequest(str(e)) from e
    except AvatarNotFound as e:
        raise NotFound(f"avatar not found: {e}") from e


def require_lipsync_engine(s: Services) -> None:
    """503 (the seed's "모델 미로드") while this process's lipsync engine is not loaded, after asking it to
    (re)start: a MuseTalk worker that died or is still warming up is started again instead of failing each request.
    Only where this process renders (JOB_BACKEND=local); with redis the workers load their own engines."""
    if s.config.JOB_BACKEND != "local" or s.lipsync.loaded:
        return
    try:
        s.lipsync.load()
    except LipsyncError as e:
        raise Unavailable(f"모델 미로드: {e}", headers={"Retry-After": str(ENGINE_RETRY_AFTER_S)},
                          code="engine_loading") from e
    if not s.lipsync.loaded:
        raise Unavailable(f"모델 미로드: the {s.lipsync.name} lipsync engine is starting; try again shortly",
                          headers={"Retry-After": str(ENGINE_RETRY_AFTER_S)}, code="engine_loading")


def render_options(s: Services, body: RenderBody, caller: Caller,
                   casting: Casting | None = None) -> tuple[RenderOptions, TtsChoice]:
    """Avatar, frame_skip, TTS engine, voice and delivery of a lipsync request (the interviewer's own avatar and
    voice when it names none; `casting`: who speaks, when the request's turn decided it), and how the engine was
    chosen."""
    require_lipsync_engine(s)
    body = with_character_defaults(s, body, caller, casting)
    choice = choose_tts(s.tts, body.tts_engine, body.tts_voice, "tts_engine", "tts_voice")
    options = RenderOptions(avatar_id(s, body, caller), body.frame_skip, choice.engine, choice.voice, body.delivery)
    return options, choice


def _panel(body: dict[str, Any], caller: Caller) -> tuple[Character, ...]:
    """The characters of the body's `panel` (ids), in its order."""
    value = body.get("panel")
    if value is None:
        return ()
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_PANEL or not all(isinstance(v, str) for v in value):
        raise BadRequest(f"'panel' must be a list of 1 to {MAX_PANEL} character ids")
    return tuple(caller.character(v) for v in value)


def cast(body: dict[str, Any], replies_so_far: int, caller: Caller) -> Casting:
    """The speaker a plain body asks for, or the panel's member whose turn it is; 404 for an unknown character."""
    message = body.get("message") if isinstance(body.get("message"), str) else ""
    language = body.get("language") if body.get("language") in ("ko", "en") else "ko"
    ask = CastingAsk(_panel(body, caller), optional_name(body, "current_speaker"), optional_name(body, "character_id"))
    try:
        return decide(ask, caller.character, message, replies_so_far, language)
    except NotOnPanel as e:
        raise BadRequest(str(e)) from e


def with_panel_speaker(body: Body, casting: Casting) -> Body:
    """A panel body with its decided speaker as `current_speaker` (so the prompt's persona and the render's avatar
    and voice are the same member's); any other body unchanged."""
    if casting.speaker is None or not casting.panel or body.current_speaker or body.character_id:
        return body
    return body.model_copy(update={"current_speaker": casting.speaker.id})


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


def body_persona(body: dict[str, Any], casting: Casting, free_text: str = "") -> Persona | None:
    """The speaker's persona with the body's cues; None when the body asks for nothing of the kind."""
    note = as_data(_cue("director_note", body.get("director_note")))
    return persona(casting, note, scenario(body), as_data(free_text))


def with_character_defaults(s: Services, body: Render, caller: Caller, casting: Casting | None = None) -> Render:
    """The body with the speaker's avatar and voice filled in where it names none (`casting`: the request's, when
    its turn decided it already; else decided from the body alone, as a lipsync body has no conversation)."""
    if casting is None:
        casting = cast(body.model_dump(exclude_none=True), 0, caller)
    names_avatar = bool(body.avatar or body.avatar_path)
    names_voice = bool(body.tts_voice or body.tts_engine)
    return body.model_copy(update=character_defaults(casting, names_avatar, names_voice, s.tts.catalogue))


def optional_name(body: dict[str, Any], field: str) -> str | None:
    """An optional short string of a plain body (empty → None)."""
    value = body.get(field)
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > MAX_NAME_CHARS:
        raise BadRequest(f"'{field}' must be a string of at most {MAX_NAME_CHARS} characters")
    return value.strip() or None
