"""A Ctrl-C pressed between two prompts is never lost.

During a prompt the terminal is in raw mode and Ctrl-C is a key the prompt turns into
``KeyboardInterrupt``. Between two prompts (saving, checking, drawing the next one: about
10 ms) it is a signal, and Python raises ``KeyboardInterrupt`` wherever the program is. When
that happens to be inside a weakref callback or a ``__del__`` (prompt_toolkit and asyncio
leave plenty to collect), Python cannot raise it there: it prints "Exception ignored" and
carries on, and the consultant's Ctrl-C is gone.

``watching()`` takes those swallowed interrupts from ``sys.unraisablehook`` instead, silently,
and ``check()``, called before every prompt, raises the one that was swallowed. The session
then pauses as for any Ctrl-C: the answers are saved and it says how to continue.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_swallowed = False


def _hook(previous: Any) -> Any:
    def hook(unraisable: Any) -> None:
        global _swallowed
        if isinstance(unraisable.exc_type, type) and issubclass(
            unraisable.exc_type, KeyboardInterrupt
        ):
            _swallowed = True
            return
        previous(unraisable)

    return hook


@contextmanager
def watching() -> Iterator[None]:
    """Keep Ctrl-C that Python could not raise, for ``check()``, while the interview runs."""
    global _swallowed
    previous = sys.unraisablehook
    _swallowed = False
    sys.unraisablehook = _hook(previous)
    try:
        yield
    finally:
        sys.unraisablehook = previous
        _swallowed = False


def check() -> None:
    """Raise ``KeyboardInterrupt`` for a Ctrl-C that was swallowed since the last prompt."""
    global _swallowed
    if _swallowed:
        _swallowed = False
        raise KeyboardInterrupt
