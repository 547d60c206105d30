"""Schemathesis hooks (`SCHEMATHESIS_HOOKS`): one JSON line per answered case — operation, phase, status — in the
file named by `FUZZ_CALL_LOG`, so the test can count the cases of each phase per operation and the 5xx itself.

Also serialises `ast.parse`: on CPython 3.11 two threads building ASTs at once can fail with "SystemError: AST
constructor recursion depth mismatch" (python/cpython#106905), which Hypothesis hits describing its strategies
while the run's workers generate cases side by side.
"""
from __future__ import annotations

import ast
import functools
import json
import os
import threading
from typing import Any

import schemathesis

_log_lock = threading.Lock()  # the run's workers are threads
_parse_lock = threading.Lock()
_parse = ast.parse


@functools.wraps(_parse)
def _serialised_parse(*args: Any, **kwargs: Any) -> Any:
    with _parse_lock:
        return _parse(*args, **kwargs)


ast.parse = _serialised_parse


@schemathesis.hook
def after_call(context: Any, case: Any, response: Any) -> None:
    """Append this case's operation, phase and status to the call log."""
    meta = case.meta
    line = json.dumps({"operation": case.operation.label, "phase": meta.phase.name.value if meta else None,
                       "status": response.status_code})
    with _log_lock, open(os.environ["FUZZ_CALL_LOG"], "a", encoding="utf-8") as log:
        log.write(line + "\n")
