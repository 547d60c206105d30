"""The sealed5 situations can be judged by bench/interviewer.py, checked without scoring any engine.

The set is kept for the integrator's final measurement: these tests only turn each item into a chat turn and compare
its expectations with the judge's vocabulary; the one CLI test swaps the engine and the scorer for recorders."""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

import bench.interviewer as bench
from bench.interviewer import REPOSES_PENDING, SEALED5, turn_of

JUDGED_MOVES = REPOSES_PENDING | {"follow_up", "next_question", "reask_simpler", "pivot", "close", "timed_out"}
JUDGED_MUST_NOT = {"repeat_question", "new_main_question", "invent_number", "false_praise", "presuppose",
                   "ask_motivation", "false_link"}
FLAG_FOR_MOVE = {"reask_interrupted": "interrupted", "timed_out": "answer_timed_out"}
ITEMS: list[dict] = json.loads(SEALED5.read_text(encoding="utf-8"))


def _squashed(text: str) -> str:
    """Lower case without whitespace, the way the judge looks for a must_mention stem."""
    return re.sub(r"\s+", "", text.lower())


def test_sixty_korean_and_thirty_english_items_numbered_per_language() -> None:
    assert Counter(item["language"] for item in ITEMS) == {"ko": 60, "en": 30}
    ids = [item["id"] for item in ITEMS]
    assert len(set(ids)) == len(ids)
    for item in ITEMS:
        assert re.fullmatch(rf"sealed5-{item['language']}-\d{{3}}", item["id"]), item["id"]


def test_every_judged_move_occurs_and_follow_up_is_the_commonest() -> None:
    moves = Counter(item["expect"]["move"] for item in ITEMS)
    assert set(moves) == JUDGED_MOVES
    assert max(moves, key=moves.__getitem__) == "follow_up"


@pytest.mark.parametrize("item", ITEMS, ids=[item["id"] for item in ITEMS])
def test_item_becomes_a_turn_with_expectations_the_judge_knows(item: dict) -> None:
    turn = turn_of(item)
    expect = item["expect"]
    assert turn.context.language == item["language"]
    assert turn.message == item["answer"]
    assert turn.history and turn.history[-1].role == "assistant"
    assert expect["move"] in JUDGED_MOVES
    assert set(expect["must_not"]) <= JUDGED_MUST_NOT
    assert all(_squashed(stem) in _squashed(item["answer"]) for stem in expect["must_mention"])
    assert set(item["flags"]) <= set(FLAG_FOR_MOVE.values())
    flag = FLAG_FOR_MOVE.get(expect["move"])
    assert (turn.interrupted, turn.answer_timed_out) == (flag == "interrupted", flag == "answer_timed_out")


def test_follow_ups_name_a_detail_and_nothing_else_does() -> None:
    for item in ITEMS:
        named = bool(item["expect"]["must_mention"])
        assert named == (item["expect"]["move"] == "follow_up"), item["id"]


@pytest.mark.parametrize(("part", "scored"), [("sealed5", [SEALED5]),
                                              ("all", [bench.TUNED, bench.HELD_OUT, bench.INDEPENDENT])])
def test_cli_scores_sealed5_only_when_named(monkeypatch: pytest.MonkeyPatch, part: str, scored: list[Path]) -> None:
    paths: list[Path] = []
    monkeypatch.setattr(bench, "embedded", lambda: lambda turn: "")
    monkeypatch.setattr(bench, "score", lambda engine, path: paths.append(path) or [])
    monkeypatch.setattr(sys, "argv", ["interviewer", "--part", part])
    bench.main()
    assert paths == scored
