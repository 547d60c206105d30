"""The sealed7 situations set can be judged by bench/interviewer.py, and stays out of every part but its own.

The set is kept sealed for the integrator's final measurement: nothing here asks an engine for a reply. Items only go
through `turn_of`, and their expectations are checked against the words the judge knows."""
from __future__ import annotations

import json
import re
import sys
from collections import Counter

import pytest

from bench import interviewer
from bench.interviewer import REPOSES_PENDING, SEALED7, turn_of

JUDGED_MOVES = REPOSES_PENDING | {"follow_up", "next_question", "reask_simpler", "pivot", "close", "timed_out"}
JUDGED_MUST_NOT = {"repeat_question", "new_main_question", "invent_number", "false_praise", "presuppose",
                   "ask_motivation", "false_link"}
ITEMS: list[dict] = json.loads(SEALED7.read_text(encoding="utf-8"))


def _flat(text: str) -> str:
    """Lower case without whitespace, the way the judge looks for a must_mention stem."""
    return re.sub(r"\s+", "", text.lower())


def test_sixty_korean_and_thirty_english_items_with_unique_sealed7_ids() -> None:
    assert Counter(item["language"] for item in ITEMS) == {"ko": 60, "en": 30}
    ids = [item["id"] for item in ITEMS]
    assert len(set(ids)) == len(ids)
    for item in ITEMS:
        assert re.fullmatch(rf"sealed7-{item['language']}-\d{{3}}", item["id"]), item["id"]


def test_moves_and_must_nots_are_the_judges_own_words() -> None:
    moves = Counter(item["expect"]["move"] for item in ITEMS)
    assert set(moves) == JUDGED_MOVES
    assert moves.most_common(1)[0][0] == "follow_up"
    for item in ITEMS:
        assert set(item["expect"]["must_not"]) <= JUDGED_MUST_NOT, item["id"]


@pytest.mark.parametrize("item", ITEMS, ids=lambda item: item["id"])
def test_each_item_is_a_chat_turn_with_a_pending_question(item: dict) -> None:
    turn = turn_of(item)
    assert turn.context.language == item["language"]
    assert turn.message == item["answer"] and turn.context.company_name and turn.context.job_name
    roles = [message.role for message in turn.history]
    assert roles == ["user", "assistant"] * (len(roles) // 2), "history alternates candidate and interviewer"
    assert set(item["flags"]) <= {"interrupted", "answer_timed_out"}
    assert turn.interrupted == (item["expect"]["move"] == "reask_interrupted")
    assert turn.answer_timed_out == (item["expect"]["move"] == "timed_out")
    assert interviewer._pending(turn), "the interviewer's last line ends in a question the judge can find"


@pytest.mark.parametrize("item", ITEMS, ids=lambda item: item["id"])
def test_expectations_can_be_met_from_what_the_candidate_said(item: dict) -> None:
    expect = item["expect"]
    for stem in expect["must_mention"]:
        assert _flat(stem) in _flat(item["answer"]), f"{stem!r} is not the candidate's own word"
    if expect["move"] == "follow_up":
        assert len(expect["must_mention"]) == 1
    if "invent_number" in expect["must_not"]:
        assert not re.search(r"\d", item["answer"]), "the check is void when the candidate gave a number"


def test_only_its_own_part_reads_the_set(monkeypatch: pytest.MonkeyPatch) -> None:
    read: list = []
    monkeypatch.setattr(interviewer, "embedded", lambda: None)
    monkeypatch.setattr(interviewer, "score", lambda engine, path: read.append(path) or [])
    monkeypatch.setattr(interviewer, "summary", lambda verdicts: {})
    for part, expected in (("all", False), ("both", False), ("sealed4", False), ("sealed7", True)):
        read.clear()
        monkeypatch.setattr(sys, "argv", ["bench.interviewer", "--part", part])
        interviewer.main()
        assert (SEALED7 in read) == expected, part
