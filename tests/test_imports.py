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
    """The ``generator`` modules that *source* imports anywhere, dotted below ``generator`` (``sheet.layout``).

    ``from generator.sheet import x`` counts as importing the package ``sheet`` (its ``__init__``).
    """
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module == "generator":
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator."):
            found.add(node.module.removeprefix("generator."))
        elif isinstance(node, ast.Import):
            found |= {alias.name.removeprefix("generator.") for alias in node.names
                      if alias.name.startswith("generator.")}
    return found


def module_graph() -> dict[str, set[str]]:
    """Every module of the package (``layout`` of ``sheet`` as ``sheet.layout``) → the modules it imports."""
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if name:
            graph[name] = imported(path.read_text(encoding="utf-8")) - {name}
    return graph


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
    graph = module_graph()
    assert {"sheet.layout", "sheet.routing", "definitions.schema", "waktu"} <= graph.keys()  # the walk reads the real modules
    assert "sheet.routing" in graph["sheet.layout"] and "sheet.types" in graph["sheet.routing"]
    assert circles(graph) == []


LEAVES = {"errors", "model", "memo", "waktu", "nip", "formatting", "project", "verifikasi"}
"""Shared modules every stage may import: the model and the leaves it stands on."""
STAGES = ["lkjip", "definitions", "sheet", "render", "compare", "build", "tte", "site", "lint", "word", "cli"]
"""The stages in pipeline order: each imports only the leaves and the stages before it."""
FLAT = {"click_id": "cli"}
"""Modules beside their stage's module, and the stage they belong to."""


def stage_of(module: str) -> str:
    """The stage of a dotted module name (``render.html`` → ``render``, ``click_id`` → ``cli``)."""
    top = module.split(".")[0]
    return FLAT.get(top, top)


def test_each_stage_imports_only_the_leaves_and_earlier_stages() -> None:
    graph = module_graph()
    for name, modules in graph.items():
        stage = stage_of(name)
        if stage not in STAGES:
            continue
        allowed = LEAVES | set(STAGES[:STAGES.index(stage) + 1])
        against = {m for m in modules if m not in LEAVES and stage_of(m) not in allowed}
        assert against == set(), f"{name} imports {sorted(against)}, against the order {STAGES}"
    assert "sheet" in graph["render.html"]  # the walk sees the packages' own imports
    assert "site.pages" in graph["site.plugin"] and "build" in graph["site.pages"]
    assert "lkjip" in graph["definitions.validation"] and "model" in graph["lkjip.ikm"]


def test_a_circle_through_a_lazy_import_is_found() -> None:
    lazy = "def f():\n    from generator.a import x\n"
    assert imported(lazy) == {"a"}
    assert imported("from generator.sheet.types import Shape\nfrom generator import sheet\n") == {"sheet.types", "sheet"}
    assert circles({"a": imported("import generator.b\n"), "b": imported(lazy)}) == [["a", "b"]]
