"""What a turn request asks for, from its validated model, for REST routes and Socket.IO handlers alike: who
interviews (`character_id`, or a panel: `panel` + `current_speaker`, with the director's cues, read from a validated
body or the avatar-forge seed's plain one; the characters looked up as the caller may see them; the rules are
`interview.casting`'s), and the avatar, voice and delivery of its render."""
from __future__ import annotations

from typing import Any, TypeVar

from avatars.store import AvatarNotFound, InvalidAvatarName
from characters.model import Character
from interview.casting import (
    Casting, CastingAsk, NotOnPanel, as_data, character_defaults, decide, persona,
)
from interview.exchange import replies_in
from llm.persona import Persona, Scenario
from pipeline.spec import RenderOptions
from lipsync.base import LipsyncError
from server.avatar_access import require_visible
from server.api.tts_choice import TtsChoice, choose_tts
from runtime.errors import BadRequest, NotFound, Unavailable
from server.identity import caller_owners
from server.schemas.casting import MAX_CUE_CHARS, MAX_PANEL, CastingFields
from server.schemas.common import MAX_NAME_CHARS, RequestModel
from server.schemas.lipsync import RenderFields
from server.services import catalog, services
from runtime.services import Services

SCENARIO_FIELDS = ("opponent", "situation", "background")
Fields = TypeVar("Fields", bound=CastingFields)


def avatar_id(s: Services, body: RenderFields) -> str:
    """`avatar` + `resolution`, or `avatar_path` reduced to a name inside the avatar folder, or the default avatar;
    another identity's private upload is not found."""
    try:
        if body.avatar_path and not body.avatar:
            return require_visible(s.avatars, s.avatars.resolve_path(body.avatar_path))
        return require_visible(s.avatars, s.avatars.resolve(body.avatar or s.config.DEFAULT_AVATAR,
                                                            body.resolution or s.config.DEFAULT_RESOLUTION))
    except InvalidAvatarName as e:
        raise BadRequest(str(e)) from e
    except AvatarNotFound as e:
        raise NotFound(f"avatar not found: {e}") from e


ENGINE_RETRY_AFTER_S = 5


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


def render_options(s: Services, body: RenderFields,
                   casting: Casting | None = None) -> tuple[RenderOptions, TtsChoice]:
    """Avatar, frame_skip, TTS engine, voice and delivery of a lipsync request (the interviewer's own avatar and
    voice when it names none; `casting`: who speaks, when the request's turn decided it), and how the engine was
    chosen."""
    require_lipsync_engine(s)
    body = with_character_defaults(body, casting)
    choice = choose_tts(s.tts, body.tts_engine, body.tts_voice, "tts_engine", "tts_voice")
    return RenderOptions(avatar_id(s, body), body.frame_skip, choice.engine, choice.voice, body.delivery), choice


def find_character(character_id: str) -> Character:
    """A character the caller may see (404 otherwise)."""
    return catalog().get(character_id, caller_owners())


def _panel(body: dict[str, Any]) -> tuple[Character, ...]:
    """The characters of the body's `panel` (ids), in its order."""
    value = body.get("panel")
    if value is None:
        return ()
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_PANEL or not all(isinstance(v, str) for v in value):
        raise BadRequest(f"'panel' must be a list of 1 to {MAX_PANEL} character ids")
    return tuple(find_character(v) for v in value)


def casting_ask(body: dict[str, Any]) -> CastingAsk:
    """What the body asks about who interviews."""
    return CastingAsk(_panel(body), optional_name(body, "current_speaker"), optional_name(body, "character_id"))


def cast(body: dict[str, Any], replies_so_far: int) -> Casting:
    """The speaker the body asks for, or the panel's member whose turn it is; 404 for an unknown character."""
    message = body.get("message") if isinstance(body.get("message"), str) else ""
    language = body.get("language") if body.get("language") in ("ko", "en") else "ko"
    try:
        return decide(casting_ask(body), find_character, message, replies_so_far, language)
    except NotOnPanel as e:
        raise BadRequest(str(e)) from e


def with_panel_speaker(body: Fields, casting: Casting) -> Fields:
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


def with_character_defaults(body: RenderFields, casting: Casting | None = None) -> RenderFields:
    """The body with the speaker's avatar and voice filled in where it names none (`casting`: the request's, when
    it was decided already)."""
    if casting is None:
        history = getattr(body, "history", None) or ()
        casting = cast(casting_view(body), replies_in(e.message() for e in history))
    names_avatar = bool(body.avatar or body.avatar_path)
    names_voice = bool(body.tts_voice or body.tts_engine)
    return body.model_copy(update=character_defaults(casting, names_avatar, names_voice, services().tts.catalogue))


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
