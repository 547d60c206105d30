"""The sealed3 situations set can be judged by bench/interviewer.py as written.

Only the file's shape is checked: no engine is scored and the interviewer is never called, because the set stays
sealed until the integrator's final measurement."""
from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from bench.interviewer import REPOSES_PENDING, SEALED3, turn_of

JUDGED_MOVES = REPOSES_PENDING | {"follow_up", "next_question", "reask_simpler", "pivot", "close", "timed_out"}
JUDGED_MUST_NOT = {"repeat_question", "new_main_question", "invent_number", "false_praise", "presuppose",
                   "ask_motivation", "false_link"}
ITEMS = json.loads(SEALED3.read_text(encoding="utf-8"))


def test_set_has_sixty_korean_and_thirty_english_items_with_unique_ids() -> None:
    languages = Counter(item["language"] for item in ITEMS)
    assert languages == {"ko": 60, "en": 30}
    ids = [item["id"] for item in ITEMS]
    assert len(set(ids)) == len(ids)
    for item in ITEMS:
        assert re.fullmatch(rf"sealed3-{item['language']}-\d{{3}}", item["id"])


def test_every_move_of_the_judge_is_exercised() -> None:
    assert {item["expect"]["move"] for item in ITEMS} == JUDGED_MOVES


@pytest.mark.parametrize("item", ITEMS, ids=lambda item: item["id"])
def test_item_is_a_turn_the_judge_understands(item: dict) -> None:
    turn, expect = turn_of(item), item["expect"]
    assert turn.context.language == item["language"] in ("ko", "en")
    assert expect["move"] in JUDGED_MOVES
    assert set(expect["must_not"]) <= JUDGED_MUST_NOT
    assert set(item["flags"]) <= {"interrupted", "answer_timed_out"}
    roles = [message.role for message in turn.history]
    assert roles[-1] == "assistant" and all(a != b for a, b in zip(roles, roles[1:]))
    pending = re.split(r"(?<=[.!])\s+", turn.history[-1].content.strip())[-1]
    assert "?" in pending or re.search(r"(주세요|보세요|간단히요)\.$", pending) or re.match(
        r"(Tell|Walk|Describe|Give)\b", pending), "the pending line is a question or a request"
    for stem in expect["must_mention"]:
        assert stem.lower() in turn.message.lower(), f"{stem!r} is not what the candidate said"
    if expect["move"] == "follow_up":
        assert len(expect["must_mention"]) == 1
    if "invent_number" in expect["must_not"]:
        assert not re.search(r"\d", turn.message), "invent_number is judged only when the answer has no number"
    if expect["move"] == "close":
        asked = sum(m.role == "assistant" for m in turn.history)
        assert asked == turn.context.total_questions, "the budget is spent when the interview closes"
    if expect["move"] == "reask_interrupted":
        assert turn.interrupted
    if expect["move"] == "timed_out":
        assert turn.answer_timed_out
