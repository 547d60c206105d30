"""MuseTalk loading and inference on tiny random-weight models in the exact MUSETALK_PATH layout (in process)."""
from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from tests.musetalk_fixtures import FACE_BOX, require_torch, speech_clip, tiny_models_once, write_avatar

require_torch()

import torch  # noqa: E402

from avatars.format import load_avatar  # noqa: E402
from lipsync.musetalk.prep import face_boxes, prepare_avatar  # noqa: E402
from lipsync.base import LipsyncError  # noqa: E402
from lipsync.musetalk.avatar_data import load_data, load_latents  # noqa: E402
from lipsync.musetalk.features import audio_features, encoder_states, frame_windows  # noqa: E402
from lipsync.musetalk.infer import encode_faces, generate_faces  # noqa: E402
from lipsync.musetalk.layout import ModelPaths  # noqa: E402
from lipsync.musetalk.models import MuseTalkModels, load_models, resolve_device  # noqa: E402
from lipsync.musetalk.plan import to_whisper_audio  # noqa: E402


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> MuseTalkModels:
    return load_models(ModelPaths.from_root(tiny_models_once(tmp_path_factory.getbasetemp())), "cpu")


def test_layout_errors_name_the_missing_files(tmp_path: Path) -> None:
    with pytest.raises(LipsyncError, match="MUSETALK_PATH is not set"):
        ModelPaths.from_root("")
    with pytest.raises(LipsyncError, match=r"musetalkV15/unet\.pth.*sd-vae.*whisper"):
        ModelPaths.from_root(tmp_path)
    with pytest.raises(LipsyncError, match="no CUDA|must be auto"):
        resolve_device("cuda:0" if not torch.cuda.is_available() else "tpu")


def test_models_load_from_the_layout_in_fp32_on_cpu(models: MuseTalkModels) -> None:
    assert models.device.type == "cpu" and models.dtype == torch.float32
    assert models.unet.config.in_channels == 8 and models.unet.config.out_channels == 4
    assert models.unet.config.cross_attention_dim == 384 and models.whisper.config.d_model == 384
    assert models.scaling_factor == pytest.approx(0.18215)
    assert not any(p.requires_grad for p in models.unet.parameters())


def test_unet_weights_are_the_files_weights(models: MuseTalkModels, tmp_path_factory: pytest.TempPathFactory) -> None:
    root = tiny_models_once(tmp_path_factory.getbasetemp())
    state = torch.load(root / "models/musetalkV15/unet.pth", map_location="cpu", weights_only=True)
    name = "conv_in.weight"
    assert torch.equal(models.unet.state_dict()[name], state[name])


def test_shapes_at_every_step(models: MuseTalkModels) -> None:
    clip = speech_clip(1.0)
    audio = to_whisper_audio(clip.samples, clip.sample_rate)  # [16000] float32
    assert audio.shape == (16000,) and audio.dtype == np.float32
    states = encoder_states(models, audio)
    assert states.shape == (50, 5, 384)  # 50 Hz positions x (embeddings + 4 layers) x d_model
    features = frame_windows(states, 25)
    assert features.shape == (25, 50, 384)
    # frame 0's window starts 80 ms before the clip: 4 positions x 5 layers of zeros, then real audio
    assert torch.count_nonzero(features[0, :20]) == 0 and torch.count_nonzero(features[0, 20:]) > 0
    assert torch.equal(features[3].reshape(10, 5, 384), states[2:12])  # frame 3 sees positions 2..11
    audio_tokens = models.pe(features[:4])
    assert audio_tokens.shape == (4, 50, 384) and not torch.equal(audio_tokens, features[:4])
    faces = generate_faces(models, torch.randn(4, 8, 32, 32), features[:4])
    assert faces.shape == (4, 256, 256, 3) and faces.dtype == np.uint8
    crops = np.random.default_rng(0).integers(0, 255, (3, 256, 256, 3), dtype=np.uint8)
    latents = encode_faces(models.vae, crops, models.device, models.dtype)
    assert latents.shape == (3, 8, 32, 32) and latents.dtype == np.float32
    assert np.array_equal(latents, encode_faces(models.vae, crops, models.device, models.dtype))  # mean: deterministic


def test_long_clips_are_encoded_in_overlapping_chunks(models: MuseTalkModels) -> None:
    clip = speech_clip(7.3)  # the tiny whisper reads 5 s per pass
    features = audio_features(models, to_whisper_audio(clip.samples, clip.sample_rate), 183)
    assert features.shape == (183, 50, 384) and torch.isfinite(features).all()


def test_prepare_writes_latents_boxes_and_masks(models: MuseTalkModels, tmp_path: Path,
                                                tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path / "mt_face_360p"
    folder.mkdir()
    written = write_avatar(folder)
    root = tiny_models_once(tmp_path_factory.getbasetemp())
    data = prepare_avatar(folder, str(root), "cpu", extra_margin=10, face_box=FACE_BOX)
    avatar = load_avatar(folder)
    assert avatar.engines == ("cpu", "musetalk")
    assert data.face_boxes[0].tolist() == [250, 150, 390, 300]  # chin + extra_margin
    assert data.face_boxes[2].tolist() == [250, 152, 390, 302]  # follows the face down by 2 px
    back = load_data(folder, 3, (640, 360), written.source_hash)
    assert [m.shape for m in back.masks] == [(150, 140)] * 3
    latents = load_latents(folder, 3)
    assert latents.shape == (3, 8, 32, 32) and not np.array_equal(latents[:, :4], latents[:, 4:])  # masked != reference
    detected = face_boxes(avatar, 10)  # no box given: detection or the mouth-box fallback, inside the frame
    assert detected.shape == (3, 4) and (detected[:, 2] <= 640).all() and (detected[:, 3] <= 360).all()


def test_face_parsing_masks_when_bisenet_weights_are_present(tmp_path: Path,
                                                             tmp_path_factory: pytest.TempPathFactory) -> None:
    from lipsync.musetalk.blend import blur_kernel, jaw_mask
    from lipsync.musetalk.face_parsing import BiSeNet

    root = tmp_path / "musetalk"
    shutil.copytree(tiny_models_once(tmp_path_factory.getbasetemp()), root)
    (root / "models/face-parse-bisent").mkdir()
    torch.manual_seed(1)
    net = BiSeNet().eval()
    torch.save(net.state_dict(), root / "models/face-parse-bisent/79999_iter.pth")  # the checkpoint's key layout
    folder = tmp_path / "mt_face_360p"
    folder.mkdir()
    write_avatar(folder, unique=2)
    data = prepare_avatar(folder, str(root), "cpu", face_box=FACE_BOX)
    assert not np.array_equal(data.masks[0], jaw_mask(140, 150))  # the parser made these, not the fallback
    k = blur_kernel(140, 150)
    for mask, (x1, y1, x2, y2) in zip(data.masks, data.face_boxes):
        assert mask.shape == (y2 - y1, x2 - x1)
        top = (y1 + y2) // 2 - y1  # the blending square's middle: nothing above it may change
        assert mask[: top - k // 2 - 1].max() == 0


def test_a_checkpoint_missing_weights_is_refused(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    root = tmp_path / "musetalk"
    shutil.copytree(tiny_models_once(tmp_path_factory.getbasetemp()), root)
    weights = root / "models/whisper/pytorch_model.bin"
    state = torch.load(weights, weights_only=True)
    torch.save({k: v for k, v in state.items() if "encoder.layers.3." not in k}, weights)
    with pytest.raises(LipsyncError, match="missing.*encoder.layers.3"):
        load_models(ModelPaths.from_root(root), "cpu")
