"""Where MuseTalk's weights live under MUSETALK_PATH (MuseTalk's own `models/` layout); no torch here."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lipsync.base import LipsyncError

UNET_CONFIG = "models/musetalkV15/musetalk.json"
UNET_WEIGHTS = "models/musetalkV15/unet.pth"
VAE_DIR = "models/sd-vae"
WHISPER_DIR = "models/whisper"
FACE_PARSE_DIR = "models/face-parse-bisent"  # optional (BiSeNet face parsing)
FACE_PARSE_WEIGHTS = "79999_iter.pth"
WEIGHT_FILES = ("diffusion_pytorch_model.safetensors", "diffusion_pytorch_model.bin", "model.safetensors", "pytorch_model.bin")


@dataclass(frozen=True)
class ModelPaths:
    """The files of one MuseTalk v1.5 installation."""

    root: Path
    unet_config: Path
    unet_weights: Path
    vae_dir: Path
    whisper_dir: Path

    @classmethod
    def from_root(cls, root: str | Path) -> "ModelPaths":
        """Check MUSETALK_PATH holds MuseTalk v1.5's models; LipsyncError names what is missing."""
        if not str(root):
            raise LipsyncError("MUSETALK_PATH is not set: point it at a MuseTalk checkout whose models/ holds the weights")
        base = Path(root).expanduser().resolve()
        paths = cls(base, base / UNET_CONFIG, base / UNET_WEIGHTS, base / VAE_DIR, base / WHISPER_DIR)
        missing = [str(p) for p in (paths.unet_config, paths.unet_weights) if not p.is_file()]
        for folder in (paths.vae_dir, paths.whisper_dir):
            if not (folder / "config.json").is_file() or not any((folder / w).is_file() for w in WEIGHT_FILES):
                missing.append(f"{folder}/(config.json + weights)")
        if not (paths.whisper_dir / "preprocessor_config.json").is_file():
            missing.append(str(paths.whisper_dir / "preprocessor_config.json"))
        if missing:
            raise LipsyncError("MuseTalk weights missing under MUSETALK_PATH: " + ", ".join(missing))
        return paths
