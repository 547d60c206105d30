"""`gunicorn app:app` reads this: the same bind, threads and timeouts as `interview-avatar serve` (from settings)."""
from cli.serve import gunicorn_options
from runtime.config import Config

globals().update(gunicorn_options(Config.load()))
