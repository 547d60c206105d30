"""Redis + RQ cluster figures: throughput with 1 vs 2 workers, and TTFF of the redis backend vs the local one.

    python -m bench.cluster [--turns 8] [--runs 5] [--resolution 360p]

One run, three phases, render cache off (every turn renders):
1. a cluster (`cli.cluster.Cluster`: redis-server, one `python app.py` with JOB_BACKEND=redis, one
   `python -m cli worker`): one uncounted turn, `--runs` sequential turns of `/api/v2/lipsync/stream`
   (TTFF = request → first `segment` event), then `--turns` simultaneous turns (turns/min = turns × 60 /
   wall time from the first request to the last `done`);
2. a second worker joins the same cluster: one uncounted turn, then `--turns` simultaneous turns again;
3. the cluster is stopped and one local-backend `python app.py` (bench.realtime's `Server`) runs one
   uncounted and `--runs` sequential turns.
The benchmark's clients carry no cookie and share one address, so per-client limits are off in the cluster.
Every process is stopped on exit, Ctrl+C and errors included.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from avatars.store import AvatarStore
from bench.realtime import Server, Turn, concurrent_turns, endpoint_bodies, pct, stream_turn
from cli.cluster import Cluster, cluster_env
from settings import PROJECT_ROOT

PATH = "/api/v2/lipsync/stream"
MODE = "pipelined"  # PIPELINE_MODE of both backends


def ttff_p50(url: str, body: dict, runs: int) -> float:
    """One uncounted turn, then the p50 TTFF (s) of `runs` sequential turns."""
    stream_turn(url, PATH, body)
    return pct([stream_turn(url, PATH, body).ttff for _ in range(runs)], 50)


def turns_per_minute(url: str, body: dict, count: int) -> float:
    """`count` simultaneous turns; turns/min from the first request to the last `done`."""
    started = time.perf_counter()
    turns: list[Turn] = concurrent_turns(url, PATH, body, count)
    if len(turns) != count:
        raise RuntimeError(f"only {len(turns)} of {count} simultaneous turns finished")
    return count * 60.0 / (time.perf_counter() - started)


def bench_cluster(args: argparse.Namespace, body: dict, log_dir: Path) -> dict[str, float]:
    """Phases 1 and 2: TTFF p50 with 1 worker, throughput with 1 and 2 workers."""
    env = cluster_env(log_dir / "media", PROJECT_ROOT / "precomputed", prefix="bench", RENDER_CACHE_MB="0",
                      MAX_JOBS_PER_CLIENT="0", RATE_LIMIT="", RATE_LIMIT_GENERATE="", PIPELINE_MODE=MODE,
                      DEFAULT_RESOLUTION=args.resolution, PYTHONUNBUFFERED="1")
    cluster = Cluster(env, log_dir)
    try:
        cluster.start_redis()
        cluster.start_worker()
        url = cluster.start_web()
        cluster.wait_for_workers(1)
        results = {"ttff": ttff_p50(url, body, args.runs), "tpm1": turns_per_minute(url, body, args.turns)}
        cluster.start_worker()
        cluster.wait_for_workers(2)
        concurrent_turns(url, PATH, body, 2)  # the new worker's first turn, uncounted
        results["tpm2"] = turns_per_minute(url, body, args.turns)
        return results
    finally:
        cluster.stop()


def bench_local(args: argparse.Namespace, body: dict) -> float:
    """Phase 3: TTFF p50 of the local backend."""
    server = Server(MODE, args.resolution, None)
    try:
        server.wait_ready()
        return ttff_p50(server.url, body, args.runs)
    finally:
        server.stop()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--turns", type=int, default=8, help="simultaneous turns per throughput measurement")
    ap.add_argument("--runs", type=int, default=5, help="sequential turns per TTFF measurement")
    ap.add_argument("--resolution", default="360p", choices=("720p", "480p", "360p"))
    args = ap.parse_args()
    body = endpoint_bodies(args.resolution)[PATH]
    AvatarStore(PROJECT_ROOT / "precomputed").ensure_defaults()  # drawn once here, not raced by web and worker
    load = [os.getloadavg()[0]]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-cluster-") as tmp:
        print("cluster (redis backend) ...", flush=True)
        redis_results = bench_cluster(args, body, Path(tmp))
        load.append(os.getloadavg()[0])
        print("local backend ...", flush=True)
        local_ttff = bench_local(args, body)
    load.append(os.getloadavg()[0])
    tpm1, tpm2 = redis_results["tpm1"], redis_results["tpm2"]
    print(f"\n{args.resolution}, {PATH}, render cache off; {args.turns} simultaneous turns per throughput figure, "
          f"{args.runs} sequential turns per TTFF figure")
    print(f"throughput: 1 worker {tpm1:.1f} turns/min, 2 workers {tpm2:.1f} turns/min, "
          f"2 / 1 workers = {tpm2 / tpm1:.2f}")
    print(f"TTFF p50: redis backend (1 worker) {redis_results['ttff']:.3f} s, local backend {local_ttff:.3f} s, "
          f"redis / local = {redis_results['ttff'] / local_ttff:.2f}")
    print(f"wall {time.perf_counter() - started:.0f} s; 1-min load average start/after cluster/end "
          f"{' / '.join(f'{v:.1f}' for v in load)} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
