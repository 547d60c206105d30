"""Socket.IO live transcription: `stt_start`, binary `stt_chunk`s while the candidate speaks, `stt_stop`.

Out to the sid only: `stt_partial` {text, seconds} while speaking (at most one transcription in flight
per client, so partials never queue up), `stt_final` {text, language, duration, words} after `stt_stop`,
and `error` {error, stt: true} for bad input or a failed engine. Chunks are 16-bit little-endian PCM at
16 kHz mono (what the page's AudioWorklet sends).
"""
from __future__ import annotations

import logging
import time
from typing import Any

from flask import request
from flask_socketio import SocketIO, emit

from server.services import coach_services
from runtime.errors import ApiError, BadRequest, Unavailable
from server.identity import authenticator, socket_identity
from server.limits import limited_event, socket_limits
from server.routes.stt import language_field, stt_queue
from stt.audio import AudioRejected
from stt.base import SAMPLE_RATE, STTCancelled, STTError
from stt.fair_queue import QueuedEngine
from stt.streaming import StreamSession

log = logging.getLogger(__name__)
MAX_CHUNK_BYTES = 256_000  # one chunk: 8 s of 16 kHz PCM, far more than the page sends at once
FINAL_WAIT_S = 60.0  # s, longest wait for a partial in flight before the final transcription


def register_stt_handlers(socketio: SocketIO) -> None:
    """Attach the live-transcription events."""

    def fail(sid: str, message: str) -> None:
        socketio.emit("error", {"error": message, "stt": True}, to=sid)

    def run_partial(sid: str, session: StreamSession) -> None:
        try:
            started = time.monotonic()
            text = session.partial()
            socketio.emit("stt_partial", {"text": text, "seconds": round(session.seconds, 2),
                                          "elapsed": round(time.monotonic() - started, 3)}, to=sid)
        except STTCancelled:
            log.info("live transcription stopped: its client left")
        except STTError as e:
            fail(sid, f"STT error: {e}")
        finally:
            session.busy.release()

    def run_final(sid: str, session: StreamSession) -> None:
        if not session.busy.acquire(timeout=FINAL_WAIT_S):
            fail(sid, "speech recognition stayed busy")
            return
        try:
            socketio.emit("stt_final", session.final().to_api(), to=sid)
        except AudioRejected as e:
            fail(sid, f"audio: {e}")
        except STTCancelled:
            log.info("live transcription stopped: its client left")
        except STTError as e:
            fail(sid, f"STT error: {e}")
        finally:
            session.busy.release()

    @socketio.on("stt_start")
    @limited_event({"accepted": False})
    def on_start(data: Any = None) -> dict[str, Any]:
        s = coach_services()
        body = data if isinstance(data, dict) else {}
        try:
            if body.get("format", "pcm16") != "pcm16" or body.get("sample_rate", SAMPLE_RATE) != SAMPLE_RATE:
                raise BadRequest(f"stt_start takes format 'pcm16' at sample_rate {SAMPLE_RATE}")
            language = language_field(body.get("language"), s.stt)
        except BadRequest as e:
            emit("error", {"error": e.message, "stt": True})
            return {"accepted": False, "error": e.message}
        sid, auth, identity = request.sid, authenticator(), socket_identity()  # type: ignore[attr-defined]
        try:
            socket_limits().hit_generate(identity)
            if s.streams.count() >= s.config.STT_MAX_STREAMS:
                raise Unavailable(f"{s.config.STT_MAX_STREAMS} live transcriptions are open on this server; "
                                  "try again shortly or upload the answer (POST /api/stt)", code="too_many_streams")
        except ApiError as e:
            emit("error", {"error": e.message, "stt": True, "status": e.status})
            return {"accepted": False, "error": e.message}
        engine = QueuedEngine(s.stt, stt_queue(), identity.limit_key, lambda: auth.socket_identity(sid) is None)
        s.streams.open(sid, StreamSession(engine, language, s.config.STT_MAX_SECONDS, s.config.STT_PARTIAL_INTERVAL_S))
        return {"accepted": True, "sample_rate": SAMPLE_RATE, "max_seconds": s.config.STT_MAX_SECONDS}

    @socketio.on("stt_chunk")
    def on_chunk(data: Any = None) -> None:
        s, sid = coach_services(), request.sid  # type: ignore[attr-defined]
        session = s.streams.get(sid)
        if session is None:
            fail(sid, "send stt_start before audio chunks")
            return
        if not isinstance(data, (bytes, bytearray)) or len(data) > MAX_CHUNK_BYTES:
            fail(sid, f"stt_chunk takes binary PCM of at most {MAX_CHUNK_BYTES} bytes")
            return
        try:
            due = session.feed(bytes(data))
        except AudioRejected as e:
            s.streams.close(sid)
            fail(sid, f"audio: {e}")
            return
        if due and session.busy.acquire(blocking=False):
            socketio.start_background_task(run_partial, sid, session)

    @socketio.on("stt_stop")
    @limited_event({"accepted": False})
    def on_stop(data: Any = None) -> dict[str, Any]:
        s, sid = coach_services(), request.sid  # type: ignore[attr-defined]
        session = s.streams.close(sid)
        if session is None:
            fail(sid, "no live transcription to stop (send stt_start first)")
            return {"accepted": False}
        socketio.start_background_task(run_final, sid, session)
        return {"accepted": True, "seconds": round(session.seconds, 2)}

    @socketio.on("stt_cancel")
    @limited_event({"cancelled": False})
    def on_cancel(data: Any = None) -> dict[str, Any]:
        return {"cancelled": coach_services().streams.close(request.sid) is not None}  # type: ignore[attr-defined]
