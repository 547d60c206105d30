"""Generated media under the seed's URL families, served with HTTP Range (206) support."""
from __future__ import annotations

from flask import Blueprint, send_from_directory
from flask.typing import ResponseReturnValue

from jobs.media import MEDIA_NAME_PATTERN
from server.errors import NotFound
from server.services import services

bp = Blueprint("media", __name__)


@bp.get("/video/<name>")
def video(name: str) -> ResponseReturnValue:
    """A turn's MP4 or one of its segments."""
    return _send(services().media.video_dir, name, "video/mp4")


@bp.get("/assets/audio/<name>")
def audio(name: str) -> ResponseReturnValue:
    """A turn's WAV."""
    return _send(services().media.audio_dir, name, "audio/wav")


def _send(folder, name: str, mimetype: str) -> ResponseReturnValue:
    if not MEDIA_NAME_PATTERN.match(name) or not (folder / name).is_file():
        raise NotFound(f"no such file: {name}")
    return send_from_directory(folder, name, mimetype=mimetype, conditional=True, max_age=3600)
