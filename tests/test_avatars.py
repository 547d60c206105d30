"""Avatar format, generator and store: ids, path confinement, manifest, pickle-free loading."""
from __future__ import annotations

import builtins
import json
import os
import shutil
import threading
from pathlib import Path

import numpy as np
import pytest

from avatars import generate
from avatars.format import ARRAYS, FPS, MANIFEST, RESOLUTIONS, AvatarFormatError, load_avatar
from avatars.store import AvatarInfo, AvatarNotFound, AvatarStore, InvalidAvatarName

DEFAULT_IDS = sorted(f"{n}_{r}" for n in ("talk_long", "talk_short") for r in RESOLUTIONS)


@pytest.fixture()
def store(precomputed_dir: Path) -> AvatarStore:
    return AvatarStore(precomputed_dir)


def test_ensure_defaults_is_idempotent(precomputed_dir: Path) -> None:
    assert set(DEFAULT_IDS) <= {p.name for p in precomputed_dir.iterdir()}
    stamps = {i: (precomputed_dir / i / MANIFEST).stat().st_mtime_ns for i in DEFAULT_IDS}
    assert AvatarStore(precomputed_dir).ensure_defaults() == []
    assert {i: (precomputed_dir / i / MANIFEST).stat().st_mtime_ns for i in DEFAULT_IDS} == stamps


def test_ensure_defaults_redraws_missing_or_stale_avatars(tmp_path: Path, precomputed_dir: Path) -> None:
    for i in DEFAULT_IDS:
        if i != "talk_short_480p":
            shutil.copytree(precomputed_dir / i, tmp_path / i)
    meta = json.loads((tmp_path / "talk_short_360p" / MANIFEST).read_text())
    meta["source_hash"] = "outdated"
    (tmp_path / "talk_short_360p" / MANIFEST).write_text(json.dumps(meta))
    stamp = (tmp_path / "talk_long_720p" / MANIFEST).stat().st_mtime_ns
    written = AvatarStore(tmp_path).ensure_defaults()
    assert sorted(written) == [f"talk_short_{r}" for r in sorted(RESOLUTIONS)]
    assert sorted(p.name for p in tmp_path.iterdir()) == DEFAULT_IDS  # no temp folders left behind
    assert (tmp_path / "talk_long_720p" / MANIFEST).stat().st_mtime_ns == stamp


def test_list_is_sorted_with_names_and_resolutions(store: AvatarStore) -> None:
    infos = store.list()
    ids = [i.id for i in infos]
    assert ids == sorted(ids) and set(DEFAULT_IDS) <= set(ids)
    long720 = next(i for i in infos if i.id == "talk_long_720p")
    assert long720 == AvatarInfo("talk_long_720p", "talk_long", "720p", long720.display_name, "precomputed/talk_long_720p",
                                 long720.frame_count, 25)
    assert long720.frame_count > 0
    assert long720.display_name and long720.display_name != next(i for i in infos if i.id == "talk_short_720p").display_name


def test_manifest_is_versioned_and_complete(store: AvatarStore) -> None:
    meta = json.loads((store.root / "talk_long_480p" / MANIFEST).read_text())
    assert meta["format_version"] == 1 and meta["fps"] == FPS
    assert (meta["width"], meta["height"], meta["resolution"]) == (854, 480, "480p")
    assert meta["engines"] == ["cpu"] and meta["frame_count"] >= 100 and len(meta["source_hash"]) == 64
    box = meta["mouth"]["box"]
    assert 0 <= box["x"] and box["x"] + box["width"] <= 854 and 0 <= box["y"] and box["y"] + box["height"] <= 480


def test_loaded_avatar_is_consistent_and_bounded(store: AvatarStore) -> None:
    a = store.get("talk_long_720p")
    assert (a.width, a.height, a.fps, a.resolution) == (1280, 720, 25, "720p")
    assert a.frames.shape[1:] == (720, 1280, 3) and not a.frames.flags.writeable
    assert a.loop_length == len(a.mouth_xy) == 200
    assert a.nbytes < 150e6  # memory bound stated in the README
    w, h = a.mouth.box_size
    assert a.mouth.sprites.shape == (11, 5, h, w, 3)
    assert a.mouth.mask.max() == pytest.approx(1.0, abs=0.01)
    assert a.mouth.mask[0].max() == 0 and a.mouth.mask[:, -1].max() == 0  # feathered to nothing at the border


def test_closed_sprite_matches_the_idle_face(store: AvatarStore) -> None:
    for avatar_id in ("talk_long_720p", "talk_short_360p"):
        a = store.get(avatar_id)
        x, y = a.mouth_xy[0]
        w, h = a.mouth.box_size
        closed = a.mouth.sprites[0, list(a.mouth.width_levels).index(0.0)].astype(int)
        wide = a.mouth.sprites[-1, list(a.mouth.width_levels).index(0.0)].astype(int)
        idle = a.idle_frame(0)[y : y + h, x : x + w].astype(int)
        assert np.abs(closed - idle).mean() < 1.5  # JPEG noise only
        assert np.abs(wide - idle).mean() > 5  # an open mouth really differs


def test_idle_loop_breathes_and_wraps_seamlessly_with_the_eyes_described(store: AvatarStore) -> None:
    a = store.get("talk_long_360p")
    frames = [a.idle_frame(i).astype(np.int16) for i in range(a.loop_length)]
    steps = [np.abs(frames[i] - frames[i - 1]).mean() for i in range(1, a.loop_length)]
    wrap = np.abs(frames[0] - frames[-1]).mean()
    assert wrap <= max(steps) + 1e-9  # the jump from the last frame to the first is an ordinary step
    assert np.abs(frames[0] - frames[a.loop_length // 4]).mean() > 0  # chest height changes
    assert a.eyes is not None and a.eyes.shape == (2, 3, 7)  # blinks are warped in at play time (tests/test_blinks.py)
    x, y = a.mouth_xy[0]
    assert (a.eyes[:, 1] < a.eyes[:, 2] + 1e-6).all() and (a.eyes[:, 2] + y < y).all()  # upper above lower, above the mouth
    assert a.eyes[0, 0].mean() + x < a.width / 2 < a.eyes[1, 0].mean() + x  # one eye each side of the centre


def test_the_two_interviewers_differ(store: AvatarStore) -> None:
    one, two = store.get("talk_long_360p"), store.get("talk_short_360p")
    assert np.abs(one.idle_frame(0).astype(int) - two.idle_frame(0).astype(int)).mean() > 20


def test_get_caches_and_is_thread_safe(store: AvatarStore) -> None:
    got: list[object] = []
    threads = [threading.Thread(target=lambda: got.append(store.get("talk_short_480p"))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(got) == 4 and all(g is got[0] for g in got)
    with pytest.raises(AvatarNotFound):
        store.get("nobody_720p")
    with pytest.raises(InvalidAvatarName):
        store.get("../talk_long_720p")


def test_resolve_name_and_resolution(store: AvatarStore) -> None:
    assert store.resolve("talk_long", "720p") == "talk_long_720p"
    assert store.resolve("talk_short", "360p") == "talk_short_360p"
    assert store.resolve("talk_short_480p", "720p") == "talk_short_480p"  # a full id is kept
    with pytest.raises(AvatarNotFound):
        store.resolve("nobody", "720p")
    with pytest.raises(InvalidAvatarName, match="720p, 480p, 360p"):
        store.resolve("talk_long", "1080p")
    with pytest.raises(InvalidAvatarName):
        store.resolve("Talk Long", "720p")


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("precomputed/720p/talk_long_720p_precomputed.pkl", "talk_long_720p"),
        ("precomputed/480p/talk_short_480p_precomputed.pkl", "talk_short_480p"),
        ("precomputed/talk_long_360p", "talk_long_360p"),
        ("720p/talk_short.pkl", "talk_short_720p"),
        ("talk_long_720p", "talk_long_720p"),
        ("talk_long_480p.pkl", "talk_long_480p"),
    ],
)
def test_resolve_path_accepts_the_seed_forms(store: AvatarStore, given: str, expected: str) -> None:
    assert store.resolve_path(given) == expected


@pytest.mark.parametrize(
    "given",
    [
        "../../etc/passwd", "/etc/passwd", "precomputed/../x", "precomputed/../../etc/passwd",
        "precomputed/720p/../talk_long_720p", "..\\..\\windows\\win.ini", "C:/x", "./talk_long_720p",
        "precomputed//talk_long_720p", "~/talk_long_720p", "precomputed/999p/talk_long_720p",
        "a/b/c/d", "talk long", "TALK_LONG_720P", "", "precomputed/", "talk_long_720p\x00", "x" * 300,
    ],
)
def test_resolve_path_refuses_escapes_without_touching_the_disk(store: AvatarStore, monkeypatch: pytest.MonkeyPatch, given: str) -> None:
    touched: list[str] = []
    real_open, real_stat = builtins.open, os.stat
    monkeypatch.setattr(builtins, "open", lambda p, *a, **k: touched.append(str(p)) or real_open(p, *a, **k))
    monkeypatch.setattr(os, "stat", lambda p, *a, **k: touched.append(str(p)) or real_stat(p, *a, **k))
    with pytest.raises(InvalidAvatarName):
        store.resolve_path(given)
    assert touched == []


def test_resolve_path_only_looks_inside_the_root(store: AvatarStore, monkeypatch: pytest.MonkeyPatch) -> None:
    touched: list[str] = []
    real_stat = os.stat
    monkeypatch.setattr(os, "stat", lambda p, *a, **k: touched.append(str(p)) or real_stat(p, *a, **k))
    with pytest.raises(AvatarNotFound):
        store.resolve_path("precomputed/720p/passwd")
    monkeypatch.undo()
    assert touched and all(Path(p).resolve().is_relative_to(store.root.resolve()) for p in touched)


def _copy(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst


def test_arrays_are_loaded_without_pickle(store: AvatarStore, tmp_path: Path) -> None:
    folder = _copy(store.root / "talk_long_360p", tmp_path / "evil_360p")
    with np.load(folder / ARRAYS) as z:
        arrays = {k: z[k] for k in z.files}
    arrays["loop_index"] = np.array([{"payload": 1}] * len(arrays["loop_index"]), dtype=object)
    np.savez(folder / ARRAYS, **arrays)
    with pytest.raises(AvatarFormatError, match="bad arrays.npz"):
        load_avatar(folder)


def test_bad_manifests_are_refused_and_skipped(store: AvatarStore, tmp_path: Path) -> None:
    good = _copy(store.root / "talk_short_360p", tmp_path / "talk_short_360p")
    bad = _copy(store.root / "talk_long_360p", tmp_path / "talk_long_360p")
    meta = json.loads((bad / MANIFEST).read_text())
    meta["format_version"] = 99
    (bad / MANIFEST).write_text(json.dumps(meta))
    with pytest.raises(AvatarFormatError, match="format_version"):
        load_avatar(bad)
    assert [i.id for i in AvatarStore(tmp_path).list()] == [good.name]
    (good / "frames" / "0003.jpg").unlink()
    with pytest.raises(AvatarFormatError, match="0003.jpg"):
        load_avatar(good)


def test_cli_reports_current_avatars(precomputed_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert generate.main(["--root", str(precomputed_dir)]) == 0
    assert capsys.readouterr().out.splitlines() == ["talk_long: current", "talk_short: current"]
