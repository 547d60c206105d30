"""Which H.264 encoder writes full frames: libx264 on the CPU, or NVENC on an NVIDIA GPU where it really works.

PyAV's wheels list `h264_nvenc` on every Linux host (their FFmpeg loads the driver at run time), so being listed
says nothing: the probe opens a tiny encoder and encodes one frame, once per process, and caches the answer.
A GPU without encoder engines (H100/H200 class), a missing driver or a container without the video capability all
answer False there. `VIDEO_ENCODER=auto` takes NVENC only when the probe succeeds; `h264_nvenc` insists (start fails
without it). Face-region boxes always go to libx264: they are small (often under NVENC's minimum width) and cheap.
"""
from __future__ import annotations

import functools
import logging
from fractions import Fraction

import av
import numpy as np

log = logging.getLogger(__name__)

LIBX264 = "libx264"
NVENC = "h264_nvenc"
CHOICES = ("auto", LIBX264, NVENC)  # VIDEO_ENCODER values
PROBE_SIZE = 256  # px: a square above NVENC's minimum frame size
PROBE_FPS = 25


@functools.cache
def nvenc_usable() -> bool:
    """True when h264_nvenc is in PyAV's FFmpeg and a tiny encoder opens and encodes a frame (probed once)."""
    if NVENC not in av.codecs_available:
        return False
    try:
        context = av.CodecContext.create(NVENC, "w")
        context.width = context.height = PROBE_SIZE
        context.pix_fmt = "yuv420p"
        context.time_base = Fraction(1, PROBE_FPS)
        context.framerate = Fraction(PROBE_FPS)
        context.open()
        yuv = np.zeros((PROBE_SIZE * 3 // 2, PROBE_SIZE), np.uint8)  # [H * 3 / 2, W]: one black picture
        frame = av.VideoFrame.from_ndarray(yuv, format="yuv420p")
        frame.pts = 0
        packets = context.encode(frame) + context.encode(None)
    except (av.FFmpegError, OSError, ValueError) as e:
        log.info("h264_nvenc is not usable here (%s): full frames are encoded with libx264", e)
        return False
    log.info("h264_nvenc probe: %d packets from one frame", len(packets))
    return bool(packets)


def video_codec(choice: str) -> str:
    """The encoder for VIDEO_ENCODER=`choice`; ValueError naming the key when it is unknown or NVENC is not usable."""
    if choice not in CHOICES:
        raise ValueError(f"VIDEO_ENCODER must be one of {', '.join(CHOICES)}, got {choice!r}")
    if choice == LIBX264:
        return LIBX264
    if nvenc_usable():
        return NVENC
    if choice == NVENC:
        raise ValueError("VIDEO_ENCODER=h264_nvenc, but NVENC does not open on this host (no NVIDIA driver, no "
                         "encoder engine on this GPU, or no video capability in the container): use auto or libx264")
    return LIBX264
