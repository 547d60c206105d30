"""The embedded judge ranks the labelled answers as an interviewer would (tuned part only: the held-out part is
measured by bench/coach_calibration.py and never asserted on, so it cannot be tuned against)."""
from __future__ import annotations

import pytest

from coach.calibration import BAND_RANK, GOOD_BANDS, NON_ANSWER_BANDS, calibrate, labelled

MIN_RHO = 0.8  # the goal for Spearman ρ between band and score


@pytest.mark.parametrize("language", ["ko", "en"])
def test_the_labelled_set_has_the_size_and_bands_promised(language):
    tuned, held_out = labelled(language, "tuned"), labelled(language, "heldout")
    everything = tuned + held_out
    assert len(everything) >= 60 and len({a["question_id"] for a in everything}) >= 10
    assert {a["band"] for a in everything} == set(BAND_RANK)
    assert len(held_out) >= 0.3 * len(everything)
    assert not {a["id"] for a in tuned} & {a["id"] for a in held_out}


@pytest.mark.parametrize("language", ["ko", "en"])
def test_scores_follow_the_bands_on_the_tuned_part(language):
    result = calibrate(language, "tuned")
    assert result.rho >= MIN_RHO, result.rho
    assert not result.ordering_violations, result.ordering_violations[:5]
    bad = [a.score for a in result.answers if a.band in NON_ANSWER_BANDS]
    good = [a.score for a in result.answers if a.band in GOOD_BANDS]
    assert max(bad) < min(good)
