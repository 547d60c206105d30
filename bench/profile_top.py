"""The top costs of a py-spy raw profile (collapsed stacks): where the sampled threads spent their time.

    .venv/bin/py-spy record -f raw -o prof.txt -- .venv/bin/python -m bench.capacity --streams 12 --delivery face
    .venv/bin/python -m bench.profile_top prof.txt [--top 10]

Samples of a thread blocked in a wait (a job thread waiting for its render process, a pipe read) are left out.
`self`: the innermost frame of each sample (the line the thread was on); `inclusive`: every function on the stack,
counted once per sample, limited to the project's own code (what to change). Percent of all samples; with
`py-spy record --gil` the samples are only those of the thread holding the GIL.
"""
from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

FRAME = re.compile(r"^(?P<func>.+?) \((?P<file>[^()]*?)(?::\d+)?\)$")  # "func (file:line)" → func, file
STDLIB = ("<frozen", "threading.py", "runpy", "queue.py", "selectors.py", "socket.py")
# Blocking waits py-spy samples as active (a timed wait, a pipe read): threads waiting, not costs; counted apart.
WAITS = {("wait", "threading.py"), ("_recv", "multiprocessing/connection.py"), ("wait", "selectors.py"),
         ("select", "selectors.py"), ("sleep", "")}


def frame_key(frame: str) -> tuple[str, str]:
    """(function, file) of one frame, without the line number."""
    match = FRAME.match(frame.strip())
    return (match["func"], match["file"]) if match else (frame.strip(), "")


def tally(lines: list[str]) -> tuple[Counter[tuple[str, str]], Counter[tuple[str, str]], int, int]:
    """Self and inclusive sample counts per (function, file), the samples counted and the waiting ones left out."""
    own: Counter[tuple[str, str]] = Counter()
    inclusive: Counter[tuple[str, str]] = Counter()
    total = waiting = 0
    for line in lines:
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        frames = [frame_key(f) for f in stack.split(";")]
        func, file = frames[-1]
        if (func.rsplit(".", 1)[-1], file.rsplit("python3.11/", 1)[-1] if "/" in file else file) in WAITS:
            waiting += n
            continue
        total += n
        own[frames[-1]] += n
        for key in set(frames):
            if "/" in key[1] and not key[1].startswith(STDLIB) and ".venv" not in key[1] and "site-packages" not in key[1]:
                inclusive[key] += n
    return own, inclusive, total, waiting


def main() -> int:
    """Print the self and inclusive tables."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("profile", type=Path)
    ap.add_argument("--top", type=int, default=10)
    args = ap.parse_args()
    own, inclusive, total, waiting = tally(args.profile.read_text().splitlines())
    print(f"{args.profile.name}: {total} samples at work (shares below), {waiting} waiting (left out)")
    for title, counts in (("self (innermost frame)", own), ("inclusive (project code)", inclusive)):
        print(f"  {title}:")
        for (func, file), n in counts.most_common(args.top):
            print(f"    {100 * n / max(1, total):5.1f} %  {func}  ({file})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
