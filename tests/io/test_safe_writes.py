"""Killing cc-rfp at any moment of a save leaves the old file or the new one, never a mix.

A child process saves an answers file through the real code path; a patched ``os.fsync``
(during the write) or ``os.replace`` (between the temporary write and the rename) tells the
parent it has reached that moment and waits there to be killed with SIGKILL.

A write also keeps the file's mode (a new file gets the umask's), and the interview checks
that the folder is writable before its first question.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from cc_rfp.core.answers import Answers, load_answers, save_answers
from cc_rfp.errors import OutputError
from cc_rfp.io.atomic import atomic_write_text

CHILD = textwrap.dedent(
    """
    import os, sys, time
    from cc_rfp.core.answers import Answers, save_answers

    moment = sys.argv[2]
    real = getattr(os, moment)

    def pause(*args, **kwargs):
        print("READY", flush=True)
        time.sleep(60)
        return real(*args, **kwargs)

    setattr(os, moment, pause)
    big = "ny text " * 200_000  # a few MB, so the kill can land mid-file too
    save_answers(sys.argv[1], Answers(values={"buyer_name": "New AB", "business_idea": big}))
    """
)


@pytest.mark.parametrize("moment", ["fsync", "replace"])
def test_kill_during_autosave_leaves_old_file(tmp_path, moment):
    path = tmp_path / "answers.yaml"
    save_answers(path, Answers(values={"buyer_name": "Old AB"}))
    before = path.read_bytes()
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), moment], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "READY"
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert path.read_bytes() == before
    assert load_answers(path).values == {"buyer_name": "Old AB"}


def test_kill_at_random_moments_never_corrupts(tmp_path):
    """Kill a saving loop at many moments: every state on disk parses as a whole file."""
    path = tmp_path / "answers.yaml"
    save_answers(path, Answers(values={"buyer_name": "Start"}))
    loop = textwrap.dedent(
        """
        import sys
        from cc_rfp.core.answers import Answers, save_answers
        i = 0
        while True:
            i += 1
            values = {"buyer_name": f"v{i}", "n": "x" * (i % 5000)}
            save_answers(sys.argv[1], Answers(values=values))
        """
    )
    for delay in (0.05, 0.11, 0.17, 0.23, 0.31):
        child = subprocess.Popen([sys.executable, "-c", loop, str(path)])
        try:
            child.wait(timeout=delay + 0.3)
        except subprocess.TimeoutExpired:
            os.kill(child.pid, signal.SIGKILL)
            child.wait(timeout=30)
        values = load_answers(path).values
        assert str(values["buyer_name"]).startswith(("v", "Start"))


@pytest.mark.skipif(os.name != "posix", reason="POSIX files, links and devices")
def test_mode_and_new_file_permissions(tmp_path: Path) -> None:
    path = tmp_path / "private.yaml"
    atomic_write_text(path, "a: 1\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~_umask()
    os.chmod(path, 0o600)
    atomic_write_text(path, "a: 2\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text("utf-8") == "a: 2\n"


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@pytest.mark.skipif(os.name != "posix", reason="POSIX files, links and devices")
def test_interview_checks_an_unwritable_folder_before_the_first_question(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a normal user in a folder without write permission (simulated: tests run as root)."""
    import cc_rfp.io.atomic as atomic

    real = os.access
    folder = tmp_path.resolve()
    monkeypatch.setattr(
        atomic.os, "access", lambda p, mode: False if Path(p) == folder else real(p, mode)
    )
    with pytest.raises(OutputError, match="is not writable for you"):
        atomic.check_can_write(tmp_path / "answers.yaml")
