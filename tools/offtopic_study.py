"""Answer or off-topic story: structural features of every story reply in the development sets, a logistic model over
them (NumPy only) and its leave-one-set-out estimate beside the rules' decision on the same replies.

    python -m tools.offtopic_study            # prints per-set figures, the mean weights and the rules' errors

A story reply is one the set expects redirected (an off-topic story, no question in it) or followed up (an answer).
The newest blind set (sealed12) is never read: it is the untouched check.
"""
from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np

from bench.interviewer import DATA, turn_of
from interview.associations import only_echoes, without_echo
from interview.cues import CUES, has
from interview.phrases import shared_topic
from interview.policy import decide
from interview.reading import AnswerKind, intent_of, read_answer
from interview.second_look import PRIVATE_LIFE
from interview.story_role import about_their_own_life, served_or_at_leisure, serves_others
from interview.work_report import asked_part, hands_on_acts, lives_it_privately, reports_work

log = logging.getLogger(__name__)
UNTOUCHED = "sealed12"
FEATURES = ("serves", "at_leisure", "private_words", "private_time", "everyday_words", "work_words", "reports_work",
            "hands_on", "takes_up_question", "only_echo", "length", "own_role", "numbers", "job_named",
            "personal_question", "english")
L2 = 1.0
STEPS, RATE = 3000, 0.1


def parts() -> dict[str, Path]:
    """The development sets by name, the untouched blind set left out."""
    named = {"tuned": DATA / "interview_situations.json", "heldout": DATA / "interview_situations_heldout.json",
             "independent": DATA / "interview_situations_independent.json"}
    named |= {p.stem.removeprefix("interview_situations_"): p
              for p in sorted(DATA.glob("interview_situations_sealed*"))}
    return {name: path for name, path in named.items() if name != UNTOUCHED}


def features(situation: dict) -> list[float]:
    """The reply's structure: whose acts, on what, in which register, against the question and the job."""
    lang, answer = situation["language"], situation["answer"]
    question = [text for role, text in situation["history"] if role == "assistant"][-1]
    reading = read_answer(answer, intent_of(question, lang), lang)
    asked = asked_part(question, lang)
    job = " ".join(filter(None, (situation["context"].get("company_name"), situation["context"].get("job_name"))))
    return [
        min(serves_others(answer, lang), 3), min(served_or_at_leisure(answer, lang), 3),
        min(len(has(answer, PRIVATE_LIFE[lang], lang)), 3),
        float(lang == "ko" and lives_it_privately(answer, PRIVATE_LIFE[lang])),
        min(len(has(answer, CUES[lang].off_topic, lang)), 3), min(len(has(answer, CUES[lang].work, lang)), 3),
        float(reports_work(reading, question, lang)), min(hands_on_acts(answer, lang), 3),
        float(bool(shared_topic(asked, without_echo(answer, lang), lang))), float(only_echoes(answer, question, lang)),
        min(reading.length_ratio, 1.5), float(bool(reading.claims.own_role)), float(bool(reading.claims.numbers)),
        float(bool(shared_topic(job, answer, lang))),
        float(about_their_own_life(question, lang)),
        float(lang == "en"),
    ]


def story_replies(path: Path) -> list[tuple[dict, int]]:
    """The set's story replies with their label (1: to be redirected)."""
    rows = []
    for situation in json.loads(path.read_text(encoding="utf-8")):
        move = situation["expect"]["move"]
        if move == "redirect" and "?" not in situation["answer"]:
            rows.append((situation, 1))
        elif move == "follow_up":
            rows.append((situation, 0))
    return rows


def fit(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    """Weights, bias and the standardisation of a class-balanced, L2-regularised logistic regression."""
    mean, scale = x.mean(0), x.std(0) + 1e-6
    z = (x - mean) / scale
    weight_of = np.where(y == 1, len(y) / (2 * y.sum()), len(y) / (2 * (len(y) - y.sum())))
    w, b = np.zeros(x.shape[1]), 0.0
    for _ in range(STEPS):
        p = 1 / (1 + np.exp(-(z @ w + b)))
        g = weight_of * (p - y)
        w -= RATE * (z.T @ g / len(y) + L2 * w / len(y))
        b -= RATE * g.mean()
    return w, b, mean, scale


def predict(model: tuple[np.ndarray, float, np.ndarray, np.ndarray], x: np.ndarray) -> np.ndarray:
    """Whether each reply is to be redirected."""
    w, b, mean, scale = model
    return ((x - mean) / scale) @ w + b > 0


def main() -> None:
    """Leave-one-set-out: train on the other sets, count the held set's right decisions; the rules beside it."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    data = {name: story_replies(path) for name, path in parts().items()}
    feats = {name: np.array([features(s) for s, _ in rows]) for name, rows in data.items()}
    labels = {name: np.array([y for _, y in rows]) for name, rows in data.items()}
    rules = {name: np.array([decide(turn_of(s)).move.value == "redirect" for s, _ in rows]) for name, rows in
             data.items()}
    totals = np.zeros(4)
    for held in data:
        rest = [n for n in data if n != held]
        model = fit(np.vstack([feats[n] for n in rest]), np.concatenate([labels[n] for n in rest]))
        y, got, rule = labels[held], predict(model, feats[held]), rules[held]
        counts = np.array([(got == y)[y == 1].sum(), (got == y)[y == 0].sum(), (rule == y)[y == 1].sum(),
                           (rule == y)[y == 0].sum()])
        totals += counts
        log.info("%-12s redirect %d/%d (rules %d)  answers %d/%d (rules %d)", held, counts[0], (y == 1).sum(),
                 counts[2], counts[1], (y == 0).sum(), counts[3])
    n_pos = sum(int((labels[n] == 1).sum()) for n in data)
    n_neg = sum(int((labels[n] == 0).sum()) for n in data)
    log.info("leave-one-set-out: redirect %d/%d, answers %d/%d; rules (tuned on every set): %d/%d, %d/%d",
             totals[0], n_pos, totals[1], n_neg, totals[2], n_pos, totals[3], n_neg)
    w, _, _, _ = fit(np.vstack(list(feats.values())), np.concatenate(list(labels.values())))
    log.info("weights (standardised): %s", ", ".join(f"{f} {v:+.2f}" for f, v in zip(FEATURES, w)))
    for name, rows in data.items():
        for (situation, y), rule in zip(rows, rules[name]):
            if rule != bool(y):
                log.info("rules wrong: %s expects %s", situation["id"], "redirect" if y else "an answer")


if __name__ == "__main__":
    main()
