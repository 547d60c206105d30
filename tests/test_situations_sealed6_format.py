"""The sixth sealed situations set can be judged by bench/interviewer.py as written.

The set is scored once, by the integrator, at the final measurement: these tests never run an engine. They only
turn each item into a chat turn and check that every expectation uses words the judge knows and can be met."""
from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from bench.interviewer import REPOSES_PENDING, SEALED6, turn_of

JUDGED_MOVES = REPOSES_PENDING | {"follow_up", "next_question", "reask_simpler", "pivot", "close", "timed_out"}
JUDGED_MUST_NOT = {"repeat_question", "new_main_question", "invent_number", "false_praise", "presuppose",
                   "ask_motivation", "false_link"}
ITEMS: list[dict] = json.loads(SEALED6.read_text(encoding="utf-8"))
BY_ID = {item["id"]: item for item in ITEMS}


def _squashed(text: str) -> str:
    """Lower case, no white space: how the judge looks for a must_mention stem."""
    return re.sub(r"\s+", "", text.lower())


def test_sixty_korean_and_thirty_english_items_under_their_own_unique_ids() -> None:
    assert Counter(item["language"] for item in ITEMS) == {"ko": 60, "en": 30}
    assert len(BY_ID) == len(ITEMS)
    for item in ITEMS:
        assert re.fullmatch(rf"sealed6-{item['language']}-\d{{3}}", item["id"]), item["id"]


def test_every_move_the_judge_knows_is_used_and_follow_up_leads() -> None:
    moves = Counter(item["expect"]["move"] for item in ITEMS)
    assert set(moves) == JUDGED_MOVES
    assert moves.most_common(1)[0] == ("follow_up", 23)


@pytest.mark.parametrize("item_id", sorted(BY_ID))
def test_item_becomes_a_turn_with_an_interviewer_question_before_the_answer(item_id: str) -> None:
    item = BY_ID[item_id]
    turn = turn_of(item)
    assert turn.context.language == item["language"]
    assert turn.message == item["answer"]
    assert turn.history and turn.history[-1].role == "assistant"
    assert {role for role, _ in item["history"]} <= {"user", "assistant"}
    assert turn.interrupted == (item["expect"]["move"] == "reask_interrupted")
    assert turn.answer_timed_out == (item["expect"]["move"] == "timed_out")


@pytest.mark.parametrize("item_id", sorted(BY_ID))
def test_expectations_use_the_judges_vocabulary(item_id: str) -> None:
    expect = BY_ID[item_id]["expect"]
    assert set(expect) == {"move", "must_mention", "must_not"}
    assert expect["move"] in JUDGED_MOVES
    assert set(expect["must_not"]) <= JUDGED_MUST_NOT
    assert len(set(expect["must_not"])) == len(expect["must_not"])


@pytest.mark.parametrize("item_id", sorted(i["id"] for i in ITEMS if i["expect"]["move"] == "follow_up"))
def test_a_follow_up_names_one_detail_the_candidate_actually_said(item_id: str) -> None:
    item = BY_ID[item_id]
    (stem,) = item["expect"]["must_mention"]
    assert _squashed(stem) in _squashed(item["answer"])


def test_only_follow_ups_must_mention_anything() -> None:
    assert all(not item["expect"]["must_mention"] for item in ITEMS if item["expect"]["move"] != "follow_up")


def test_invent_number_is_only_expected_where_the_candidate_gave_no_digit() -> None:
    for item in ITEMS:
        if "invent_number" in item["expect"]["must_not"]:
            assert not re.search(r"\d", item["answer"]), item["id"]


def test_a_close_comes_after_exactly_the_budgeted_number_of_questions() -> None:
    closes = [item for item in ITEMS if item["expect"]["move"] == "close"]
    assert closes
    for item in closes:
        asked = sum(1 for role, _ in item["history"] if role == "assistant")
        assert asked == item["context"]["total_questions"], item["id"]


def test_language_items_answer_in_the_other_language() -> None:
    hangul = re.compile(r"[\uac00-\ud7a3]")
    for item in ITEMS:
        if item["expect"]["move"] == "language":
            assert bool(hangul.search(item["answer"])) == (item["language"] == "en"), item["id"]
