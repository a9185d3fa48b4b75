"""The one exception type the library raises for input a user can fix."""


class InputError(ValueError):
    """A problem with the user's file or mapping, worded as one sentence for the user.

    The message says what is wrong, where (file, column, row) and what to do about it.
    The UI shows it as is and the CLI prints it after ``error:``.
    """
