"""Why an input cannot become an avatar: one exception family for the precompute CLI and the upload job."""
from __future__ import annotations


class PrecomputeError(ValueError):
    """The input cannot be turned into an avatar; the message says why and what to change."""


class InputError(PrecomputeError):
    """The file is missing, unreadable, not a video or image, or fails to decode."""


class InputTooLarge(PrecomputeError):
    """The file exceeds a limit: bytes, pixels per frame, frames or seconds."""


class NoFaceError(PrecomputeError):
    """No frontal face was found (or it is visible in too few frames)."""


class FaceTooSmall(PrecomputeError):
    """A face was found but has too few pixels to make a usable mouth."""


class PrecomputeCancelled(Exception):
    """The caller's cancel event was set; nothing was written."""


class SeveralFaces(PrecomputeError):
    """More than one face of similar size: which one should speak is not clear."""


class UnsafeUpload(InputError):
    """The bytes are not what an avatar source may be: another format, a polyglot, or a declared bomb."""
