"""Sessions and their messages in the database: create, read, expire, store turns, legacy-mode conversations; and
the interview settings a session holds, the one model of them (`InterviewSettings`: what a session is started with,
what a turn request may name, and the one conversion to the interviewer's `InterviewContext`). Every other list of
those fields is derived from it or held to it by `tests/test_interview_settings.py`."""
from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from llm.base import DEFAULT_ORG_TYPE, InterviewContext, Message, Role
from store.database import Database
from store.models.sessions import ChatMessage, ChatSession

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The current time in UTC (the default clock; tests inject their own)."""
    return datetime.now(UTC)


def new_session_id() -> str:
    """A fresh session id: a random UUID4 in canonical form (the server's only id format)."""
    return str(uuid.uuid4())


def is_session_id(value: str) -> bool:
    """Whether `value` is in the server's session id format (checked before any database access)."""
    try:
        return str(uuid.UUID(value, version=4)) == value
    except ValueError:
        return False


DEFAULT_LANGUAGE = "ko"


@dataclass(frozen=True)
class InterviewSettings:
    """Which interview it is and how it is shown; None = not given (the server's default)."""

    org_type: str | None = None
    company_name: str | None = None
    job_name: str | None = None
    avatar: str | None = None
    resolution: str | None = None
    tts_engine: str | None = None
    tts_voice: str | None = None
    total_questions: int | None = None
    language: str | None = None
    resume_text: str | None = None
    job_posting_text: str | None = None
    interview_mode: str | None = None  # "study" (hints on request) | "real" (no hints, time limits)

    @classmethod
    def of(cls, values: Mapping[str, Any] | object) -> InterviewSettings:
        """The settings among `values` (a mapping, or an object's attributes: a request body, a database row)."""
        read = values.get if isinstance(values, Mapping) else lambda name: getattr(values, name, None)
        return cls(**{name: read(name) for name in SETTING_NAMES})

    def as_fields(self) -> dict[str, Any]:
        """The settings that are set, under the request field names they default."""
        return {k: v for k, v in self.__dict__.items() if v is not None}

    def only(self, names: Iterable[str]) -> InterviewSettings:
        """These settings with all but `names` left unset."""
        kept = set(names)
        return InterviewSettings(**{k: v for k, v in self.__dict__.items() if k in kept})

    def over(self, stored: InterviewSettings) -> InterviewSettings:
        """These settings (a request's) with `stored` (a session's) filling what they leave unset or empty."""
        return InterviewSettings(**{k: v or getattr(stored, k) for k, v in self.__dict__.items()})

    def context(self, default_questions: int) -> InterviewContext:
        """The interviewer's context: the house defaults where a setting is unset."""
        return InterviewContext(org_type=self.org_type or DEFAULT_ORG_TYPE, company_name=self.company_name,
                                job_name=self.job_name, total_questions=self.total_questions or default_questions,
                                language=self.language or DEFAULT_LANGUAGE, resume_text=self.resume_text,
                                job_posting_text=self.job_posting_text, interview_mode=self.interview_mode)


SETTING_NAMES = tuple(f.name for f in fields(InterviewSettings))


@dataclass(frozen=True)
class SessionRecord:
    """A stored session as the API reports it."""

    id: str
    created_at: datetime
    last_accessed: datetime
    metadata: dict[str, Any]
    interview: InterviewSettings
    question_index: int
    finished: bool
    message_count: int
    owner: str | None = None  # the identity that created it; None = reachable by its id alone


@dataclass(frozen=True)
class StoredMessage(Message):
    """A stored message (the one message model, `llm.base.Message`) with the turn details an interviewer reply
    carries."""

    id: int
    session_id: str
    created_at: datetime
    token_usage: dict[str, Any] | None = None
    llm_source: str | None = None
    timings: dict[str, Any] | None = None
    audio_url: str | None = None
    video_url: str | None = None
    speaker: str | None = None


@dataclass(frozen=True)
class TurnRecord:
    """One exchange to store: the candidate's text and the interviewer's reply with its details."""

    message: str
    reply: str
    llm_source: str | None = None
    timings: dict[str, Any] | None = None
    audio_url: str | None = None
    video_url: str | None = None
    token_usage: dict[str, Any] | None = None
    question_index: int = 0
    finished: bool = False
    speaker: str | None = None  # the interviewer character's name, when one spoke


class SessionStore:
    """Every session operation; a session idle longer than `timeout` is gone (404) and later deleted."""

    def __init__(self, database: Database, timeout: timedelta, max_legacy: int, clock: Clock = utc_now) -> None:
        self._db = database
        self._timeout = timeout
        self._max_legacy = max_legacy
        self._clock = clock

    def create(self, metadata: dict[str, Any], owner: str | None, interview: InterviewSettings) -> SessionRecord:
        """A new session."""
        now = self._clock()
        row = ChatSession(id=new_session_id(), created_at=now, last_accessed=now, meta=metadata, owner=owner,
                          question_index=0, finished=False, **interview.__dict__)
        with self._db.write() as db:
            db.add(row)
        return _record(row, 0)

    def get(self, session_id: str, touch: bool = True) -> SessionRecord | None:
        """The live session, or None (unknown, expired or not in the id format); reading it counts as access."""
        if not is_session_id(session_id):
            return None
        with self._db.write() if touch else self._db.read() as db:
            row = self._live(db, session_id)
            if row is None:
                return None
            if touch:
                row.last_accessed = self._clock()
            count = db.scalar(select(func.count()).where(ChatMessage.session_id == session_id)) or 0
            return _record(row, count)

    def list_owned(self, owner: str) -> list[SessionRecord]:
        """The owner's live sessions, newest first."""
        counts = (select(ChatMessage.session_id, func.count().label("n")).group_by(ChatMessage.session_id)
                  .subquery())
        query = (select(ChatSession, func.coalesce(counts.c.n, 0))
                 .outerjoin(counts, counts.c.session_id == ChatSession.id)
                 .where(ChatSession.owner == owner, ChatSession.legacy_key.is_(None),
                        ChatSession.last_accessed >= self._cutoff())
                 .order_by(ChatSession.created_at.desc()))
        with self._db.read() as db:
            return [_record(row, count) for row, count in db.execute(query)]

    def delete(self, session_id: str) -> bool:
        """Delete a live session and its messages; False when there was none."""
        if not is_session_id(session_id):
            return False
        with self._db.write() as db:
            row = self._live(db, session_id)
            if row is None:
                return False
            db.execute(delete(ChatMessage).where(ChatMessage.session_id == session_id))
            db.delete(row)
            return True

    def messages(self, session_id: str, limit: int | None = None) -> list[StoredMessage] | None:
        """The newest `limit` messages (all when None), oldest first; None when the session is not live."""
        if not is_session_id(session_id):
            return None
        with self._db.read() as db:
            if self._live(db, session_id) is None:
                return None
            query = select(ChatMessage).where(ChatMessage.session_id == session_id).order_by(ChatMessage.id.desc())
            rows = db.scalars(query.limit(limit) if limit is not None else query).all()
            return [_message(row) for row in reversed(rows)]

    def history(self, session_id: str, limit: int) -> tuple[Message, ...]:
        """The newest `limit` messages as the LLM's history (empty for a missing session)."""
        return tuple(Message(m.role, m.content) for m in self.messages(session_id, limit) or ())

    def add_turn(self, session_id: str, turn: TurnRecord) -> tuple[StoredMessage, StoredMessage] | None:
        """Store both messages and the interview's progress in one transaction; None when the session is gone."""
        with self._db.write() as db:
            row = self._live(db, session_id)
            if row is None:
                return None
            return self._append(db, row, turn)

    def legacy_history(self, key: str, limit: int) -> tuple[Message, ...]:
        """The legacy-mode conversation of a client key (empty when there is none)."""
        with self._db.read() as db:
            row = db.scalar(select(ChatSession.id).where(ChatSession.legacy_key == key,
                                                          ChatSession.last_accessed >= self._cutoff()))
        return self.history(row, limit) if row is not None else ()

    def add_legacy_turn(self, key: str, turn: TurnRecord) -> None:
        """Append to the client key's conversation, starting one (and dropping the oldest past the cap) if needed."""
        for attempt in range(2):
            try:
                with self._db.write() as db:
                    row = db.scalar(select(ChatSession).where(ChatSession.legacy_key == key))
                    if row is not None and _aware(row.last_accessed) < self._cutoff():
                        db.delete(row)
                        db.flush()
                        row = None
                    if row is None:
                        now = self._clock()
                        row = ChatSession(id=new_session_id(), created_at=now, last_accessed=now, meta={},
                                          legacy_key=key, question_index=0, finished=False)
                        db.add(row)
                        db.flush()
                        self._drop_oldest_legacy(db)
                    self._append(db, row, turn)
                return
            except IntegrityError:
                if attempt:  # another request of the same client created it first: append to that one
                    raise

    def clear_legacy(self, key: str) -> None:
        """Forget a client key's legacy conversation."""
        with self._db.write() as db:
            db.execute(delete(ChatSession).where(ChatSession.legacy_key == key))

    def adopt_legacy(self, old_key: str, new_key: str) -> None:
        """Move a conversation to a new key (a client that turned out to keep cookies takes it along)."""
        with self._db.write() as db:
            db.execute(delete(ChatSession).where(ChatSession.legacy_key == new_key))
            db.execute(update(ChatSession).where(ChatSession.legacy_key == old_key).values(legacy_key=new_key))

    def media_in_use(self) -> set[str]:
        """Delete expired sessions, then name the media files (URL paths) that live sessions reference."""
        with self._db.write() as db:
            expired = select(ChatSession.id).where(ChatSession.last_accessed < self._cutoff())
            db.execute(delete(ChatMessage).where(ChatMessage.session_id.in_(expired)))
            db.execute(delete(ChatSession).where(ChatSession.last_accessed < self._cutoff()))
            rows = db.execute(select(ChatMessage.audio_url, ChatMessage.video_url)
                              .where(or_(ChatMessage.audio_url.is_not(None), ChatMessage.video_url.is_not(None))))
            return {url for pair in rows for url in pair if url}

    def _append(self, db: Session, row: ChatSession, turn: TurnRecord) -> tuple[StoredMessage, StoredMessage]:
        now = self._clock()
        user = ChatMessage(session_id=row.id, role="user", content=turn.message, created_at=now)
        reply = ChatMessage(session_id=row.id, role="assistant", content=turn.reply, created_at=now,
                            token_usage=turn.token_usage, llm_source=turn.llm_source, timings=turn.timings,
                            audio_url=turn.audio_url, video_url=turn.video_url, speaker=turn.speaker)
        db.add_all([user, reply])
        row.last_accessed, row.question_index, row.finished = now, turn.question_index, turn.finished
        db.flush()
        return _message(user), _message(reply)

    def _drop_oldest_legacy(self, db: Session) -> None:
        surplus = db.scalars(select(ChatSession.id).where(ChatSession.legacy_key.is_not(None))
                             .order_by(ChatSession.last_accessed.desc()).offset(self._max_legacy)).all()
        if surplus:
            db.execute(delete(ChatMessage).where(ChatMessage.session_id.in_(surplus)))
            db.execute(delete(ChatSession).where(ChatSession.id.in_(surplus)))

    def _live(self, db: Session, session_id: str) -> ChatSession | None:
        row = db.get(ChatSession, session_id)
        return row if row is not None and _aware(row.last_accessed) >= self._cutoff() else None

    def _cutoff(self) -> datetime:
        return self._clock() - self._timeout


def _aware(value: datetime) -> datetime:
    """SQLite hands datetimes back without their zone; they were stored in UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def _record(row: ChatSession, message_count: int) -> SessionRecord:
    return SessionRecord(row.id, _aware(row.created_at), _aware(row.last_accessed), dict(row.meta or {}),
                         InterviewSettings.of(row),
                         row.question_index, row.finished, message_count, row.owner)


def _message(row: ChatMessage) -> StoredMessage:
    return StoredMessage(role=cast(Role, row.role), content=row.content, id=row.id, session_id=row.session_id,
                         created_at=_aware(row.created_at), token_usage=row.token_usage, llm_source=row.llm_source,
                         timings=row.timings, audio_url=row.audio_url, video_url=row.video_url, speaker=row.speaker)
