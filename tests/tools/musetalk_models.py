"""Random-weight MuseTalk installations, a drawn avatar and voice-like audio, for benchmarks and tests.

`FULL` is MuseTalk v1.5's real architecture (musetalk.json per contracts/engines.md §2.2, sd-vae-ft-mse,
whisper-tiny): random weights but the same FLOPs as the real model. `TINY` keeps every interface (UNet
in 8 / out 4 / cross-attention 384 on 32 x 32 latents, a VAE mapping 256 x 256 crops to 4 x 32 x 32, a
4-layer whisper encoder with d_model 384 so features are [T, 50, 384]) with few channels, attention only
at 16 x 16 and a 5 s whisper window, so it runs on a CPU in milliseconds per frame.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from avatars.format import Avatar, MouthBank, RESOLUTIONS, save_avatar
from avatars.source_idle import ping_pong
from audio.clip import AudioClip

SPEECH_RATE = 22050  # Hz, like espeak: the engine must resample to 16 kHz itself
WHISPER_SPECIAL_TOKENS = {"pad_token_id": 1, "bos_token_id": 2, "eos_token_id": 3, "decoder_start_token_id": 2}


@dataclass(frozen=True)
class ModelSize:
    """Configs of the three networks and whisper's input window."""

    unet: dict[str, Any]
    vae: dict[str, Any]
    whisper: dict[str, Any]
    whisper_chunk_s: int


FULL = ModelSize(
    unet={"sample_size": 64, "in_channels": 8, "out_channels": 4, "block_out_channels": [320, 640, 1280, 1280],
          "layers_per_block": 2, "down_block_types": ["CrossAttnDownBlock2D"] * 3 + ["DownBlock2D"],
          "up_block_types": ["UpBlock2D"] + ["CrossAttnUpBlock2D"] * 3, "cross_attention_dim": 384,
          "attention_head_dim": 8, "norm_num_groups": 32, "norm_eps": 1e-5, "act_fn": "silu", "flip_sin_to_cos": True,
          "freq_shift": 0, "center_input_sample": False, "downsample_padding": 1, "mid_block_scale_factor": 1},
    vae={"in_channels": 3, "out_channels": 3, "latent_channels": 4, "layers_per_block": 2, "norm_num_groups": 32,
         "block_out_channels": [128, 256, 512, 512], "down_block_types": ["DownEncoderBlock2D"] * 4,
         "up_block_types": ["UpDecoderBlock2D"] * 4, "sample_size": 256, "act_fn": "silu"},
    whisper={"d_model": 384, "encoder_layers": 4, "decoder_layers": 4, "encoder_attention_heads": 6,
             "decoder_attention_heads": 6, "encoder_ffn_dim": 1536, "decoder_ffn_dim": 1536, "num_mel_bins": 80,
             "max_source_positions": 1500, "max_target_positions": 448, "vocab_size": 51865,
             "pad_token_id": 50257, "bos_token_id": 50257, "eos_token_id": 50257, "decoder_start_token_id": 50258},
    whisper_chunk_s=30,
)
TINY = ModelSize(
    unet={"sample_size": 32, "in_channels": 8, "out_channels": 4, "block_out_channels": [16, 32], "layers_per_block": 1,
          "down_block_types": ["DownBlock2D", "CrossAttnDownBlock2D"], "up_block_types": ["CrossAttnUpBlock2D", "UpBlock2D"],
          "cross_attention_dim": 384, "attention_head_dim": 1, "norm_num_groups": 8, "act_fn": "silu",
          "flip_sin_to_cos": True, "freq_shift": 0, "center_input_sample": False, "downsample_padding": 1,
          "mid_block_scale_factor": 1},
    vae={"in_channels": 3, "out_channels": 3, "latent_channels": 4, "layers_per_block": 1, "norm_num_groups": 4,
         "block_out_channels": [4, 4, 8, 8], "down_block_types": ["DownEncoderBlock2D"] * 4,
         "up_block_types": ["UpDecoderBlock2D"] * 4, "sample_size": 256},
    whisper={"d_model": 384, "encoder_layers": 4, "decoder_layers": 1, "encoder_attention_heads": 2,
             "decoder_attention_heads": 2, "encoder_ffn_dim": 64, "decoder_ffn_dim": 64, "num_mel_bins": 80,
             "max_source_positions": 250, "max_target_positions": 16, "vocab_size": 64, **WHISPER_SPECIAL_TOKENS},
    whisper_chunk_s=5,
)


def write_random_musetalk(root: Path, size: ModelSize = TINY, seed: int = 0, half: bool = False) -> Path:
    """Write models/musetalkV15, models/sd-vae and models/whisper in MuseTalk's layout with random weights."""
    import torch
    from diffusers import AutoencoderKL, UNet2DConditionModel
    from transformers import WhisperConfig, WhisperFeatureExtractor, WhisperForConditionalGeneration

    def state(module: torch.nn.Module) -> dict[str, torch.Tensor]:
        return {k: (v.half() if half and v.is_floating_point() else v) for k, v in module.state_dict().items()}

    torch.manual_seed(seed)
    models = root / "models"
    unet_dir, vae_dir, whisper_dir = models / "musetalkV15", models / "sd-vae", models / "whisper"
    for folder in (unet_dir, vae_dir, whisper_dir):
        folder.mkdir(parents=True, exist_ok=True)
    unet = UNet2DConditionModel(**size.unet)
    (unet_dir / "musetalk.json").write_text(json.dumps(
        {"_class_name": "UNet2DConditionModel", "_diffusers_version": "0.6.0.dev0", **size.unet}, indent=2))
    torch.save(state(unet), unet_dir / "unet.pth")
    del unet
    vae = AutoencoderKL(**size.vae)
    vae.save_config(vae_dir)
    torch.save(state(vae), vae_dir / "diffusion_pytorch_model.bin")
    whisper = WhisperForConditionalGeneration(WhisperConfig(**size.whisper, architectures=["WhisperForConditionalGeneration"]))
    whisper.config.save_pretrained(whisper_dir)
    torch.save(state(whisper), whisper_dir / "pytorch_model.bin")
    WhisperFeatureExtractor(feature_size=80, chunk_length=size.whisper_chunk_s).save_pretrained(whisper_dir)
    return root


def draw_face(width: int, height: int, shift: int) -> np.ndarray:
    """A plain drawn face (skin, eyes, nose, lips) on a grey wall, moved down by `shift` px; scales with height."""
    k = height / 360
    frame = np.full((height, width, 3), (150, 160, 170), np.uint8)
    cx, cy = width // 2, height // 2 + shift

    def p(x: float, y: float) -> tuple[int, int]:
        return int(cx + x * k), int(cy + y * k)

    def s(a: float, b: float) -> tuple[int, int]:
        return int(a * k), int(b * k)

    cv2.ellipse(frame, p(0, 0), s(70, 95), 0, 0, 360, (120, 160, 215), -1)
    for dx in (-28, 28):
        cv2.ellipse(frame, p(dx, -25), s(12, 7), 0, 0, 360, (60, 50, 40), -1)
    cv2.line(frame, p(0, -15), p(-5, 15), (90, 120, 170), max(1, int(3 * k)))
    cv2.ellipse(frame, p(0, 45), s(28, 9), 0, 0, 360, (80, 80, 170), -1)
    return frame


def face_box(resolution: str) -> tuple[int, int, int, int]:
    """MuseTalk crop (x1, y1, x2, y2, nose to chin) of `draw_face` at loop frame 0."""
    width, height = RESOLUTIONS[resolution]
    k = height / 360
    return (int(width // 2 - 70 * k), int(height // 2 - 30 * k), int(width // 2 + 70 * k), int(height // 2 + 110 * k))


def write_avatar(folder: Path, avatar_id: str = "mt_face_360p", unique: int = 3, resolution: str = "360p") -> Avatar:
    """Save a drawn avatar with a ping-pong idle loop (0, 1, .., U-1, .., 1) in the project's format."""
    width, height = RESOLUTIONS[resolution]
    frames = np.stack([draw_face(width, height, shift) for shift in range(unique)])
    loop = ping_pong(unique)
    bw, bh = int(80 * height / 360), int(40 * height / 360)
    mouth_xy = np.array([[width // 2 - bw // 2, int(height // 2 + 25 * height / 360) + int(row)] for row in loop])
    x, y = mouth_xy[0]
    sprites = np.stack([frames[0][y:y + bh, x:x + bw]] * 2)[:, None]  # [2, 1, bh, bw, 3]: the format needs a bank
    mask = np.zeros((bh, bw), np.float32)
    mask[4:-4, 4:-4] = 1.0
    avatar = Avatar(id=avatar_id, name=avatar_id.rsplit("_", 1)[0], display_name="MuseTalk test face",
                    resolution=resolution, fps=25, width=width, height=height, frames=frames, loop_index=loop,
                    mouth_xy=mouth_xy, mouth=MouthBank(np.array([0.0, 1.0], np.float32), np.array([0.0], np.float32),
                                                       sprites, mask),
                    engines=("cpu",), source_hash=f"synthetic-{avatar_id}")
    save_avatar(folder, avatar, {"kind": "synthetic"})
    return avatar


def speech_clip(seconds: float, silent: tuple[tuple[float, float], ...] = (), seed: int = 0) -> AudioClip:
    """Voice-like audio (harmonics with a 4 Hz syllable envelope) at 22.05 kHz, silent in the given spans (s)."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * SPEECH_RATE)) / SPEECH_RATE
    pitch = 140 + 20 * np.sin(2 * np.pi * 0.7 * t) + 10 * seed
    phase = 2 * np.pi * np.cumsum(pitch) / SPEECH_RATE
    voice = sum(np.sin(k * phase) / k for k in range(1, 6)) + 0.05 * rng.standard_normal(len(t))
    envelope = 0.5 + 0.5 * np.abs(np.sin(2 * np.pi * 2 * t))
    wave = 0.3 * voice * envelope
    for start, end in silent:
        wave[int(start * SPEECH_RATE): int(end * SPEECH_RATE)] = 0.0
    return AudioClip(np.clip(wave * 32767, -32768, 32767).astype(np.int16), SPEECH_RATE)
