"""static/js/mp4.js (the page's MP4 sample-table reader) against PyAV's demuxer, run under Node where it exists."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import av
import pytest

from avatars.store import AvatarStore
from lipsync.idle_clip import idle_clip
from settings import PROJECT_ROOT

NODE = shutil.which("node")
MP4_JS = PROJECT_ROOT / "static" / "js" / "mp4.js"
READ_TRACK = """import { readFileSync } from "fs";
const { videoTrack } = await import(process.argv[2]);
const t = videoTrack(new Uint8Array(readFileSync(process.argv[3])));
console.log(JSON.stringify({codec: t.codec, width: t.width, height: t.height, avcc: t.description.length,
                            samples: t.samples.map((s) => [s.offset, s.size, s.key])}));"""


@pytest.mark.skipif(NODE is None, reason="node not installed: apt-get install -y nodejs (.ci/run installs it)")
def test_video_track_matches_pyav(tmp_path: Path, precomputed_dir: Path) -> None:
    clip = idle_clip(AvatarStore(precomputed_dir).get("talk_short_360p"), tmp_path)
    script = tmp_path / "read.mjs"
    script.write_text(READ_TRACK, encoding="utf-8")
    out = subprocess.run([NODE, str(script), MP4_JS.as_uri(), str(clip)], capture_output=True, text=True, check=True,
                         timeout=60)
    track = json.loads(out.stdout)
    with av.open(str(clip)) as container:
        stream = container.streams.video[0]
        expected = [[int(p.pos), p.size, bool(p.is_keyframe)] for p in container.demux(stream) if p.size]
        avcc = stream.codec_context.extradata
        size = (stream.width, stream.height)
    assert (track["width"], track["height"]) == size == (640, 360)
    assert track["codec"] == f"avc1.{avcc[1:4].hex()}" and track["avcc"] == len(avcc)
    assert track["samples"] == expected and len(expected) > 10 and expected[0][2]
