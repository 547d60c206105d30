"""Segment planning: coverage of every frame, cuts at pauses, exact audio slices."""
import math

import numpy as np
import pytest

from lipsync.segments import (
    SEGMENT_POLICY,
    SegmentPlan,
    cache_settings,
    frame_count_for,
    frame_loudness,
    plan_segments,
    plan_sentence,
    segment_samples,
    segments_needed,
)

FPS = 25
RATE = 16_000  # Hz


def speech(pattern: list[tuple[float, bool]], rate: int = RATE) -> np.ndarray:
    """Noise bursts ("words") and silences of the given lengths in seconds."""
    rng = np.random.default_rng(1)
    parts = [
        (rng.standard_normal(round(s * rate)) * 4000).astype(np.int16)
        if loud
        else np.zeros(round(s * rate), np.int16)
        for s, loud in pattern
    ]
    return np.concatenate(parts)


def check_cover(plans: list[SegmentPlan], total: int) -> None:
    assert plans[0].first_frame == 0
    for a, b in zip(plans, plans[1:]):
        assert b.first_frame == a.end_frame
    assert plans[-1].end_frame == total


@pytest.mark.parametrize(
    ("duration", "frames"), [(0.0, 0), (1.0, 25), (1.0001, 26), (0.12, 3), (0.04 * 7, 7), (0.01, 1)]
)
def test_frame_count_for_rounds_up(duration: float, frames: int) -> None:
    assert frame_count_for(duration, FPS) == frames


def test_plan_covers_every_frame_within_limits() -> None:
    samples = speech([(7.3, True)])
    plans = plan_segments(samples, RATE, FPS)
    total = math.ceil(len(samples) / RATE * FPS)
    check_cover(plans, total)
    assert plans[0].frame_count <= 25
    assert all(10 <= p.frame_count <= 50 for p in plans)


def test_cuts_land_in_pauses() -> None:
    # words of 0.7 s with 0.3 s pauses: pauses span frames [17.5, 25), [42.5, 50), ...
    samples = speech([(0.7, True), (0.3, False)] * 6)
    plans = plan_segments(samples, RATE, FPS)
    loudness = frame_loudness(samples, RATE, FPS)
    assert len(plans) > 3
    for plan in plans[1:]:
        cut = plan.first_frame
        assert loudness[cut - 1] < -60 and loudness[cut] < -60, f"cut at frame {cut} is in a word"
    # the first segment is short but ends in the first pause, not at the 1 s limit mid-word
    assert 18 <= plans[0].frame_count <= 25


def test_without_pauses_cuts_at_the_quietest_boundary() -> None:
    samples = speech([(3.0, True)])
    quiet = slice(round(0.6 * RATE), round(0.68 * RATE))  # frames 15 and 16 much quieter
    samples[quiet] //= 50
    plans = plan_segments(samples, RATE, FPS)
    assert plans[0].frame_count == 16


def test_no_short_tail_segment() -> None:
    samples = speech([(2.05, True)])  # 52 frames: 25 + 27, not 25 + 25 + 2
    plans = plan_segments(samples, RATE, FPS)
    check_cover(plans, 52)
    assert [p.frame_count for p in plans] == [25, 27]


def test_tail_is_spread_evenly() -> None:
    samples = speech([(7.3, True)])  # 183 frames: 25, then 158 over four segments of ~40
    plans = plan_segments(samples, RATE, FPS)
    assert plans[0].frame_count == 25
    assert len(plans) == 5
    assert all(35 <= p.frame_count <= 45 for p in plans[1:])


def test_short_clip_is_one_segment() -> None:
    samples = speech([(0.2, True)])
    assert plan_segments(samples, RATE, FPS) == [SegmentPlan(0, 5)]


def test_plan_is_deterministic() -> None:
    samples = speech([(0.5, True), (0.1, False), (1.7, True), (0.2, False), (2.2, True)])
    assert plan_segments(samples, RATE, FPS) == plan_segments(samples.copy(), RATE, FPS)


def test_rejects_limits_that_cannot_hold() -> None:
    with pytest.raises(ValueError, match="min_s"):
        plan_segments(speech([(3.0, True)]), RATE, FPS, first_max_s=0.6, min_s=0.4)


@pytest.mark.parametrize(("rate", "fps"), [(16_000, 30), (22_050, 25), (44_100, 30)])
def test_segment_samples_tile_the_pcm_and_pad_the_end(rate: int, fps: int) -> None:
    samples = speech([(0.9, True), (0.2, False), (1.33, True)], rate=rate)
    plans = plan_segments(samples, rate, fps)
    pieces = [segment_samples(samples, rate, fps, p) for p in plans]
    for plan, piece in zip(plans, pieces):
        expected = plan.frame_count * rate / fps
        assert abs(len(piece) - expected) < 1
        assert piece.dtype == np.int16
    joined = np.concatenate(pieces)
    total = plans[-1].end_frame
    assert len(joined) == total * rate // fps
    assert np.array_equal(joined[: len(samples)], samples)
    assert not joined[len(samples) :].any()


def test_the_opening_sentence_starts_with_a_shorter_segment_than_later_ones() -> None:
    samples = speech([(4.0, True)])
    opening = plan_sentence(samples, RATE, FPS, opening=True)
    later = plan_sentence(samples, RATE, FPS, opening=False)
    check_cover(opening, 100)
    check_cover(later, 100)
    assert opening[0].frame_count <= round(SEGMENT_POLICY.opening.first_max_s * FPS) < later[0].frame_count
    assert len(opening) <= segments_needed(100, FPS) + 2  # the ramp below: one more than later sentences


def test_the_opening_sentence_ramps_up_to_the_longest_segments() -> None:
    limits = SEGMENT_POLICY.opening
    opening = plan_sentence(speech([(6.0, True)]), RATE, FPS, opening=True)  # no pause: the limits alone cut it
    check_cover(opening, 150)
    first = round(limits.first_max_s * FPS)
    for plan in opening[1:]:  # at most as long as its start (x ramp), never shorter a limit than the first's
        assert plan.frame_count <= min(round(limits.max_s * FPS), max(first, limits.ramp * plan.first_frame))
    assert [p.frame_count for p in opening[:3]] == [first, first, 2 * first]  # 0.64 s, 0.64 s, 1.28 s: not 0.64 + 2 s
    assert all(p.frame_count > 2 * first for p in opening[3:])  # ... then the rest spread over as few as fit max_s


def test_the_render_cache_key_carries_the_cutting_policy() -> None:
    settings = cache_settings()
    assert settings["policy"]["opening"]["first_max_s"] == SEGMENT_POLICY.opening.first_max_s
    assert {"version", "silence_dbfs", "shortfall_db_per_s"} <= settings.keys()
