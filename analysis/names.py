"""Names people type (projects, saved views, personas): one normal form, no invisible or direction-changing
characters, and a way to tell when a new name only looks like an existing one.

A name is normalised with Unicode NFKC (fullwidth letters become ASCII, a no-break space a space) and its runs of
white space become one space. A name holding a control, format (zero-width, bidirectional override), private-use
or unassigned character is refused: such characters are invisible on screen and let one name pass for another.
Two names whose :func:`skeleton` is the same look alike (Latin "A" and Cyrillic "А", "Airline A" and
"AirlineA"); a caller warns before adding the second.
"""
from __future__ import annotations

import unicodedata

from analysis.errors import InputError, quoted
from analysis.messages import say

_REFUSED = {"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"}  # control, format, private use, surrogate, unassigned, separators
# Letters of other scripts that are drawn like Latin ones (after case folding), from Unicode's confusables list.
_CONFUSABLE = str.maketrans({
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t",
    "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l",
    "α": "a", "β": "b", "ε": "e", "ζ": "z", "η": "n", "ι": "i", "κ": "k", "μ": "u", "ν": "v", "ο": "o", "ρ": "p",
    "τ": "t", "υ": "u", "χ": "x", "ϲ": "c", "ı": "i", "ℓ": "l",
})


def refused_character(text: str) -> str | None:
    """The first character of ``text`` a name may not hold (as ``U+XXXX``), or None."""
    for character in text:
        if unicodedata.category(character) in _REFUSED and character not in "\t\n\r":
            return f"U+{ord(character):04X}"
    return None


def visible(text: str) -> str:
    """``text`` without the characters a name may not hold (to name something after a file, say)."""
    return "".join(character for character in text or "" if refused_character(character) is None)


def clean_text(text: str, what: str) -> str:
    """Free text (``what``: a ``note``, a ``title``) as it may be stored: refused, with InputError
    ``error.name.control``, when it holds a control character other than a tab or a line break (NUL cannot be
    stored in PostgreSQL's text, and no store should hold what no one can see)."""
    for character in text or "":
        if unicodedata.category(character) == "Cc" and character not in "\t\n\r":
            raise InputError("error.name.control", what=say(f"name.{what}"), character=f"U+{ord(character):04X}")
    return text or ""


def clean_name(text: str, what: str, longest: int = 200) -> str:
    """``text`` as a name: NFKC-normalised, white space collapsed and trimmed.

    Raises InputError ``error.name.invisible`` for an invisible or direction-changing character (naming it),
    ``error.name.empty`` for nothing left, ``error.name.too_long`` beyond ``longest`` characters; ``what``
    says which name it is in the message: ``project``, ``view`` or ``persona``.
    """
    found = refused_character(text or "")
    if found is not None:
        raise InputError("error.name.invisible", what=say(f"name.{what}"), character=found)
    name = " ".join(unicodedata.normalize("NFKC", text or "").split())
    if not name:
        raise InputError("error.name.empty", what=say(f"name.{what}"))
    if len(name) > longest:
        raise InputError("error.name.too_long", what=say(f"name.{what}"), name=quoted(name[:60]), longest=longest)
    return name


def skeleton(name: str) -> str:
    """What a name looks like: NFKC, case folded, look-alike letters of other scripts as Latin, accents and white
    space dropped. Two names with the same skeleton are easily taken for one another."""
    folded = unicodedata.normalize("NFKC", name).casefold().translate(_CONFUSABLE)
    bare = unicodedata.normalize("NFKD", folded)
    return "".join(character for character in bare if not unicodedata.combining(character) and not character.isspace())


def look_alike(name: str, others) -> str | None:
    """The first of ``others`` that looks like ``name`` without being it, or None."""
    shape = skeleton(name)
    return next((other for other in others if other != name and skeleton(other) == shape), None)
