"""The sealed4 situations file is shaped so that bench/interviewer.py can judge it.

The set stays sealed until the integrator's final measurement, so nothing here scores an engine or calls the
interviewer: each item only goes through `turn_of`, and its expectations are checked against the judge's vocabulary."""
from __future__ import annotations

import json
import re
from collections import Counter

from bench.interviewer import REPOSES_PENDING, SEALED4, turn_of

MOVES = REPOSES_PENDING | {"follow_up", "next_question", "reask_simpler", "pivot", "close", "timed_out"}
MUST_NOT = {"repeat_question", "new_main_question", "invent_number", "false_praise", "presuppose", "ask_motivation",
            "false_link"}
SITUATIONS: list[dict] = json.loads(SEALED4.read_text(encoding="utf-8"))


def _flat(text: str) -> str:
    """Lower-case text without spaces, as the judge compares a must_mention stem."""
    return re.sub(r"\s+", "", text.lower())


def test_sixty_korean_and_thirty_english_situations_with_their_own_ids() -> None:
    assert Counter(s["language"] for s in SITUATIONS) == {"ko": 60, "en": 30}
    ids = [s["id"] for s in SITUATIONS]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(rf"sealed4-{s['language']}-\d{{3}}", s["id"]) for s in SITUATIONS)


def test_moves_cover_the_judge_with_follow_up_the_commonest() -> None:
    moves = Counter(s["expect"]["move"] for s in SITUATIONS)
    assert set(moves) == MOVES
    assert moves.most_common(1)[0][0] == "follow_up"


def test_every_situation_becomes_a_turn_with_a_question_pending() -> None:
    for situation in SITUATIONS:
        turn = turn_of(situation)
        assert turn.context.language == situation["language"], situation["id"]
        assert turn.context.company_name and turn.context.job_name, situation["id"]
        assert turn.history and turn.history[-1].role == "assistant", situation["id"]
        assert {m.role for m in turn.history} <= {"user", "assistant"}, situation["id"]


def test_expectations_use_only_the_judges_words() -> None:
    unknown = [(s["id"], s["expect"]["move"], s["expect"]["must_not"]) for s in SITUATIONS
               if s["expect"]["move"] not in MOVES or not set(s["expect"]["must_not"]) <= MUST_NOT]
    assert unknown == []


def test_follow_ups_name_a_detail_the_candidate_actually_said() -> None:
    follow_ups = [s for s in SITUATIONS if s["expect"]["move"] == "follow_up"]
    assert follow_ups
    for situation in follow_ups:
        mentions = situation["expect"]["must_mention"]
        assert len(mentions) == 1, situation["id"]
        assert _flat(mentions[0]) in _flat(situation["answer"]), situation["id"]


def test_flags_match_the_moves_that_depend_on_them() -> None:
    for situation in SITUATIONS:
        flags, move = situation["flags"], situation["expect"]["move"]
        assert set(flags) <= {"interrupted", "answer_timed_out"}, situation["id"]
        assert flags.get("interrupted", False) == (move == "reask_interrupted"), situation["id"]
        assert flags.get("answer_timed_out", False) == (move == "timed_out"), situation["id"]
