"""`POST /api/stt`: an uploaded answer (multipart `file`: webm/opus, ogg, wav, mp3) → text, language, word timings."""
from __future__ import annotations

import time

from flask import Blueprint, current_app, jsonify, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import RequestEntityTooLarge

from server.api.edge import operation
from server.services import coach_services
from runtime.errors import ApiError, BadRequest, PayloadTooLarge, TooManyRequests, Unavailable
from server.disconnect import client_gone
from server.identity import current_identity
from server.schemas.uploads import SttForm, Transcript
from stt.audio import AudioRejected, AudioTooLong, check_speech, decode
from stt.base import STTCancelled, STTEngine, STTError
from stt.fair_queue import FairQueue, QueuedEngine, STTBusy
from stt.whisper import DEFAULT_WAIT_S as STT_WAIT_S

bp = Blueprint("stt", __name__)
LANGUAGES = ("ko", "en")
QUEUE_KEY = "stt-fair-queue"  # app.extensions: the recogniser's turns, shared by uploads and live transcription
BUSY_RETRY_AFTER_S = 5


class Gone(ApiError):
    """The client left, and its transcription was given up (nobody reads this answer; the access log does)."""

    status = 499
    code = "client_gone"


def stt_queue() -> FairQueue:
    """This app's turns at the recogniser (STT_MAX_PER_CLIENT per client, round robin)."""
    config = coach_services().config
    return current_app.extensions.setdefault(QUEUE_KEY, FairQueue(config.STT_MAX_PER_CLIENT, STT_WAIT_S))


def language_field(value: object, engine: STTEngine) -> str | None:
    """`language`: ko, en, or empty/auto (detect), and one the configured engine recognises."""
    if value in (None, "", "auto"):
        return None
    if value not in LANGUAGES:
        raise BadRequest(f"'language' must be one of {', '.join(LANGUAGES)} or auto; got {value!r}")
    if engine.languages is not None and value not in engine.languages:
        raise BadRequest(f"'language' {value!r} is not recognised by STT_ENGINE={engine.name} "
                         f"(only {', '.join(sorted(engine.languages))})")
    return str(value)


@bp.post("/api/stt")
@operation(Transcript, form=SttForm, errors=(413, 503), tag="coach")
def transcribe() -> ResponseReturnValue:
    """Decode, refuse silence and garbage (400), transcribe with the configured engine in this client's turn (429
    while its previous one waits or runs, 503 when the engine fails)."""
    s = coach_services()
    request.max_content_length = s.config.STT_MAX_BYTES + 64_000  # room for the multipart envelope
    try:
        upload = request.files.get("file")
    except RequestEntityTooLarge as e:
        raise PayloadTooLarge(f"'file' is over the {s.config.STT_MAX_BYTES}-byte limit") from e
    if upload is None:
        raise BadRequest("'file' is required: multipart audio (webm/opus, ogg, wav or mp3)")
    language = language_field(request.form.get("language"), s.stt)
    data = upload.read(s.config.STT_MAX_BYTES + 1)
    if len(data) > s.config.STT_MAX_BYTES:
        raise PayloadTooLarge(f"'file' is over the {s.config.STT_MAX_BYTES}-byte limit")
    started = time.monotonic()
    try:
        samples = decode(data, s.config.STT_MAX_SECONDS)
        check_speech(samples)
    except AudioTooLong as e:
        raise PayloadTooLarge(f"'file': {e}") from e
    except AudioRejected as e:
        raise BadRequest(f"'file': {e}") from e
    engine = QueuedEngine(s.stt, stt_queue(), current_identity().limit_key, client_gone)
    try:
        transcript = engine.transcribe(samples, language)
    except STTBusy as e:
        raise TooManyRequests(str(e), headers={"Retry-After": str(BUSY_RETRY_AFTER_S)}, code="stt_busy") from e
    except STTCancelled as e:
        raise Gone(str(e)) from e
    except STTError as e:
        raise Unavailable(f"STT error: {e}", code="engine_unavailable") from e
    if not transcript.text:
        raise BadRequest("'file': no speech recognised in the audio")
    return jsonify(success=True, **transcript.to_api(), engine=s.stt.name,
                   elapsed=round(time.monotonic() - started, 3))
