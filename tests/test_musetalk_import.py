"""Legacy MuseTalk avatar import: a realtime_inference.py cache folder round-trips; a malicious pickle is refused."""
from __future__ import annotations

import pickle
from pathlib import Path

import cv2
import numpy as np
import pytest

from tests.musetalk_fixtures import draw_face, require_torch

require_torch()

import torch  # noqa: E402

from avatars.format import load_avatar  # noqa: E402
from lipsync.musetalk.import_legacy import MuseTalkImportError, import_folder, main  # noqa: E402
from lipsync.musetalk.avatar_data import load_data, load_latents  # noqa: E402
from lipsync.musetalk.blend import jaw_mask  # noqa: E402


class Payload:
    """Unpickles into builtins.open(marker, "w"): the marker file would prove the payload ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def write_legacy(folder: Path, unique: int = 3) -> dict:
    """A MuseTalk v1.5 avatar cache: ping-pong full_imgs, numpy-typed coords, crop-box masks, fp16 latents list."""
    (folder / "full_imgs").mkdir(parents=True)
    (folder / "mask").mkdir()
    frames = [draw_face(640, 360, shift) for shift in range(unique)]
    cycle = frames + frames[::-1]
    boxes = [(np.int32(250), np.int32(150 + k), np.int32(390), np.int32(300 + k)) for k in range(unique)]
    boxes = boxes + boxes[::-1]
    rng = np.random.default_rng(3)
    latents = [torch.from_numpy(rng.standard_normal((1, 8, 32, 32)).astype(np.float16)) for _ in range(unique)]
    latents = latents + latents[::-1]
    crop_boxes, face_masks = [], []
    for i, (x1, y1, x2, y2) in enumerate(boxes):
        cx, cy, s = (x1 + x2) // 2, (y1 + y2) // 2, int(max(x2 - x1, y2 - y1) // 2 * 1.5)
        crop = [int(cx - s), int(cy - s), int(cx + s), int(cy + s)]
        mask = np.zeros((2 * s, 2 * s), np.uint8)
        face_mask = jaw_mask(int(x2 - x1), int(y2 - y1))
        mask[y1 - crop[1]: y2 - crop[1], x1 - crop[0]: x2 - crop[0]] = face_mask
        cv2.imwrite(str(folder / "full_imgs" / f"{i:08d}.png"), cycle[i])
        cv2.imwrite(str(folder / "mask" / f"{i:08d}.png"), mask)
        crop_boxes.append(crop)
        face_masks.append(face_mask)
    (folder / "coords.pkl").write_bytes(pickle.dumps(boxes))
    (folder / "mask_coords.pkl").write_bytes(pickle.dumps(crop_boxes))
    torch.save(latents, folder / "latents.pt")
    return {"frames": frames, "boxes": boxes, "latents": latents, "masks": face_masks}


def test_legacy_folder_round_trips_into_a_musetalk_avatar(tmp_path: Path) -> None:
    legacy = write_legacy(tmp_path / "legacy")
    target = import_folder(tmp_path / "legacy", tmp_path / "precomputed", "imported", "360p")
    assert target == tmp_path / "precomputed" / "imported_360p"
    avatar = load_avatar(target)
    assert avatar.engines == ("musetalk",) and avatar.loop_index.tolist() == [0, 1, 2, 2, 1, 0]
    assert len(avatar.frames) == 3 and np.abs(avatar.frames[2].astype(int) - legacy["frames"][2]).mean() < 1.0  # JPEG
    data = load_data(target, 3, (640, 360), avatar.source_hash)
    assert data.face_boxes.tolist() == [[250, 150 + k, 390, 300 + k] for k in range(3)]
    assert all(np.array_equal(a, b) for a, b in zip(data.masks, legacy["masks"]))
    expected = np.concatenate([t.float().numpy() for t in legacy["latents"][:3]])
    assert np.array_equal(load_latents(target, 3), expected)
    assert [p.name for p in (tmp_path / "precomputed").iterdir()] == ["imported_360p"]  # no scratch left
    with pytest.raises(MuseTalkImportError, match="exists"):
        import_folder(tmp_path / "legacy", tmp_path / "precomputed", "imported", "360p")


def test_import_fits_frames_into_a_larger_resolution(tmp_path: Path) -> None:
    write_legacy(tmp_path / "legacy")
    avatar = load_avatar(import_folder(tmp_path / "legacy", tmp_path / "precomputed", "big", "720p"))
    data = load_data(tmp_path / "precomputed" / "big_720p", 3, (1280, 720), avatar.source_hash)
    assert avatar.width == 1280 and data.face_boxes[0].tolist() == [500, 300, 780, 600]  # scaled x2


def test_malicious_coords_pickle_is_refused_with_no_side_effect(tmp_path: Path, capsys) -> None:
    write_legacy(tmp_path / "legacy")
    marker = tmp_path / "pwned"
    (tmp_path / "legacy" / "coords.pkl").write_bytes(pickle.dumps([(1, 2, 3, 4), Payload(marker)]))
    with pytest.raises(SystemExit) as exit_info:
        main([str(tmp_path / "legacy"), "--name", "evil", "--resolution", "360p", "--root", str(tmp_path / "pre")])
    assert exit_info.value.code == 2
    assert "refusing to load io.open" in capsys.readouterr().err
    assert not marker.exists() and not (tmp_path / "pre").exists()


def test_missing_faces_are_reported_not_misaligned(tmp_path: Path) -> None:
    write_legacy(tmp_path / "legacy")
    torch.save([torch.zeros(1, 8, 32, 32, dtype=torch.float16)] * 5, tmp_path / "legacy" / "latents.pt")
    with pytest.raises(MuseTalkImportError, match="5 latents"):
        import_folder(tmp_path / "legacy", tmp_path / "pre", "short", "360p")
