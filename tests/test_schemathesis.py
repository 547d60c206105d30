"""Schemathesis fuzzes every operation of GET /api/openapi.json against the live server: no 5xx, and no answer
(status, content type, headers, body, each SSE event) that the document does not describe.

The interviewer is a local OpenAI-compatible server with a short reply and texts are bounded to
MAX_TEXT_CHARS=20 through the document's own limits, so the renders that valid cases start stay short (360p).
`tests/schemathesis_hooks.py` logs every answered case, so the cases per operation and phase are counted here.
"""
from __future__ import annotations

import collections
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import requests

from tests.fakes.openai_server import FakeOpenAIServer
from tests.page_screenshots import serve

EXAMPLES_PER_OPERATION = 100  # hypothesis cases of the fuzzing phase, per operation
REQUEST_TIMEOUT_S = 15  # one answer, a whole stream included: a short render takes well under a second here
RUN_TIMEOUT_S = 420
CHECKS = ("not_a_server_error", "status_code_conformance", "content_type_conformance",
          "response_headers_conformance", "response_schema_conformance")
SCHEMATHESIS = Path(sys.executable).with_name("st")
HOOKS = Path(__file__).with_name("schemathesis_hooks.py")
CONFIG = Path(__file__).with_name("schemathesis.toml")
METHODS = ("get", "put", "post", "delete", "patch")
SPEC = "/api/openapi.json"


def operations_and_inputs(document: dict) -> dict[str, bool]:
    """Every operation's label ("GET /path") → whether it takes any input (parameters or a body); not the one
    serving the document, which schemathesis never calls (tests/test_openapi.py checks its answer)."""
    return {f"{method.upper()} {path}": bool(spec.get("parameters") or spec.get("requestBody"))
            for path, item in document["paths"].items() for method, spec in item.items()
            if method in METHODS and path != SPEC}


def test_every_operation_survives_fuzzing_and_keeps_to_the_document(make_app, tmp_path, caplog):
    caplog.set_level(logging.WARNING, "werkzeug")  # not a log line per case
    calls = tmp_path / "calls.jsonl"
    report = tmp_path / "report.json"
    with FakeOpenAIServer(models=("fuzz-model",), reply=("네, ", "좋습니다.")) as llm:
        app = make_app(LLM_ENGINE="openai", LLM_API_URL=llm.base_url, LLM_MODEL="fuzz-model", MAX_TEXT_CHARS=20,
                       DEFAULT_RESOLUTION="360p")
        with serve(app) as base_url:
            operations = operations_and_inputs(requests.get(base_url + SPEC, timeout=5).json())
            run = subprocess.run(
                [str(SCHEMATHESIS), "--config-file", str(CONFIG), "run", base_url + SPEC, "--checks", ",".join(CHECKS),
                 "--max-examples", str(EXAMPLES_PER_OPERATION), "--phases", "examples,coverage,fuzzing",
                 "--mode", "all", "--workers", "2", "--seed", "20261202", "--generation-database", "none",
                 "--request-timeout", str(REQUEST_TIMEOUT_S), "--no-color",
                 "--report", "json", "--report-json-path", str(report)],
                capture_output=True, text=True, timeout=RUN_TIMEOUT_S, cwd=tmp_path,
                env={**os.environ, "SCHEMATHESIS_HOOKS": str(HOOKS), "FUZZ_CALL_LOG": str(calls)})
    print(run.stdout[-3000:])
    assert run.returncode == 0, run.stdout[-20000:] + run.stderr[-3000:]
    summary = json.loads(report.read_text())
    assert summary["operations"]["tested"] == len(operations) and summary["errors"] == []
    logged = [json.loads(line) for line in calls.read_text().splitlines()]
    assert [c for c in logged if c["status"] >= 500] == []
    fuzzed = collections.Counter(c["operation"] for c in logged if c["phase"] == "fuzzing")
    print(f"{len(logged)} answers, by phase {dict(collections.Counter(c['phase'] for c in logged))}; fuzzing "
          f"cases per operation: {dict(sorted(fuzzed.items(), key=lambda item: item[1]))}")
    short = {op: fuzzed[op] for op, has_input in operations.items()
             if fuzzed[op] < (EXAMPLES_PER_OPERATION if has_input else 1)}
    assert short == {}, f"fuzzing cases per operation below the target: {short}"
