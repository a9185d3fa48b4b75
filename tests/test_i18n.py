"""The two translation tables are complete, consistent, and exactly what the UI and the library ask for.

``pages/ui/words.py`` holds the UI's words, ``analysis/messages.py`` the words of the library's codes.
The UI is scanned with ``ast``: every ``t(...)``/``tr(...)``/``tr_code(...)`` call must name its key
as a string literal, or as an f-string with a literal prefix (``tr(f"role.{role}")``) that labels
a family of library codes. The library is scanned the same way for ``InputError(...)``, ``say(...)``
and ``text(...)``.
"""
from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from analysis import formats, io, journey, schema
from analysis.messages import CODES
from pages.ui.words import LANGUAGES, STRINGS, t

ROOT = Path(__file__).resolve().parents[1]
UI_FILES = [ROOT / "app.py", *sorted((ROOT / "pages").rglob("*.py"))]
LIBRARY_FILES = sorted((ROOT / "analysis").rglob("*.py"))
TRANSLATORS = {"t", "tr", "tr_code"}
EMITTERS = {"InputError", "say", "text"}
TABLES = {"UI": STRINGS, "library": CODES}
BOTH = {**STRINGS, **CODES}


def placeholders(text: str) -> set[str]:
    """The ``{names}`` a str.format template expects."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def translation_calls(source: str, names: set[str] = TRANSLATORS) -> list[tuple[int, str, str]]:
    """``(line, kind, text)`` for each call of a function in ``names``; kind is key, prefix or dynamic.

    The bodies of those functions themselves (and of constructors) are skipped: they pass keys through.
    """
    calls = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.FunctionDef) and (node.name in names or node.name == "__init__"):
            return
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.id if isinstance(func, ast.Name) else ""
            if isinstance(func, ast.Attribute) and names is TRANSLATORS:  # tr() and text.tr(); not err.text()
                name = func.attr
            if name in names:
                calls.extend((node.lineno, *key) for key in keys_of(node.args[0]))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(source))
    return calls


def keys_of(arg: ast.expr) -> list[tuple[str, str]]:
    """``(kind, text)`` of a key argument: a literal, an f-string with a literal prefix, either branch of
    ``a if condition else b``; anything else is dynamic."""
    if isinstance(arg, ast.IfExp):
        return keys_of(arg.body) + keys_of(arg.orelse)
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return [("key", arg.value)]
    if (isinstance(arg, ast.JoinedStr) and arg.values and isinstance(arg.values[0], ast.Constant)
            and arg.values[0].value.endswith(".")):
        return [("prefix", arg.values[0].value)]
    return [("dynamic", ast.unparse(arg))]


def problems(sources: dict[str, str], table: dict[str, dict[str, str]],
             names: set[str] = TRANSLATORS) -> tuple[list[str], set[str]]:
    """Unknown keys and unreadable calls in ``sources``, and the set of keys they use."""
    found, used = [], set()
    for name, source in sources.items():
        for line, kind, text in translation_calls(source, names):
            where = f"{name}:{line}"
            if kind == "key":
                used.add(text)
                if text not in table:
                    found.append(f"{where}: key {text!r} is not in STRINGS")
            elif kind == "prefix":
                family = {key for key in table if key.startswith(text)}
                used |= family
                if not family:
                    found.append(f"{where}: no key starts with {text!r}")
            else:
                found.append(f"{where}: key {text} is neither a literal nor an f-string with a literal prefix")
    return found, used


def sources_of(paths: list[Path]) -> dict[str, str]:
    return {str(path.relative_to(ROOT)): path.read_text(encoding="utf-8") for path in paths}


@pytest.fixture(scope="module")
def ui_sources() -> dict[str, str]:
    return sources_of(UI_FILES)


@pytest.fixture(scope="module")
def library_sources() -> dict[str, str]:
    return sources_of(LIBRARY_FILES)


@pytest.mark.parametrize("table", TABLES, ids=list(TABLES))
def test_every_key_has_every_language_and_no_empty_text(table):
    entries = TABLES[table]
    missing = [f"{key} [{lang}]" for key, entry in entries.items() for lang in LANGUAGES
               if not entry.get(lang, "").strip()]
    extra = [f"{key} [{lang}]" for key, entry in entries.items() for lang in entry if lang not in LANGUAGES]
    assert not missing, f"missing or empty translations: {missing}"
    assert not extra, f"translations for unknown languages: {extra}"


@pytest.mark.parametrize("table", TABLES, ids=list(TABLES))
def test_languages_share_placeholders(table):
    mismatched = [f"{key}: {sorted(placeholders(entry['en']))} vs {sorted(placeholders(entry['zh']))}"
                  for key, entry in TABLES[table].items() if placeholders(entry["en"]) != placeholders(entry["zh"])]
    assert not mismatched, f"placeholders differ between en and zh: {mismatched}"


def test_the_tables_do_not_overlap():
    assert not set(STRINGS) & set(CODES)


def test_ui_uses_only_known_keys(ui_sources):
    assert len(ui_sources) >= 7, "app.py and the pages were not found"
    found, _ = problems(ui_sources, BOTH)
    assert not found, "\n".join(found)


def test_library_emits_only_known_codes(library_sources):
    found, _ = problems(library_sources, CODES, EMITTERS)
    assert not found, "\n".join(found)


def test_no_unused_keys(ui_sources, library_sources):
    _, used_by_ui = problems(ui_sources, BOTH)
    _, emitted = problems(library_sources, CODES, EMITTERS)
    unused = sorted(set(STRINGS) - used_by_ui) + sorted(set(CODES) - used_by_ui - emitted)
    assert not unused, f"keys nothing uses (delete them or use them): {unused}"


def test_checker_catches_missing_unused_and_dynamic_keys():
    source = 'tr("known")\ntr("typo")\ntr(f"code.{x}")\ntr(f"none.{x}")\ntr(variable)\n'
    table = {"known": {}, "code.a": {}, "spare": {}}
    found, used = problems({"page.py": source}, table)
    assert found == [
        "page.py:2: key 'typo' is not in STRINGS",
        "page.py:4: no key starts with 'none.'",
        "page.py:5: key variable is neither a literal nor an f-string with a literal prefix",
    ]
    assert set(table) - used == {"spare"}


@pytest.mark.parametrize("prefix, codes", [
    ("role", schema.ROLES),
    ("stage", journey.STAGES),
    ("format", formats.FORMATS),
    ("kind", ["survey", "feedback", "transactions"]),
])
def test_every_library_code_has_a_label(prefix, codes):
    missing = [code for code in codes if f"{prefix}.{code}" not in CODES]
    assert not missing, f"no {prefix}.* label for {missing}"


def test_every_delimiter_and_metric_has_a_label():
    from analysis.metric_registry import NAMES
    from pages.ui.words import DELIMITER_NAMES

    assert set(DELIMITER_NAMES) == {*io.DELIMITERS, io.ONE_TEXT_A_LINE}
    assert all(f"delimiter.{name}" in STRINGS for name in DELIMITER_NAMES.values())
    assert all(f"metric.{name}" in CODES and f"metric_help.{name}" in STRINGS for name in NAMES)


def test_t_formats_and_fails_loudly():
    assert t("data.loaded", "zh", name="a.csv", rows="3") == "已读取 a.csv：3 行"
    assert t("nav.data", "fr") == "Data"
    with pytest.raises(KeyError):
        t("no.such.key", "en")
    with pytest.raises(KeyError):
        t("data.loaded", "en")
