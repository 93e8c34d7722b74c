"""``interview/interrupts.py``: a swallowed Ctrl-C is kept for the next prompt, and only that."""

from __future__ import annotations

import sys
import weakref
from collections.abc import Callable

import pytest

from cc_rfp.interview import interrupts


def _raise_in_a_weakref_callback(exc: BaseException) -> None:
    """Raise ``exc`` where Python cannot: it goes to ``sys.unraisablehook`` instead."""

    class Thing:
        pass

    def callback(_: object) -> None:
        raise exc

    thing = Thing()
    ref = weakref.ref(thing, callback)
    del thing
    assert ref() is None


def test_a_swallowed_ctrl_c_is_raised_once_by_the_next_check() -> None:
    with interrupts.watching():
        interrupts.check()  # nothing pending: nothing happens
        _raise_in_a_weakref_callback(KeyboardInterrupt())
        with pytest.raises(KeyboardInterrupt):
            interrupts.check()
        interrupts.check()  # raised once, then cleared


def test_other_unraisable_errors_still_reach_the_previous_hook(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[type[BaseException]] = []
    previous: Callable[..., None] = lambda unraisable: seen.append(unraisable.exc_type)  # noqa: E731
    monkeypatch.setattr(sys, "unraisablehook", previous)
    with interrupts.watching():
        _raise_in_a_weakref_callback(ValueError("a real bug"))
        interrupts.check()
    assert seen == [ValueError]
    assert sys.unraisablehook is previous


def test_outside_the_interview_nothing_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "unraisablehook", lambda unraisable: None)
    _raise_in_a_weakref_callback(KeyboardInterrupt())
    with interrupts.watching():
        interrupts.check()
