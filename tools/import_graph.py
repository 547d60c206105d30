"""The project's import graph, measured from the source (no imports executed): `python -m tools.import_graph`.

- modules: every `.py` of every top-level package (a folder with `__init__.py`) and the root entry modules;
- module-level edges: imports executed when a module is imported (inside `if`/`try` too, not inside functions or
  `if TYPE_CHECKING:`); a circle is a strongly connected group of two or more modules over these edges;
- all edges: module-level ones plus imports inside functions (still not `if TYPE_CHECKING:`, which never runs);
- package edges: every import between two packages over all edges; a package cycle is a strongly connected group
  of two or more packages;
- floors (DESIGN.md §5c): each package may import only its own floor and the floors below; an edge to a higher
  floor is an upward arrow.
"""
from __future__ import annotations

import ast
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOT_PROJECT = frozenset({"tests", "bench", "tools"})  # they may import anything; nothing imports them
ENTRY_MODULES = ("app",)  # root modules: the top floor
# DESIGN.md §5c, top to bottom (higher number = higher floor); a package missing here fails the test.
FLOORS: dict[str, int] = {
    "app": 9, "cli": 8, "server": 7, "runtime": 6, "jobs": 5, "pipeline": 4, "interview": 3, "coach": 3,
    "llm": 2, "tts": 2, "stt": 2, "lipsync": 2, "avatars": 2, "characters": 2, "store": 2, "audio": 2,
    "settings": 1,
}


@dataclass
class ImportGraph:
    """Module-level module edges and all-imports package edges of the project."""

    modules: dict[str, set[str]] = field(default_factory=dict)  # module -> modules it imports at module level
    lazy_modules: dict[str, set[str]] = field(default_factory=dict)  # module -> modules it imports anywhere
    packages: dict[str, set[str]] = field(default_factory=dict)  # package -> packages it imports (any level)
    package_examples: dict[tuple[str, str], str] = field(default_factory=dict)  # (from, to) -> a module importing


def discover_packages(root: Path = ROOT) -> list[str]:
    """Every top-level package of the project (folders with `__init__.py`), tests/bench/tools excluded."""
    return sorted(p.parent.name for p in root.glob("*/__init__.py") if p.parent.name not in NOT_PROJECT)


def module_files(root: Path = ROOT) -> dict[str, Path]:
    """Dotted module name → file, for every project module."""
    files: dict[str, Path] = {name: root / f"{name}.py" for name in ENTRY_MODULES if (root / f"{name}.py").is_file()}
    for package in discover_packages(root):
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            files[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return files


def _imported_names(node: ast.AST, module: str, is_package: bool) -> list[str]:
    """The dotted names one import statement asks for (`from a import b` → a.b, resolved to a when b is no module)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if not isinstance(node, ast.ImportFrom):
        return []
    if node.level:
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[: len(base) - node.level + 1]
        prefix = ".".join(base + ([node.module] if node.module else []))
    else:
        prefix = node.module or ""
    return [f"{prefix}.{alias.name}" for alias in node.names]  # the submodule when it is one, else the module


def _statements(tree: ast.Module, into_functions: bool) -> Iterable[ast.AST]:
    """Statements that can run: the body, into if/try/with blocks (and into functions when asked), never into
    `if TYPE_CHECKING:` (type checkers read it; Python does not run it)."""
    stack: list[ast.AST] = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)) and not into_functions:
            continue
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            stack.extend(node.orelse)
            continue
        yield node
        stack.extend(child for child in ast.iter_child_nodes(node) if isinstance(child, ast.stmt | ast.excepthandler))


def _resolve(names: Iterable[str], files: Mapping[str, Path]) -> set[str]:
    """The project modules among the names (the longest existing prefix of each)."""
    found = set()
    for name in names:
        parts = name.split(".")
        for end in range(len(parts), 0, -1):
            if ".".join(parts[:end]) in files:
                found.add(".".join(parts[:end]))
                break
    return found


def build(root: Path = ROOT) -> ImportGraph:
    """Parse every project module once."""
    files = module_files(root)
    graph = ImportGraph()
    for module, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        is_package = path.name == "__init__.py"
        eager = _resolve((n for node in _statements(tree, False) for n in _imported_names(node, module, is_package)),
                         files)
        graph.modules[module] = eager - {module}
        every = _resolve((n for node in _statements(tree, True) for n in _imported_names(node, module, is_package)),
                         files)
        graph.lazy_modules[module] = every - {module}
        source = module.split(".")[0]
        graph.packages.setdefault(source, set())
        for target in every:
            package = target.split(".")[0]
            if package != source:
                graph.packages[source].add(package)
                graph.package_examples.setdefault((source, package), module)
    return graph


def strongly_connected(edges: Mapping[str, set[str]]) -> list[list[str]]:
    """Groups of two or more nodes that reach each other (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups: list[list[str]] = []
    counter = 0
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(sorted(group))
            elif child not in index:
                index[child] = low[child] = counter
                counter += 1
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(edges.get(child, ())))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return sorted(groups)


def upward_arrows(graph: ImportGraph, floors: Mapping[str, int] = FLOORS) -> list[str]:
    """`from → to (module)` for each package edge to a higher floor (unknown packages count as upward)."""
    return sorted(f"{source} → {target} ({graph.package_examples[(source, target)]})"
                  for source, targets in graph.packages.items() for target in targets
                  if floors.get(target, 99) > floors.get(source, -1))


def reachable(graph: ImportGraph, start: str) -> set[str]:
    """Project modules imported (at module level, transitively) by importing `start`, itself included."""
    seen, todo = {start}, [start]
    while todo:
        for nxt in graph.modules.get(todo.pop(), ()):
            parents = [".".join(nxt.split(".")[:i]) for i in range(1, nxt.count(".") + 1)]  # packages run first
            for module in [*parents, nxt]:
                if module in graph.modules and module not in seen:
                    seen.add(module)
                    todo.append(module)
    return seen


def main(argv: list[str] | None = None) -> int:
    """Print the figures: modules, circles, package cycles, upward arrows; status 1 when any exists."""
    root = Path(argv[0]).resolve() if argv else ROOT
    graph = build(root)
    circles = strongly_connected(graph.modules)
    lazy_circles = strongly_connected(graph.lazy_modules)
    cycles = strongly_connected(graph.packages)
    arrows = upward_arrows(graph)
    print(f"packages: {len(discover_packages(root))}  modules: {len(graph.modules)}")
    print(f"module-level import circles: {len(circles)}")
    for circle in circles:
        print("  " + " ↔ ".join(circle))
    print(f"import circles counting imports inside functions too: {len(lazy_circles)}")
    for circle in lazy_circles:
        print("  " + " ↔ ".join(circle))
    print(f"package cycles: {len(cycles)}")
    for cycle in cycles:
        print("  " + " ↔ ".join(cycle))
    print(f"upward arrows (DESIGN.md §5c floors): {len(arrows)}")
    for arrow in arrows:
        print("  " + arrow)
    return 1 if circles or cycles or arrows else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
