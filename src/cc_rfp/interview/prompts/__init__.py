"""One prompt per question type, in the style of questionary's ``prompts/``.

``ask_question`` returns the answer, an ``Unknown`` ("don't know yet", with its note),
``Special.SKIP`` (left open) or ``Special.BACK`` (go to the previous question).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from cc_rfp.core import types
from cc_rfp.interview.ask import Special
from cc_rfp.interview.prompts.base import Asking, ask_note
from cc_rfp.interview.prompts.faithful import keep_or_reenter, shown_faithfully


def asker(kind: str) -> Callable[[Asking], Any]:
    """The prompt for a question type, as the type registry (``core/types``) names it."""
    module, _, name = types.get(kind).prompt.partition(":")
    return getattr(importlib.import_module(module), name)


def ask_question(a: Asking) -> Any:
    """Ask one question of any type; "don't know yet" comes back with its note.

    An answer the prompt cannot show as it is (see ``faithful``) is first offered to be
    kept unchanged, so Enter on a revisit never rewrites what the person did not change.
    """
    result: Any = None
    if not shown_faithfully(a):
        result = keep_or_reenter(a)
    if result is None:
        result = asker(a.question.type)(a)
    if result is Special.UNKNOWN:
        return ask_note(a.ui, a.current)
    return result


__all__ = ["Asking", "ask_question", "asker"]
