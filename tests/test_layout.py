"""The package's layout: coder/ imports form no cycle, and no module imports another's
private (``_name``) helpers. Every ``import`` / ``from ... import`` statement counts,
module-level or inside a function: a function-level import hides a cycle, it does not
break it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "coder"

# Private names imported across modules: none is allowed (the branches that needed two
# exceptions have met, and both names are public now).
KNOWN_PRIVATE: set[tuple[str, str, str]] = set()


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(p for p in parts if p != "__init__") or "__init__"


def _resolve(importer: str, is_package: bool, level: int, module: str | None) -> str | None:
    """The coder module a relative (or ``coder.``-absolute) import names, without the
    ``coder.`` prefix; None for imports from outside the package."""
    if level == 0:
        if module is None or not (module == "coder" or module.startswith("coder.")):
            return None
        return module.removeprefix("coder").removeprefix(".") or "__init__"
    base = importer.split(".") if importer != "__init__" else []
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (level - 1)] if level > 1 else base
    name = ".".join([*base, *([module] if module else [])])
    return name or "__init__"


def _graph() -> tuple[dict[str, set[str]], list[tuple[str, str, str]]]:
    """Module -> the coder modules it imports, and every private name imported across
    modules as (importer, imported module, name)."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    private: list[tuple[str, str, str]] = []
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    target = _resolve(name, is_package, 0, alias.name)
                    if target is not None and target in modules:
                        graph[name].add(target)
            elif isinstance(node, ast.ImportFrom):
                target = _resolve(name, is_package, node.level, node.module)
                if target is None:
                    continue
                for alias in node.names:
                    sub = f"{target}.{alias.name}" if target != "__init__" else alias.name
                    if sub in modules:  # "from . import verbs": a module
                        graph[name].add(sub)
                    elif target in modules:
                        graph[name].add(target)
                        dunder = alias.name.startswith("__") and alias.name.endswith("__")
                        if alias.name.startswith("_") and not dunder and target != name:
                            private.append((name, target, alias.name))
    for deps in graph.values():
        deps.discard("__init__")  # the package itself: every module is inside it
    for name in graph:
        graph[name].discard(name)
    return graph, private


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_import_graph_has_no_cycle():
    graph, _ = _graph()
    assert len(graph) > 20 and "spacy" not in graph  # the package was found and read
    assert graph["gold"] >= {"articles"} and graph["prefilter"] >= {"verbs"}
    assert _cycles(graph) == []


def test_no_module_imports_another_modules_private_names():
    _, private = _graph()
    unexpected = sorted(set(private) - KNOWN_PRIVATE)
    assert not unexpected, f"private names imported across modules: {unexpected}"


def test_the_checker_sees_function_level_imports_and_cycles(tmp_path):
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]
    tree = ast.parse("def f():\n    from .run import _entry\n")
    found = [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    assert [(n.level, n.module, n.names[0].name) for n in found] == [(1, "run", "_entry")]
    assert _resolve("distributed", False, 1, "run") == "run"
    assert _resolve("engine.stages", False, 2, "io") == "io"


def test_diff_and_summarize_load_no_spacy(tmp_path):
    """`coder diff` and `coder summarize` read tables only: neither the engine nor spaCy
    is imported, by the modules or by running the commands through the CLI."""
    table = PACKAGE.parent / "tests" / "golden" / "examples.csv"
    other = PACKAGE.parent / "tests" / "golden" / "examples.jsonl"
    script = f"""
import sys
import coder, coder.cli, coder.diff, coder.summarize, coder.table, coder.schemas
assert "spacy" not in sys.modules, "imported"
from coder.cli import app
for args in (["diff", {str(table)!r}, {str(other)!r}, "--json"],
             ["summarize", {str(table)!r}, "--by", "root"]):
    try:
        app(args, standalone_mode=False)
    except SystemExit as exc:
        assert not exc.code, (args, exc.code)
loaded = sorted(m for m in sys.modules if m == "spacy" or m.startswith(("spacy.", "thinc"))
                or m in ("coder.pipeline", "coder.grammar", "coder.events"))
assert not loaded, loaded
"""
    res = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         cwd=tmp_path, timeout=120)
    assert res.returncode == 0, res.stderr[-2000:]
    assert "added" in res.stdout  # the commands ran
