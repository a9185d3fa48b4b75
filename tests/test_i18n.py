"""The translation table is complete, consistent, and exactly what the UI asks for.

The UI is scanned with ``ast``: every ``t(...)``/``tr(...)``/``tr_code(...)`` call must name its key
as a string literal, or as an f-string with a literal prefix (``tr(f"role.{role}")``) that labels
a family of library codes.
"""
from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from analysis import formats, io, journey, schema
from analysis.i18n import LANGUAGES, STRINGS, t

ROOT = Path(__file__).resolve().parents[1]
UI_FILES = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]
TRANSLATORS = {"t", "tr", "tr_code"}


def placeholders(text: str) -> set[str]:
    """The ``{names}`` a str.format template expects."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def translation_calls(source: str) -> list[tuple[int, str, str]]:
    """``(line, kind, text)`` for each translation call; kind is key, prefix or dynamic.

    The bodies of the translator functions themselves are skipped (they pass keys through).
    """
    calls = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.FunctionDef) and node.name in TRANSLATORS:
            return
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name in TRANSLATORS:
                arg = node.args[0]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    calls.append((node.lineno, "key", arg.value))
                elif (isinstance(arg, ast.JoinedStr) and arg.values and isinstance(arg.values[0], ast.Constant)
                      and arg.values[0].value.endswith(".")):
                    calls.append((node.lineno, "prefix", arg.values[0].value))
                else:
                    calls.append((node.lineno, "dynamic", ast.unparse(arg)))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(source))
    return calls


def problems(sources: dict[str, str], table: dict[str, dict[str, str]]) -> tuple[list[str], set[str]]:
    """Unknown keys and unreadable calls in ``sources``, and the set of keys they use."""
    found, used = [], set()
    for name, source in sources.items():
        for line, kind, text in translation_calls(source):
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


@pytest.fixture(scope="module")
def ui_sources() -> dict[str, str]:
    return {str(path.relative_to(ROOT)): path.read_text(encoding="utf-8") for path in UI_FILES}


def test_every_key_has_every_language_and_no_empty_text():
    missing = [f"{key} [{lang}]" for key, entry in STRINGS.items() for lang in LANGUAGES
               if not entry.get(lang, "").strip()]
    extra = [f"{key} [{lang}]" for key, entry in STRINGS.items() for lang in entry if lang not in LANGUAGES]
    assert not missing, f"missing or empty translations: {missing}"
    assert not extra, f"translations for unknown languages: {extra}"


def test_languages_share_placeholders():
    mismatched = [f"{key}: {sorted(placeholders(entry['en']))} vs {sorted(placeholders(entry['zh']))}"
                  for key, entry in STRINGS.items() if placeholders(entry["en"]) != placeholders(entry["zh"])]
    assert not mismatched, f"placeholders differ between en and zh: {mismatched}"


def test_ui_uses_only_known_keys(ui_sources):
    assert len(ui_sources) >= 7, "app.py and the pages were not found"
    found, _ = problems(ui_sources, STRINGS)
    assert not found, "\n".join(found)


def test_no_unused_keys(ui_sources):
    _, used = problems(ui_sources, STRINGS)
    unused = sorted(set(STRINGS) - used)
    assert not unused, f"keys no page uses (delete them or use them): {unused}"


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
    ("kind", ["survey", "feedback"]),
])
def test_every_library_code_has_a_label(prefix, codes):
    missing = [code for code in codes if f"{prefix}.{code}" not in STRINGS]
    assert not missing, f"no {prefix}.* label for {missing}"


def test_every_delimiter_and_metric_has_a_label():
    from pages.common import DELIMITER_NAMES, HEADLINE_METRICS

    assert set(DELIMITER_NAMES) == set(io.DELIMITERS)
    assert all(f"delimiter.{name}" in STRINGS for name in DELIMITER_NAMES.values())
    assert all(f"metric.{name}" in STRINGS and f"metric_help.{name}" in STRINGS for name in HEADLINE_METRICS)


def test_t_formats_and_fails_loudly():
    assert t("data.loaded", "zh", name="a.csv", rows="3") == "已读取 a.csv：3 行"
    assert t("nav.data", "fr") == "Data"
    with pytest.raises(KeyError):
        t("no.such.key", "en")
    with pytest.raises(KeyError):
        t("data.loaded", "en")
