"""Untrusted text never renders as Markdown: every string that reaches a Markdown-rendering call of the app (a
body, a label, a tooltip) is built from the translation tables and numbers, or passes through the one
plain-text helper (``plain``). The pages are read with ``ast``; a value the checker cannot prove safe fails the
test with its place, so a new call that shows a name, a label or a comment raw cannot land."""
from __future__ import annotations

import ast
from pathlib import Path

from analysis.plain import plain

ROOT = Path(__file__).resolve().parents[1]
UI_FILES = [ROOT / "app.py", *sorted((ROOT / "pages").rglob("*.py"))]

# Streamlit calls whose body or label is rendered as Markdown (widget labels and tooltips included); the first
# positional argument is checked, except where it is not text (``page_link``'s page), and these keywords.
SINKS = {"markdown", "caption", "info", "warning", "error", "success", "toast", "title", "header", "subheader",
         "write", "expander", "popover", "status", "link_button", "button", "download_button", "metric",
         "text_input", "text_area", "selectbox", "multiselect", "slider", "select_slider", "toggle", "checkbox",
         "number_input", "date_input", "segmented_control", "radio", "file_uploader"}
KEYWORD_ONLY = {"page_link", "update"}
MARKDOWN_KEYWORDS = {"label", "body", "help", "delta_description"}
# The roots of safe text: translations (their values are checked at the call), the plain-text helper, numbers
# as people read them. Any function of the app whose every return value is safe is found and added.
SAFE_CALLS = {"tr_code", "plain", "quoted_list", "format_p", "len", "isoformat", "strftime", "upper"}
COMBINERS = {"sentences", "listed", "join", "format", "dict"}  # safe when everything they combine is safe


class Checker:
    """Finds sink arguments that are not provably safe, function by function. ``safe_functions`` are the app's
    functions known to return safe text; ``sink_params`` the functions whose parameters reach a sink (their
    callers' arguments are checked instead)."""

    def __init__(self, source: str, name: str, safe_functions=frozenset(), sink_params=None, module: str = ""):
        self.name = name
        self.tree = ast.parse(source)
        self.safe_functions = set(safe_functions)
        self.sink_params = sink_params or {}
        self.found: list[str] = []
        self.module_name = module
        self.modules = {alias.asname or alias.name: f"{node.module}.{alias.name}"
                        for node in ast.walk(self.tree) if isinstance(node, ast.ImportFrom) and node.module
                        for alias in node.names}
        self.module = self._assignments(self.tree)

    def functions(self):
        return [node for node in ast.walk(self.tree) if isinstance(node, ast.FunctionDef)]

    def run(self) -> list[str]:
        for function in [self.tree, *self.functions()]:
            self.assigned = {**self.module, **self._assignments(function)}
            params = self._params(function)
            for node in self._own_nodes(function):
                for argument in self._checked_arguments(node):
                    if not (isinstance(argument, ast.Name) and argument.id in params) and \
                            not self.safe(argument, set()):
                        self.found.append(f"{self.name}:{node.lineno}: {ast.unparse(argument)[:90]}")
        return self.found

    def returns_safe(self, function: ast.FunctionDef) -> bool:
        """Whether every value ``function`` returns is safe text."""
        self.assigned = {**self.module, **self._assignments(function)}
        values = [node.value for node in self._own_nodes(function) if isinstance(node, ast.Return)]
        return bool(values) and all(value is not None and self.safe(value, set()) for value in values)

    def params_reaching_sinks(self, function: ast.FunctionDef) -> set[str]:
        """The parameters of ``function`` given as they are to a sink."""
        params = self._params(function)
        return {argument.id for node in self._own_nodes(function) for argument in self._checked_arguments(node)
                if isinstance(argument, ast.Name) and argument.id in params}

    @staticmethod
    def _params(function) -> set[str]:
        if not isinstance(function, ast.FunctionDef):
            return set()
        return {arg.arg for arg in [*function.args.args, *function.args.kwonlyargs]}

    def _checked_arguments(self, node) -> list[ast.expr]:
        if not isinstance(node, ast.Call):
            return []
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        keywords = [keyword.value for keyword in node.keywords if keyword.arg in MARKDOWN_KEYWORDS]
        ours = isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in self.modules
        if isinstance(func, ast.Attribute) and name in SINKS and not ours:
            return [*node.args[:1], *keywords]
        if isinstance(func, ast.Attribute) and name in KEYWORD_ONLY and not ours:
            return keywords
        owner = self.module_name if isinstance(func, ast.Name) else (
            self.modules.get(func.value.id, "") if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
            else "")
        if (owner, name) in self.sink_params:
            position, names = self.sink_params[(owner, name)]
            return [argument for index, argument in enumerate(node.args) if position[index:index + 1] and
                    position[index] in names] + [keyword.value for keyword in node.keywords if keyword.arg in names]
        return []

    @staticmethod
    def _own_nodes(function):
        """The nodes of ``function`` not inside a nested function (each function is checked with its own names)."""
        stack = list(ast.iter_child_nodes(function))
        while stack:
            node = stack.pop()
            yield node
            if not isinstance(node, (ast.FunctionDef, ast.Lambda)):
                stack.extend(ast.iter_child_nodes(node))

    def _assignments(self, function) -> dict[str, list]:
        """Every value given to each name in ``function``: assignments, list appends and extends, loop variables
        (None: unknown); a loop over a name holding a literal list of tuples unpacks its parts."""
        found: dict[str, list] = {}
        literal = {target.id: node.value for node in self._own_nodes(function) if isinstance(node, ast.Assign)
                   for target in node.targets if isinstance(target, ast.Name)}
        for node in self._own_nodes(function):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        found.setdefault(target.id, []).append(node.value)
                    elif isinstance(target, ast.Tuple):
                        for element in target.elts:
                            if isinstance(element, ast.Name):
                                found.setdefault(element.id, []).append(None)
            elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
                found.setdefault(node.target.id, []).append(node.value)
            elif isinstance(node, (ast.For, ast.comprehension)):
                iterable = node.iter
                if isinstance(iterable, ast.Name) and isinstance(literal.get(iterable.id), (ast.List, ast.Tuple)):
                    iterable = literal[iterable.id]
                for target, value in self._loop_items(node.target, iterable):
                    found.setdefault(target, []).append(value)
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                  and node.func.attr in ("append", "extend", "insert") and isinstance(node.func.value, ast.Name)):
                found.setdefault(node.func.value.id, []).append(
                    ast.List(elts=[node.args[-1]]) if node.func.attr != "extend" else node.args[-1])
        return found

    @staticmethod
    def _loop_items(target, iterable) -> list[tuple[str, object]]:
        """The names a loop binds and what each takes: an item of the iterable (a subscript of it); for tuples
        unpacked from literal tuples, ``enumerate`` or ``zip``, the matching parts."""
        def item(of):
            return ast.Subscript(value=of, slice=ast.Constant(0))

        if isinstance(target, ast.Name):
            return [(target.id, item(iterable))]
        if not isinstance(target, ast.Tuple):
            return []
        names = [element.id if isinstance(element, ast.Name) else None for element in target.elts]
        if isinstance(iterable, (ast.Tuple, ast.List)) and all(
                isinstance(row, ast.Tuple) and len(row.elts) == len(names) for row in iterable.elts):
            parts = [ast.List(elts=[row.elts[index] for row in iterable.elts]) for index in range(len(names))]
        elif isinstance(iterable, ast.Call) and isinstance(iterable.func, ast.Name) and iterable.func.id == "zip":
            parts = [item(argument) for argument in iterable.args]
        elif (isinstance(iterable, ast.Call) and isinstance(iterable.func, ast.Name) and iterable.func.id == "enumerate"
              and len(names) == 2):
            parts = [ast.Constant(0), item(iterable.args[0])]
        else:
            parts = [None] * len(names)
        return [(name, part) for name, part in zip(names, parts) if name is not None]

    def safe(self, node, seen: set[str]) -> bool:
        if node is None:
            return False
        if isinstance(node, ast.Constant):
            return True
        if isinstance(node, ast.JoinedStr):
            return all(self.safe(value, seen) for value in node.values)
        if isinstance(node, ast.FormattedValue):
            return node.format_spec is not None or self.safe(node.value, seen)  # a format spec: a number or a time
        if isinstance(node, ast.IfExp):
            return self.safe(node.body, seen) and self.safe(node.orelse, seen)
        if isinstance(node, ast.BoolOp):
            return all(self.safe(value, seen) for value in node.values)
        if isinstance(node, ast.BinOp):
            return self.safe(node.left, seen) and self.safe(node.right, seen)
        if isinstance(node, (ast.GeneratorExp, ast.ListComp)):
            return self.safe(node.elt, seen)
        if isinstance(node, (ast.List, ast.Tuple)):
            return all(self.safe(element, seen) for element in node.elts)
        if isinstance(node, ast.Starred):
            return self.safe(node.value, seen)
        if isinstance(node, ast.Subscript):  # an item of a safe list, or of a constant table (EMOTION_FACES)
            value = node.value
            return self.safe(value, seen) or (isinstance(value, ast.Name) and value.id.isupper())
        if isinstance(node, ast.Dict):
            return all(self.safe(value, seen) for value in node.values)
        if isinstance(node, ast.Name):
            if node.id in seen:
                return True
            values = self.assigned.get(node.id)
            return bool(values) and all(self.safe(value, seen | {node.id}) for value in values)
        if isinstance(node, ast.Call):
            return self._safe_call(node, seen)
        return False

    def _safe_call(self, call: ast.Call, seen: set[str]) -> bool:
        func = call.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if name in ("tr", "t"):
            return all(self.safe(keyword.value, seen) for keyword in call.keywords)
        if name in SAFE_CALLS or name in self.safe_functions:
            return True
        if name == "pop" and isinstance(func, ast.Attribute):  # an item taken from a safe list
            return self.safe(func.value, seen)
        if name in COMBINERS:
            parts = [*call.args, *(keyword.value for keyword in call.keywords)]
            base = func.value if isinstance(func, ast.Attribute) and name in ("join", "format") else None
            return (base is None or self.safe(base, seen)) and all(self.safe(part, seen) for part in parts)
        return False


def module_of(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def analysed(paths=UI_FILES) -> tuple[set[str], dict]:
    """The app's functions that return safe text (by name), and those whose parameters reach a sink (by module
    and name: the parameters in order and those that reach one), found together until nothing changes."""
    sources = {path: path.read_text(encoding="utf-8") for path in paths}
    safe, sinks = set(), {}
    while True:
        before = (set(safe), dict(sinks))
        for path, source in sources.items():
            checker = Checker(source, str(path), safe, sinks, module_of(path))
            for function in checker.functions():
                if checker.returns_safe(function):
                    safe.add(function.name)
                reaching = checker.params_reaching_sinks(function)
                if reaching:
                    sinks[(module_of(path), function.name)] = ([arg.arg for arg in function.args.args], reaching)
        if (safe, sinks) == before:
            return safe, sinks


def problems(paths=UI_FILES) -> list[str]:
    safe, sinks = analysed(paths)
    found = []
    for path in paths:
        found += Checker(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)), safe, sinks,
                         module_of(path)).run()
    return found


def test_every_markdown_call_of_the_app_shows_untrusted_text_plain():
    found = problems()
    assert not found, "untrusted text may reach Markdown:\n" + "\n".join(found)


def test_the_checker_catches_raw_names_and_passes_plain_ones():
    source = '''
def page(src, found):
    label = plain(src.name)
    note = tr("x.y", name=src.name)
    st.caption(label)
    st.caption(f"{found.count:,} rows of {plain(src.name)}")
    st.markdown(note)
    st.info(say(found.message))
    st.subheader(src.name, help=tr("x.help"))
'''
    found = sorted(Checker(source, "page.py").run())
    assert found == ["page.py:7: note", "page.py:8: say(found.message)", "page.py:9: src.name"]


def test_plain_text_shows_the_same_characters_and_nothing_else():
    hostile = "![x](http://10.0.0.1/x.png) [Sign in](https://evil.example/) :red[**URGENT**] <img src=x> www.a.b a@b.c"
    shown = plain(hostile)
    assert "](" not in shown.replace("\\](", "") and "http://" not in shown and "www." not in shown
    assert shown.replace("\\", "").replace("\u2060", "") == hostile
