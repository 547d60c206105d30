"""The top costs of a py-spy raw profile (collapsed stacks): where the sampled threads spent their time.

    .venv/bin/py-spy record -f raw -o prof.txt -- .venv/bin/python -m bench.capacity --streams 12 --delivery face
    .venv/bin/python -m bench.profile_top prof.txt [--top 10]

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


def frame_key(frame: str) -> tuple[str, str]:
    """(function, file) of one frame, without the line number."""
    match = FRAME.match(frame.strip())
    return (match["func"], match["file"]) if match else (frame.strip(), "")


def tally(lines: list[str]) -> tuple[Counter[tuple[str, str]], Counter[tuple[str, str]], int]:
    """Self and inclusive sample counts per (function, file), and the number of samples."""
    own: Counter[tuple[str, str]] = Counter()
    inclusive: Counter[tuple[str, str]] = Counter()
    total = 0
    for line in lines:
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        total += n
        frames = [frame_key(f) for f in stack.split(";")]
        own[frames[-1]] += n
        for key in set(frames):
            if "/" in key[1] and not key[1].startswith(STDLIB) and ".venv" not in key[1] and "site-packages" not in key[1]:
                inclusive[key] += n
    return own, inclusive, total


def main() -> int:
    """Print the self and inclusive tables."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("profile", type=Path)
    ap.add_argument("--top", type=int, default=10)
    args = ap.parse_args()
    own, inclusive, total = tally(args.profile.read_text().splitlines())
    print(f"{args.profile.name}: {total} samples")
    for title, counts in (("self (innermost frame)", own), ("inclusive (project code)", inclusive)):
        print(f"  {title}:")
        for (func, file), n in counts.most_common(args.top):
            print(f"    {100 * n / max(1, total):5.1f} %  {func}  ({file})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
