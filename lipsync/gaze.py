"""Where the speaker looks: a brief look away while "thinking" at a sentence's start, then back to the camera.

Speakers tend to avert their gaze as they begin an utterance (planning it) and return it to the listener
while they talk (Kendon 1967; Ho et al. 2015). A sentence clip therefore may start with the eyes and the
head turning a little up and to one side, held until shortly after the voice starts, and then back to
the camera for the rest of the sentence. Which sentences do it and to which side is drawn from a seed
of the clip's audio, so a turn renders the same every time. The clip's first and last frames are at
rest, so clips chain with each other and with the idle loop as before. The eyes move by the lid warp
(avatars.eyelids), the head by the head warp (lipsync.head_motion): both work on drawn and photo avatars.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from audio.clip import AudioClip
from lipsync.audio import analyse
from lipsync.blinks import audio_seed

SHARE = 0.6  # sentences that start with a look away
MIN_CLIP_S = 1.5  # s: shorter clips keep looking at the camera
AWAY_EYES = (0.32, -0.3)  # iris shift at full look-away: eye half-widths sideways, half-heights up
AWAY_HEAD = (0.018, -0.012, 0.7)  # head at full look-away: box widths sideways, box heights up, degrees of roll
RISE_S = 0.3  # s from the clip's start to the full look-away
HOLD_AFTER_VOICE_S = (0.15, 0.45)  # s the look-away lasts after the voice starts (drawn per sentence)
RETURN_S = 0.4  # s back to the camera


@dataclass(frozen=True)
class GazeTrack:
    """Per frame of a clip: the look-away's weight [N] (0 at the camera) and its side (-1 left, +1 right)."""

    weight: np.ndarray
    side: float

    def eyes_at(self, frame: int) -> tuple[float, float]:
        """Iris shift (avatars.eyelids units) at `frame`."""
        w = self._weight(frame)
        return AWAY_EYES[0] * self.side * w, AWAY_EYES[1] * w

    def head_at(self, frame: int) -> tuple[float, float, float]:
        """Head (dx, dy, roll) to add to the speech motion at `frame` (lipsync.head_motion units)."""
        w = self._weight(frame)
        return AWAY_HEAD[0] * self.side * w, AWAY_HEAD[1] * w, AWAY_HEAD[2] * self.side * w

    def _weight(self, frame: int) -> float:
        return float(self.weight[frame]) if 0 <= frame < len(self.weight) else 0.0


def _smooth(x: np.ndarray) -> np.ndarray:
    x = np.clip(x, 0.0, 1.0)
    return x * x * (3 - 2 * x)


def gaze_track(clip: AudioClip, fps: int, n_frames: int) -> GazeTrack:
    """The clip's gaze: a look away at its start for SHARE of the sentences (seeded by the audio), else none."""
    rest = GazeTrack(np.zeros(n_frames, np.float32), 0.0)
    if n_frames < 2 or clip.duration < MIN_CLIP_S:
        return rest
    rng = np.random.default_rng(audio_seed(clip, "gaze"))
    if rng.random() >= SHARE:
        return rest
    side = float(rng.choice((-1.0, 1.0)))
    voiced = np.flatnonzero(analyse(clip, fps, n_frames).voiced)
    onset = voiced[0] / fps if len(voiced) else 0.0
    t = np.arange(n_frames) / fps
    back = onset + rng.uniform(*HOLD_AFTER_VOICE_S)
    weight = _smooth(t / RISE_S) * (1 - _smooth((t - back) / RETURN_S)) * _smooth((t[-1] - t) / RETURN_S)
    return GazeTrack(weight.astype(np.float32), side)
