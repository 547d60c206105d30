"""The sealed2 situations set is well-formed for the judge of bench/interviewer.py.

Format only: no engine is scored here and the interviewer is never called (the set is sealed until the
integrator's final measurement)."""
from __future__ import annotations

import json
import re

import pytest

from bench.interviewer import REPOSES_PENDING, SEALED2, turn_of

# The kinds of reply `_move_problems` judges and the names `violations` checks (bench/interviewer.py).
MOVES = REPOSES_PENDING | {"follow_up", "next_question", "reask_simpler", "pivot", "close", "timed_out"}
MUST_NOT = {"repeat_question", "new_main_question", "invent_number", "false_praise", "presuppose",
            "ask_motivation", "false_link"}
SITUATIONS = json.loads(SEALED2.read_text(encoding="utf-8"))


def test_ids_languages_and_size() -> None:
    ids = [s["id"] for s in SITUATIONS]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(rf"sealed2-{s['language']}-\d{{3}}", s["id"]) for s in SITUATIONS)
    assert sum(s["language"] == "ko" for s in SITUATIONS) == 60
    assert sum(s["language"] == "en" for s in SITUATIONS) == 30


@pytest.mark.parametrize("situation", SITUATIONS, ids=lambda s: s["id"])
def test_situation_is_judgeable(situation: dict) -> None:
    turn, expect = turn_of(situation), situation["expect"]
    assert turn.context.language in ("ko", "en")
    assert expect["move"] in MOVES
    assert set(expect["must_not"]) <= MUST_NOT
    assert set(situation["flags"]) <= {"interrupted", "answer_timed_out"}
    roles = [m.role for m in turn.history]
    assert roles and roles[-1] == "assistant" and all(a != b for a, b in zip(roles, roles[1:]))
    assert all(m.lower() in turn.message.lower() for m in expect["must_mention"]), "a mention not in the answer"
    last_question = turn.history[-1].content
    pending = re.split(r"(?<=[.!])\s+", last_question.strip())[-1]
    assert expect["move"] not in REPOSES_PENDING or len(pending) >= 10, "the question to put again is unclear"
    if "invent_number" in expect["must_not"]:
        assert not re.search(r"\d", turn.message + last_question)
