"""Load MuseTalk v1.5 (UNet, sd-vae, whisper-tiny encoder, positional encoding) from local files only.

Imports torch, diffusers and transformers: only the GPU worker process and avatar preparation use it.
"""
from __future__ import annotations

import json
import logging
import math
import os
from dataclasses import dataclass
from typing import Any

import torch
from torch import nn

from lipsync.base import LipsyncError
from lipsync.musetalk.layout import ModelPaths

log = logging.getLogger(__name__)

PE_MAX_LEN = 5000  # positions in MuseTalk's sinusoidal table
OFFLINE_ENV = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "DIFFUSERS_OFFLINE": "1", "HF_HUB_DISABLE_TELEMETRY": "1"}


def go_offline() -> None:
    """Forbid every hub download in this process before diffusers/transformers read their settings."""
    os.environ.update(OFFLINE_ENV)


def resolve_device(spec: str) -> tuple[torch.device, torch.dtype]:
    """MUSETALK_DEVICE → (device, dtype): fp16 on CUDA, fp32 on CPU."""
    if spec == "auto":
        spec = "cuda" if torch.cuda.is_available() else "cpu"
    if spec.startswith("cuda") and not torch.cuda.is_available():
        raise LipsyncError(f"MUSETALK_DEVICE={spec} but torch sees no CUDA device")
    try:
        device = torch.device(spec)
    except RuntimeError as e:
        raise LipsyncError(f"MUSETALK_DEVICE must be auto, cpu, cuda or cuda:N, got {spec!r}") from e
    return device, (torch.float16 if device.type == "cuda" else torch.float32)


class PositionalEncoding(nn.Module):
    """MuseTalk's sinusoidal table (sin on even dims, cos on odd) added to the audio tokens."""

    def __init__(self, d_model: int = 384, max_len: int = PE_MAX_LEN) -> None:
        super().__init__()
        position = torch.arange(max_len, dtype=torch.float32).unsqueeze(1)  # [max_len, 1]
        div_term = torch.exp(torch.arange(0, d_model, 2, dtype=torch.float32) * (-math.log(10000.0) / d_model))
        table = torch.zeros(max_len, d_model)
        table[:, 0::2] = torch.sin(position * div_term)
        table[:, 1::2] = torch.cos(position * div_term)
        self.register_buffer("pe", table.unsqueeze(0), persistent=False)  # [1, max_len, d_model]

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.pe[:, : x.shape[1]].to(x.dtype)  # [B, S, d_model]


@dataclass(frozen=True, eq=False)
class MuseTalkModels:
    """Everything one inference step needs, on one device in one dtype."""

    unet: nn.Module  # diffusers UNet2DConditionModel, in 8 / out 4 channels
    vae: nn.Module  # diffusers AutoencoderKL
    whisper: nn.Module  # transformers WhisperEncoder
    pe: PositionalEncoding
    feature_extractor: Any  # transformers WhisperFeatureExtractor
    device: torch.device
    dtype: torch.dtype

    @property
    def scaling_factor(self) -> float:
        """The VAE's latent scale (0.18215 for sd-vae)."""
        return float(self.vae.config.scaling_factor)


def load_unet(paths: ModelPaths) -> nn.Module:
    """Build the UNet from musetalk.json and load unet.pth (a plain state_dict) strictly."""
    from diffusers import UNet2DConditionModel

    try:
        config = json.loads(paths.unet_config.read_text(encoding="utf-8"))
        unet = UNet2DConditionModel.from_config(config)
        state = torch.load(paths.unet_weights, map_location="cpu", weights_only=True)
        unet.load_state_dict(state, strict=True)
    except (OSError, ValueError, RuntimeError, KeyError, TypeError) as e:
        raise LipsyncError(f"cannot load the MuseTalk UNet from {paths.unet_config.parent}: {e}") from e
    return unet


def load_vae(paths: ModelPaths) -> nn.Module:
    """The sd-vae AutoencoderKL from its local folder."""
    from diffusers import AutoencoderKL

    try:
        vae, info = AutoencoderKL.from_pretrained(paths.vae_dir, local_files_only=True, output_loading_info=True)
    except (OSError, ValueError, RuntimeError) as e:
        raise LipsyncError(f"cannot load the VAE from {paths.vae_dir}: {e}") from e
    _require_all(info, "", paths.vae_dir)
    return vae


def load_whisper(paths: ModelPaths) -> tuple[nn.Module, Any]:
    """whisper-tiny's encoder (the decoder is dropped) and its feature extractor."""
    from transformers import WhisperFeatureExtractor, WhisperModel

    try:
        model, info = WhisperModel.from_pretrained(paths.whisper_dir, local_files_only=True, output_loading_info=True)
        extractor = WhisperFeatureExtractor.from_pretrained(paths.whisper_dir, local_files_only=True)
    except (OSError, ValueError, RuntimeError) as e:
        raise LipsyncError(f"cannot load whisper from {paths.whisper_dir}: {e}") from e
    _require_all(info, "encoder.", paths.whisper_dir)  # the decoder is dropped: only encoder weights must be there
    return model.get_encoder(), extractor


def _require_all(info: dict[str, Any], prefix: str, folder: Any) -> None:
    """Refuse a checkpoint that leaves weights (under `prefix`) randomly initialised: from_pretrained only warns."""
    missing = sorted(k for k in info.get("missing_keys", ()) if k.startswith(prefix))
    mismatched = list(info.get("mismatched_keys", ()))
    if missing or mismatched:
        raise LipsyncError(f"checkpoint in {folder} does not fit its config: missing {missing[:5]}, "
                           f"mismatched {mismatched[:5]}")


def prepare(module: nn.Module, device: torch.device, dtype: torch.dtype) -> nn.Module:
    """Move to device/dtype, eval mode, no gradients."""
    module = module.to(device=device, dtype=dtype).eval()
    module.requires_grad_(False)
    return module


def load_models(paths: ModelPaths, device_spec: str = "auto") -> MuseTalkModels:
    """Load all MuseTalk parts from `paths` onto the configured device."""
    go_offline()
    device, dtype = resolve_device(device_spec)
    unet = prepare(load_unet(paths), device, dtype)
    vae = prepare(load_vae(paths), device, dtype)
    whisper, extractor = load_whisper(paths)
    whisper = prepare(whisper, device, dtype)
    d_model = int(whisper.config.d_model)
    if int(unet.config.cross_attention_dim) != d_model:
        raise LipsyncError(f"UNet cross_attention_dim {unet.config.cross_attention_dim} != whisper d_model {d_model}")
    pe = prepare(PositionalEncoding(d_model), device, dtype)
    log.info("MuseTalk models loaded from %s on %s (%s)", paths.root, device, dtype)
    return MuseTalkModels(unet, vae, whisper, pe, extractor, device, dtype)
