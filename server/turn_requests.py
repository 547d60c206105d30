"""What a turn request asks for, from its validated model, for REST routes and Socket.IO handlers alike."""
from __future__ import annotations

from avatars.store import AvatarNotFound, InvalidAvatarName
from interview.casting import Casting
from pipeline.spec import RenderOptions
from lipsync.base import LipsyncError
from server.avatar_access import require_visible
from server.api.tts_choice import TtsChoice, choose_tts
from server.casting import with_character_defaults
from runtime.errors import BadRequest, NotFound, Unavailable
from server.schemas.lipsync import RenderFields
from runtime.services import Services


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
