"""The upload pipeline: check an uploaded photo or video at once, then make the avatar from it in a job.

`inspect_upload` runs in the request (cheap: the first bytes, the header, one face detection on a photo)
so a refused file is answered 400/413/422 and removed; `make_avatar` runs on the avatar worker and
decodes everything (a video's faces are checked on its first frame there).
"""
from __future__ import annotations

import re
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from avatars.precompute import IDLE_SECONDS, precompute
from avatars.precompute_errors import InputError
from avatars.source_media import Limits, probe, read_image, video_frames
from avatars.upload_check import SNIFF_BYTES, Sniffed, check_faces, check_not_polyglot, photo_size, sniff
from avatars.upload_jobs import AvatarJob

UPLOAD_TOOL = "avatars.upload"  # the manifest's source.tool of uploaded avatars (only those may be deleted)
MAX_SLUG = 40  # characters of the display name kept in the avatar's base name


@dataclass(frozen=True)
class UploadLimits:
    """What an upload may cost."""

    max_bytes: int
    max_pixels: int
    max_seconds: float

    def source_limits(self) -> Limits:
        """The precompute limits these amount to."""
        return Limits(max_file_bytes=self.max_bytes, max_seconds=self.max_seconds, max_frames=round(self.max_seconds * 60),
                      max_pixels=self.max_pixels, max_image_pixels=self.max_pixels)


def base_name(display_name: str) -> str:
    """A fresh avatar base name from a display name: its ASCII letters and digits plus a random suffix."""
    slug = re.sub(r"[^a-z0-9]+", "_", display_name.lower()).strip("_")[:MAX_SLUG] or "avatar"
    return f"{slug}_{secrets.token_hex(3)}"


def inspect_upload(path: Path, limits: UploadLimits) -> Sniffed:
    """What the stored upload is, when it may become an avatar; PrecomputeError subclasses say why not."""
    with path.open("rb") as f:
        sniffed = sniff(f.read(SNIFF_BYTES))
    check_not_polyglot(path, sniffed)
    if sniffed.kind == "image":
        photo_size(path, limits.max_pixels)
    info = probe(path, limits.source_limits())  # header limits: bytes, pixels, declared duration
    if info.kind != sniffed.kind:
        raise InputError(f"the bytes say {sniffed.format} but the decoder reads a {info.kind}")
    if sniffed.kind == "image":
        check_faces(read_image(path, info, limits.source_limits()))
    return sniffed


def make_avatar(job: AvatarJob, progress: Callable[[int, str], None], cancel: threading.Event, root: Path,
                limits: UploadLimits) -> list[str]:
    """Build every resolution of `job.name` from its upload; returns the avatar ids."""
    source_limits = limits.source_limits()
    info = probe(job.source, source_limits)
    if info.kind == "video":
        progress(3, "checking the first frame")
        frames = video_frames(job.source, info, source_limits)
        try:
            _, first = next(frames)
        finally:
            frames.close()
        check_faces(first)
    result = precompute(job.source, job.name, root, display_name=job.display_name, limits=source_limits,
                        idle_seconds=float(job.options.get("idle_seconds", IDLE_SECONDS)), cancel=cancel,
                        progress=progress, source_extra={"tool": UPLOAD_TOOL, "owner": job.owner,
                                                              "shared": job.options.get("shared") is True})
    return result.ids
