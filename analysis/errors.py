"""The one exception type the library raises for input a user can fix."""
from __future__ import annotations

from analysis.messages import Message, Quoted, say


class InputError(ValueError):
    """A problem with the user's file or mapping: a code from :mod:`analysis.messages` with its values.

    The message says what is wrong, where (file, column, row) and what to do about it. ``str(err)``
    is the English sentence (for notebooks and logs); the CLI and the app render ``err.message`` in
    the user's language.
    """

    def __init__(self, code: str, **params):
        self.message: Message = say(code, **params)
        super().__init__(self.message.text("en"))

    def text(self, lang: str = "en") -> str:
        """The sentence in ``lang``."""
        return self.message.text(lang)

    def in_file(self, name: str) -> "InputError":
        """The same problem, prefixed with the file it was found in."""
        return InputError("error.in_file", file=name, detail=self.message)


def quoted(value) -> Quoted:
    """A user's value (column, group, role) for a message: shown in quotation marks."""
    return Quoted(value)
