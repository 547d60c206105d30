"""Audio → MuseTalk features: whisper encoder hidden states, cut into per-video-frame windows [T, 50, 384].

Features are computed over the whole clip (not per segment), so a segment's edge frames see the real
audio on both sides (80 ms left, 120 ms right) and segments join exactly as if rendered in one piece.
Clips longer than whisper's 30 s input are encoded in overlapping chunks: each chunk keeps only its
middle part, so no frame sits at a chunk edge where whisper would see padding instead of speech.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch

from lipsync.musetalk.models import MuseTalkModels
from lipsync.musetalk.plan import LEFT_FRAMES, RIGHT_FRAMES, SAMPLE_RATE, VIDEO_FPS

ENCODER_RATE = 50  # encoder positions per second (20 ms each): 2 per video frame
CHUNK_MARGIN_S = 1.0  # s of audio each long-clip chunk sees beyond the part it keeps


@dataclass(frozen=True)
class EncoderChunk:
    """One whisper pass: audio from `start` (encoder positions); keeps positions [keep_start, keep_stop)."""

    start: int
    keep_start: int
    keep_stop: int


def plan_chunks(total: int, positions: int, margin: int) -> list[EncoderChunk]:
    """Cover `total` encoder positions with passes of `positions`, each keeping its middle (edges overlap)."""
    if total <= positions:
        return [EncoderChunk(0, 0, total)]
    keep = positions - 2 * margin
    if keep < 1:
        raise ValueError(f"chunk of {positions} positions too short for margins of {margin}")
    chunks = []
    for keep_start in range(0, total, keep):
        start = max(0, min(keep_start - margin, total - positions))
        chunks.append(EncoderChunk(start, keep_start, min(keep_start + keep, total)))
    return chunks


@torch.inference_mode()
def encoder_states(models: MuseTalkModels, audio: np.ndarray) -> torch.Tensor:
    """Stacked whisper hidden states for 16 kHz float audio: [ceil(L/320), layers + 1, d_model]."""
    extractor = models.feature_extractor
    positions = int(models.whisper.config.max_source_positions)
    per_position = extractor.n_samples // positions  # 320 samples = 20 ms
    total = max(1, math.ceil(len(audio) / per_position))
    margin = min(int(CHUNK_MARGIN_S * ENCODER_RATE), positions // 4)
    pieces = []
    for chunk in plan_chunks(total, positions, margin):
        piece = audio[chunk.start * per_position: (chunk.start + positions) * per_position]
        mel = extractor(piece, sampling_rate=SAMPLE_RATE, return_tensors="pt").input_features  # [1, 80, 3000]
        mel = mel.to(device=models.device, dtype=models.dtype)
        hidden = models.whisper(mel, output_hidden_states=True).hidden_states  # (layers + 1) x [1, 1500, d]
        stacked = torch.stack(hidden, dim=2)[0]  # [1500, layers + 1, d]
        pieces.append(stacked[chunk.keep_start - chunk.start: chunk.keep_stop - chunk.start])
    return torch.cat(pieces, dim=0)  # [total, layers + 1, d]


def frame_windows(states: torch.Tensor, frame_count: int) -> torch.Tensor:
    """Per video frame i, encoder positions [2i - 4, 2i + 6) (zeros outside the clip): [T, 10 * (layers + 1), d]."""
    step = ENCODER_RATE // VIDEO_FPS  # 2
    left = step * LEFT_FRAMES  # 4
    width = step * (LEFT_FRAMES + RIGHT_FRAMES + 1)  # 10
    needed = left + step * (frame_count - 1) + width  # padded length the last window reaches
    padded = states.new_zeros((max(needed, left + len(states)),) + tuple(states.shape[1:]))
    padded[left: left + len(states)] = states  # [left + N + right, layers + 1, d]
    index = step * torch.arange(frame_count, device=states.device)[:, None] + torch.arange(width, device=states.device)
    windows = padded[index]  # [T, 10, layers + 1, d]
    return windows.reshape(frame_count, -1, states.shape[-1])  # [T, 50, d]


def audio_features(models: MuseTalkModels, audio: np.ndarray, frame_count: int) -> torch.Tensor:
    """MuseTalk features for `frame_count` video frames of 16 kHz audio: [T, 50, 384] on the model's device."""
    return frame_windows(encoder_states(models, audio.astype(np.float32, copy=False)), frame_count)
