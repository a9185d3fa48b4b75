"""What a page shows as text, and the checks on it: no Python traceback, no missing value shown as
``nan``/``None``/``inf``, and (in Chinese mode) no English left once the user's own data is taken away.

Plain Python (no pytest, no browser) apart from the JavaScript snippets the browser tests run, so the
checkers can be tested on fake text (``test_pagetext.py``).

Where the text comes from (see :func:`page_text`):

- the visible DOM text of the main area and the sidebar, one fragment per text node, icons left out
  (Material icons are ligature words such as ``upload`` that show as pictures); Vega-Lite charts are
  drawn as SVG, so their titles, axes and labels are ordinary text nodes here;
- data grids (``stDataFrame``, glide-data-grid) draw on a canvas. Their accessibility table holds
  the raw values, not what is drawn (a missing value is an empty cell there but is *drawn* as
  ``None`` unless the column has a placeholder), so the browser tests record every string the grid
  draws with ``fillText`` (:data:`CANVAS_RECORDER`) and check those.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from analysis.labels import AXIS_LINE_WIDTH

# --- In the browser ---------------------------------------------------------------------------------------------

#: Init script: remember, per data grid, every string drawn on its canvas (header titles, cell texts,
#: the placeholder of missing values). Only grids still on the page and visible are read back.
CANVAS_RECORDER = """
(() => {
  const drawn = window.__gridText = new Map();
  const fillText = CanvasRenderingContext2D.prototype.fillText;
  CanvasRenderingContext2D.prototype.fillText = function (text, ...rest) {
    const grid = this.canvas && this.canvas.closest && this.canvas.closest('[data-testid="stDataFrame"]');
    if (grid) {
      if (!drawn.has(grid)) drawn.set(grid, new Set());
      drawn.get(grid).add(String(text));
    }
    return fillText.call(this, text, ...rest);
  };
})();
"""

#: The visible text fragments under an element: one per text node, whitespace collapsed, leaving out
#: icons (ligature words), data grids (read through CANVAS_RECORDER instead) and exception boxes
#: (reported as such, with their own "Copy" and "Ask Google" buttons).
VISIBLE_FRAGMENTS = """
(root) => {
  const skip = '[data-testid*="Icon"], [translate="no"][aria-hidden="true"], [data-testid="stDataFrame"], ' +
    '[data-testid="stException"], script, style';
  const out = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    const text = node.textContent.replace(/\\s+/g, ' ').trim();
    if (!element || !text || element.closest(skip)) continue;
    if (!element.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
    out.push(text);
  }
  return out;
}
"""

#: Strings drawn by the data grids now visible on the page.
GRID_TEXT = """
() => {
  const out = [];
  for (const [grid, texts] of window.__gridText || []) {
    if (grid.isConnected && grid.checkVisibility()) out.push(...[...texts].map((text) => text.replace(/\\s+/g, ' ').trim()));
  }
  return out;
}
"""

#: True once every visible grid has drawn all its column titles, and every visible chart has drawn text.
DRAWN = """
() => {
  const visible = (selector) => [...document.querySelectorAll(selector)].filter((e) => e.checkVisibility());
  const grids = visible('[data-testid="stMain"] [data-testid="stDataFrame"]').every((grid) => {
    const table = grid.querySelector('table[role="grid"]');
    const drawn = (window.__gridText && window.__gridText.get(grid)) || new Set();
    if (!table) return false;
    return [...table.querySelectorAll('th')].map((th) => th.textContent.trim()).filter(Boolean)
      .every((title) => drawn.has(title));
  });
  const charts = visible('[data-testid="stVegaLiteChart"]').every((chart) => chart.querySelector('svg text'));
  return grids && charts;
}
"""


@dataclass(frozen=True)
class Fragment:
    """One piece of text a page shows, and where: ``main``, ``sidebar`` or ``grid``."""

    where: str
    text: str


def page_text(page) -> list[Fragment]:
    """Every visible text fragment of the main area, the sidebar and the data grids of ``page``."""
    fragments = [Fragment("main", text) for text in page.locator('[data-testid="stMain"]').evaluate(VISIBLE_FRAGMENTS)]
    fragments += [Fragment("sidebar", text)
                  for text in page.locator('[data-testid="stSidebar"]').evaluate(VISIBLE_FRAGMENTS)]
    fragments += [Fragment("grid", text) for text in dict.fromkeys(page.evaluate(GRID_TEXT))]
    return fragments


# --- The user's own strings ---------------------------------------------------------------------------------------

_SPACE = re.compile(r"\s+")
_TAG = re.compile(r"<[^>]+>")
_LETTERS = re.compile(r"[A-Za-z]{2}")


def _normal(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def user_strings(path: Path, also: tuple[str, ...] = ()) -> list[str]:
    """Every string the user's file brings to the screen: its name, sheet name, header names, question
    texts, cell values and unreadable rows (as read by ``analysis.io.load_export``), plus ``also`` (say,
    the bundled sample's name).

    Whitespace is collapsed as the browser does; HTML tags in headers (Typeform) are also taken away.
    Only strings with two ASCII letters in a row are kept (others cannot look like English), longest
    first. An unreadable file brings only its name.
    """
    from analysis.errors import InputError
    from analysis.io import load_export

    found = {path.name, *also}
    try:
        export = load_export(path)
    except InputError:
        export = None
    if export is not None:
        found.update([export.sheet or "", *(row["raw"] for row in export.bad_rows)])  # sheet name, set-aside rows
        found.update(str(column) for column in export.frame.columns)
        found.update(str(question) for question in export.questions.values())
        for column in export.frame.columns:
            found.update(str(value) for value in export.frame[column].dropna().unique())
        from analysis.schema import detect_roles

        found.update(detect_roles(export)["label"].astype(str))  # short labels are cut from the user's headers
    variants = set()
    for text in found:
        variants.add(_normal(text))
        variants.add(_normal(html.unescape(_TAG.sub(" ", text))))
    return sorted((text for text in variants if _LETTERS.search(text)), key=lambda text: (-len(text), text))


def without_user_text(fragments: list[Fragment], strings: list[str]) -> list[tuple[Fragment, str]]:
    """Each fragment with every user string cut out (longest first, whole words only, any case).

    Runs of white space count as one space, as in the user strings. A user string is cut only where
    it does not run on into other letters or digits, so a column
    called "Age" does not eat the "age" of "Page". Shortened user strings are cut too: the words just
    before an ellipsis that start a user string ("…：After participating in the VIMFF …"), the words
    just after one that end a user string ("airline...sample.csv"), and a grid text that is the start
    of a user string (grids draw only the first characters of a long header or cell).
    """
    everything = "\n".join(fragment.text for fragment in fragments).lower()
    present = [text for text in strings if text.lower() in everything]
    patterns = [re.compile(r"(?<![A-Za-z0-9])" + re.escape(text) + r"(?![A-Za-z0-9])", re.IGNORECASE)
                for text in present]
    lowered = [text.lower() for text in strings]
    out = []
    for fragment in fragments:
        rest = _without_shortened(Fragment(fragment.where, _normal(fragment.text)), lowered)
        for pattern in patterns:
            if not rest:
                break
            rest = pattern.sub(" ", rest)
        out.append((fragment, rest))
    return out


_ELLIPSIS = re.compile(r"\.\.\.|…")


_BANNER_LETTERS = re.compile(r"(?<=[\d%] )[A-Z]+\b")  # a banner cell's significance letters: "90.3% BOPT"


def _a_wrapped_line(text: str, lowered: list[str]) -> bool:
    """True when ``text`` is one line of a long user string that a chart axis broke onto lines
    (:func:`analysis.labels.axis_label_lines`): whole words inside a string longer than a line."""
    text = _ELLIPSIS.sub("", text).strip()  # the last line of a label cut short ends with an ellipsis
    if len(text) < 3:
        return False
    for string in lowered:
        if len(string) <= AXIS_LINE_WIDTH:
            continue
        start = string.find(text)
        while start >= 0:
            end = start + len(text)
            if (start == 0 or string[start - 1] == " ") and (end == len(string) or string[end] == " "):
                return True
            start = string.find(text, start + 1)
    return False
_WORD_START = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]")


def _without_shortened(fragment: Fragment, lowered: list[str]) -> str:
    text = fragment.text
    if fragment.where == "grid" and len(text) >= 12 and any(string.startswith(text.lower()) for string in lowered):
        return ""
    if _a_wrapped_line(text.lower(), lowered):
        return ""
    if fragment.where == "grid":
        text = _BANNER_LETTERS.sub(" ", text)
    pieces = _ELLIPSIS.split(text)
    if len(pieces) == 1:
        return text
    kept = []
    for number, piece in enumerate(pieces):
        if number < len(pieces) - 1:  # ends at an ellipsis: cut the longest tail that starts a user string
            for start in (match.start() for match in _WORD_START.finditer(piece)):
                tail = piece[start:].strip().lower()
                if tail and any(string.startswith(tail) for string in lowered):
                    piece = piece[:start]
                    break
        if number > 0:  # starts at an ellipsis: cut the longest head that ends a user string
            ends = [match.end() for match in re.finditer(r"[A-Za-z0-9](?![A-Za-z0-9])", piece)]
            for end in reversed(ends):
                head = piece[:end].strip().lower()
                if head and any(string.endswith(head) for string in lowered):
                    piece = piece[end:]
                    break
        kept.append(piece)
    return " ".join(kept)


# --- Checks -------------------------------------------------------------------------------------------------------

_TRACEBACK = re.compile(
    r"Traceback \(most recent call last\)"
    r"|File \"[^\"]+\.py\", line \d+"
    r"|\b[A-Za-z_]\w*(?:\.\w+)+(?:Error|Exception|Warning)\b"  # a module path: pandas.errors.ParserError
    r"|\b[A-Z]\w+(?:Error|Exception): "  # KeyError: 'x' (a plain "Error: " is an ordinary word)
)


def traceback_text(fragments: list[Fragment]) -> list[Fragment]:
    """Fragments that look like a Python traceback or a raw exception ("KeyError: ", "pandas.x.YError")."""
    return [fragment for fragment in fragments if _TRACEBACK.search(fragment.text)]


#: A missing or impossible number shown as a value: Python's and pandas' (nan, NaN, NaT, None, <NA>,
#: inf) and JavaScript's (null, undefined, Infinity). "None of the 15 metrics…" is an English sentence,
#: not a value.
_MISSING = re.compile(r"(?<![\w.])(?:-?inf|-?Infinity|nan|NaN|NaT|null|undefined|None(?!\s+of\b))(?![\w])|<NA>")


def missing_values(fragments: list[Fragment], strings: list[str]) -> list[tuple[Fragment, str]]:
    """(fragment, token) for every missing-value token shown once the user's own strings are cut out
    (a file may hold the word "None" as an answer)."""
    found = []
    for fragment, rest in without_user_text(fragments, strings):
        found += [(fragment, match.group(0)) for match in _MISSING.finditer(rest)]
    return found


#: English that may stay in Chinese mode, kept small on purpose. Metric and file-format abbreviations,
#: units of file size, product and proper names the Chinese wording keeps as they are (see the "zh"
#: entries of pages/ui/words.py and analysis/messages.py), and "ID".
ALLOWED_WORDS = frozenset({
    "NPS", "CSAT", "CES",  # metric names
    "CSV", "TSV", "TXT", "XLSX", "XLS", "JSON", "PNG", "SVG", "HTML", "PDF", "JPEG", "GIF", "RAR", "gzip", "Markdown",
    "KB", "MB", "GB",  # file sizes in the uploader
    "ID", "Excel", "Qualtrics", "SurveyMonkey", "Typeform", "Google",  # names the Chinese wording keeps
    "Welch", "Johnson", "Holm", "Wald", "Ward",  # Welch t test, Johnson (2000) relative weights, Holm's adjustment,
    # Wald intervals, Ward's clustering
    "Wilson", "Fisher",  # Wilson intervals, Fisher's exact test
    "Bonferroni", "Benjamini", "Hochberg", "Games", "Howell",  # corrections and Games-Howell pairs, by their authors
    "Jaccard", "Hennig",  # the themes' stability: Jaccard similarity, Hennig's (2007) readings of it
    "CLV",  # customer lifetime value, kept as the abbreviation in Chinese too
})
#: Whole fragments that may stay English: the language switch names each language in its own words.
ALLOWED_FRAGMENTS = frozenset({"English", "语言 · Language"})
#: Encoding names, as the Data page's "how the file was read" shows them.
_ENCODING = re.compile(r"\b(?:utf-8|utf-16(?:-[lb]e)?|gb18030|big5|cp1252)\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]{2,}")
#: Column names the Chinese wording asks for, in Chinese quotation marks (“client_id”、“cookie”): identifiers
#: (lower case and underscores; a user string such as a column "id" may already have been taken out of them).
_IDENTIFIER = re.compile(r"“[a-z_\s]*”")
#: Text drawn by Streamlit's own widgets rather than the app (named in the failure, still a failure).
STREAMLIT_TEXT = re.compile(r"Upload|\d+(?:\.\d+)?[KMG]B per file|Drag and drop files? here|Browse files|No results")


def text_words(path: Path) -> frozenset[str]:
    """The words (lower case) of the free-text cells of ``path``: cells of three words or more (a comment,
    a review, a show's title). Key terms drawn from them are these words, alone or in short phrases."""
    from analysis.errors import InputError
    from analysis.io import load_export

    try:
        frame = load_export(path).frame
    except InputError:
        return frozenset()
    words = set()
    for column in frame.columns:
        cells = frame[column].dropna().astype(str)
        for cell in cells[cells.str.count(r"\s+") >= 2]:
            words.update(word.lower() for word in _WORD.findall(cell))
    return frozenset(words)


_LAST_WORD = re.compile(r"[A-Za-z]{2,}$")
#: Quoted text in a sentence: a user's string the page names (“cancelled”, "late flight").
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")


def _starts_a_word(prefix: str, words: frozenset[str]) -> bool:
    """Whether some word of ``words`` starts with ``prefix`` (three letters or more)."""
    return len(prefix) >= 3 and any(word.startswith(prefix) for word in words)


def _without_text_words(fragment: Fragment, rest: str, words: frozenset[str]) -> str:
    """``rest`` without the user's comment words where a page shows them: in a data grid, or quoted."""
    if not words:
        return rest

    def drop(text: str) -> str:
        return _WORD.sub(lambda match: " " if match.group(0).lower() in words else match.group(0), text)

    if fragment.where == "grid":  # a grid cuts long cells: the last word may be the start of a comment word
        rest = rest.rstrip()
        last = _LAST_WORD.search(rest)
        return drop(rest[:last.start()] if last and _starts_a_word(last.group(0).lower(), words) else rest)
    return _QUOTED.sub(lambda match: drop(match.group(0)), rest)


def english_words(fragments: list[Fragment], strings: list[str],
                  words: frozenset[str] = frozenset()) -> list[tuple[Fragment, list[str]]]:
    """(fragment, its English words) for every fragment with an English word of two or more letters
    left once user strings, allowed fragments, encoding names and :data:`ALLOWED_WORDS` are taken out,
    and the words of the user's comments (``words``, see :func:`text_words`) in grids and quotes.

    Numbers, punctuation, emoji and one-letter symbols (p, n, R², t) never count.
    """
    found = []
    for fragment, rest in without_user_text(fragments, strings):
        if fragment.text in ALLOWED_FRAGMENTS:
            continue
        rest = _without_text_words(fragment, rest, words)
        rest = _IDENTIFIER.sub(" ", _ENCODING.sub(" ", rest))
        words_left = [word for word in _WORD.findall(rest) if word not in ALLOWED_WORDS]
        if words_left:
            found.append((fragment, words_left))
    return found


def describe(fragment: Fragment, words: list[str] | None = None) -> str:
    """A fragment for a failure message, flagged when it is Streamlit's own widget text."""
    own = " [Streamlit's own widget text]" if STREAMLIT_TEXT.fullmatch(fragment.text) else ""
    flagged = f"  <- {' '.join(dict.fromkeys(words))}" if words else ""
    return f"{fragment.where}: {fragment.text!r}{own}{flagged}"
