"""The console command: every `--help` only prints, `--version`, `config check` masks secrets, `db upgrade`,
and `gunicorn.conf.py` reads the same settings as `serve`."""
from __future__ import annotations

import runpy
import subprocess
import sys

import pytest
from click.testing import CliRunner

from cli.main import main
from cli.serve import gunicorn_options
from server.edge_worker import GuardedThreadWorker
from settings import PROJECT_ROOT
from runtime.config import Config
from tests.conftest import NO_ENV_FILE

COMMANDS = [[], ["serve"], ["worker"], ["cluster"], ["keys"], ["keys", "create"], ["keys", "revoke"], ["keys", "list"],
            ["avatar"], ["avatar", "make"], ["avatar", "musetalk-prep"], ["db"], ["db", "upgrade"], ["config"],
            ["config", "check"], ["config", "example"]]


def run(*argv: str, config: Config | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(argv), obj=config)
    return result.exit_code, result.output


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda argv: " ".join(argv) or "main")
def test_help_only_prints(argv, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = Config.load({"DATA_DIR": tmp_path / "data", "MEDIA_DIR": tmp_path / "media"}, env_file=NO_ENV_FILE)
    status, out = run(*argv, "--help", config=config)
    assert status == 0 and "Usage:" in out
    assert not (tmp_path / "data").exists() and not (tmp_path / "media").exists() and not list(tmp_path.iterdir())


def test_help_loads_no_engine_and_starts_nothing():
    code = ("import sys; from cli.main import main\n"
            "try:\n    main(['serve', '--help'])\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('server', 'jobs', 'pipeline', 'avatars.precompute', 'lipsync.musetalk.prep', 'torch') "
            "if m in sys.modules]\nprint('HEAVY', heavy)")
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60,
                         check=True).stdout
    assert "HEAVY []" in out


def test_version():
    status, out = run("--version")
    assert status == 0 and out.startswith("interview-avatar, version ")


def test_config_check_prints_effective_settings_with_secrets_masked(tmp_path):
    config = Config.load({"OPENAI_API_KEY": "sk-very-secret", "DATABASE_URL": "postgresql://app:pw123@db/interviews",
                          "PORT": "8123"}, env_file=NO_ENV_FILE)
    status, out = run("config", "check", config=config)
    assert status == 0 and "PORT=8123" in out and "OPENAI_API_KEY=****" in out
    assert "sk-very-secret" not in out and "pw123" not in out and "postgresql://app:****@db/interviews" in out
    assert "LLM_ENGINE=scripted" in out


def test_a_mistaken_setting_stops_a_command_naming_the_key(monkeypatch):
    monkeypatch.setenv("LLM_ENIGNE", "openai")
    status, out = run("config", "check")
    assert status == 2 and "LLM_ENIGNE (did you mean LLM_ENGINE?)" in out and "Traceback" not in out


def test_db_upgrade_migrates_the_configured_database(tmp_path):
    config = Config.load({"DATA_DIR": tmp_path}, env_file=NO_ENV_FILE)
    status, out = run("db", "upgrade", config=config)
    assert status == 0 and "schema up to date" in out and (tmp_path / "interviews.db").is_file()


def test_gunicorn_conf_reads_the_same_settings(monkeypatch):
    monkeypatch.setenv("PORT", "8765")
    monkeypatch.setenv("SERVER_THREADS", "7")
    options = runpy.run_path(str(PROJECT_ROOT / "gunicorn.conf.py"))
    config = Config.load()
    assert options["bind"] == f"{config.HOST}:8765" and options["threads"] == 7
    assert {k: options[k] for k in gunicorn_options(config)} == gunicorn_options(config)
    assert issubclass(options["worker_class"], GuardedThreadWorker) and options["workers"] == 1


def test_where_gunicorn_cannot_run_werkzeug_serves_and_says_so(monkeypatch, tmp_path, precomputed_dir, caplog):
    import flask_socketio

    from cli import serve as serve_module
    from server.services import EXTENSION_KEY

    served = {}

    def fake_run(socketio, app, **options):  # noqa: ANN001, ANN003 - SocketIO.run's signature
        served.update(options, app=app)

    monkeypatch.setattr(serve_module, "gunicorn_runs_here", lambda: False)
    monkeypatch.setattr(flask_socketio.SocketIO, "run", fake_run)
    config = Config.load({"PRECOMPUTED_DIR": precomputed_dir, "MEDIA_DIR": tmp_path / "media",
                          "DATA_DIR": tmp_path / "data", "WARM_UP": False, "PORT": "8765"}, env_file=NO_ENV_FILE)
    with caplog.at_level("WARNING", logger="cli.serve"):
        serve_module.run_server(config)
    try:
        assert served["host"] == config.HOST and served["port"] == 8765 and served["allow_unsafe_werkzeug"] is True
        assert "gunicorn does not run on this system: serving with Werkzeug" in caplog.text
    finally:
        served["app"].extensions[EXTENSION_KEY].close()
