"""Every blind situations set (tests/data/interview_situations_sealed*.json) can be judged by bench/interviewer.py.

Format only: no engine is scored and the interviewer is never called here, so a set not yet measured stays blind.
The one CLI test swaps the engine and the scorer for recorders."""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

import bench.interviewer as bench
from bench.interviewer import REPOSES_PENDING, SEALED_SETS, turn_of

# The kinds of reply `_move_problems` judges and the names `violations` checks.
JUDGED_MOVES = REPOSES_PENDING | {"follow_up", "next_question", "reask_simpler", "pivot", "close", "timed_out"}
JUDGED_MUST_NOT = {"repeat_question", "new_main_question", "invent_number", "false_praise", "presuppose",
                   "ask_motivation", "false_link"}
FLAG_OF_MOVE = {"reask_interrupted": "interrupted", "timed_out": "answer_timed_out"}
SETS = {name: json.loads(path.read_text(encoding="utf-8")) for name, path in SEALED_SETS.items()}
ITEMS = [(name, item) for name, items in SETS.items() for item in items]


def _squashed(text: str) -> str:
    """Lower case without whitespace, the way the judge looks for a must_mention stem."""
    return re.sub(r"\s+", "", text.lower())


def test_the_blind_sets_are_found() -> None:
    assert {"sealed", "sealed2", "sealed3", "sealed4", "sealed5", "sealed6", "sealed7", "sealed8",
            "sealed9", "sealed10", "sealed11", "sealed12", "sealed13", "sealed14", "sealed15", "sealed16",
            "sealed17", "sealed18", "sealed19", "sealed20", "sealed21", "sealed22", "sealed23", "sealed24",
            "sealed25", "sealed26", "sealed27", "sealed28", "sealed29", "sealed30", "sealed31", "sealed32",
            "sealed33", "sealed34", "sealed35", "sealed36", "sealed37", "sealed38", "sealed39",
            "sealed40", "sealed41", "sealed42", "sealed43", "sealed44", "sealed45", "sealed46", "sealed47",
            "sealed48"} <= set(SETS)


@pytest.mark.parametrize("name", SETS)
def test_set_is_korean_and_english_with_ids_of_its_own(name: str) -> None:
    items = SETS[name]
    languages = Counter(item["language"] for item in items)
    assert set(languages) == {"ko", "en"} and languages["ko"] >= 59 and languages["en"] == 30
    ids = [item["id"] for item in items]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(rf"{name}-{item['language']}-\d{{3}}", item["id"]) for item in items)


@pytest.mark.parametrize("name", SETS)
def test_every_judged_move_occurs(name: str) -> None:
    assert {item["expect"]["move"] for item in SETS[name]} == JUDGED_MOVES


@pytest.mark.parametrize(("name", "item"), ITEMS, ids=[item["id"] for _, item in ITEMS])
def test_item_is_a_turn_the_judge_understands(name: str, item: dict) -> None:
    turn, expect = turn_of(item), item["expect"]
    assert turn.context.language == item["language"]
    assert expect["move"] in JUDGED_MOVES
    assert set(expect["must_not"]) <= JUDGED_MUST_NOT
    roles = [message.role for message in turn.history]
    assert roles and roles[-1] == "assistant" and set(roles) <= {"user", "assistant"}
    assert all(_squashed(stem) in _squashed(item["answer"]) for stem in expect["must_mention"])
    assert len(expect["must_mention"]) <= (expect["move"] == "follow_up"), "only a follow-up names one detail"
    flag = FLAG_OF_MOVE.get(expect["move"])
    if flag:
        assert getattr(turn, flag), f"{expect['move']} comes with the {flag} flag"


@pytest.mark.parametrize(("part", "scored"), [("sealed5", [SEALED_SETS["sealed5"]]),
                                              ("all", [bench.TUNED, bench.HELD_OUT, bench.INDEPENDENT])])
def test_cli_scores_a_blind_set_only_when_named(monkeypatch: pytest.MonkeyPatch, part: str,
                                                 scored: list[Path]) -> None:
    paths: list[Path] = []
    monkeypatch.setattr(bench, "embedded", lambda: lambda turn: "")
    monkeypatch.setattr(bench, "score", lambda engine, path: paths.append(path) or [])
    monkeypatch.setattr(sys, "argv", ["interviewer", "--part", part])
    bench.main()
    assert paths == scored
