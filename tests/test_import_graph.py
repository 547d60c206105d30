"""The project's packages import each other without cycles (one can move to another process alone)."""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("audio", "avatars", "jobs", "lipsync", "llm", "server", "tts")


def package_edges() -> dict[str, set[str]]:
    """package -> the other project packages its modules import (lazy imports inside functions included)."""
    edges: dict[str, set[str]] = {p: set() for p in PACKAGES}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                edges[package] |= {n.split(".")[0] for n in names} & set(PACKAGES) - {package}
    return edges


def find_cycle(edges: dict[str, set[str]]) -> list[str]:
    """One import cycle as a path of package names, or [] when the graph is acyclic."""
    state: dict[str, int] = {}  # 1: on the current path, 2: finished

    def visit(node: str, path: list[str]) -> list[str]:
        state[node] = 1
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [node, nxt]
            if nxt not in state and (cycle := visit(nxt, path + [node])):
                return cycle
        state[node] = 2
        return []

    for start in PACKAGES:
        if start not in state and (cycle := visit(start, [])):
            return cycle
    return []


def test_no_package_import_cycle() -> None:
    edges = package_edges()
    assert "lipsync" in edges["jobs"] and "avatars" in edges["lipsync"]  # the scan sees real imports
    assert find_cycle(edges) == []


def test_lipsync_and_avatars_depend_only_downwards() -> None:
    edges = package_edges()
    assert edges["audio"] == set()
    assert edges["avatars"] == set()  # the avatar format knows no engine
    assert edges["lipsync"] <= {"audio", "avatars"}


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert find_cycle({**{p: set() for p in PACKAGES}, "jobs": {"lipsync"}, "lipsync": {"jobs"}}) != []
