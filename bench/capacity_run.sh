#!/usr/bin/env bash
# Issue 29's before/after figures, for an idle machine (about 17 minutes), 720p, head motion on:
#   1. per-turn CPU seconds per second of speech (single turns one at a time: the work, whatever the load), and of
#      render + encode alone (bench.render_cost),
#   2. stall-free concurrent streams: face at 6,8,10,12,16,20, full at 6,8,10 (each sweep stops at its first stall),
#      with TTFF, CPU utilisation, context switches and CPU per second of speech of every run, all streams started
#      at once; then face at 24,32,40 started evenly over one turn (17 s: STAGGER, STAGGER_S; STAGGER= skips it),
#   3. the scheduling model (bench.schedule_sim) at 0.063 CPU s per s of speech (the second pass's per-turn figure).
# "Before" is BASE (default: main before this work) exported to a temporary folder and driven by this tree's bench
# (the same measurement on both sides); "after" is the working tree with its defaults (render processes, one per core).
#   bench/capacity_run.sh                      # from the repository root
#   BASE=<rev> FACE=8,12,16,20 FULL=6,8,10 TURNS=5 PROFILE=1 bench/capacity_run.sh
# PROFILE=1 adds the after profile's top costs (py-spy over 12 face streams, render processes included; +1 minute).
set -euo pipefail
PY=${PY:-$PWD/.venv/bin/python}
BASE=${BASE:-13b78ad}
FACE=${FACE:-6,8,10,12,16,20}
FULL=${FULL:-6,8,10}
STAGGER=${STAGGER-24,32,40}
STAGGER_S=${STAGGER_S:-17}
ROUNDS=${ROUNDS:-1}  # turns per stream in the staggered sweep, back to back (3: a steady load, ~3x longer)
TURNS=${TURNS:-3}
before=$(mktemp -d)
trap 'rm -rf "$before"' EXIT
git archive "$BASE" | tar -x -C "$before"
cp bench/capacity.py bench/capacity_trace.py bench/render_cost.py bench/profile_top.py "$before/bench/"
if [ -d precomputed ]; then ln -s "$PWD/precomputed" "$before/precomputed"; fi  # same avatar format: no redraw
after=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . || echo "+changes")
side() {  # side NAME FOLDER ARGS...: one bench run, its header line kept, its stderr dropped
  local name=$1 folder=$2
  shift 2
  echo "-- $name"
  (cd "$folder" && "$PY" -m bench.capacity --head-motion on "$@" 2>/dev/null)
}
echo "== per-turn CPU, s per s of speech ($TURNS single turns per delivery; before = $BASE, after = $after)"
side "before $BASE" "$before" --cost "$TURNS" --delivery face,full
side "after $after" . --cost "$TURNS" --delivery face,full
echo "== render + encode alone, s per s of speech, and the head warp per frame (one process, one cv2 thread)"
echo "-- before $BASE"
(cd "$before" && "$PY" -m bench.render_cost --runs "$TURNS" 2>/dev/null)
echo "-- after $after"
"$PY" -m bench.render_cost --runs "$TURNS" 2>/dev/null
echo
echo "== stall-free streams, face delivery (N = $FACE)"
side "before $BASE" "$before" --streams "$FACE" --delivery face
side "after $after" . --streams "$FACE" --delivery face
echo
echo "== stall-free streams, full delivery (N = $FULL)"
side "before $BASE" "$before" --streams "$FULL" --delivery full
side "after $after" . --streams "$FULL" --delivery full
if [ -n "$STAGGER" ]; then
  echo
  echo "== stall-free streams, face delivery, started evenly over $STAGGER_S s, $ROUNDS turn(s) each (N = $STAGGER)"
  side "before $BASE" "$before" --streams "$STAGGER" --delivery face --stagger "$STAGGER_S" --rounds "$ROUNDS"
  side "after $after" . --streams "$STAGGER" --delivery face --stagger "$STAGGER_S" --rounds "$ROUNDS"
fi
echo
echo "== scheduling model (no machine load in it): largest stall-free N per policy at 0.063 CPU s per s of speech"
"$PY" -m bench.schedule_sim --cost 0.063 2>/dev/null
if [ "${PROFILE:-0}" = 1 ]; then
  echo
  echo "== profile after: 12 face streams with head motion, the render processes included"
  "${PY%/python}/py-spy" record --subprocesses -f raw -r 100 -o "$before/prof.txt" -- \
    "$PY" -m bench.capacity --streams 12 --delivery face --head-motion on > /dev/null 2>&1
  "$PY" -m bench.profile_top "$before/prof.txt"
fi
