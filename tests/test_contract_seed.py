"""Every example of the realtime seed's API document, checked against the models the server validates and answers
with: request bodies (curl, JSON blocks, Python literals), JSON answers, SSE events and Socket.IO payloads.

An example may lack a field only where the model marks that field an addition ("Addition" in its description).
The seed is read from $SEEDS_DIR, else `../shared/seeds/` beside the checkout, else the copy kept in
`tests/contract/` (so a bare clone checks it too); where the shared seed exists, the copy must equal it.
"""
from __future__ import annotations

import ast
import json
import os
import re
from pathlib import Path
from typing import Any, get_args

import pytest
from pydantic import BaseModel, ValidationError

from server.api.document import documented_rules
from runtime.config import Config
from server.schemas.chat import ChatResponse, HistoryEntry
from server.schemas.common import ErrorBody
from server.schemas.events import SOCKET_OUT
from server.schemas.lipsync import LipsyncRequest

SEED_NAME = "realtime-interview-avatar-api.md"
KEPT_COPY = Path(__file__).resolve().parent / "contract" / SEED_NAME
SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "seeds" / SEED_NAME
SEEDS = [Path(os.environ["SEEDS_DIR"]) / SEED_NAME] if "SEEDS_DIR" in os.environ else []
SEED = next(path for path in [*SEEDS, SHARED, KEPT_COPY] if path.is_file())

TEXT_PLACEHOLDER = "..."  # the seed's stand-in for any text, e.g. `{text: "...", avatar: "..."}`
SAMPLE_TEXT = "안녕하세요"
# Fields the seed's own field tables list but one of its examples leaves out (not additions of ours).
SEED_OMISSIONS = {("POST /api/v2/chat_and_lipsync/stream", "done", "audio_duration")}
CONTEXT = {"config": Config()}


def sections() -> dict[str, str]:
    """`METHOD /path` → the text under that heading (to the next heading)."""
    text = SEED.read_text(encoding="utf-8")
    found = {}
    parts = re.split(r"^#{2,3} (.*)$", text, flags=re.M)
    for heading, body in zip(parts[1::2], parts[2::2]):
        match = re.match(r"(GET|POST) (/\S+)", heading)
        found[f"{match.group(1)} {match.group(2)}" if match else heading] = body
    return found


def operations(app) -> dict[str, Any]:
    """`METHOD /path` → the Operation the server's view records (its body, answer and event models)."""
    return {f"{method} {rule}": op for rule, method, op in documented_rules(app)}


def allowed_gaps(model: type[BaseModel], error: dict[str, Any]) -> bool:
    """A missing field that the model documents as an addition."""
    if error["type"] != "missing":
        return False
    schema = model.model_json_schema()
    defs = schema.get("$defs", {})
    node: dict[str, Any] = schema
    for part in error["loc"]:
        node = _resolve(node, defs)
        node = node["items"] if isinstance(part, int) else node.get("properties", {}).get(part, {})
    return (node.get("description") or _resolve(node, defs).get("description", "")).startswith("Addition")


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in node:
        return defs[node["$ref"].rsplit("/", 1)[1]]
    options = [o for o in node.get("anyOf", []) if o.get("type") != "null"]
    return _resolve(options[0], defs) if options else node


def check(model: type[BaseModel], example: Any, where: str, omissions: set[str] = frozenset()) -> None:
    """Fail unless `example` validates, apart from additions and listed omissions."""
    try:
        model.model_validate(example, context=CONTEXT)
    except ValidationError as e:
        real = [err for err in e.errors() if not allowed_gaps(model, err) and str(err["loc"][-1]) not in omissions]
        assert real == [], f"{where}: {json.dumps(example, ensure_ascii=False)[:300]} → {real}"


def placeholders_filled(value: Any) -> Any:
    """The seed's "..." texts replaced by a real sentence."""
    if isinstance(value, dict):
        return {k: placeholders_filled(v) for k, v in value.items()}
    if isinstance(value, list):
        return [placeholders_filled(v) for v in value]
    return SAMPLE_TEXT if value == TEXT_PLACEHOLDER else value


def json_blocks(body: str) -> list[tuple[str, str]]:
    """(the bold label before it, text) of every ```json block."""
    blocks = []
    for match in re.finditer(r"```json\n(.*?)```", body, flags=re.S):
        labels = re.findall(r"\*\*([^*]+)\*\*", body[:match.start()])
        blocks.append((labels[-1] if labels else "", match.group(1)))
    return blocks


def event_models(union: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """`type` value → member model of an SSE event union."""
    members = get_args(union.model_fields["root"].annotation)
    return {member.model_fields["type"].default: member for member in members}


@pytest.fixture(scope="module")
def seed_sections() -> dict[str, str]:
    return sections()


def test_every_seed_endpoint_is_served_and_documented(app, seed_sections):
    ops = operations(app)
    endpoints = [key for key in seed_sections if key.startswith(("GET ", "POST "))]
    assert len(endpoints) == 14
    for key in endpoints:
        assert ops.get(key) is not None, f"{key} of the seed is not served with an @operation"


def test_request_examples_validate(app, seed_sections):
    ops, checked = operations(app), 0
    for key, body in seed_sections.items():
        op = ops.get(key)
        if op is None or op.body is None:
            continue
        for data in re.findall(r"-d '(.*?)'", body, flags=re.S):
            check(op.body, json.loads(data), f"{key} curl")
            checked += 1
        for label, block in json_blocks(body):
            if label.startswith("Request"):
                check(op.body, json.loads(block), f"{key} {label}")
                checked += 1
            elif label.startswith("history"):  # `...` stands for more entries
                for entry in json.loads(block.replace("  ...\n", "").replace("},\n]", "}\n]")):
                    check(HistoryEntry, entry, f"{key} {label}")
                    checked += 1
    assert checked >= 11


def test_python_literal_examples_validate(app, seed_sections):
    ops, checked = operations(app), 0
    text = "\n".join(seed_sections.values())
    for path, literal in re.findall(r"requests\.post\(\s*f?['\"][^'\"]*?(/api/[\w/]+)['\"],\s*json=(\{.*?\n\s*\})", text,
                                    flags=re.S):
        try:
            body = ast.literal_eval(literal)
        except ValueError:
            continue  # the example passes variables (conversation_history, ai_text), not literals
        check(ops[f"POST {path}"].body, body, f"POST {path} python")
        checked += 1
    assert checked >= 4


def test_answer_examples_validate(app, seed_sections):
    ops, checked = operations(app), 0
    for key, body in seed_sections.items():
        op = ops.get(key)
        if op is None:
            continue
        for label, block in json_blocks(body):
            if not label.startswith("Response"):
                continue
            model = ErrorBody if "실패" in label else op.ok
            check(model, json.loads(block), f"{key} {label}")
            checked += 1
    assert checked >= 12


def test_stream_event_examples_validate(app, seed_sections):
    ops, checked = operations(app), 0
    answers = [json.loads(block) for label, block in json_blocks(seed_sections["POST /api/chat"])
               if label.startswith("Response")]
    elided = json.dumps(next(a["llm_params"] for a in answers if "llm_params" in a))  # what `{...}` stands for
    for key, body in seed_sections.items():
        op = ops.get(key)
        if op is None or op.stream is None:
            continue
        models = event_models(op.stream)
        lines = re.findall(r"^data: (\{.*\})$", body, flags=re.M)
        assert lines, f"{key}: no SSE example found"
        for line in lines:
            event = json.loads(line.replace('"llm_params": {...}', f'"llm_params": {elided}'))
            omissions = {field for (where, kind, field) in SEED_OMISSIONS if where == key and kind == event["type"]}
            check(models[event["type"]], event, f"{key} SSE {event['type']}", omissions)
            checked += 1
    assert checked >= 16


def js_object(text: str) -> Any:
    """The seed's JavaScript object literal (`{progress: 50, message: "…"}`) as JSON."""
    return json.loads(re.sub(r"([{,]\s*)([A-Za-z_]\w*)\s*:", r'\1"\2":', text))


def test_socket_event_examples_validate(seed_sections):
    rows = re.findall(r"^\| (\w+) \| [^|]+ \| (`\{.*\}`|-) \|$", seed_sections["수신 이벤트"], flags=re.M)
    assert {name for name, _ in rows} == {"progress", "generation_complete", "error", "queue_position"}
    for name, example in rows:
        check(SOCKET_OUT[name], js_object(example.strip("`")), f"socket {name}")
    sent = dict(re.findall(r"^\| (\w+) \| [^|]+ \| (`\{.*\}`|-) \|$", seed_sections["송신 이벤트"], flags=re.M))
    assert set(sent) == {"generate", "cancel"} and sent["cancel"] == "-"
    check(LipsyncRequest, placeholders_filled(js_object(sent["generate"].strip("`"))), "socket generate")


def test_an_example_missing_a_seed_field_would_fail():
    with pytest.raises(AssertionError, match="response"):
        check(ChatResponse, {"llm_source": "x", "llm_params": {}}, "self-check")


@pytest.mark.skipif(not SHARED.is_file(), reason=f"no shared seed beside the checkout ({SHARED})")
def test_the_kept_copy_is_the_shared_seed() -> None:
    assert KEPT_COPY.read_bytes() == SHARED.read_bytes(), f"the seed changed: cp {SHARED} {KEPT_COPY}"
