"""The full-frame H.264 encoder choice: the NVENC probe answers (False on a host without a usable NVENC) and libx264
stays in use; VIDEO_ENCODER is validated at start."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import av
import numpy as np
import pytest
from flask import Flask

from lipsync.encode import EncoderSettings, encode_segment
from lipsync.video_codec import LIBX264, NVENC, nvenc_usable, video_codec
from settings import ConfigError
from runtime.config import Config
from tests.conftest import NO_ENV_FILE, services_of

X264_SEI = b"x264 - core"  # libx264 writes its version and options into the first frame


def test_the_probe_answers_once_without_crashing() -> None:
    nvenc_usable.cache_clear()
    first = nvenc_usable()
    assert nvenc_usable() is first and nvenc_usable.cache_info().hits >= 1  # opened once, then cached
    assert isinstance(first, bool)


@pytest.mark.skipif(nvenc_usable(), reason="this host has a usable NVENC")
def test_without_nvenc_auto_is_libx264_and_h264_nvenc_is_refused() -> None:
    print(f"h264_nvenc listed by PyAV: {NVENC in av.codecs_available}; usable: {nvenc_usable()}")
    assert video_codec("auto") == video_codec(LIBX264) == LIBX264
    with pytest.raises(ValueError, match="VIDEO_ENCODER=h264_nvenc"):
        video_codec(NVENC)
    with pytest.raises(ValueError, match="VIDEO_ENCODER must be one of"):
        video_codec("x265")


def test_unknown_video_encoder_stops_the_start() -> None:
    with pytest.raises(ConfigError, match="VIDEO_ENCODER"):
        Config.load({"VIDEO_ENCODER": "vp9"}, env_file=NO_ENV_FILE)


@pytest.mark.skipif(nvenc_usable(), reason="this host has a usable NVENC")
def test_auto_builds_a_libx264_pipeline_and_h264_nvenc_fails_at_start(make_app: Callable[..., Flask],
                                                                      tmp_path: Path) -> None:
    app = make_app(VIDEO_ENCODER="auto")
    encoder = services_of(app).pipeline.encoder
    assert encoder.codec == LIBX264
    path = tmp_path / "seg.mp4"
    encode_segment([np.full((64, 64, 3), 90, np.uint8)] * 3, np.zeros(2646, np.int16), 22_050, 25, path,
                   settings=encoder)
    assert X264_SEI in path.read_bytes()
    with pytest.raises(ConfigError, match="h264_nvenc"):
        make_app(VIDEO_ENCODER=NVENC)


@pytest.mark.skipif(not nvenc_usable(), reason="no usable NVENC on this host")
def test_nvenc_encodes_a_playable_segment(tmp_path: Path) -> None:
    path = tmp_path / "seg.mp4"
    frames = [np.full((720, 1280, 3), v, np.uint8) for v in (30, 120, 210)]
    encode_segment(frames, np.zeros(2646, np.int16), 22_050, 25, path, settings=EncoderSettings(codec=NVENC))
    with av.open(str(path)) as container:
        decoded = [f.to_ndarray(format="bgr24") for f in container.decode(video=0)]
    assert len(decoded) == 3 and X264_SEI not in path.read_bytes()
    assert [round(float(f.mean())) for f in decoded] == pytest.approx([30, 120, 210], abs=4)
