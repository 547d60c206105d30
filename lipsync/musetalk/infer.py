"""One MuseTalk step: UNet at timestep 0 on [B, 8, 32, 32] latents, VAE decode to BGR uint8 faces; and the
VAE encode that avatar preparation uses to make those latents."""
from __future__ import annotations

import numpy as np
import torch

from lipsync.musetalk.blend import FACE_SIZE
from lipsync.musetalk.models import MuseTalkModels


@torch.inference_mode()
def generate_faces(models: MuseTalkModels, latents: torch.Tensor, features: torch.Tensor) -> np.ndarray:
    """Latents [B, 8, 32, 32] (masked ⊕ reference) + audio features [B, 50, 384] → faces [B, 256, 256, 3] BGR uint8."""
    latents = latents.to(device=models.device, dtype=models.dtype)
    audio = models.pe(features.to(device=models.device, dtype=models.dtype))  # [B, 50, 384]
    timestep = torch.zeros(1, device=models.device, dtype=torch.long)
    pred = models.unet(latents, timestep, encoder_hidden_states=audio).sample  # [B, 4, 32, 32]
    image = models.vae.decode(pred / models.scaling_factor).sample  # [B, 3, 256, 256] in [-1, 1]
    image = ((image / 2 + 0.5).clamp(0, 1) * 255).round().to(torch.uint8)  # quantize on the device: 4x less to copy
    bgr = image.flip(1).permute(0, 2, 3, 1)  # [B, 256, 256, 3] BGR
    return bgr.cpu().numpy()


@torch.inference_mode()
def encode_faces(vae: torch.nn.Module, faces: np.ndarray, device: torch.device, dtype: torch.dtype) -> np.ndarray:
    """BGR uint8 crops [N, 256, 256, 3] → latents [N, 8, 32, 32] float32: lower half masked ⊕ reference.

    Uses the VAE posterior's mean (MuseTalk samples it) so preparation is deterministic.
    """
    rgb = torch.from_numpy(np.ascontiguousarray(faces[..., ::-1])).to(device)  # [N, 256, 256, 3]
    x = rgb.permute(0, 3, 1, 2).to(dtype) / 255.0  # [N, 3, 256, 256] in [0, 1]
    masked = x.clone()
    masked[:, :, FACE_SIZE // 2:] = 0  # lower half blanked before normalization (-1 after it)
    scale = float(vae.config.scaling_factor)
    out = []
    for image in (masked, x):
        posterior = vae.encode(image * 2 - 1).latent_dist
        out.append(posterior.mean * scale)  # [N, 4, 32, 32]
    return torch.cat(out, dim=1).float().cpu().numpy()  # [N, 8, 32, 32]
