"""Error types the CLI turns into one plain line on stderr and an exit code.

Every module raises these instead of printing, so the CLI is the only place that decides how
a failure looks to the user (and ``--debug`` can still show the traceback).
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_UNUSABLE = 2
EXIT_INTERRUPTED = 130
EXIT_INTERNAL = 70


class CcRfpError(Exception):
    """A failure the user can fix; ``str()`` is the whole message, one line."""

    exit_code = EXIT_UNUSABLE

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        # One line by construction: user text quoted into a message may hold line breaks.
        super().__init__(" ".join(str(message).splitlines()))
        if exit_code is not None:
            self.exit_code = exit_code


class InputError(CcRfpError):
    """An input file or option cannot be used (exit 2)."""


class BankError(InputError):
    """The question bank is invalid; the message names the file and the question."""


class OutputError(CcRfpError):
    """An output cannot be written; nothing earlier was overwritten."""


class TemplateError(CcRfpError):
    """A template failed; the message names the template file and line."""
