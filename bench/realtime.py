"""Realtime figures of the real server over HTTP: time to first segment, total, RTF, pipelined vs sequential, cancel.

    python bench/realtime.py [--runs 10] [--concurrent 3] [--resolution 720p] [--llm-token-delay 0]

For each PIPELINE_MODE (pipelined, then sequential) it starts `python app.py` on a free port with a
temporary MEDIA_DIR (render cache off, so every turn really renders), waits for the warm-up, then runs
`--runs` sequential and `--concurrent` simultaneous turns of `/api/v2/lipsync/stream` and
`/api/v2/chat_and_lipsync/stream`, and `--cancels` cancels in the middle of rendering (time from
`POST /api/cancel` until `/api/queue_status` shows nothing running or waiting). TTFF is request →
first `segment` event; RTF is the turn's wall time per second of speech. With --llm-token-delay > 0 the
chat turns are answered by a local OpenAI-compatible stub that streams a fixed reply at that pace (a
remote LLM's speed; the test fake from tests/fakes), instead of the instant embedded interviewer.
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from llm.base import ChatTurn  # noqa: E402
from interview.scripted import ScriptedInterviewer, split_pieces  # noqa: E402
from tests.fakes.openai_server import FakeOpenAIServer  # noqa: E402

MODES = ("pipelined", "sequential")
TEXT = "안녕하세요, 면접에 오신 것을 환영합니다. 먼저 간단히 자기소개를 해주시겠어요?"
CANCEL_TEXT = " ".join([TEXT] * 3)
ANSWER = "저는 컴퓨터공학을 전공했고 백엔드 개발 인턴을 했습니다. 팀 프로젝트에서 결제 시스템을 만들었습니다."
STUB_REPLY = "실제 경험을 바탕으로 말씀해 주셔서 좋습니다. 그 프로젝트에서 가장 어려웠던 점은 무엇이었나요? 어떻게 해결하셨는지도 말씀해 주세요."
START_TIMEOUT_S = 180.0  # s: avatars may be generated on a first start
TURN_TIMEOUT_S = 120.0  # s per turn
IDLE_POLL_S = 0.01  # s between /api/queue_status polls after a cancel


@dataclass(frozen=True)
class Turn:
    """One streamed turn as the client saw it."""

    ttff: float  # s: request → first segment event
    total: float  # s: request → done
    audio: float  # s of speech

    @property
    def rtf(self) -> float:
        """Wall time per second of speech."""
        return self.total / self.audio


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`python app.py` in a subprocess with its own port and media folder."""

    def __init__(self, mode: str, resolution: str, llm_url: str | None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.tmp = tempfile.TemporaryDirectory(prefix="bench-realtime-")
        env = {**os.environ, "HOST": "127.0.0.1", "PORT": str(self.port), "MEDIA_DIR": self.tmp.name,
               "PIPELINE_MODE": mode, "RENDER_CACHE_MB": "0", "PRERENDER_OPENINGS": "false", "WARM_UP": "true",
               "DEFAULT_RESOLUTION": resolution, "PYTHONUNBUFFERED": "1"}
        if llm_url:
            env.update(LLM_ENGINE="openai", LLM_API_URL=llm_url, LLM_MODEL="fake-model")
        self.log = Path(self.tmp.name) / "server.log"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env, stdout=log,
                                            stderr=subprocess.STDOUT)

    def wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited:\n{self.log.read_text()[-3000:]}")
            try:
                if requests.get(self.url + "/api/v2/status", timeout=1).ok:
                    return
            except (requests.ConnectionError, requests.Timeout):  # gunicorn listens before its worker is ready
                pass
            time.sleep(0.2)
        raise RuntimeError("server did not start in time")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.tmp.cleanup()


def stream_turn(url: str, path: str, body: dict, on_segment=None, http=requests) -> Turn:
    """POST a stream endpoint (with `http`: a requests.Session, say) and read its events to the end."""
    started = time.perf_counter()
    ttff = None
    with http.post(url + path, json=body, stream=True, timeout=TURN_TIMEOUT_S) as response:
        response.raise_for_status()
        for line in response.iter_lines(decode_unicode=True):
            if not line or not line.startswith("data: "):
                continue
            event = json.loads(line[len("data: "):])
            if event["type"] == "segment" and ttff is None:
                ttff = time.perf_counter() - started
                if on_segment is not None:
                    on_segment()
            elif event["type"] == "done":
                return Turn(ttff or float("nan"), time.perf_counter() - started, event["audio_duration"])
            elif event["type"] in ("error", "cancelled"):
                raise RuntimeError(f"{path}: {event}")
    raise RuntimeError(f"{path}: stream ended without done")


def endpoint_bodies(resolution: str) -> dict[str, dict]:
    """The stream endpoints' requests: a two-sentence text; the candidate's first answer (a 2-sentence reply)."""
    greeting = ScriptedInterviewer().reply(ChatTurn("안녕하세요"))
    history = [{"role": "user", "content": "안녕하세요"}, {"role": "assistant", "content": greeting}]
    avatar = {"avatar": "talk_long", "resolution": resolution}
    return {
        "/api/v2/lipsync/stream": {"text": TEXT, **avatar},
        "/api/v2/chat_and_lipsync/stream": {"message": ANSWER, "history": history, **avatar},
    }


def concurrent_turns(url: str, path: str, body: dict, count: int) -> list[Turn]:
    results: list[Turn | Exception] = []
    lock = threading.Lock()

    def one() -> None:
        try:
            turn = stream_turn(url, path, body)
        except (RuntimeError, requests.RequestException) as e:
            turn = e
        with lock:
            results.append(turn)

    threads = [threading.Thread(target=one, name=f"bench-{i}") for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TURN_TIMEOUT_S)
    errors = [r for r in results if isinstance(r, Exception)]
    if errors:
        raise RuntimeError(f"concurrent turns failed: {errors[0]}")
    return results  # type: ignore[return-value]


def cancel_to_idle(url: str, resolution: str, index: int) -> float:
    """Cancel a turn at its first segment; seconds until the queue shows no job."""
    sid = f"bench-cancel-{index}"
    cancelled_at: list[float] = []

    def cancel() -> None:
        cancelled_at.append(time.perf_counter())
        requests.post(url + "/api/cancel", json={"sid": sid}, timeout=10).raise_for_status()

    try:
        stream_turn(url, "/api/v2/lipsync/stream",
                    {"text": CANCEL_TEXT, "sid": sid, "avatar": "talk_long", "resolution": resolution}, cancel)
    except RuntimeError as e:
        if "cancelled" not in str(e):
            raise
    while True:
        status = requests.get(url + "/api/queue_status", timeout=10).json()
        if status["processing_count"] == status["queue_length"] == status["preparing_count"] == 0:
            return time.perf_counter() - cancelled_at[0]
        time.sleep(IDLE_POLL_S)


def bench_mode(mode: str, args: argparse.Namespace, llm_url: str | None) -> dict:
    server = Server(mode, args.resolution, llm_url)
    try:
        server.wait_ready()
        results: dict = {"load": os.getloadavg()[0]}
        for path, body in endpoint_bodies(args.resolution).items():
            stream_turn(server.url, path, body)  # first turn of each kind not counted
            results[(path, "seq")] = [stream_turn(server.url, path, body) for _ in range(args.runs)]
            results[(path, "conc")] = concurrent_turns(server.url, path, body, args.concurrent)
        results["cancel"] = [cancel_to_idle(server.url, args.resolution, i) for i in range(args.cancels)]
        results["load"] = max(results["load"], os.getloadavg()[0])
        return results
    finally:
        server.stop()


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(values, q))


def report(all_results: dict[str, dict], args: argparse.Namespace) -> None:
    llm = f"stub at {args.llm_token_delay * 1000:.0f} ms/token" if args.llm_token_delay else "embedded scripted"
    print(f"\n{args.resolution}, runs={args.runs} sequential + {args.concurrent} concurrent per endpoint, LLM: {llm}")
    print(f"{'mode':<10} {'endpoint':<32} {'turns':<5} {'TTFF p50':>8} {'p95':>6} {'total p50':>9} {'p95':>6} "
          f"{'RTF p50':>7} {'speech s':>8}")
    for mode, results in all_results.items():
        for key, turns in results.items():
            if not isinstance(key, tuple):
                continue
            path, kind = key
            ttff, total = [t.ttff for t in turns], [t.total for t in turns]
            print(f"{mode:<10} {path:<32} {kind:<5} {pct(ttff, 50):8.3f} {pct(ttff, 95):6.3f} {pct(total, 50):9.3f} "
                  f"{pct(total, 95):6.3f} {pct([t.rtf for t in turns], 50):7.3f} {turns[0].audio:8.2f}")
    if set(MODES) <= set(all_results):
        print("\npipelined / sequential (p50; < 1 means pipelined is faster)")
        for key in (k for k in all_results["pipelined"] if isinstance(k, tuple)):
            fast, slow = all_results["pipelined"][key], all_results["sequential"][key]
            ttff = pct([t.ttff for t in fast], 50) / pct([t.ttff for t in slow], 50)
            total = pct([t.total for t in fast], 50) / pct([t.total for t in slow], 50)
            print(f"  {key[0]:<32} {key[1]:<5} TTFF {ttff:5.2f}   total {total:5.2f}")
    for mode, results in all_results.items():
        cancels = results["cancel"]
        print(f"cancel→idle ({mode}): p50 {pct(cancels, 50):.3f} s, max {max(cancels):.3f} s over {len(cancels)}; "
              f"max 1-min load average during the run {results['load']:.1f} on {os.cpu_count()} CPUs")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=10, help="sequential turns per endpoint and mode")
    ap.add_argument("--concurrent", type=int, default=3, help="simultaneous turns per endpoint and mode")
    ap.add_argument("--cancels", type=int, default=3, help="cancel-to-idle measurements per mode")
    ap.add_argument("--resolution", default="720p", choices=("720p", "480p", "360p"))
    ap.add_argument("--llm-token-delay", type=float, default=0.0, help="s per token of a paced LLM stub (0 = embedded)")
    ap.add_argument("--modes", default=",".join(MODES), help="comma-separated subset of: " + ", ".join(MODES))
    args = ap.parse_args()
    modes = [m for m in args.modes.split(",") if m]
    all_results: dict[str, dict] = {}
    with ExitStack() as stack:
        stub = None
        if args.llm_token_delay:
            stub = stack.enter_context(FakeOpenAIServer(reply=tuple(split_pieces(STUB_REPLY)),
                                                        token_delay_s=args.llm_token_delay))
        for mode in modes:
            print(f"running {mode} ...", flush=True)
            all_results[mode] = bench_mode(mode, args, stub.base_url if stub else None)
    report(all_results, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
