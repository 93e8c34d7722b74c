"""Every command that reads a file, given every kind of bad file: one line, exit 2, quickly.

Files with a UTF-8 byte-order mark or CRLF line endings that are otherwise fine are read. A
file whose size says less than it holds is still read bounded.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from cc_rfp.errors import InputError
from cc_rfp.io.yamlio import read_text
from tests.conftest import EXAMPLE, assert_one_line_error, run_cli

BOMB = (
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
    "answers: *g\n"
)


def make(kind: str, path) -> str:
    """Create a bad input of ``kind`` at ``path``; return a word the error must contain."""
    if kind == "missing":
        return "no such"
    if kind == "directory":
        path.mkdir()
        return "directory"
    contents = {
        "empty": (b"", "empty"),
        "binary": (bytes(range(256)) * 4, "binary"),
        "utf16": ("answers:\n  buyer_name: Å\n".encode("utf-16"), "UTF-16"),
        "latin1": ("answers:\n  buyer_name: Åsa\n".encode("latin-1"), "UTF-8"),
        "bomb": (BOMB.encode(), "alias"),
        "duplicate": (b"answers:\n  buyer_name: A\n  buyer_name: B\n", "buyer_name"),
        "syntax": (b"answers:\n  buyer_name: [A\n  x: 1\n", ":"),
    }
    if kind == "huge":
        with path.open("wb") as handle:
            handle.write(b"answers:\n  buyer_name: ")
            handle.truncate(50 * 1024 * 1024)
        return "too large"
    data, needle = contents[kind]
    path.write_bytes(data)
    return needle


KINDS = ["missing", "directory", "empty", "binary", "utf16", "latin1", "bomb", "duplicate"]
KINDS += ["syntax", "huge"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    "command",
    [
        ["validate", "{path}"],
        ["render", "{path}", "-o", "{out}"],
        ["staffing", "{path}"],
        ["questions", "--questions", "{path}"],
        ["schema", "-o", "{dir}", "--questions", "{path}"],
    ],
    ids=["validate", "render", "staffing", "questions-bank", "schema-bank"],
)
def test_bad_file(tmp_path, kind, command):
    path = tmp_path / "input.yaml"
    needle = make(kind, path)
    out = tmp_path / "out.md"
    args = [a.format(path=path, out=out, dir=tmp_path) for a in command]
    start = time.monotonic()
    result = run_cli(*args, timeout=60)
    line = assert_one_line_error(result, 2)
    assert needle in line, line
    assert time.monotonic() - start < 30
    assert not out.exists()


@pytest.mark.parametrize("variant", ["bom", "crlf", "both"])
def test_bom_and_crlf_are_simply_read(tmp_path, variant):
    data = EXAMPLE.read_bytes()
    if variant in ("crlf", "both"):
        data = data.replace(b"\n", b"\r\n")
    if variant in ("bom", "both"):
        data = b"\xef\xbb\xbf" + data
    path = tmp_path / "answers.yaml"
    path.write_bytes(data)
    assert run_cli("validate", str(path)).returncode == 0
    plain = run_cli("render", str(EXAMPLE), "--lang", "en")
    result = run_cli("render", str(path), "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert result.stdout == plain.stdout


def test_interview_without_terminal_reads_nothing(tmp_path):
    path = tmp_path / "answers.yaml"
    path.write_bytes(b"\x00\x01")
    line = assert_one_line_error(run_cli("interview", str(path)), 2)
    assert "cc-rfp render" in line and "cc-rfp validate" in line
    assert path.read_bytes() == b"\x00\x01"


@pytest.mark.parametrize("kind", ["directory", "empty", "binary", "utf16", "bomb", "duplicate"])
def test_interview_in_a_terminal_refuses_bad_files(tmp_path, kind):
    """In a real terminal the interview reads the file first: same one line, exit 2."""
    pexpect = pytest.importorskip("pexpect")
    import os

    from tests.conftest import cc_rfp_executable

    path = tmp_path / "answers.yaml"
    needle = make(kind, path)
    before = path.read_bytes() if path.is_file() else None
    command = cc_rfp_executable()
    child = pexpect.spawn(
        command[0],
        [*command[1:], "interview", str(path)],
        env={**os.environ, "TERM": "xterm", "NO_COLOR": "1"},
        dimensions=(30, 80),
        encoding="utf-8",
        timeout=30,
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
    lines = [line for line in child.before.splitlines() if line.strip()]
    assert len(lines) == 1 and needle in lines[0] and "Traceback" not in child.before
    if before is not None:
        assert path.read_bytes() == before


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="needs Linux /proc")
def test_read_is_bounded_even_when_the_size_check_is_passed() -> None:
    """A regular file whose size says 0 (or that grows after the check) is read bounded."""
    status = Path("/proc/self/status")
    assert status.stat().st_size == 0 and len(status.read_bytes()) > 200
    with pytest.raises(InputError, match="far too large"):
        read_text(status, max_bytes=100)
    assert "Name:" in read_text(status, max_bytes=100_000)
