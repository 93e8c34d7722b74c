"""The marking that keeps process tests out of the fast inner loop (``tests/conftest.py``).

A pty test the marking missed ran in the inner loop for a whole session, six of them through
``pytest.importorskip("pexpect")`` and three through a local import of the runner, and the
guard did not catch them: pexpect forks with ``os.forkpty``, not ``os.fork``.
"""

from __future__ import annotations

import os

import pytest

from tests.conftest import _calls_a_process


def _spawns_after_importorskip() -> None:
    pexpect = pytest.importorskip("pexpect")
    pexpect.spawn("true")


def _runs_through_a_local_import() -> None:
    from tests.conftest import run_cli

    run_cli("--help")


def _starts_nothing() -> int:
    return len(os.sep)


# Named through a mapping, so this module's tests are not marked by following them.
SAMPLES = {
    "importorskip": (_spawns_after_importorskip, True),
    "local runner": (_runs_through_a_local_import, True),
    "nothing": (_starts_nothing, False),
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_the_marking_follows_every_way_a_test_starts_a_process(name: str) -> None:
    func, starts = SAMPLES[name]
    assert _calls_a_process(func, set()) is starts


def test_the_guard_refuses_a_pty_in_an_unmarked_test() -> None:
    with pytest.raises(AssertionError, match="not marked e2e"):
        os.forkpty()
