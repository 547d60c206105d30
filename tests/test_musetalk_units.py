"""MuseTalk engine parts that need no torch: chunk and frame planning, batching, blending, data files, unpickler."""
from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

for _module in ("safetensors", "scipy"):
    pytest.importorskip(_module, reason=f"{_module} is not installed: pip install -r requirements-gpu.txt")

from lipsync.musetalk.import_legacy import MuseTalkImportError, load_boxes
from lipsync.musetalk.avatar_data import MuseTalkData, MuseTalkDataError, load_data, load_latents, save_data
from lipsync.musetalk.blend import jaw_mask, paste_face
from lipsync.musetalk.plan import SAMPLE_RATE, plan_frames, to_whisper_audio, voiced
from lipsync.musetalk.scheduler import BatchScheduler, WorkItem


def plan_chunks(*args):
    features = pytest.importorskip("lipsync.musetalk.features", reason="torch is not installed (requirements-gpu.txt)")
    return features.plan_chunks(*args)


@pytest.mark.parametrize("total", [1, 250, 251, 400, 1234])
def test_chunks_cover_every_position_once_with_context(total: int) -> None:
    chunks = plan_chunks(total, 250, 50)
    kept = np.concatenate([np.arange(c.keep_start, c.keep_stop) for c in chunks])
    assert np.array_equal(kept, np.arange(total))
    for c in chunks:
        assert c.start >= 0 and c.keep_stop - c.start <= 250  # inside one whisper pass
        if total > 250:  # a kept position has >= 1 s of real audio before it, or starts the clip
            assert c.keep_start - c.start >= 50 or c.start == 0
            assert c.start + 250 - c.keep_stop >= 50 or c.start + 250 >= total  # or it sees the clip's end


def test_scheduler_first_batch_small_then_shares_fairly() -> None:
    s = BatchScheduler(batch_size=8, first_batch=2)
    a = WorkItem(1, total=20)
    s.add(a)
    first = s.next_batch()
    assert [(p.item.req_id, p.start, p.stop) for p in first] == [(1, 0, 2)]  # small first batch
    s.advance(first)
    s.add(WorkItem(2, total=5))
    batch = s.next_batch()
    counts = {p.item.req_id: p.stop - p.start for p in batch}
    assert counts == {2: 2, 1: 6} and sum(counts.values()) == 8
    assert [p.start for p in batch if p.item.req_id == 1] == [2]  # in order per job
    s.advance(batch)
    batch = s.next_batch()
    assert {p.item.req_id: p.stop - p.start for p in batch} == {1: 5, 2: 3}  # job 2 drains, job 1 takes the rest
    finished = s.advance(batch)
    assert [i.req_id for i in finished] == [2] and len(s) == 1
    assert s.remove(1) is a and s.next_batch() == []


def speech(seconds: float, silent: tuple[float, float] | None = None) -> np.ndarray:
    t = np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    audio = (0.3 * np.sin(2 * np.pi * 200 * t)).astype(np.float32)
    if silent:
        audio[int(silent[0] * SAMPLE_RATE): int(silent[1] * SAMPLE_RATE)] = 0
    return audio


def test_silent_frames_show_idle_and_frame_skip_reuses_faces() -> None:
    audio = speech(2.0, silent=(0.0, 0.8))
    flags = voiced(audio, 0, 50)
    assert not flags[:18].any()  # the window reaches 120 ms ahead: frame 18 (720 ms) is the first to hear speech
    assert flags[18:].all()
    plan = plan_frames(audio, 0, 50, np.arange(50) % 3, frame_skip=2)
    assert (plan.source[:18] == -1).all() and (plan.source[18:] >= 0).all()
    assert plan.generate[0] == 18 and all(f % 2 == 0 for f in plan.generate[1:])
    assert np.array_equal(plan.generate[plan.source[18:]], [18, 18] + [f - f % 2 for f in range(20, 50)])
    assert len(plan_frames(audio, 0, 50, np.zeros(50), frame_skip=1).generate) == 32


def test_resampling_keeps_duration_and_level() -> None:
    pcm = (np.sin(np.arange(22050) / 22050 * 2 * np.pi * 300) * 16000).astype(np.int16)
    audio = to_whisper_audio(pcm, 22050)
    assert audio.dtype == np.float32 and len(audio) == SAMPLE_RATE
    assert abs(np.abs(audio).max() - 16000 / 32768) < 0.02


def test_jaw_mask_is_lower_half_and_soft_at_every_edge() -> None:
    mask = jaw_mask(140, 160)
    assert mask.shape == (160, 140) and mask.dtype == np.uint8
    assert mask[:60].max() < 40 and mask[110, 70] == 255  # upper part untouched, chin area replaced
    assert max(mask[0].max(), mask[-1].max(), mask[:, 0].max(), mask[:, -1].max()) < 40


def test_paste_changes_only_the_masked_face_box() -> None:
    frame = np.full((100, 120, 3), 50, np.uint8)
    face = np.full((256, 256, 3), 250, np.uint8)
    box = np.array([20, 10, 80, 90])
    mask = np.zeros((80, 60), np.uint8)
    mask[40:, 10:50] = 255
    out = paste_face(frame, face, box, mask)
    assert (out[50:90, 30:70] == 250).all() and (out[10:50, 20:80] == 50).all()
    out[10:90, 20:80] = 50
    assert (out == frame).all() and (frame == 50).all()  # nothing outside the box, input untouched


def test_data_files_round_trip_and_refuse_a_mismatch(tmp_path: Path) -> None:
    boxes = np.array([[10, 20, 50, 70], [11, 21, 51, 71]])
    data = MuseTalkData(boxes, (jaw_mask(40, 50), jaw_mask(40, 50)), 10, "hash1")
    latents = np.random.default_rng(0).standard_normal((2, 8, 32, 32)).astype(np.float32)
    save_data(tmp_path, latents, data)
    back = load_data(tmp_path, 2, (64, 80), "hash1")
    assert np.array_equal(back.face_boxes, boxes) and np.array_equal(back.masks[1], data.masks[1])
    assert np.array_equal(load_latents(tmp_path, 2), latents)
    with pytest.raises(MuseTalkDataError, match="another version"):
        load_data(tmp_path, 2, (64, 80), "hash2")
    with pytest.raises(MuseTalkDataError, match="leaves the frame"):
        load_data(tmp_path, 2, (50, 60), "hash1")
    with pytest.raises(MuseTalkDataError, match="latents"):
        load_latents(tmp_path, 3)


class Payload:
    """Pickles into a call of builtins.open(marker, "w"): creating the file would prove code ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def test_restricted_unpickler_reads_numpy_boxes_and_refuses_code(tmp_path: Path) -> None:
    good = tmp_path / "coords.pkl"
    good.write_bytes(pickle.dumps([(np.int32(1), np.int32(2), np.int64(30), np.int64(40)), [5.0, 6, 70, 80],
                                   np.array([1, 2, 3, 4])]))
    assert load_boxes(good).tolist() == [[1, 2, 30, 40], [5, 6, 70, 80], [1, 2, 3, 4]]
    old_style = tmp_path / "coords_v2.pkl"  # protocol 2 and numpy 1.x module names, as older MuseTalk setups wrote
    old_style.write_bytes(pickle.dumps([np.array([7, 8, 9, 10], np.int32)], protocol=2).replace(
        b"numpy._core.multiarray", b"numpy.core.multiarray"))
    assert load_boxes(old_style).tolist() == [[7, 8, 9, 10]]
    marker = tmp_path / "pwned"
    evil = tmp_path / "evil.pkl"
    evil.write_bytes(pickle.dumps([(1, 2, 3, 4), Payload(marker)]))
    with pytest.raises(MuseTalkImportError, match="refusing to load io.open"):
        load_boxes(evil)
    assert not marker.exists()
    objects = tmp_path / "objects.pkl"
    objects.write_bytes(pickle.dumps([np.array([1, "x", 3, 4], dtype=object)]))
    with pytest.raises(MuseTalkImportError):
        load_boxes(objects)


def test_the_web_side_never_imports_torch(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from lipsync import registry\n"
        "from runtime.config import Config\n"
        f"config = Config.load({{'LIPSYNC_ENGINE': 'musetalk', 'MUSETALK_PATH': {str(tmp_path)!r}}}, "
        "env_file=__import__('pathlib').Path('/nonexistent'))\n"
        "engine = registry.create('musetalk', config)\n"
        "import lipsync.musetalk.client, lipsync.musetalk.plan, lipsync.musetalk.blend, lipsync.musetalk.prep\n"
        "try:\n"
        "    engine.load()\n"
        "except Exception as e:\n"
        "    print('load:', e)\n"
        "print('loaded', engine.loaded, 'torch' in sys.modules, 'diffusers' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                         cwd=Path(__file__).resolve().parent.parent)
    assert out.returncode == 0, out.stderr
    assert "load: MuseTalk weights missing under MUSETALK_PATH" in out.stdout  # fails fast, names the files
    assert out.stdout.strip().endswith("loaded False False False")
