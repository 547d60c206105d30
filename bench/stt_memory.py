"""Memory of speech to text: resident set (RSS) of a web process with the embedded STT model, one transcription,
N at once, and N live-transcription sockets that leave mid-answer.

    .venv/bin/python -m bench.stt_memory                   # whisper-base, 30 s answers, 4 uploads, 20 sockets, 2 rounds
    .venv/bin/python -m bench.stt_memory --uploads 8 --sockets 40 --answer-s 60

Each scenario runs in a fresh process (its peak is its own): the app is built as `make run` builds it (the
configured STT_ENGINE, default whisper), the model loaded, then the scenario runs `--rounds` times through
the real routes and socket handlers. Reported: RSS of the app before the model loads and with it loaded, the
peak (VmHWM) during the scenario, and the RSS after each round once SETTLE_S passed (what stays, and whether
a second round adds to it). The answer is espeak-ng English (bench/stt.py's sentences, repeated).
"""
from __future__ import annotations

import argparse
import gc
import io
import json
import logging
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np

from bench.stt import ENGLISH
from stt.base import SAMPLE_RATE
from stt.synthetic import encoded, pcm16, spoken

SCENARIOS = ("one", "uploads", "sockets")
CHUNK_S = 8.0  # s of audio per stt_chunk (the handler's largest)
SETTLE_S = 5.0  # s left for transcriptions still running in the background before "after" is read


def rss_mb(field: str = "VmRSS") -> float:
    """This process's resident set (VmRSS) or its peak (VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"{field} not in /proc/self/status")


def reset_peak() -> None:
    """Start VmHWM afresh from the current RSS (Linux ≥ 4.0), so the peak is the scenario's own."""
    Path("/proc/self/clear_refs").write_text("5")


def answer(seconds: float) -> np.ndarray:
    """An English answer at least `seconds` long."""
    clip = np.concatenate([spoken(s) for s in ENGLISH])
    return np.tile(clip, int(np.ceil(seconds * SAMPLE_RATE / len(clip))))[: int(seconds * SAMPLE_RATE)]


def child(scenario: str, count: int, seconds: float, rounds: int) -> dict[str, Any]:
    """Run one scenario `rounds` times in this process; its figures (RSS after each round)."""
    from server import create_app
    from server.services import coach_services
    from runtime.config import Config

    samples = answer(seconds)
    with tempfile.TemporaryDirectory() as media:
        app = create_app(Config.load({"MEDIA_DIR": Path(media), "WARM_UP": False, "RATE_LIMIT": "",
                                      "RATE_LIMIT_GENERATE": "", "STT_MAX_STREAMS": max(count, 1)},
                                     env_file=Path("/nonexistent/.env")))
        app_only = rss_mb()
        coach_services(app).stt.load()
        loaded = rss_mb()
        reset_peak()
        after, outcomes = [], []
        for _ in range(rounds):
            if scenario == "sockets":
                outcomes.append(leaving_sockets(app, samples, count))
            else:
                outcomes.append(uploads(app, encoded(samples, "wav"), 1 if scenario == "one" else count))
            time.sleep(SETTLE_S)
            gc.collect()
            after.append(rss_mb())
        return {"app_mb": app_only, "loaded_mb": loaded, "peak_mb": rss_mb("VmHWM"), "after_mb": after,
                "outcomes": outcomes}


def uploads(app: Any, wav: bytes, count: int) -> dict[str, Any]:
    """`count` clients upload the answer to /api/stt at once; their statuses."""
    statuses: list[int] = []

    def one(n: int) -> None:
        client = app.test_client(use_cookies=False)
        client.environ_base.update(REMOTE_ADDR=f"10.0.{n // 250}.{n % 250 + 1}")
        statuses.append(client.post("/api/stt", data={"file": (io.BytesIO(wav), "a.wav")},
                                    content_type="multipart/form-data").status_code)

    threads = [threading.Thread(target=one, args=(n,)) for n in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {"statuses": sorted(statuses)}


def leaving_sockets(app: Any, samples: np.ndarray, count: int) -> dict[str, Any]:
    """`count` sockets stream the whole answer and leave without stt_stop; live sessions left open after."""
    from server.services import coach_services

    socketio, step = app.extensions["socketio"], int(CHUNK_S * SAMPLE_RATE)
    for n in range(count):
        client = app.test_client(use_cookies=False)
        client.environ_base.update(REMOTE_ADDR=f"10.1.{n // 250}.{n % 250 + 1}")
        sock = socketio.test_client(app, flask_test_client=client)
        sock.emit("stt_start", {"language": "en"}, callback=True)
        for i in range(0, len(samples), step):
            sock.emit("stt_chunk", pcm16(samples[i:i + step]))
        sock.disconnect()
    return {"open_after": coach_services(app).streams.count()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--answer-s", type=float, default=30.0, help="seconds of each answer")
    parser.add_argument("--uploads", type=int, default=4, help="clients uploading at once")
    parser.add_argument("--sockets", type=int, default=20, help="live-transcription sockets that leave")
    parser.add_argument("--rounds", type=int, default=2, help="times each scenario runs in its process")
    parser.add_argument("--child", choices=SCENARIOS, help=argparse.SUPPRESS)
    parser.add_argument("--count", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    if args.child:
        print(json.dumps(child(args.child, args.count, args.answer_s, args.rounds)))
        return
    print(f"| scenario ({args.answer_s:g} s answers) | RSS, app | model loaded | peak | after each round | outcome |\n"
          "|---|---|---|---|---|---|")
    for scenario, count in (("one", 1), ("uploads", args.uploads), ("sockets", args.sockets)):
        out = subprocess.run([sys.executable, "-m", "bench.stt_memory", "--child", scenario, "--count", str(count),
                              "--answer-s", str(args.answer_s), "--rounds", str(args.rounds)],
                             capture_output=True, text=True, check=True)
        row = json.loads(out.stdout.strip().splitlines()[-1])
        label = {"one": "one upload", "uploads": f"{count} uploads at once", "sockets": f"{count} sockets leave"}
        after = " / ".join(f"{mb:.0f}" for mb in row["after_mb"])
        print(f"| {label[scenario]} | {row['app_mb']:.0f} MB | {row['loaded_mb']:.0f} MB | {row['peak_mb']:.0f} MB "
              f"| {after} MB | {row['outcomes']} |", flush=True)


if __name__ == "__main__":
    main()
