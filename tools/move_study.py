"""When to move on after a main question's answer: structural features of every answer the rules follow up, a logistic
model over them (NumPy only) and its leave-one-set-out estimate beside the rules' decision on the same answers.

    python -m tools.move_study            # per held-out set: right decisions of the model and of the rules

An answer counts when the set expects a follow-up or the next main question and the embedded interviewer, right after
a main question, would follow it up; the label is 1 where the writers moved on. The blind sets sealed19 and sealed20
are never read.
"""
from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import numpy as np

from bench.interviewer import DATA, turn_of
from interview.lines import LINES
from interview.moving_on import opens_a_story
from interview.policy import Move, decide
from interview.question_tense import asks_what_you_would
from interview.reading import AnswerReading
from interview.state import State, read_state
from interview.topics import candidate_pool
from tools.offtopic_study import fit

log = logging.getLogger(__name__)
BLIND = ("sealed19", "sealed20")
INTENTS = ("experience", "general", "conflict", "failure", "technical")
FEATURES = (*(f"intent_{i}" for i in INTENTS), "catalogue", "opens_story", "plan", "situation", "action", "result",
            "own_role", "numbers", "length", "specificity", "open_aspects", "sentences", "closes_on_since", "english")
# A closing that tells what changed for good or what was learnt ("그 뒤로는 …", "since then", "I learned").
_SINCE = re.compile(r"그 ?뒤로|그 ?이후|이후로|그때부터|다음부터|배웠|느꼈|깨달|since then|ever since|from then on|"
                    r"\bI (learned|learnt|realised|realized)\b", re.IGNORECASE)


def parts() -> dict[str, Path]:
    """The development sets by name, never the blind ones."""
    named = {"tuned": DATA / "interview_situations.json", "heldout": DATA / "interview_situations_heldout.json",
             "independent": DATA / "interview_situations_independent.json"}
    named |= {p.stem.removeprefix("interview_situations_"): p
              for p in sorted(DATA.glob("interview_situations_sealed*"))}
    return {name: path for name, path in named.items() if not any(b in name for b in BLIND)}


def followed_up(path: Path) -> list[tuple[list[float], int]]:
    """The set's answers the rules follow up right after a main question: features and label (1: moved on)."""
    rows = []
    for situation in json.loads(path.read_text(encoding="utf-8")):
        move = situation["expect"]["move"]
        if move not in ("follow_up", "next_question"):
            continue
        turn = turn_of(situation)
        decision = decide(turn)
        language = turn.context.language if turn.context.language in LINES else "ko"
        state = read_state(turn, candidate_pool(turn.context), LINES[language], language)
        if decision.move is not Move.FOLLOW_UP or state.since_main or not state.asked or decision.reading is None:
            continue
        rows.append((features(decision.reading, state, language), int(move == "next_question")))
    return rows


def features(reading: AnswerReading, state: State, language: str) -> list[float]:
    """The question's kind and source, the answer's STAR parts, own role, figures, length, specificity, what it
    leaves open and whether it closes on what changed since."""
    intent = state.asked[-1].intent
    star = reading.star
    return [*(float(intent == i) for i in INTENTS), float(state.asked[-1].source != "said"),
            float(opens_a_story(state.pending, language)), float(asks_what_you_would(state.pending, language)),
            float(star.situation is not None), float(star.action is not None), float(star.result is not None),
            float(bool(reading.claims.own_role)), float(bool(reading.claims.numbers)), min(reading.length_ratio, 1.5),
            reading.specificity, float(len(reading.missing)), float(min(len(reading.sentences), 6)),
            float(bool(_SINCE.search(" ".join(reading.sentences[-2:])))), float(language == "en")]


def main() -> None:
    """Leave-one-set-out: train on the other sets, count the held set's right decisions; the rules beside it."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    data = {name: followed_up(path) for name, path in parts().items()}
    data = {name: rows for name, rows in data.items() if rows}
    x = {name: np.array([f for f, _ in rows]) for name, rows in data.items()}
    y = {name: np.array([label for _, label in rows]) for name, rows in data.items()}
    model_right = rules_right = moved = total = 0
    for held in data:
        rest = [n for n in data if n != held]
        train_y = np.concatenate([y[n] for n in rest])
        w, b, mean, scale = fit(np.vstack([x[n] for n in rest]), train_y)
        # the fit weighs both classes equally: move on only where the odds beat the training set's prior
        prior = np.log((len(train_y) - train_y.sum()) / max(train_y.sum(), 1))
        got = ((x[held] - mean) / scale) @ w + b > prior
        right, rule = int((got == y[held]).sum()), int((y[held] == 0).sum())  # the rules follow up every one
        model_right, rules_right, moved, total = (model_right + right, rules_right + rule, moved + int(got.sum()),
                                                  total + len(got))
        log.info("%-12s model %3d/%-3d rules %3d  (model moves on %d, writers %d)", held, right, len(got), rule,
                 int(got.sum()), int(y[held].sum()))
    log.info("leave-one-set-out: model %d/%d, rules %d/%d; the model moves on %d times", model_right, total,
             rules_right, total, moved)
    w, _, _, _ = fit(np.vstack(list(x.values())), np.concatenate(list(y.values())))
    log.info("weights (standardised): %s", ", ".join(f"{f} {v:+.2f}" for f, v in zip(FEATURES, w)))


if __name__ == "__main__":
    main()
