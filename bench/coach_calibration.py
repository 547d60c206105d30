"""Spearman ρ between band and score, and the ordering check, on the coach's labelled answers: tuned and held-out
parts per language (`--part independent` or `--part all` adds the set written blind to the code).
Run: `.venv/bin/python -m bench.coach_calibration [--part ...] [--answers]`."""
from __future__ import annotations

import argparse

from coach.calibration import GOOD_BANDS, NON_ANSWER_BANDS, calibrate


def main() -> None:
    """Print one line per language and part (and each answer's score with --answers)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--answers", action="store_true", help="print every answer's band, kind and score")
    parser.add_argument("--part", choices=("both", "tuned", "heldout", "independent", "all"), default="both",
                        help="both: tuned and heldout (the default); all: those and the independent set")
    args = parser.parse_args()
    parts = {"both": ("tuned", "heldout"), "all": ("tuned", "heldout", "independent")}.get(args.part, (args.part,))
    print(f"{'lang':4} {'part':8} {'n':>3} {'rho':>6}  non-answers below every good/excellent")
    for language in ("ko", "en"):
        for part in parts:
            result = calibrate(language, part)
            bad = sum(a.band in NON_ANSWER_BANDS for a in result.answers)
            good = sum(a.band in GOOD_BANDS for a in result.answers)
            verdict = "all" if not result.ordering_violations else \
                (f"{len(result.ordering_violations)} of {bad * good} pairs out of order: "
                 f"{result.ordering_violations[:4]}")
            print(f"{language:4} {part:8} {len(result.answers):3d} {result.rho:6.3f}  {verdict}")
            if args.answers:
                for a in sorted(result.answers, key=lambda a: -a.score):
                    print(f"     {a.score:3d} {a.band:13} {a.kind:14} {a.id} {a.answer[:70]}")


if __name__ == "__main__":
    main()
