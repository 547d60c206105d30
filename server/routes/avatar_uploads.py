"""Avatars from your own photo or video: `POST /api/avatars` (a job), its status, SSE and Socket.IO progress,
`GET`/`DELETE /api/avatars/<name>`, and the avatar-forge seed's `POST /api/generate` + status as aliases."""
from __future__ import annotations

import json
import os
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import cv2
from flask import Blueprint, Response, jsonify, request
from flask.typing import ResponseReturnValue
from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import RequestEntityTooLarge

from avatars.precompute import MAX_IDLE_SECONDS
from avatars.precompute_errors import (
    FaceTooSmall,
    NoFaceError,
    PrecomputeError,
    SeveralFaces,
)
from avatars.store import AvatarNotFound, InvalidAvatarName
from avatars.upload import (
    UPLOAD_TOOL,
    base_name,
    inspect_upload,
)
from avatars.upload_jobs import AvatarJob
from jobs.avatar_jobs import AvatarJobEvent, JobsFull
from avatars.upload_space import owner_bytes
from lipsync.idle_clip import IDLE_DIR
from server.api.edge import operation, parse
from server.avatar_entries import avatar_entry
from runtime.errors import (
    ApiError,
    BadRequest,
    Forbidden,
    NotFound,
    PayloadTooLarge,
    Unavailable,
)
from avatars.access import require_visible, visible_avatars
from server.identity import caller_owners, request_owner
from server.media_room import WRITE_LOCK, check_upload_room
from server.schemas.uploads import AvatarEnvelope, AvatarJobEnvelope, AvatarUploadForm
from runtime.avatar_jobs import UPLOADS_DIR, upload_limits
from runtime.services import Services
from server.services import services
from server.sse import sse_response

bp = Blueprint("avatar_uploads", __name__)
FORM_SLACK = 64 * 1024  # bytes of multipart overhead and the other fields, beyond the file itself
ESTIMATED_S = {"image": 5, "video": 60}  # rough seconds on one core, for the seed's `estimated_time`
RETRY_AFTER_S = 30
DISPLAY_NAME_CHARS = 100
STILL_RESOLUTION = "360p"
STILL_QUALITY = 85  # JPEG quality of the still image
STILL_MAX_AGE_S = 300


class Unprocessable(ApiError):
    """A well-formed upload that cannot become an avatar: no face, several, or a tiny one (422)."""

    status = 422
    code = "unprocessable_upload"


class AvatarOptions(BaseModel):
    """The `options` form field (JSON)."""

    model_config = ConfigDict(extra="ignore")

    idle_seconds: Annotated[float, Field(gt=0.0, le=MAX_IDLE_SECONDS)] | None = None
    display_name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=DISPLAY_NAME_CHARS)] | None = None
    shared: bool | None = None  # true: listed to and usable by everyone (private to its uploader otherwise)


def _refusal(e: PrecomputeError) -> ApiError:
    """The HTTP error for a refused upload: 422 for faces, 400 for the file itself."""
    if isinstance(e, NoFaceError | SeveralFaces | FaceTooSmall):
        return Unprocessable(str(e))
    return BadRequest(f"'file': {e}")


def _options() -> AvatarOptions:
    """The `options` form field: a JSON object (absent: no options)."""
    try:
        raw = json.loads(request.form.get("options") or "{}")
    except json.JSONDecodeError as e:
        raise BadRequest("'options' must be a JSON object") from e
    if not isinstance(raw, dict):
        raise BadRequest("'options' must be a JSON object")
    try:
        return parse(AvatarOptions, raw)
    except BadRequest as e:
        raise BadRequest(f"'options': {e.message}") from e


def _store_upload(s: Services, field: str) -> tuple[Path, Path]:
    """Save the multipart file under a fresh folder once the byte caps allow it; (folder, file). The client's file
    name is never used."""
    upload = request.files.get(field)
    if upload is None:
        raise BadRequest(f"'{field}' is required (multipart/form-data: a photo or a short video)")
    incoming = max(request.content_length or 0, _size(upload))
    with WRITE_LOCK:  # the checks and the write together: a concurrent upload sees this one's folder
        _check_owner_space(s, incoming)
        check_upload_room(s, incoming)
        folder = s.config.MEDIA_DIR / UPLOADS_DIR / secrets.token_hex(16)
        folder.mkdir(parents=True)
        path = folder / "upload"
        upload.save(path)
    return folder, path


def _size(upload: FileStorage) -> int:
    """Bytes of a parsed multipart file (known before it is saved: Werkzeug has spooled it already)."""
    stream = upload.stream
    here = stream.seek(0, os.SEEK_END)
    stream.seek(0)
    return here


def _check_owner_space(s: Services, incoming: int) -> None:
    """413 before anything is written when this owner's avatars and the incoming upload would pass
    AVATAR_UPLOAD_OWNER_MAX_BYTES."""
    cap = s.config.AVATAR_UPLOAD_OWNER_MAX_BYTES
    used = owner_bytes(s.avatars, request_owner())
    if used + incoming > cap:
        raise PayloadTooLarge(f"your uploaded avatars hold {used} bytes and this upload would pass the "
                              f"{cap}-byte limit per owner (AVATAR_UPLOAD_OWNER_MAX_BYTES); delete one first")


def _submit(field: str) -> tuple[AvatarJob, str]:
    """Check the upload at once (refusals leave nothing on disk) and queue the job; (job, kind)."""
    s = services()
    limits = upload_limits(s.config)
    request.max_content_length = limits.max_bytes + FORM_SLACK  # before anything reads the form
    try:
        request.files  # noqa: B018 - parses the body now, so its size is checked here
    except RequestEntityTooLarge as e:
        raise PayloadTooLarge(f"'{field}' is over the {limits.max_bytes}-byte upload limit") from e
    options = _options()
    display = (request.form.get("name") or options.display_name or "").strip()[:DISPLAY_NAME_CHARS] or "avatar"
    folder, path = _store_upload(s, field)
    try:
        if path.stat().st_size > limits.max_bytes:
            raise PayloadTooLarge(f"'{field}' is {path.stat().st_size} bytes; the upload limit is {limits.max_bytes}")
        sniffed = inspect_upload(path, limits)
        source = path.rename(path.with_suffix(sniffed.extension))
    except PrecomputeError as e:
        shutil.rmtree(folder, ignore_errors=True)
        raise _refusal(e) from e
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    job = AvatarJob(base_name(display), display, request_owner(), folder, source,
                    options.model_dump(exclude_none=True), sid=request.form.get("sid") or None)
    try:
        return s.avatar_jobs.submit(job), sniffed.kind
    except JobsFull as e:
        raise Unavailable(str(e), headers={"Retry-After": str(RETRY_AFTER_S)}, code="avatar_jobs_full") from e


@bp.post("/api/avatars")
@operation(AvatarJobEnvelope, form=AvatarUploadForm, status=202, errors=(413, 422, 503, 507), tag="avatars")
def create() -> ResponseReturnValue:
    """Upload `file` (+ `name`, `options` JSON, optional Socket.IO `sid`): 202 with the job and where to follow it."""
    job, kind = _submit("file")
    return jsonify(success=True, data={
        "job_id": job.id, "status_url": f"/api/avatars/jobs/{job.id}", "events_url": f"/api/avatars/jobs/{job.id}/events",
        "estimated_time": ESTIMATED_S[kind], "avatar": job.name}), 202


@bp.post("/api/generate")
@operation(AvatarJobEnvelope, form=AvatarUploadForm, status=202, errors=(413, 422, 503, 507), tag="avatars")
def generate() -> ResponseReturnValue:
    """The avatar-forge seed's upload (field `image`), making an avatar."""
    job, kind = _submit("image")
    return jsonify(success=True, data={"job_id": job.id, "status_url": f"/api/generate/status/{job.id}",
                                       "estimated_time": ESTIMATED_S[kind]}), 202


def _job(job_id: str) -> AvatarJob:
    job = services().avatar_jobs.get(job_id)
    if job is None:
        raise NotFound(f"avatar job not found: {job_id!r}")
    return job


@bp.get("/api/avatars/jobs/<job_id:job_id>")  # typed: `/api/avatars/jobs/still.jpg` is the still of avatar "jobs"
@bp.get("/api/generate/status/<job_id:job_id>")
@operation(AvatarJobEnvelope, errors=(404,), tag="avatars")
def status(job_id: str) -> ResponseReturnValue:
    """The seed's job status: status, progress, current_step, result_url, error."""
    return jsonify(success=True, data=AvatarJobEvent.of(_job(job_id)).values())


@bp.get("/api/avatars/jobs/<job_id:job_id>/events")
@operation(errors=(404,), tag="avatars", content={"text/event-stream": "the job's progress, then done or error"})
def events(job_id: str) -> ResponseReturnValue:
    """The job's `progress` events as SSE until it is completed or failed."""
    job = _job(job_id)
    jobs = services().avatar_jobs
    heartbeat = services().config.SSE_HEARTBEAT_S

    def stream() -> Iterator[dict[str, Any] | None]:
        seen = 0
        while True:
            fresh = jobs.events(job, seen, heartbeat)
            if not fresh:
                yield None
                continue
            for event in fresh:
                seen += 1
                yield event.sse_json(job_id, seen)
            if fresh[-1].terminal:
                return

    return sse_response(stream())


@bp.get("/api/avatars/<name>")
@operation(AvatarEnvelope, errors=(404,), tag="avatars")
def show(name: str) -> ResponseReturnValue:
    """Every resolution of one avatar (a finished job's `result_url`)."""
    entries = [avatar_entry(a) for a in visible_avatars(services().avatars, caller_owners()) if a.name == name]
    if not entries:
        raise NotFound(f"avatar not found: {name!r}")
    return jsonify(success=True, data={"name": name, "display_name": entries[0]["display_name"], "avatars": entries})


@bp.get("/api/avatars/<name>/still.jpg")
@operation(errors=(400, 404), tag="avatars", content={"image/jpeg": "the first idle frame, 360p"})
def still(name: str) -> ResponseReturnValue:
    """The avatar's first idle frame at 360p as a JPEG (a character's `image_url`)."""
    s = services()
    try:
        avatar = s.avatars.get(require_visible(s.avatars, s.avatars.resolve(name, STILL_RESOLUTION), caller_owners()))
    except InvalidAvatarName as e:
        raise BadRequest(str(e)) from e
    except AvatarNotFound as e:
        raise NotFound(f"avatar not found: {name!r}") from e
    ok, jpeg = cv2.imencode(".jpg", avatar.idle_frame(0), [cv2.IMWRITE_JPEG_QUALITY, STILL_QUALITY])
    if not ok:
        raise ApiError("the still image could not be encoded")
    return Response(jpeg.tobytes(), mimetype="image/jpeg", headers={"Cache-Control": f"max-age={STILL_MAX_AGE_S}"})


@bp.delete("/api/avatars/<name>")
@operation(AvatarEnvelope, errors=(400, 403, 404), tag="avatars")
def delete(name: str) -> ResponseReturnValue:
    """Delete an uploaded avatar (every resolution); the generated defaults are 403, others' uploads 404."""
    store = services().avatars
    try:
        source = store.source_of(name)
    except InvalidAvatarName as e:
        raise BadRequest(str(e)) from e
    if source is None or (source.get("tool") == UPLOAD_TOOL and source.get("owner") not in caller_owners()):
        raise NotFound(f"avatar not found: {name!r}")
    if source.get("tool") != UPLOAD_TOOL:
        raise Forbidden(f"avatar {name!r} was not uploaded; only uploaded avatars can be deleted")
    removed = store.remove(name)
    idle_dir = services().config.MEDIA_DIR / IDLE_DIR
    for avatar_id in removed:  # ids match AVATAR_ID_PATTERN, so the glob stays inside the folder
        for clip in idle_dir.rglob(f"{avatar_id}-*.mp4"):  # its idle, listening and nod clips
            clip.unlink(missing_ok=True)
    return jsonify(success=True, data={"name": name, "deleted": removed})
