"""The ``cc-rfp`` command line: a thin layer that parses options and calls the modules.

Only typer is imported at start-up; every command imports what it needs when it runs, so
``cc-rfp --help`` stays fast.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from cc_rfp import __version__
from cc_rfp.commands.evaluate import evaluate
from cc_rfp.commands.import_ import import_
from cc_rfp.commands.interview import interview
from cc_rfp.commands.package import package
from cc_rfp.commands.questions import questions
from cc_rfp.commands.render import render
from cc_rfp.commands.schema import schema
from cc_rfp.commands.staffing import staffing
from cc_rfp.commands.validate import validate
from cc_rfp.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_UNUSABLE, CcRfpError

COMMANDS = {
    "questions": questions,
    "schema": schema,
    "validate": validate,
    "render": render,
    "package": package,
    "interview": interview,
    "staffing": staffing,
    "evaluate": evaluate,
    "import": import_,
}
"""Every command, in the order ``cc-rfp --help`` lists them."""


class _LazyGroup(typer.core.TyperGroup):
    """The commands, each built (its options read from its signature) only when it is used.

    typer builds every command's parameters to list them; with nine commands that was a
    quarter of ``cc-rfp --help``. The list shows each function's docstring instead, shortened
    as click shortens it, and ``cc-rfp CMD`` builds CMD alone.
    """

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, name: str) -> Any:
        function = COMMANDS.get(name)
        if function is None:
            return None
        if name not in self.commands:
            one = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False)
            one.command(name=name)(function)
            self.commands[name] = typer.main.get_command(one)
        return self.commands[name]

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = [(name, short_help(function, limit)) for name, function in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def short_help(function: object, limit: int) -> str:
    """The first sentence of a command's docstring, cut at a word with "..." past ``limit``
    characters, as click shows a command in a group's help."""
    import inspect

    words = (inspect.getdoc(function) or "").split("\n\n")[0].split()
    text = " ".join(words)
    end = text.find(". ")
    if end != -1:
        text = text[: end + 1]
    if len(text) <= limit:
        return text
    kept = ""
    for word in text.split():
        if len(kept) + len(word) + 1 > limit - 3:
            break
        kept = f"{kept} {word}".strip()
    return kept + "..."


app = typer.Typer(
    cls=_LazyGroup,
    name="cc-rfp",
    help="Write a contact-center outsourcing tender: interview, validate, render, staff.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

_state = {"debug": False}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cc-rfp {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
) -> None:
    """Write a contact-center outsourcing tender from a guided interview."""
    _state["debug"] = debug


EXIT_BROKEN_PIPE = 1
"""The reader went away: exit 1 quietly, as typer and rich already do in the same case."""


def main() -> None:
    """Entry point: run the app and turn known errors into one line and an exit code.

    Standard output is flushed here, inside the error handling: a full disk behind ``>``
    becomes one line and exit 2, and a reader that stopped early (``| head -1``) a quiet exit,
    instead of an error at interpreter shutdown.
    """
    try:
        try:
            app()
        finally:
            sys.stdout.flush()
    except BrokenPipeError:
        _quiet_broken_pipe()
    except CcRfpError as exc:
        if _state["debug"]:
            raise
        print(f"cc-rfp: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        print("cc-rfp: interrupted", file=sys.stderr)
        sys.exit(EXIT_INTERRUPTED)
    except OSError as exc:
        if _state["debug"]:
            raise
        if not _is_stdout_error(exc):
            _internal(exc)
        print(f"cc-rfp: cannot write to standard output ({exc.strerror})", file=sys.stderr)
        _silence_stdout()
        sys.exit(EXIT_UNUSABLE)
    except Exception as exc:  # a bug: still one line, the traceback only with --debug
        if _state["debug"]:
            raise
        _internal(exc)


def _internal(exc: BaseException) -> None:
    reason = str(exc).splitlines()[0] if str(exc) else ""
    print(
        f"cc-rfp: internal error: {type(exc).__name__}: {reason} "
        "(run with --debug for details and please report it)",
        file=sys.stderr,
    )
    sys.exit(EXIT_INTERNAL)


def _is_stdout_error(exc: OSError) -> bool:
    """Whether this error came from writing to standard output (full disk, I/O error).

    Files cc-rfp writes itself go through :mod:`cc_rfp.io.atomic`, which turns their errors into
    one-line messages naming the file; a write error with no file name left over here is the
    output stream's own.
    """
    import errno

    stream_errors = {errno.ENOSPC, errno.EIO, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
    return exc.filename is None and exc.errno in stream_errors


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush cannot fail again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _quiet_broken_pipe() -> None:
    """The reader of our output went away: stop, print nothing, exit as ``cat`` would."""
    _silence_stdout()
    sys.exit(EXIT_BROKEN_PIPE)


if __name__ == "__main__":
    main()
