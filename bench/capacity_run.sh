#!/usr/bin/env bash
# Issue 29's before/after figures, for an idle machine (about 10 minutes): stall-free N, TTFF, CPU %, context
# switches and CPU s per second of speech at 720p (face and full delivery, head motion on and off), then the profile's
# top costs after. "Before" is BASE (default: the commit this work started from) exported to a temporary folder and
# driven by the bench as it was written for it (BASE_BENCH); "after" is the working tree with its defaults (render processes, one per core).
#   bench/capacity_run.sh            # from the repository root; STREAMS=8,12,16,20,24,32 BASE=<rev> to change
set -euo pipefail
PY=${PY:-$PWD/.venv/bin/python}
BASE=${BASE:-838e21d}
BASE_BENCH=${BASE_BENCH:-b86467a}  # the bench as written against BASE (before the typed events and runtime.config)
STREAMS=${STREAMS:-8,12,16,20,24}
before=$(mktemp -d)
trap 'rm -rf "$before"' EXIT
git archive "$BASE" | tar -x -C "$before"
git show "$BASE_BENCH:bench/capacity.py" > "$before/bench/capacity.py"
cp bench/profile_top.py "$before/bench/"
# the before tree draws its own default avatars (their format changed since: no shared folder to redraw)
echo "== before ($BASE: render + encode on each job's threads)"
(cd "$before" && "$PY" -m bench.capacity --streams "$STREAMS" 2>/dev/null)
echo "== after ($(git rev-parse --short HEAD): RENDER_PROCESSES=-1, one render process per core)"
"$PY" -m bench.capacity --streams "$STREAMS" --render-processes -1 2>/dev/null
echo "== after, render on the job threads (RENDER_PROCESSES=0: the per-frame savings alone)"
"$PY" -m bench.capacity --streams "$STREAMS" --render-processes 0 --delivery face --head-motion on 2>/dev/null
echo "== profile after: 16 face streams with head motion, the render processes included"
"${PY%/python}/py-spy" record --subprocesses -f raw -r 100 -o "$before/prof.txt" -- \
  "$PY" -m bench.capacity --streams 16 --delivery face --head-motion on > /dev/null 2>&1
"$PY" -m bench.profile_top "$before/prof.txt"
