"""Whether the client of the request being served has gone: a closed connection seen without reading the body.

Gunicorn (what `make run` serves) and Werkzeug put the connection's socket in the WSGI environ; a peek that
finds end-of-stream means the client closed it. Servers that do not expose the socket never report a leave.
"""
from __future__ import annotations

import select
import socket

from flask import request

SOCKET_KEYS = ("gunicorn.socket", "werkzeug.socket")


def client_gone() -> bool:
    """True once the peer closed the connection of the current request."""
    conn = next((request.environ[key] for key in SOCKET_KEYS if key in request.environ), None)
    if not isinstance(conn, socket.socket):
        return False
    try:
        # select first: a socket with a timeout (the edge worker sets one) would wait that long inside recv(),
        # MSG_DONTWAIT or not, and its timeout then read as a client that left
        readable, _, _ = select.select([conn], [], [], 0)
        if not readable:
            return False  # open, nothing sent: still there
        return conn.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
    except (BlockingIOError, InterruptedError):
        return False
    except (OSError, ValueError):  # reset, closed or otherwise unusable
        return True
