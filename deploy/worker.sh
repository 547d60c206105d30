#!/bin/sh
# Start one Redis worker under a name unique to this container (replicas may share a hostname and PID 1, e.g. with
# host networking) and leave the name where deploy/healthcheck.py finds it.
set -eu
name="$(hostname)-$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')"
echo "$name" > /tmp/worker-name
exec python -m cli worker --name "$name" "$@"
