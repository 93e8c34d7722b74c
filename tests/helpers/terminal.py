"""A pseudo-terminal running the installed ``cc-rfp`` (pexpect): keys in, screen out.

Shared by the end-to-end interview tests.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pexpect
from conftest import cc_rfp_executable

CTRL_C = "\x03"
SGR = re.compile(r"\x1b\[([0-9;]*)m")


class Terminal:
    """One ``cc-rfp`` run in a 40x80 pseudo-terminal, driven like a person would."""

    def __init__(self, folder: Path, *args: str, no_color: bool = False) -> None:
        env = {**os.environ, "TERM": "xterm", "COLUMNS": "80", "LINES": "40"}
        # pexpect is no terminal emulator and cannot answer prompt_toolkit's cursor-position
        # request; real terminals do.
        env["PROMPT_TOOLKIT_NO_CPR"] = "1"
        env.pop("NO_COLOR", None)
        if no_color:
            env["NO_COLOR"] = "1"
        command, *rest = cc_rfp_executable()
        self.child = pexpect.spawn(
            command,
            [*rest, *args],
            cwd=str(folder),
            env=env,
            dimensions=(40, 80),
            encoding="utf-8",
            timeout=20,
        )
        self.child.delaybeforesend = None  # prompt_toolkit keeps typeahead; no need to wait
        self.seen = ""

    def wait(self, text: str) -> None:
        """Wait until ``text`` is on screen (the output since the last wait)."""
        try:
            self.child.expect_exact(text)
        except pexpect.TIMEOUT:  # pragma: no cover - shows what was on screen instead
            raise AssertionError(f"never saw {text!r}; last output:\n{self.child.before}") from None
        self.seen += (self.child.before or "") + text

    def answer(self, prompt: str, keys: str) -> None:
        self.wait(prompt)
        self.child.send(keys)

    def finish(self) -> int:
        self.child.expect(pexpect.EOF)
        self.seen += self.child.before or ""
        self.child.close()
        return int(self.child.exitstatus if self.child.exitstatus is not None else -1)


def colours(raw: str) -> list[str]:
    """SGR parameters that set a colour (30-38, 40-48, 90-97, 100-107)."""
    found = []
    for params in SGR.findall(raw):
        for part in params.split(";"):
            if part.isdigit() and (30 <= int(part) <= 48 or 90 <= int(part) <= 107):
                found.append(params)
    return found
