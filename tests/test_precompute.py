"""avatars.precompute on media the test makes: a talking video of a generated face, a photo, and bad inputs."""
from __future__ import annotations

import json
import threading
from pathlib import Path

import av
import cv2
import numpy as np
import pytest

from avatars import framing, mouth_geometry
from avatars.face_track import FaceTracker
from avatars.format import MANIFEST, Avatar
from avatars.precompute import main, precompute
from avatars.precompute_errors import FaceTooSmall, InputError, InputTooLarge, NoFaceError, PrecomputeCancelled, PrecomputeError
from avatars.source_media import Limits, probe, video_frames
from avatars.store import AvatarStore
from lipsync.base import RenderSpec
from lipsync.cpu import CpuLipsyncEngine
from lipsync.encode import encode_segment
from tests.tools.speech import Part, speech
from lipsync.track import frame_total, mouth_track
from tts.wav import write_wav

FPS = 25
TALK: list[Part] = [(0.2, None), (0.5, ["a", "m", "a"]), (0.2, None), (0.5, ["o", "i", "a"]), (0.2, None)]  # 40 frames
HIDDEN = range(34, 38)  # frames whose face is covered (in the final pause)
FAST = {"idle_seconds": 0.6}  # a short idle loop keeps the tests quick


def _engine() -> CpuLipsyncEngine:
    engine = CpuLipsyncEngine(head_motion=False)  # the mouth alone: measured at a fixed box
    engine.load()
    return engine


def _cover_face(frame: np.ndarray) -> np.ndarray:
    out = frame.copy()
    out[60:260, 230:410] = (128, 120, 110)
    return out


@pytest.fixture(scope="module")
def source_avatar(precomputed_dir: Path) -> Avatar:
    return AvatarStore(precomputed_dir).get("talk_long_360p")


@pytest.fixture(scope="module")
def talking_frames(source_avatar: Avatar) -> list[np.ndarray]:
    """A drawn face whose mouth opens and closes, rendered by the CPU engine; the face is covered in HIDDEN."""
    clip = speech(TALK)
    frames = list(_engine().render(RenderSpec(source_avatar, clip, 0, frame_total(clip, FPS)), threading.Event()))
    return [_cover_face(f) if i in HIDDEN else f for i, f in enumerate(frames)]


@pytest.fixture(scope="module")
def talking_video(tmp_path_factory: pytest.TempPathFactory, talking_frames: list[np.ndarray]) -> Path:
    clip = speech(TALK)
    path = tmp_path_factory.mktemp("media") / "talking.mp4"
    encode_segment(talking_frames, clip.samples, clip.sample_rate, FPS, path)
    return path


@pytest.fixture(scope="module")
def photo(tmp_path_factory: pytest.TempPathFactory, precomputed_dir: Path) -> Path:
    path = tmp_path_factory.mktemp("media") / "photo.png"
    cv2.imwrite(str(path), AvatarStore(precomputed_dir).get("talk_short_720p").idle_frame(0))
    return path


def _mouth_motion(avatar: Avatar, clip_parts: list[Part]) -> tuple[list[float], list[bool]]:
    """Per rendered frame: mean change of the mouth box vs the idle frame, and whether it is the idle frame exactly."""
    clip = speech(clip_parts)
    frames = list(_engine().render(RenderSpec(avatar, clip, 0, frame_total(clip, FPS)), threading.Event()))
    w, h = avatar.mouth.box_size
    motion, idle = [], []
    for i, frame in enumerate(frames):
        x, y = avatar.mouth_xy[i % avatar.loop_length]
        ref = avatar.idle_frame(i)
        motion.append(float(np.abs(frame[y : y + h, x : x + w].astype(int) - ref[y : y + h, x : x + w]).mean()))
        idle.append(bool(np.array_equal(frame, ref)))
    return motion, idle


def _check_renders(avatar: Avatar) -> None:
    """Closed (idle frame exactly) in the pauses, a visibly moving mouth while speaking."""
    motion, idle = _mouth_motion(avatar, [(0.4, None), (0.8, ["a", "o", "a", "i"]), (0.4, None)])
    assert all(idle[:8]) and all(idle[-8:])  # speech starts at frame 10; the mouth anticipates it by two frames
    assert np.mean(np.array(motion[12:28]) > 1.0) > 0.7


def test_video_gives_three_resolutions_with_the_persons_own_mouth(tmp_path: Path, talking_video: Path) -> None:
    result = precompute(talking_video, "candidate", tmp_path, display_name="Candidate", **FAST)
    assert result.ids == ["candidate_720p", "candidate_480p", "candidate_360p"]
    assert result.kind == "video" and result.mouth_shapes == "harvested" and result.open_levels >= 3
    store = AvatarStore(tmp_path)
    listed = {i.id: i for i in store.list()}
    assert set(listed) == set(result.ids) and listed["candidate_480p"].display_name == "Candidate"
    meta = json.loads((tmp_path / "candidate_720p" / MANIFEST).read_text())
    assert meta["engines"] == ["cpu"] and meta["source"]["mouth_shapes"] == "harvested" and len(meta["source_hash"]) == 64
    big = store.get("candidate_720p")
    assert (big.width, big.height) == (1280, 720) and big.nbytes < 150e6
    assert big.loop_length == 2 * len(big.frames) - 2  # ping-pong without repeating the ends
    sprites, mask = big.mouth.sprites.astype(float), big.mouth.mask[..., None]
    change = [float((np.abs(s - sprites[0, 1]) * mask).sum() / mask.sum() / 3) for s in sprites[:, 1]]  # vs closed
    assert change[-1] > 10 and change[-1] > 2 * change[1]
    _check_renders(store.get("candidate_360p"))


def test_idle_loop_skips_hidden_frames_and_closes_the_mouth(tmp_path: Path, talking_video: Path) -> None:
    precompute(talking_video, "idle", tmp_path, idle_seconds=1.6)
    avatar = AvatarStore(tmp_path).get("idle_720p")
    # 40 frames were asked for; the longest stretch with the face visible is frames 0-33 (+1 where the
    # file's first frame is stretched over the AAC priming and sampling at 25 fps shows it twice)
    assert len(avatar.frames) in (34, 35)
    assert all(f[120:520, 460:820].std() > 10 for f in avatar.frames)  # no frame shows the cover
    w, h = avatar.mouth.box_size
    closed = avatar.mouth.sprites[0, 1].astype(int)
    for k in (7, 14, 28):  # mid-speech in the video
        x, y = avatar.mouth_xy[k]
        assert np.abs(avatar.frames[k][y : y + h, x : x + w].astype(int) - closed).mean() < 4.0


def test_photo_gives_a_breathing_avatar_with_synthesized_mouths(tmp_path: Path, photo: Path) -> None:
    result = precompute(photo, "portrait", tmp_path)
    assert result.kind == "image" and result.mouth_shapes == "synthesized" and result.idle_frames == 8
    store = AvatarStore(tmp_path)
    assert [i.id for i in store.list()] == ["portrait_360p", "portrait_480p", "portrait_720p"]
    avatar = store.get("portrait_720p")
    assert np.abs(avatar.frames[-1].astype(int) - avatar.frames[0]).max() > 20  # the body rises while breathing
    assert avatar.mouth_xy[:, 1].max() - avatar.mouth_xy[:, 1].min() >= 2  # and the mouth box rises with it
    dark = [float(cv2.cvtColor(s, cv2.COLOR_BGR2GRAY).min()) for s in avatar.mouth.sprites[:, 1]]
    assert dark[-1] < dark[0] - 20  # the open mouth shows a dark cavity
    _check_renders(store.get("portrait_360p"))


def test_openness_follows_the_rendered_mouth(talking_frames: list[np.ndarray]) -> None:
    frames = talking_frames[: HIDDEN[0]]
    tracker = FaceTracker(640, 360)
    for frame in frames:
        tracker.add(frame)
    track = tracker.finish()
    assert track.found.all() and np.abs(track.offsets).max() < 2.0  # the drawn face only breathes
    ref = track.reference
    window = framing.place(640, 360, ref)
    sx, sy = window.scale
    centre = mouth_geometry.crop_centre(*window.to_base(ref.x, ref.y), ref.w * sx, ref.h * sy)
    size = mouth_geometry.crop_size(ref.w * sx, ref.h * sy)
    crops = np.stack([cv2.getRectSubPix(framing.render_base(f, window), size, centre) for f in frames])
    geom = mouth_geometry.locate(crops[0], ref.w * sx, ref.h * sy)
    measured = mouth_geometry.openness(crops, geom)
    rendered = mouth_track(speech(TALK), FPS).open[: len(frames)]
    assert np.corrcoef(measured, rendered)[0, 1] > 0.8


def test_hidden_faces_are_interpolated_and_too_many_refused(talking_frames: list[np.ndarray]) -> None:
    tracker = FaceTracker(640, 360)
    for frame in talking_frames:
        tracker.add(frame)
    track = tracker.finish()
    assert not track.found[list(HIDDEN)].any() and track.found[: HIDDEN[0]].all()
    assert np.abs(track.offsets[list(HIDDEN)]).max() < 2.0  # held at the last position seen
    mostly_hidden = FaceTracker(640, 360)
    for i, frame in enumerate(talking_frames):
        mostly_hidden.add(frame if i < 10 else _cover_face(frame))
    with pytest.raises(NoFaceError, match="visible in only 10 of 40"):
        mostly_hidden.finish()


def test_no_face_tiny_face_and_bad_files_are_refused(tmp_path: Path, photo: Path, talking_video: Path) -> None:
    rng = np.random.default_rng(0)
    wall = np.linspace(90, 200, 640)[None, :, None] + np.linspace(0, 30, 360)[:, None, None] + rng.normal(0, 2, (360, 640, 3))
    cv2.imwrite(str(tmp_path / "noface.png"), np.clip(wall, 0, 255).astype(np.uint8))
    with pytest.raises(NoFaceError, match="no frontal face"):
        precompute(tmp_path / "noface.png", "x", tmp_path / "out")
    cv2.imwrite(str(tmp_path / "tiny.png"), cv2.resize(cv2.imread(str(photo)), (320, 180), interpolation=cv2.INTER_AREA))
    with pytest.raises(FaceTooSmall, match="at least 64 px"):
        precompute(tmp_path / "tiny.png", "x", tmp_path / "out")
    (tmp_path / "broken.mp4").write_bytes(rng.integers(0, 255, 4096, dtype=np.uint8).tobytes())
    with pytest.raises(InputError, match="not a readable video or image"):
        precompute(tmp_path / "broken.mp4", "x", tmp_path / "out")
    write_wav(tmp_path / "voice.wav", speech(TALK))
    with pytest.raises(InputError, match="no video or image stream"):
        precompute(tmp_path / "voice.wav", "x", tmp_path / "out")
    with pytest.raises(InputTooLarge, match="1.6 s long; the limit is 1 s"):  # from the header
        precompute(talking_video, "x", tmp_path / "out", limits=Limits(max_seconds=1.0))
    with pytest.raises(InputTooLarge, match="more than 20 frames"):  # counted while decoding
        precompute(talking_video, "x", tmp_path / "out", limits=Limits(max_frames=20))
    with pytest.raises(InputTooLarge, match="pixels"):
        precompute(photo, "x", tmp_path / "out", limits=Limits(max_image_pixels=640 * 360))
    with pytest.raises(InputError, match="no such file"):
        precompute(tmp_path / "missing.mp4", "x", tmp_path / "out")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())  # nothing half-written


def test_names_are_checked_and_existing_avatars_kept(tmp_path: Path, photo: Path) -> None:
    for bad in ("Bad Name", "../up", "talk_long", "mine_720p", "x" * 60):
        with pytest.raises(PrecomputeError):
            precompute(photo, bad, tmp_path)
    precompute(photo, "mine", tmp_path)
    stamp = (tmp_path / "mine_720p" / MANIFEST).stat().st_mtime_ns
    with pytest.raises(PrecomputeError, match="already exist"):
        precompute(photo, "mine", tmp_path)
    assert (tmp_path / "mine_720p" / MANIFEST).stat().st_mtime_ns == stamp
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(PrecomputeCancelled):
        precompute(photo, "mine", tmp_path, force=True, cancel=cancel)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine_360p", "mine_480p", "mine_720p"]


def test_cli_reports_refusals_with_status_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n not really")
    assert main([str(tmp_path / "broken.png"), "--name", "x", "--root", str(tmp_path / "out")]) == 2
    assert "error: broken.png" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main([str(tmp_path / "broken.png"), "--name", "x", "--engine", "gpu"])


def test_display_rotation_is_applied_like_a_player(tmp_path: Path) -> None:
    upright = np.zeros((192, 128, 3), np.uint8)  # a tall picture: bright top rows, a marker at the top left
    upright[:48] = 200
    upright[:48, :32] = (0, 0, 255)
    path = tmp_path / "phone.mp4"
    with av.open(str(path), "w") as out:
        stream = out.add_stream("libx264", rate=FPS)
        stream.width, stream.height, stream.pix_fmt = 192, 128, "yuv420p"
        stream.set_display_rotation(90)  # stored lying on its side, shown turned 90 degrees counter-clockwise
        stored = cv2.rotate(upright, cv2.ROTATE_90_CLOCKWISE)
        for i in range(3):
            frame = av.VideoFrame.from_ndarray(stored, format="bgr24")
            frame.pts = i
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
    info = probe(path)
    frames = [f for _, f in video_frames(path, info)]
    assert len(frames) == 3 and frames[0].shape == upright.shape
    assert np.abs(frames[0].astype(int) - upright).mean() < 6
