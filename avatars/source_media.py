"""Untrusted input for avatars.precompute: limits, probing, and decoding a video (PyAV) or a photo (OpenCV).

Nothing about the file is believed before it is checked: its size on disk, the pixel count the
stream declares (read from the header, before any decoding), the declared duration, and then
again every decoded frame (size, count, timestamp), because headers can lie.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import av
import cv2
import numpy as np

from avatars.precompute_errors import InputError, InputTooLarge

IMAGE_FORMATS = frozenset({"image2", "png_pipe", "jpeg_pipe", "webp_pipe", "bmp_pipe", "tiff_pipe"})  # PyAV demuxers
HASH_CHUNK = 1 << 20  # bytes read at a time when hashing
ROTATIONS = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
DURATION_SLACK = 1.05  # a declared duration may exceed max_seconds by this factor (rounding of containers)


@dataclass(frozen=True)
class Limits:
    """What an input may cost; callers (CLI, upload job) can tighten them."""

    max_file_bytes: int = 200 * 2**20  # bytes on disk
    max_seconds: float = 30.0  # s of video
    max_frames: int = 1800  # decoded video frames (30 s at 60 fps)
    max_pixels: int = 3840 * 2160  # per video frame
    max_image_pixels: int = 6000 * 6000  # per photo (phone cameras take 12-50 MP)
    min_side: int = 96  # px: the shorter side of a frame


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class SourceInfo:
    """What the header of an accepted input says."""

    kind: str  # "video" or "image"
    width: int  # px as stored (before display rotation)
    height: int
    file_name: str
    sha256: str


def probe(path: Path, limits: Limits = DEFAULT_LIMITS) -> SourceInfo:
    """Check `path` against `limits` from its header alone and say whether it is a video or an image."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path.name}: no such file")
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        raise InputTooLarge(f"{path.name}: {size} bytes; the limit is {limits.max_file_bytes}")
    if size == 0:
        raise InputError(f"{path.name}: the file is empty")
    try:
        with av.open(str(path)) as container:
            if not container.streams.video:
                raise InputError(f"{path.name}: no video or image stream")
            stream = container.streams.video[0]
            width, height = stream.codec_context.width, stream.codec_context.height
            kind = "image" if container.format.name in IMAGE_FORMATS else "video"
            declared_s = container.duration / av.time_base if container.duration else None
    except av.FFmpegError as e:
        raise InputError(f"{path.name}: not a readable video or image ({e})") from e
    _check_size(path.name, width, height, limits, kind)
    if kind == "video" and declared_s is not None and declared_s > limits.max_seconds * DURATION_SLACK:
        raise InputTooLarge(f"{path.name}: {declared_s:.1f} s long; the limit is {limits.max_seconds:g} s")
    return SourceInfo(kind, width, height, path.name, _sha256(path))


def read_image(path: Path, info: SourceInfo, limits: Limits = DEFAULT_LIMITS) -> np.ndarray:
    """The photo as a BGR uint8 array (EXIF orientation applied by OpenCV)."""
    image = cv2.imread(str(path), cv2.IMREAD_COLOR)
    if image is None:
        raise InputError(f"{info.file_name}: OpenCV cannot decode this image")
    _check_size(info.file_name, image.shape[1], image.shape[0], limits, "image")
    return image


def video_frames(path: Path, info: SourceInfo, limits: Limits = DEFAULT_LIMITS) -> Iterator[tuple[float, np.ndarray]]:
    """(seconds since the first frame, BGR frame) for every frame, display rotation applied; limits enforced."""
    count, first_time = 0, None
    try:
        with av.open(str(path)) as container:
            stream = container.streams.video[0]
            stream.thread_type = "AUTO"
            for frame in container.decode(stream):
                if (frame.width, frame.height) != (info.width, info.height):
                    raise InputError(f"{info.file_name}: frame size changes mid-stream ({frame.width}x{frame.height})")
                count += 1
                if count > limits.max_frames:
                    raise InputTooLarge(f"{info.file_name}: more than {limits.max_frames} frames")
                time_s = frame.time if frame.time is not None else (count - 1) / float(stream.guessed_rate or 25)
                first_time = time_s if first_time is None else first_time
                if time_s - first_time > limits.max_seconds:
                    raise InputTooLarge(f"{info.file_name}: longer than {limits.max_seconds:g} s")
                yield time_s - first_time, _upright(frame.to_ndarray(format="bgr24"), frame.rotation)
    except av.FFmpegError as e:
        raise InputError(f"{info.file_name}: decoding failed after {count} frames ({e})") from e
    if count == 0:
        raise InputError(f"{info.file_name}: the video has no decodable frames")


def _upright(image: np.ndarray, rotation: float) -> np.ndarray:
    """Apply a display matrix's rotation (degrees counter-clockwise) the way players do."""
    turn = ROTATIONS.get(int(round(-rotation)) % 360)
    return image if turn is None else cv2.rotate(image, turn)


def _check_size(name: str, width: int, height: int, limits: Limits, kind: str) -> None:
    most = limits.max_image_pixels if kind == "image" else limits.max_pixels
    if width * height > most:
        raise InputTooLarge(f"{name}: {width}x{height} has more than {most} pixels")
    if min(width, height) < limits.min_side:
        raise InputError(f"{name}: {width}x{height} is too small; the shorter side needs {limits.min_side} px")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
