"""Client-written text bound for the interviewer's system prompt (director_note, scenario, a forge persona), made
data: one line, JSON-quoted. A newline or a `[규칙]`-style header inside it can then never open a section of
rules of its own; the prompt's labels say what the quoted value is."""
from __future__ import annotations

import json


def as_data(text: str) -> str:
    """`text` on one line (every whitespace run one space) in double quotes; empty stays empty."""
    one_line = " ".join(text.split())
    return json.dumps(one_line, ensure_ascii=False) if one_line else ""
