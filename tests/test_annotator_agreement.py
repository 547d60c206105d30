"""The second annotator's follow-up details: one per follow_up situation of the sets it labelled, each a part of
that situation's answer, and the agreement figures computed from them."""
from __future__ import annotations

import json

from bench.annotator_agreement import LABELS, agreement, agrees
from bench.interviewer import SEALED_SETS


def test_each_label_is_a_follow_up_and_its_details_are_words_of_the_answer() -> None:
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    situations = {s["id"]: s for name in ("sealed12", "sealed13", "sealed14")
                  for s in json.loads(SEALED_SETS[name].read_text(encoding="utf-8"))}
    assert len({label["id"] for label in labels}) == len(labels) == 66
    for label in labels:
        situation = situations[label["id"]]
        assert situation["expect"]["move"] == "follow_up"
        for detail in (label["first"], label["second"]):
            assert detail is None or detail in situation["answer"], label["id"]
    follow_ups = [s for s in situations.values() if s["expect"]["move"] == "follow_up"]
    assert {s["id"] for s in follow_ups} == {label["id"] for label in labels}


def test_agreement_counts_a_detail_inside_the_other_either_way() -> None:
    assert agrees("산소포화도", "산소 포화도가") and agrees("refund reconciliation", "reconciliation")
    assert not agrees("동의서", "항암제") and not agrees("동의서", None)
    rows = agreement()
    assert set(rows) == {"sealed12", "sealed13", "sealed14"}
    assert all(either >= first for _, first, either in rows.values())
