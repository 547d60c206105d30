"""Lip sync measured from an output MP4 alone: does the mouth move with the sound, as a player shows them?

Both streams are decoded with their presentation times (FFmpeg applies the file's edit lists, as
browsers do, so AAC priming is skipped where the file says so). For every video frame, shown from
its timestamp until the next one, we take:
  - the audio envelope: the level (dB, floored 50 dB below the loudest frame) of the samples
    played while that frame is on screen;
  - the mouth motion: the mean absolute difference, in the mouth box, from the nearest closed
    mouth (the most similar frame of the pauses, itself excluded, so that breathing and the
    idle loop's own motion do not count as speech).
Correlating the two over lags of a few frames gives the lag at which they agree best (> 0: the
mouth moves after the sound). Frames inside pauses (silent, and at least PAUSE_MARGIN frames from
any sound: lips may deliberately anticipate speech or relax after it) should show the closed
mouth: their share with motion below a small threshold is reported too.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from avatars.format import Avatar
from tests.tools.mp4_edits import TrackTiming, track_timings
from tests.tools.probe import decode_audio, decode_video

MAX_LAG = 5  # frames searched either way
ENVELOPE_RANGE_DB = 50.0  # dB below the loudest frame where the envelope floors
SILENT_BELOW_PEAK_DB = 40.0  # dB: a frame this far below the loudest (or below SILENT_DBFS) is silent
SILENT_DBFS = -50.0
CLOSED_SHARE = 0.15  # a pause frame is "closed" if its motion is below this share of the speech's 90th percentile
CLOSED_FLOOR = 1.0  # grey levels: motion below this is closed whatever the speech does
BOX_MARGIN = 4  # px added around the avatar's mouth box (breathing moves it)
PAUSE_MARGIN = 2  # frames: silent frames this close to sound are not counted as pauses
MAX_REFERENCES = 64  # pause frames compared against (evenly spread)
BOX_SHRINK = 2  # mouth boxes are compared at half size (speed; motion is not fine detail)


@dataclass(frozen=True)
class SyncReport:
    """Lip-sync figures of one MP4."""

    frames: int
    fps: float
    correlation: float  # Pearson r of mouth motion and audio envelope at lag 0
    best_lag: int  # frames: > 0 the mouth moves after the sound, < 0 before it
    best_correlation: float  # r at best_lag
    closed_in_pauses: float  # share of pause frames showing a closed mouth (nan without pauses)
    pause_frames: int
    video_start_s: float  # presentation time of the first frame
    audio_start_s: float  # presentation time of the first decoded sample
    tracks: tuple[TrackTiming, ...]  # what the file's boxes say (edit lists, timescales)


def avatar_mouth_box(avatar: Avatar, margin: int = BOX_MARGIN) -> tuple[int, int, int, int]:
    """(x, y, w, h) covering the avatar's mouth box at every idle loop position, plus a margin."""
    w, h = avatar.mouth.box_size
    x0, y0 = avatar.mouth_xy.min(axis=0) - margin
    x1, y1 = avatar.mouth_xy.max(axis=0) + np.array([w, h]) + margin
    x0, y0 = max(int(x0), 0), max(int(y0), 0)
    return x0, y0, min(int(x1), avatar.width) - x0, min(int(y1), avatar.height) - y0


def measure(path: Path, mouth_box: tuple[int, int, int, int], max_lag: int = MAX_LAG) -> SyncReport:
    """Sync figures of the MP4 at `path` whose mouth lies in `mouth_box` (x, y, w, h)."""
    times, boxes = _mouth_boxes(Path(path), mouth_box)
    audio = decode_audio(Path(path))
    frame_s = float(np.median(np.diff(times))) if len(times) > 1 else 0.04
    level = _levels(audio.samples, audio.sample_rate, audio.start_s, times, frame_s)
    peak = float(level.max())
    envelope = np.maximum(level, peak - ENVELOPE_RANGE_DB)
    silent = level < max(SILENT_DBFS, peak - SILENT_BELOW_PEAK_DB)
    kernel = np.ones(2 * PAUSE_MARGIN + 1)
    pause = np.convolve(~silent, kernel, mode="same") == 0  # silent, and no sound within PAUSE_MARGIN frames
    motion = _distance_to_closed(boxes, pause)
    lags = range(-max_lag, max_lag + 1)
    r = {lag: _lagged_correlation(motion, envelope, lag) for lag in lags}
    best = max(lags, key=lambda lag: (r[lag], -abs(lag)))
    speaking = motion[~silent]
    threshold = max(CLOSED_FLOOR, CLOSED_SHARE * float(np.percentile(speaking, 90))) if len(speaking) else CLOSED_FLOOR
    closed = float(np.mean(motion[pause] < threshold)) if pause.any() else float("nan")
    return SyncReport(
        frames=len(times), fps=1.0 / frame_s, correlation=r[0], best_lag=best, best_correlation=r[best],
        closed_in_pauses=closed, pause_frames=int(pause.sum()), video_start_s=float(times[0]),
        audio_start_s=audio.start_s, tracks=tuple(track_timings(Path(path))),
    )


def _mouth_boxes(path: Path, box: tuple[int, int, int, int]) -> tuple[np.ndarray, np.ndarray]:
    """Presentation times [N] and grey mouth boxes [N, h, w] float32 of every decoded frame."""
    x, y, w, h = box
    times, crops = [], []
    for t, frame in decode_video(path):
        times.append(t)
        grey = cv2.cvtColor(frame[y : y + h, x : x + w], cv2.COLOR_BGR2GRAY)
        crops.append(cv2.resize(grey, (w // BOX_SHRINK, h // BOX_SHRINK), interpolation=cv2.INTER_AREA).astype(np.float32))
    if not times:
        raise ValueError(f"{path.name}: no video frames")
    return np.array(times), np.stack(crops)


def _distance_to_closed(boxes: np.ndarray, pause: np.ndarray) -> np.ndarray:
    """Per frame: mean absolute difference to the most similar pause frame other than itself [N]."""
    refs = np.flatnonzero(pause)
    if len(refs) < 2:
        refs = np.arange(len(boxes))
    refs = refs[np.unique(np.linspace(0, len(refs) - 1, min(len(refs), MAX_REFERENCES)).round().astype(int))]
    motion = np.empty(len(boxes))
    for k, box in enumerate(boxes):
        diff = np.abs(boxes[refs] - box).mean(axis=(1, 2))  # [R]
        diff[refs == k] = np.inf
        motion[k] = diff.min()
    return motion


def _levels(samples: np.ndarray, rate: int, start_s: float, times: np.ndarray, frame_s: float) -> np.ndarray:
    """RMS level (dBFS) of the audio played while each frame is shown ([t_k, t_k+1))."""
    ends = np.r_[times[1:], times[-1] + frame_s]
    a = np.clip(np.rint((times - start_s) * rate).astype(np.int64), 0, len(samples))
    b = np.clip(np.rint((ends - start_s) * rate).astype(np.int64), 0, len(samples))
    power = np.concatenate([[0.0], np.cumsum(samples.astype(np.float64) ** 2)])
    mean_power = (power[b] - power[a]) / np.maximum(b - a, 1)
    return 10.0 * np.log10(np.maximum(mean_power, 1e-12))


def _lagged_correlation(motion: np.ndarray, envelope: np.ndarray, lag: int) -> float:
    """Pearson r of motion[k + lag] and envelope[k] over the frames both exist."""
    if lag >= 0:
        m, e = motion[lag:], envelope[: len(envelope) - lag]
    else:
        m, e = motion[:lag], envelope[-lag:]
    if len(m) < 3 or m.std() == 0 or e.std() == 0:
        return 0.0
    return float(np.corrcoef(m, e)[0, 1])
