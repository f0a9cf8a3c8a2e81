"""The package's imports run one way: no module imports, even lazily, one that imports it back.

Every ``import generator.x`` / ``from generator.x import …`` in a module counts, including
those inside functions and under ``TYPE_CHECKING``: a circle hidden in a function is still a
circle a reader has to untangle (issue "One package per stage").
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"


def imported(source: str) -> set[str]:
    """The ``generator`` modules that *source* imports anywhere (top-level names: ``layout``, ``routing``…)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module == "generator":
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found |= {alias.name.split(".")[1] for alias in node.names if alias.name.startswith("generator.")}
    return found


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import circles of *graph* (module → modules it imports): strongly connected groups of 2+.

    >>> circles({"a": {"b"}, "b": {"a"}, "c": {"a"}})
    [['a', 'b']]
    """
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        order[node] = low[node] = len(order)
        stack.append(node)
        for other in sorted(graph.get(node, set()) & graph.keys()):
            if other not in order:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], order[other])
        if low[node] == order[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in order:
            visit(node)
    return found


def test_no_module_of_the_package_imports_one_that_imports_it_back() -> None:
    graph = {path.stem: imported(path.read_text(encoding="utf-8")) - {path.stem}
             for path in PACKAGE.glob("*.py")}
    assert {"layout", "routing", "schema", "waktu"} <= graph.keys()  # the walk reads the real modules
    assert "routing" in graph["layout"] and "sheet_types" in graph["routing"]
    assert circles(graph) == []


def test_a_circle_through_a_lazy_import_is_found() -> None:
    lazy = "def f():\n    from generator.a import x\n"
    assert imported(lazy) == {"a"}
    assert circles({"a": imported("import generator.b\n"), "b": imported(lazy)}) == [["a", "b"]]
