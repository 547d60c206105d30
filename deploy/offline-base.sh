#!/bin/sh
# Make a Debian bookworm base image with Python 3.11 from Debian's packages alone (no image registry needed), for
# `--build-arg BASE_IMAGE=localhost/debian-python:bookworm`. Needs root, mmdebstrap and podman.
# CA_BUNDLE (optional): a CA bundle copied into the image and named by PIP_CERT, for networks whose TLS proxy
# signs with its own certificate authority.
set -eu
tag="${1:-localhost/debian-python:bookworm}"
tar="${TMPDIR:-/tmp}/interview-avatar-base.tar"
set -- --variant=minbase --include=python3,python3-venv,ca-certificates
change=""
if [ -n "${CA_BUNDLE:-}" ]; then
    set -- "$@" --customize-hook='mkdir -p "$1/usr/local/share/host-ca"' \
        --customize-hook="copy-in $CA_BUNDLE /usr/local/share/host-ca/"
    change="ENV PIP_CERT=/usr/local/share/host-ca/$(basename "$CA_BUNDLE")"
fi
mmdebstrap "$@" bookworm "$tar"
if [ -n "$change" ]; then podman import --change "$change" "$tar" "$tag"; else podman import "$tar" "$tag"; fi
rm -f "$tar"
