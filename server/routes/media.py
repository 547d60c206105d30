"""Generated media under the seed's URL families, and each avatar's idle and listening loops, served with HTTP Range (206)."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, request, send_from_directory
from flask.typing import ResponseReturnValue

from avatars.format import AVATAR_ID_PATTERN, Avatar
from avatars.store import AvatarNotFound
from lipsync.idle_clip import IDLE_DIR, IDLE_URL_PREFIX, idle_clip
from lipsync.listening import LISTENING_URL_PREFIX, listening_clip, nod_clip
from pipeline.media import MEDIA_NAME_PATTERN
from lipsync.face_full import materialize
from server.api.edge import Query, operation
from runtime.errors import Forbidden, NotFound
from avatars.access import require_visible
from server.identity import caller_owners
from server.services import services
from tts.audio_formats import MEDIA_TYPES

bp = Blueprint("media", __name__)

MEDIA_MAX_AGE_S = 3600  # s: turn files never change once written
IDLE_MAX_AGE_S = 600  # s: an idle loop changes only when its avatar is regenerated
SIGNED_LINK = (  # the signature the server put on the URL it handed out (checked where media links are signed)
    Query("exp", "The link's expiry (Unix seconds), as given in the URL the server handed out",
          {"type": "integer", "minimum": 0}),
    Query("sig", "The link's signature, as given in the URL the server handed out", {"type": "string"}),
)


@bp.get("/video/<name>")
@operation(content={"video/mp4": "the MP4 (HTTP Range: 206)"}, errors=(403, 404), tag="media", query=SIGNED_LINK)
def video(name: str) -> ResponseReturnValue:
    """A turn's MP4 or one of its segments (a face-region turn's MP4 is composed on its first request)."""
    s = services()
    if MEDIA_NAME_PATTERN.match(name):
        materialize(s.media.video_dir / name, s.avatars.get, s.pipeline.encoder)
    return _send(s.media.video_dir, name, "video/mp4")


@bp.get("/assets/audio/<name>")
@operation(content={"audio/wav": "the WAV (HTTP Range: 206)"}, errors=(403, 404), tag="media", query=SIGNED_LINK)
def audio(name: str) -> ResponseReturnValue:
    """A turn's WAV, or /api/tts speech as Ogg or AAC."""
    return _send(services().media.audio_dir, name, MEDIA_TYPES.get(name.rsplit(".", 1)[-1], "audio/wav"))


@bp.get(IDLE_URL_PREFIX + "<name>")
@operation(content={"video/mp4": "the idle loop (HTTP Range: 206)"}, errors=(404,), tag="media")
def idle(name: str) -> ResponseReturnValue:
    """An avatar's silent idle loop (`<avatar_id>.mp4`), encoded on its first request and kept."""
    avatar_id = name.removesuffix(".mp4")
    if avatar_id == name:
        raise NotFound(f"no such file: {name}")
    path = idle_clip(_visible_avatar(avatar_id), services().config.MEDIA_DIR / IDLE_DIR)
    return send_from_directory(path.parent, path.name, mimetype="video/mp4", conditional=True, max_age=IDLE_MAX_AGE_S)


@bp.get(LISTENING_URL_PREFIX + "<name>")
@operation(content={"video/mp4": "the listening loop or the nod (HTTP Range: 206)"}, errors=(404,), tag="media")
def listening(name: str) -> ResponseReturnValue:
    """An avatar's silent listening loop (`<avatar_id>.mp4`) or its nod (`<avatar_id>.nod.mp4`), made on first request."""
    stem = name.removesuffix(".mp4")
    avatar_id = stem.removesuffix(".nod")
    if stem == name:
        raise NotFound(f"no such file: {name}")
    make = nod_clip if avatar_id != stem else listening_clip
    path = make(_visible_avatar(avatar_id), services().config.MEDIA_DIR)
    return send_from_directory(path.parent, path.name, mimetype="video/mp4", conditional=True, max_age=IDLE_MAX_AGE_S)


def _visible_avatar(avatar_id: str) -> Avatar:
    """The avatar `avatar_id` if its id is well formed and this caller may see it; NotFound otherwise."""
    if not AVATAR_ID_PATTERN.fullmatch(avatar_id):
        raise NotFound(f"no such file: {avatar_id}")
    s = services()
    try:
        return s.avatars.get(require_visible(s.avatars, avatar_id, caller_owners()))
    except AvatarNotFound as e:
        raise NotFound(f"avatar {avatar_id!r} not found") from e


def _send(folder: Path, name: str, mimetype: str) -> ResponseReturnValue:
    if not MEDIA_NAME_PATTERN.match(name) or not (folder / name).is_file():
        raise NotFound(f"no such file: {name}")
    links = services().media.links
    problem = links.problem(request.path, request.args.get("exp"), request.args.get("sig")) if links else None
    if problem is not None:
        raise Forbidden(problem)
    return send_from_directory(folder, name, mimetype=mimetype, conditional=True, max_age=MEDIA_MAX_AGE_S)
