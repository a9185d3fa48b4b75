"""Text that came from a user or a file, made safe to place in Markdown: it shows as the same characters and
can do nothing else.

Every Markdown character is escaped (so ``![x](http://host/x.png)`` is no image, ``[Sign in](http://…)`` no
link, ``:red[**URGENT**]`` no colour, ``<img onerror>`` no HTML), and the places where Markdown would turn a bare
address into a link (``http://``, ``www.``, ``name@host``) get an invisible word joiner (U+2060), so no address
in a name, label or comment becomes clickable. The app shows every such string through this one helper
(:func:`pages.ui.text.plain`), and Markdown downloads use it too; CSV and XLSX downloads have theirs
(:func:`analysis.export.csv_bytes`), the HTML report escapes HTML.
"""
from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")
_LINK_STARTS = re.compile(r"(?<=:)(?=//)|(?i:(?<=www)(?=\.))|(?<=@)(?=\w)")
WORD_JOINER = "\u2060"


def plain(text: object) -> str:
    """``text`` as literal Markdown: special characters escaped, bare addresses kept from becoming links."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _LINK_STARTS.sub(WORD_JOINER, str(text)))
