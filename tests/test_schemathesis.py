"""Schemathesis fuzzes every operation of GET /api/openapi.json against the live server: no 5xx, and no answer
(status, content type, headers, body, each SSE event) that the document does not describe.

The interviewer is a local OpenAI-compatible server with a short reply and texts are bounded to
MAX_TEXT_CHARS=20 through the document's own limits, so the renders that valid cases start stay short.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fakes.openai_server import FakeOpenAIServer
from tests.page_screenshots import serve

EXAMPLES_PER_OPERATION = 100  # hypothesis cases of the fuzzing phase, per operation
RUN_TIMEOUT_S = 900
CHECKS = ("not_a_server_error", "status_code_conformance", "content_type_conformance",
          "response_headers_conformance", "response_schema_conformance")
SCHEMATHESIS = Path(sys.executable).with_name("st")


@pytest.mark.skip(reason="unfinished: the coverage phase's requests to the three SSE endpoints time out (read "
                         "timeout 30-60 s) although the same bodies answer in milliseconds by curl; ~8 min per run")
def test_every_operation_survives_fuzzing_and_keeps_to_the_document(make_app, tmp_path):
    with FakeOpenAIServer(models=("fuzz-model",), reply=("네, ", "좋습니다.")) as llm:
        app = make_app(LLM_ENGINE="openai", LLM_API_URL=llm.base_url, LLM_MODEL="fuzz-model", MAX_TEXT_CHARS=20,
                       DEFAULT_RESOLUTION="360p")
        with serve(app) as base_url:
            report = tmp_path / "report.json"
            run = subprocess.run(
                [str(SCHEMATHESIS), "run", f"{base_url}/api/openapi.json", "--checks", ",".join(CHECKS),
                 "--max-examples", str(EXAMPLES_PER_OPERATION), "--phases", "examples,coverage,fuzzing",
                 "--mode", "all", "--workers", "2", "--seed", "20261202", "--generation-database", "none",
                 "--request-timeout", "60", "--no-color", "--report", "json", "--report-json-path", str(report)],
                capture_output=True, text=True, timeout=RUN_TIMEOUT_S, cwd=tmp_path)
    print(run.stdout[-3000:])
    assert run.returncode == 0, run.stdout[-20000:] + run.stderr[-3000:]
    assert json.loads(report.read_text())
