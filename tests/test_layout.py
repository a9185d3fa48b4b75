"""The code's shape: no import cycles anywhere (imports inside functions and type-checking blocks included),
session keys that belong to one module each, and a README layout table that names exactly the modules there."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("analysis", "pages")


def project_modules(root: Path = ROOT) -> dict[str, Path]:
    """Every module of the project, by dotted name (``app`` for app.py, storyboards by their path)."""
    found = {"app": root / "app.py"} if (root / "app.py").exists() else {}
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imported(path: Path, modules: dict[str, Path]) -> set[str]:
    """The project modules ``path`` imports, wherever the import statement stands (top level, inside a
    function, under ``if TYPE_CHECKING``); ``from package import name`` counts the submodule when there is one."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [f"{node.module}.{alias.name}" if f"{node.module}.{alias.name}" in modules else node.module
                     for alias in node.names]
        else:
            continue
        found |= {name for name in names if name in modules}
    return found


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    """Module -> the project modules it imports."""
    modules = project_modules(root)
    return {name: imported(path, modules) - {name} for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted: every one is a cycle."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_there_is_no_import_cycle():
    graph = import_graph()
    assert len(graph) > 100 and "pages.ui.kept" in graph["app"]
    assert cycles(graph) == []


def test_the_cycle_finder_sees_a_cycle_hidden_in_a_function(tmp_path):
    (tmp_path / "analysis").mkdir()
    (tmp_path / "analysis" / "__init__.py").write_text("")
    (tmp_path / "analysis" / "a.py").write_text("from analysis import b\n")
    (tmp_path / "analysis" / "b.py").write_text("def later():\n    from analysis.c import x\n")
    (tmp_path / "analysis" / "c.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                                                "    import analysis.a\n")
    (tmp_path / "analysis" / "d.py").write_text("import analysis.a\n")
    assert cycles(import_graph(tmp_path)) == [["analysis.a", "analysis.b", "analysis.c"]]


def test_the_persistence_layer_knows_no_feature():
    graph = import_graph()
    features = {name for name in graph if name.startswith("pages.ui.")} - {
        "pages.ui.kept", "pages.ui.project", "pages.ui.text", "pages.ui.words"}
    assert not graph["pages.ui.kept"] & features
    assert not graph["pages.ui.project"] & (features | {"pages.ui.kept"})
    assert not {name for name in graph["pages.ui.kept"] if name.startswith("analysis.")} - {"analysis.store"}


_STATE_KEY = re.compile(r"""st\.session_state(?:\[|\.get\(|\.setdefault\(|\.pop\()\s*f?["']([^"'{]+)""")
_WIDGET_KEY = re.compile(r"""\bkey=f?["']([^"'{]+)""")


def test_each_session_key_belongs_to_one_module():
    """A raw ``st.session_state`` key, and the key of a widget, are read and written by one module only (their
    owner); other modules ask the owner, so no page reads another page's widget keys."""
    owners: dict[str, set[str]] = {}
    for name, path in project_modules().items():
        if name.startswith("pages") or name == "app":
            source = path.read_text(encoding="utf-8")
            for key in {*_STATE_KEY.findall(source), *_WIDGET_KEY.findall(source)}:
                owners.setdefault(key, set()).add(name)
    shared = {key: sorted(modules) for key, modules in owners.items() if len(modules) > 1}
    assert owners and not shared


def layout_rows() -> dict[str, str]:
    """The README's project-layout table: path -> description."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text.split("## Project layout", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in table.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 2 and cells[0].startswith("`"):
            for path in re.findall(r"`([^`]+)`", cells[0]):
                rows[path] = cells[1]
    return rows


def test_every_path_in_the_layout_table_exists():
    rows = layout_rows()
    assert {"app.py", "pages/ui/", "pages/storyboards/", "analysis/", "tests/"} <= set(rows)
    assert [path for path in rows if not (ROOT / path.rstrip("/")).exists()] == []


@pytest.mark.parametrize("folder", ["analysis/", "analysis/store/", "analysis/sentiment/", "analysis/personas/",
                                    "analysis/behaviour/", "pages/ui/", "pages/storyboards/"])
def test_the_layout_table_names_exactly_the_modules_of_each_folder(folder):
    described = set(re.findall(r"`([a-z_]+)`", layout_rows()[folder]))
    modules = {path.stem for path in (ROOT / folder).glob("*.py") if path.stem != "__init__"}
    assert sorted(modules - described) == [], "modules the README does not describe"
    named = {name for name in described if not (ROOT / folder / name).is_dir()}
    assert sorted(named - modules) == [], "modules the README names that are not there"


def test_the_ui_package_docstring_names_exactly_its_modules():
    import pages.ui

    described = set(re.findall(r"``([a-z_]+)``", pages.ui.__doc__))
    modules = {path.stem for path in (ROOT / "pages" / "ui").glob("*.py") if path.stem != "__init__"}
    assert sorted(modules ^ described) == []
