"""Server-side conversation history for legacy clients that send no `history` (bounded LRU, thread-safe)."""
from __future__ import annotations

import threading
from collections import OrderedDict

from llm.base import Message


class HistoryStore:
    """Histories keyed by a session key; the least recently used session is dropped past `max_sessions`."""

    def __init__(self, max_sessions: int, max_messages: int) -> None:
        self._max_sessions = max_sessions
        self._max_messages = max_messages
        self._sessions: OrderedDict[str, tuple[Message, ...]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> tuple[Message, ...]:
        """The session's messages, oldest first (empty for a new key)."""
        with self._lock:
            if key in self._sessions:
                self._sessions.move_to_end(key)
            return self._sessions.get(key, ())

    def append(self, key: str, *messages: Message) -> None:
        """Add messages, keeping only the newest `max_messages`."""
        with self._lock:
            kept = (self._sessions.pop(key, ()) + messages)[-self._max_messages:]
            self._sessions[key] = kept
            while len(self._sessions) > self._max_sessions:
                self._sessions.popitem(last=False)

    def clear(self, key: str) -> None:
        """Forget one session."""
        with self._lock:
            self._sessions.pop(key, None)
