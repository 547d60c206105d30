"""How often a second annotator names the same follow-up detail as a situations set's writer.

    python -m bench.annotator_agreement

The second annotator saw only each follow_up situation's context, history and answer (shuffled, never the writer's
label, the code or a reply) and wrote the detail they would pick up, and a second one where it was as good
(tests/data/followup_details_second_annotator.json). Two details agree when one holds the other (the judge's squashed
match).
"""
from __future__ import annotations

import json

from bench.interviewer import DATA, SEALED_SETS
from interview.cues import squash

LABELS = DATA / "followup_details_second_annotator.json"


def agrees(a: str, b: str | None) -> bool:
    """One detail holds the other, spacing and case aside."""
    flat_a, flat_b = squash(a.lower()), squash((b or "").lower())
    return bool(flat_a and flat_b) and (flat_a in flat_b or flat_b in flat_a)


def agreement() -> dict[str, tuple[int, int, int]]:
    """Per labelled set: (follow-ups, annotator's first = writer's, writer's among the annotator's two)."""
    labels = {label["id"]: label for label in json.loads(LABELS.read_text(encoding="utf-8"))}
    found: dict[str, tuple[int, int, int]] = {}
    for name, path in SEALED_SETS.items():
        follow_ups = [s for s in json.loads(path.read_text(encoding="utf-8")) if s["id"] in labels]
        if not follow_ups:
            continue
        gold = [(s["expect"]["must_mention"][0], labels[s["id"]]) for s in follow_ups]
        first = sum(agrees(g, label["first"]) for g, label in gold)
        either = sum(agrees(g, label["first"]) or agrees(g, label["second"]) for g, label in gold)
        found[name] = (len(follow_ups), first, either)
    return found


def main() -> None:
    rows = agreement()
    for name, (total, first, either) in rows.items():
        print(f"{name:10} {total} follow-ups: first pick agrees {first}, writer's among two {either}")
    total, first, either = (sum(column) for column in zip(*rows.values()))
    print(f"{'all':10} {total} follow-ups: first pick agrees {first} ({first / total:.0%}), "
          f"writer's among two {either} ({either / total:.0%})")


if __name__ == "__main__":
    main()
