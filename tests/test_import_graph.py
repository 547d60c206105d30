"""The import graph holds the floors of DESIGN.md §5c: every package on a floor, no circle, no package cycle, no
upward arrow (tools/import_graph.py measures; `python -m tools.import_graph` prints the figures)."""
from __future__ import annotations

from tools.import_graph import FLOORS, ImportGraph, build, discover_packages, strongly_connected, upward_arrows

GRAPH = build()


def test_every_package_is_discovered_and_stands_on_a_floor() -> None:
    packages = discover_packages()
    assert {"server", "jobs", "store", "settings", "cli"} <= set(packages)  # discovery sees real packages
    assert [p for p in packages if p not in FLOORS] == []


def test_the_scan_sees_real_imports() -> None:
    assert "lipsync" in GRAPH.packages["pipeline"] and "pipeline" in GRAPH.packages["jobs"]
    assert "settings" in GRAPH.packages["server"]
    assert "server.errors" in GRAPH.modules["server"] or any(m.startswith("server.") for m in GRAPH.modules["server"])


def test_no_module_level_import_circle() -> None:
    assert strongly_connected(GRAPH.modules) == []


def test_no_import_circle_even_through_imports_inside_functions() -> None:
    assert strongly_connected(GRAPH.lazy_modules) == []


def test_no_package_cycle() -> None:
    assert strongly_connected(GRAPH.packages) == []


def test_no_upward_arrow() -> None:
    assert upward_arrows(GRAPH) == []


def test_the_lowest_floors_stay_low() -> None:
    assert GRAPH.packages["settings"] == set()
    assert GRAPH.packages["audio"] == set()
    assert GRAPH.packages["avatars"] <= {"audio", "settings"}  # the avatar format knows no engine
    assert GRAPH.packages["lipsync"] <= {"audio", "avatars", "settings"}


def test_the_checks_fail_on_a_circle_a_cycle_and_an_upward_arrow() -> None:
    assert strongly_connected({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    upward = ImportGraph(packages={"store": {"server"}, "server": {"store"}},
                         package_examples={("store", "server"): "store.x", ("server", "store"): "server.y"})
    assert strongly_connected(upward.packages) == [["server", "store"]]
    assert upward_arrows(upward) == ["store → server (store.x)"]
