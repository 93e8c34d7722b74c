"""Outputs never destroy inputs, and files of any kind are read and written safely (issue 8).

Each test runs the command from the issue's finding through the installed ``cc-rfp`` (or, for
the answers file's own saves, the function the interview calls) and checks the user's files
afterwards, byte for byte. Device tests make their own device nodes with ``mknod`` in the
test folder, so a regression can never replace the machine's real ``/dev/full``.

The findings that need no process are checked in-process elsewhere: saving over a hard-linked
or read-only answers file in ``tests/core/test_safety_answers_file.py``; the written file's
mode and the folder checked before the first question in ``tests/io/test_safe_writes.py``; a
read bounded past the size check in ``tests/core/test_robust_inputs.py``.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import EXAMPLE, REPO, assert_one_line_error, cc_rfp_executable, run_cli

from cc_rfp.core.answers import Answers, load_answers, save_answers
from cc_rfp.io.atomic import STALE_AFTER_SECONDS, atomic_write_text, remove_stale_temps

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX files, links and devices")
as_root = pytest.mark.skipif(
    os.name != "posix" or os.geteuid() != 0, reason="the finding is about running as root"
)


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    """A copy of the example answers file: the consultant's work, which must survive."""
    path = tmp_path / "w.yaml"
    shutil.copyfile(EXAMPLE, path)
    return path


def dead_pid() -> int:
    """The id of a process that has finished (so is surely not running)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait(timeout=30)
    return child.pid


def device(folder: Path, name: str, major: int, minor: int) -> Path:
    """A private character device node (like /dev/full = 1,7 or /dev/null = 1,3)."""
    path = folder / name
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(major, minor))
        with open(path, "wb"):
            pass
    except OSError as exc:
        pytest.skip(f"cannot make a device node here ({exc.strerror})")
    return path


# ------------------------------------------------------------- 1. output onto an input


@pytest.mark.parametrize("how", ["same", "dot-slash", "symlink", "hardlink", "absolute"])
def test_render_onto_the_answers_file_is_refused(answers: Path, how: str) -> None:
    """``cc-rfp render w.yaml -o w.yaml`` replaced the answers with Markdown, exit 0."""
    before = answers.read_bytes()
    folder = answers.parent
    out = {
        "same": "w.yaml",
        "dot-slash": "./w.yaml",
        "absolute": str(answers),
        "symlink": "link.md",
        "hardlink": "hard.md",
    }[how]
    if how == "symlink":
        (folder / "link.md").symlink_to("w.yaml")
    if how == "hardlink":
        os.link(answers, folder / "hard.md")
    result = run_cli("render", "w.yaml", "-o", out, cwd=folder)
    line = assert_one_line_error(result, 2)
    assert "is the answers file" in line and "-o" in line
    assert answers.read_bytes() == before
    assert not list(folder.glob("*.tmp"))


def test_render_with_stdout_appended_to_the_answers_file_is_refused(answers: Path) -> None:
    """``cc-rfp render w.yaml >> w.yaml`` would append the tender to the answers."""
    before = answers.read_bytes()
    with answers.open("a") as sink:
        result = subprocess.run(
            [*cc_rfp_executable(), "render", str(answers)],
            stdout=sink,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2, result.stderr
    assert "standard output is redirected into the answers file" in result.stderr
    assert answers.read_bytes() == before


def test_render_onto_the_question_bank_is_refused(answers: Path, tmp_path: Path) -> None:
    bank = tmp_path / "bank.yaml"
    shutil.copyfile(REPO / "questions.yaml", bank)
    before = bank.read_bytes()
    result = run_cli("render", str(answers), "--questions", str(bank), "-o", str(bank))
    line = assert_one_line_error(result, 2)
    assert "question bank" in line
    assert bank.read_bytes() == before


@posix_only
def test_render_onto_a_template_file_is_refused(answers: Path, tmp_path: Path) -> None:
    """Also a template reached through a symlink elsewhere and a hard link to one."""
    templates = tmp_path / "tpl" / "en"
    templates.mkdir(parents=True)
    spec = templates / "spec.md.j2"
    spec.write_text("# Mine: {{ doc.cell('buyer_name') }}\n", "utf-8")
    os.link(spec, tmp_path / "hard.md")
    before = spec.read_bytes()
    for out in (spec, tmp_path / "hard.md"):
        result = run_cli(
            "render", str(answers), "--lang", "en", "--templates", str(tmp_path / "tpl"),
            "-o", str(out),
        )  # fmt: skip
        line = assert_one_line_error(result, 2)
        assert "is the template file" in line and "spec.md.j2" in line
        assert spec.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["e.yaml", "-o", "e.yaml"], "is the answers file"),
        (["tender.md"], "would be both the answers file and the tender"),
        (["e.yaml", "-o", "link.md"], "is the answers file"),
    ],
)
def test_interview_onto_its_own_answers_is_refused_first(tmp_path: Path, args, needle) -> None:
    """Checked before the terminal check, so it is also the line a script sees."""
    for name in ("e.yaml", "tender.md"):
        shutil.copyfile(EXAMPLE, tmp_path / name)
    (tmp_path / "link.md").symlink_to("e.yaml")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if not p.is_symlink()}
    line = assert_one_line_error(run_cli("interview", *args, cwd=tmp_path), 2)
    assert needle in line and "needs a terminal" not in line
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if not p.is_symlink()} == before


@posix_only
@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["e.yaml", "-o", "e.yaml"], "is the answers file"),
        (["tender.md"], "would be both the answers file and the tender"),
    ],
)
def test_interview_in_a_terminal_refuses_before_asking(tmp_path: Path, args, needle) -> None:
    """The reported commands in a real pseudo-terminal: refused before any question."""
    pexpect = pytest.importorskip("pexpect")
    for name in ("e.yaml", "tender.md"):
        shutil.copyfile(EXAMPLE, tmp_path / name)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    command, *rest = cc_rfp_executable()
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "80", "LINES": "40"}
    env["PROMPT_TOOLKIT_NO_CPR"] = "1"
    env.pop("NO_COLOR", None)
    child = pexpect.spawn(
        command,
        [*rest, "interview", *args],
        cwd=str(tmp_path),
        env=env,
        dimensions=(40, 80),
        encoding="utf-8",
        timeout=30,
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2, child.before
    lines = [line for line in child.before.splitlines() if line.strip()]
    assert len(lines) == 1 and needle in lines[0], child.before
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


# ------------------------------------------------------------- 2. devices, streams, links


@as_root
def test_render_to_a_full_device_as_root_keeps_the_device(tmp_path: Path) -> None:
    """``-o /dev/full`` as root replaced the device node with a regular file."""
    full = device(tmp_path, "full", 1, 7)
    line = assert_one_line_error(run_cli("render", str(EXAMPLE), "-o", str(full)), 2)
    assert line.endswith("cannot write (No space left on device)")
    assert stat.S_ISCHR(full.lstat().st_mode)
    assert not list(tmp_path.glob("*.tmp"))


@as_root
def test_render_to_a_disk_device_is_refused(tmp_path: Path) -> None:
    """A typo like ``-o /dev/sda`` as root must neither write the disk nor replace its node."""
    disk = tmp_path / "sdz"
    try:
        os.mknod(disk, 0o660 | stat.S_IFBLK, os.makedev(7, 250))
    except OSError as exc:
        pytest.skip(f"cannot make a device node here ({exc.strerror})")
    line = assert_one_line_error(run_cli("render", str(EXAMPLE), "-o", str(disk)), 2)
    assert "is a disk (block device)" in line
    assert stat.S_ISBLK(disk.lstat().st_mode)


@as_root
def test_render_through_a_symlink_to_a_device_keeps_link_and_device(tmp_path: Path) -> None:
    null = device(tmp_path, "null", 1, 3)
    (tmp_path / "out.md").symlink_to(null)
    result = run_cli("render", str(EXAMPLE), "-o", str(tmp_path / "out.md"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out.md").is_symlink()
    assert stat.S_ISCHR(null.lstat().st_mode)


@posix_only
def test_render_to_dev_stdout_writes_to_stdout_and_keeps_the_link(tmp_path: Path) -> None:
    """``-o /dev/stdout``: the document arrives on stdout; ``/dev/stdout`` stays a link."""
    if not Path("/dev/stdout").is_symlink():
        pytest.skip("no /dev/stdout link here")
    plain = run_cli("render", str(EXAMPLE))
    try:
        result = run_cli("render", str(EXAMPLE), "-o", "/dev/stdout")
        assert result.returncode == 0, result.stderr
        assert result.stdout == plain.stdout
    finally:
        if not Path("/dev/stdout").is_symlink():  # a regression must not break the machine
            os.unlink("/dev/stdout")
            os.symlink("/proc/self/fd/1", "/dev/stdout")
    assert Path("/dev/stdout").is_symlink()
    # The same through a link of our own to the open stream (a pipe here).
    link = tmp_path / "stdout.md"
    link.symlink_to("/proc/self/fd/1")
    result = run_cli("render", str(EXAMPLE), "-o", str(link))
    assert result.returncode == 0, result.stderr
    assert result.stdout == plain.stdout
    assert link.is_symlink()


def test_render_dash_writes_to_stdout(tmp_path: Path) -> None:
    plain = run_cli("render", str(EXAMPLE))
    result = run_cli("render", str(EXAMPLE), "-o", "-", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == plain.stdout and plain.stdout.startswith("#")
    assert list(tmp_path.iterdir()) == []  # no file named "-"


@posix_only
def test_render_to_a_fifo_nobody_reads_fails_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    line = assert_one_line_error(run_cli("render", str(EXAMPLE), "-o", str(fifo), timeout=30), 2)
    assert "named pipe nobody is reading" in line
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@posix_only
def test_symlinked_answers_file_stays_a_link_when_saved(tmp_path: Path) -> None:
    """Saving replaced a symlinked answers file with a regular file: write through it."""
    synced = tmp_path / "sync"
    synced.mkdir()
    target = synced / "answers.yaml"
    save_answers(target, Answers(values={"buyer_name": "Old AB"}))
    link = tmp_path / "answers.yaml"
    link.symlink_to(target)
    save_answers(link, Answers(values={"buyer_name": "New AB"}))
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert load_answers(target).values["buyer_name"] == "New AB"
    assert sorted(p.name for p in synced.iterdir()) == ["answers.yaml"]  # temp beside target
    # render -o through a link, and a link whose target does not exist yet
    (tmp_path / "tender.md").symlink_to(synced / "tender.md")
    assert run_cli("render", str(EXAMPLE), "-o", str(tmp_path / "tender.md")).returncode == 0
    assert (tmp_path / "tender.md").is_symlink()
    assert (synced / "tender.md").read_text("utf-8").startswith("#")


# ------------------------------------------------------------- 3. standard output


@pytest.mark.parametrize("command", [["render", str(EXAMPLE)], ["validate", str(EXAMPLE)]])
def test_full_stdout_is_one_line_exit_2(command: list[str]) -> None:
    """``cc-rfp render ex.yaml > /dev/full`` gave exit 70 (internal error)."""
    if not Path("/dev/full").exists() or not stat.S_ISCHR(os.stat("/dev/full").st_mode):
        pytest.skip("no /dev/full")
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [*cc_rfp_executable(), *command],
            stdout=full,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            timeout=60,
        )
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == 2, result.stderr
    assert lines == ["cc-rfp: cannot write to standard output (No space left on device)"]


@pytest.mark.parametrize("out", [[], ["-o", "-"]])
def test_render_to_an_ascii_stdout_writes_the_utf8_document(out: list[str]) -> None:
    """``PYTHONIOENCODING=ascii cc-rfp render sv.yaml`` was an internal error (exit 70)."""
    plain = subprocess.run(
        [*cc_rfp_executable(), "render", str(EXAMPLE)], capture_output=True, timeout=60
    )
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    result = subprocess.run(
        [*cc_rfp_executable(), "render", str(EXAMPLE), *out],
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "ö".encode() in plain.stdout
    assert result.stdout == plain.stdout


@pytest.mark.parametrize("command", [["render", str(EXAMPLE)], ["questions"]])
def test_closed_pipe_exits_quietly(command: list[str]) -> None:
    """``cc-rfp render ex.yaml | head -1``: no traceback, no "internal error"."""
    child = subprocess.Popen(
        [*cc_rfp_executable(), *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # the reader is gone before cc-rfp writes a byte
    code = child.wait(timeout=60)
    assert child.stderr.read() == b""
    assert code == 1


@posix_only
def test_head_after_render_prints_no_error(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    text = EXAMPLE.read_text("utf-8")
    big.write_text(text.replace("business_idea:", "business_idea_x:", 0), "utf-8")
    script = f"{' '.join(cc_rfp_executable())} render {big} | head -1"
    result = subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, timeout=60
    )  # fmt: skip
    assert result.stdout.startswith("#")
    assert result.stderr == ""


# ------------------------------------------------------------- 4. leftovers of a kill -9


KILLED_RENDER = textwrap.dedent(
    """
    import os, sys, time
    real = os.replace

    def pause(*args, **kwargs):
        print("READY", flush=True)
        time.sleep(60)
        return real(*args, **kwargs)

    os.replace = pause
    from cc_rfp.cli import main
    sys.argv = ["cc-rfp", "render", sys.argv[1], "-o", sys.argv[2]]
    main()
    """
)


def test_kill_during_render_leaves_a_visible_temp_the_next_write_removes(
    tmp_path: Path,
) -> None:
    """``kill -9`` during ``render -o`` left a hidden ``.tender.md.XXXX.tmp`` for ever."""
    out = tmp_path / "tender.md"
    out.write_text("old tender\n", "utf-8")
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_RENDER, str(EXAMPLE), str(out)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "READY"
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert out.read_text("utf-8") == "old tender\n"
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p != out)
    assert len(leftovers) == 1, leftovers
    assert leftovers[0].startswith(f"tender.md.cc-rfp-{child.pid}-")
    assert leftovers[0].endswith(".tmp")  # visible (no leading dot), names its writer
    leftover = tmp_path / leftovers[0]
    old = time.time() - 2 * STALE_AFTER_SECONDS
    os.utime(leftover, (old, old))
    result = run_cli("render", str(EXAMPLE), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tender.md"]
    assert out.read_text("utf-8").startswith("#")


def test_only_stale_temps_of_dead_writers_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "answers.yaml"
    dead = dead_pid()
    names = {
        "stale": f"answers.yaml.cc-rfp-{dead}-abc123.tmp",
        "young": f"answers.yaml.cc-rfp-{dead}-def456.tmp",
        "alive": f"answers.yaml.cc-rfp-{os.getppid()}-aaa111.tmp",
        "other": f"tender.md.cc-rfp-{dead}-bbb222.tmp",
        "old-hidden": ".answers.yaml.x1y2z3w4.tmp",
        "user": "answers.yaml.bak",
    }
    now = time.time()
    for key, name in names.items():
        (tmp_path / name).write_text("partial", "utf-8")
        age = 0 if key == "young" else 2 * 3600
        os.utime(tmp_path / name, (now - age, now - age))
    removed = {p.name for p in remove_stale_temps(target)}
    assert removed == {names["stale"], names["old-hidden"]}
    atomic_write_text(target, "a: 1\n")
    left = sorted(p.name for p in tmp_path.iterdir())
    expected = [names[k] for k in ("young", "alive", "other", "user")] + ["answers.yaml"]
    assert left == sorted(expected)


# ------------------------------------------------------------- 5. read-only files


def test_read_only_tender_is_not_replaced_by_render(tmp_path: Path) -> None:
    out = tmp_path / "tender.md"
    out.write_text("signed-off version\n", "utf-8")
    os.chmod(out, 0o444)
    line = assert_one_line_error(run_cli("render", str(EXAMPLE), "-o", str(out)), 2)
    assert "is read-only; make it writable or choose another path" in line
    assert out.read_text("utf-8") == "signed-off version\n"


def test_interview_on_a_read_only_answers_file_is_refused_first(tmp_path: Path) -> None:
    path = tmp_path / "e.yaml"
    shutil.copyfile(EXAMPLE, path)
    os.chmod(path, 0o444)
    line = assert_one_line_error(run_cli("interview", str(path)), 2)
    assert "is read-only" in line


# ------------------------------------------------------------- 7. non-regular inputs


@posix_only
@pytest.mark.parametrize("command", ["validate", "render"])
def test_dev_zero_is_refused_without_reading_it(command: str) -> None:
    """``cc-rfp validate /dev/zero`` ran out of memory."""
    line = assert_one_line_error(run_cli(command, "/dev/zero", timeout=30), 2)
    assert "/dev/zero: is not a regular file (a device)" in line


@posix_only
def test_dev_zero_as_question_bank_is_refused() -> None:
    line = assert_one_line_error(run_cli("questions", "--questions", "/dev/zero", timeout=30), 2)
    assert "is not a regular file" in line


@posix_only
def test_fifo_input_does_not_hang(tmp_path: Path) -> None:
    """A FIFO with no writer made validate block for ever."""
    fifo = tmp_path / "answers.yaml"
    os.mkfifo(fifo)
    line = assert_one_line_error(run_cli("validate", str(fifo), timeout=30), 2)
    assert "is not a regular file (a named pipe)" in line


@posix_only
def test_twenty_megabytes_through_a_pipe_as_dev_stdin_is_refused_at_once() -> None:
    """20 MB piped to ``validate /dev/stdin`` took 96 s and 3.3 GB."""
    result = subprocess.run(
        [*cc_rfp_executable(), "validate", "/dev/stdin"],
        input=b"a: " + b"x" * (20 * 1024 * 1024) + b"\n",
        capture_output=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert b"is not a regular file (a pipe)" in result.stderr
    assert result.stderr.count(b"\n") == 1


@posix_only
def test_dev_stdin_redirected_from_a_file_still_works() -> None:
    with EXAMPLE.open("rb") as source:
        result = subprocess.run(
            [*cc_rfp_executable(), "validate", "/dev/stdin"],
            stdin=source,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 0, result.stderr


# ------------------------------------------------------------- 8. messages that say what is wrong


def test_a_file_where_a_folder_should_be_is_named_as_such(answers: Path) -> None:
    """Not "folder w.yaml does not exist" when w.yaml exists and is a file."""
    folder = answers.parent
    line = assert_one_line_error(run_cli("render", "w.yaml", "-o", "w.yaml/t.md", cwd=folder), 2)
    assert "w.yaml is a file, not a folder" in line and "does not exist" not in line
    line = assert_one_line_error(run_cli("validate", "w.yaml/x.yaml", cwd=folder), 2)
    assert "w.yaml is a file, not a folder" in line
    line = assert_one_line_error(run_cli("schema", "-o", "w.yaml", cwd=folder), 2)
    assert "is a file, not a folder" in line
    line = assert_one_line_error(run_cli("render", "w.yaml", "-o", "nope/t.md", cwd=folder), 2)
    assert "folder nope does not exist" in line
