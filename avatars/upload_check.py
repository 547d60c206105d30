"""Hostile uploads for avatar creation: what the bytes are (never the name or header), limits, and the faces.

Order matters: the format is sniffed from the first bytes, a photo's dimensions are read from its header
(Pillow reads only the header on open) before anything decodes it, and a file that carries a second
format (a ZIP directory, or bytes after the image's end marker) is refused as a polyglot.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, UnidentifiedImageError

from avatars.face_track import DETECT_LONG_SIDE, MIN_DETECT_PX, MIN_FACE_PX, detect_faces
from avatars.precompute_errors import FaceTooSmall, InputTooLarge, NoFaceError, SeveralFaces, UnsafeUpload

SNIFF_BYTES = 64  # enough for every signature below
TAIL_BYTES = 65_536 + 22  # a ZIP's end-of-central-directory record sits in the last 64 KiB + 22 bytes
TRAILING_SLACK = 16  # bytes some cameras pad after an image's end marker
SECOND_FACE_SHARE = 0.25  # a second face with at least this share of the first one's area counts
REFUSED_SIGNATURES = (  # what people rename to .jpg: said by name so the message helps
    (b"\x80", "a Python pickle"),
    (b"PK\x03\x04", "a ZIP archive (a PyTorch .pt file is one)"),
    (b"\x93NUMPY", "a NumPy array file"),
    (b"<", "text or HTML"),
    (b"%PDF", "a PDF document"),
    (b"\x7fELF", "a program"),
)
ZIP_MARKERS = (b"PK\x05\x06", b"PK\x06\x06")  # end of central directory (zip, zip64)


@dataclass(frozen=True)
class Sniffed:
    """What an upload is, judged from its bytes."""

    kind: str  # "image" or "video"
    format: str  # jpeg | png | webp | mp4 | webm
    extension: str  # what the stored file is named with


def sniff(head: bytes) -> Sniffed:
    """The format from the file's first bytes; UnsafeUpload for anything that is not a photo or short video."""
    if head.startswith(b"\xff\xd8\xff"):
        return Sniffed("image", "jpeg", ".jpg")
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return Sniffed("image", "png", ".png")
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return Sniffed("image", "webp", ".webp")
    if head[4:8] == b"ftyp":
        return Sniffed("video", "mp4", ".mp4")  # MP4, MOV, 3GP: all ISO base media
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return Sniffed("video", "webm", ".webm")  # Matroska / WebM
    for signature, what in REFUSED_SIGNATURES:
        if head.startswith(signature):
            raise UnsafeUpload(f"the file is {what}, not a photo or video")
    raise UnsafeUpload("the file is not a JPEG, PNG or WebP photo nor an MP4, MOV or WebM video")


def check_not_polyglot(path: Path, sniffed: Sniffed) -> None:
    """Refuse a file that is also a ZIP, or a photo with data after its end."""
    size = path.stat().st_size
    with path.open("rb") as f:
        f.seek(max(0, size - TAIL_BYTES))
        tail = f.read()
    if any(marker in tail for marker in ZIP_MARKERS):
        raise UnsafeUpload("the file also holds a ZIP archive (a polyglot); upload the plain photo or video")
    if sniffed.kind == "image":
        end = _image_end(path, sniffed.format, tail, size)
        if end is not None and size - end > TRAILING_SLACK:
            raise UnsafeUpload(f"{size - end} bytes follow the end of the {sniffed.format.upper()} image (a polyglot)")


def _image_end(path: Path, fmt: str, tail: bytes, size: int) -> int | None:
    """Offset just past the image's last byte by its own structure (None when the format has no end marker)."""
    if fmt == "jpeg":
        at = tail.rfind(b"\xff\xd9")
        return None if at < 0 else size - len(tail) + at + 2
    if fmt == "png":
        at = tail.rfind(b"IEND")
        return None if at < 0 else size - len(tail) + at + 8  # chunk type + CRC
    if fmt == "webp":
        with path.open("rb") as f:
            riff = f.read(8)
        return 8 + int.from_bytes(riff[4:8], "little")
    return None


def photo_size(path: Path, max_pixels: int) -> tuple[int, int]:
    """(width, height) from the photo's header; a declared size over `max_pixels` is refused before decoding."""
    try:
        with Image.open(path) as image:  # reads the header only
            width, height = image.size
    except Image.DecompressionBombError as e:  # Pillow's own ceiling, far above ours
        raise InputTooLarge(f"the photo declares too many pixels (a decompression bomb): {e}") from e
    except (UnidentifiedImageError, OSError) as e:
        raise UnsafeUpload(f"the photo's header cannot be read ({e})") from e
    if width * height > max_pixels:
        raise InputTooLarge(f"the photo declares {width}x{height} pixels; the limit is {max_pixels} (a decompression bomb?)")
    return width, height


def check_faces(image: np.ndarray) -> None:
    """Exactly one face, big enough for a mouth: NoFaceError, SeveralFaces or FaceTooSmall otherwise."""
    scale = min(1.0, DETECT_LONG_SIDE / max(image.shape[:2]))
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else image
    faces = detect_faces(cv2.cvtColor(small, cv2.COLOR_BGR2GRAY), MIN_DETECT_PX)
    if not faces:
        raise NoFaceError("no frontal face found; face the camera, well lit, unobstructed")
    area = [w * h for _, _, w, h in faces]
    if len(faces) > 1 and area[1] >= SECOND_FACE_SHARE * area[0]:
        raise SeveralFaces(f"{len(faces)} faces found; upload a photo or video of one person")
    width = faces[0][2] / scale
    if width < MIN_FACE_PX:
        raise FaceTooSmall(f"the face is {width:.0f} px wide; at least {MIN_FACE_PX} px are needed (a closer photo)")
