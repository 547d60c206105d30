"""Print the time from uploading a photo to the first lipsync segment on the avatar it becomes.

Uses matplotlib's bundled grace_hopper.jpg (pip install -r requirements-dev.txt), an in-process app on the
embedded engines, and a temporary avatar folder (the default avatars are linked in, nothing is kept).

Run: .venv/bin/python -m bench.avatar_upload [--resolution 720p] [--repeat 3]
"""
from __future__ import annotations

import argparse
import io
import json
import statistics
import tempfile
import time
from pathlib import Path

import matplotlib.cbook

from avatars.store import AvatarStore
from server import create_app
from settings import PROJECT_ROOT
from runtime.config import Config
from server.services import EXTENSION_KEY

PHOTO = Path(matplotlib.cbook.get_sample_data("grace_hopper.jpg", asfileobj=False))
TEXT = "안녕하세요. 오늘 면접을 맡은 면접관입니다."


def one_run(client, resolution: str) -> dict[str, float]:
    """Upload → 202, job completed, first `segment` event, `done`; seconds since the upload started."""
    start = time.perf_counter()
    response = client.post("/api/avatars", content_type="multipart/form-data", data={
        "file": (io.BytesIO(PHOTO.read_bytes()), "grace.jpg"), "name": "Grace Hopper", "options": json.dumps({})})
    accepted = time.perf_counter() - start
    status_url = response.get_json()["data"]["status_url"]
    while (job := client.get(status_url).get_json()["data"])["status"] not in ("completed", "failed"):
        time.sleep(0.02)
    if job["status"] == "failed":
        raise SystemExit(f"avatar job failed: {job['error']}")
    made = time.perf_counter() - start
    stream = client.post("/api/v2/lipsync/stream", json={"text": TEXT, "avatar": job["avatar"], "resolution": resolution},
                         buffered=False)
    first = None
    for chunk in stream.response:
        if first is None and b'"type": "segment"' in chunk:
            first = time.perf_counter() - start
    done = time.perf_counter() - start
    client.delete(f"/api/avatars/{job['avatar']}")
    return {"accepted": accepted, "avatar": made, "first_segment": first or float("nan"), "done": done}


def main() -> None:
    """Run the upload → first segment path `--repeat` times and print each stage's median."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--resolution", default="720p", choices=("720p", "480p", "360p"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "precomputed"
        root.mkdir()
        defaults = PROJECT_ROOT / "precomputed"
        AvatarStore(defaults).ensure_defaults()
        for folder in defaults.iterdir():
            if not folder.name.startswith("."):
                (root / folder.name).symlink_to(folder.resolve(), target_is_directory=True)
        app = create_app(Config.load({"PRECOMPUTED_DIR": root, "MEDIA_DIR": Path(tmp) / "media", "WARM_UP": True},
                                     env_file=Path("/nonexistent/.env")))
        client = app.test_client()
        runs = [one_run(client, args.resolution) for _ in range(args.repeat)]
        app.extensions[EXTENSION_KEY].close()
    print(f"photo {PHOTO.name} ({PHOTO.stat().st_size} bytes) -> avatar -> {args.resolution} lipsync, {args.repeat} runs")
    for stage in ("accepted", "avatar", "first_segment", "done"):
        values = [r[stage] for r in runs]
        print(f"  {stage:14s} median {statistics.median(values):6.2f} s   (min {min(values):.2f}, max {max(values):.2f})")


if __name__ == "__main__":
    main()
