"""A pseudo-terminal running the installed ``cc-rfp`` (pexpect): keys in, screen out.

Shared by the end-to-end interview tests. Keys are sent the way a person types them: once a
prompt is there to read them (see ``Terminal.press``).
"""

from __future__ import annotations

import os
import re
import termios
import time
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
        self.child.delaybeforesend = None  # ``press`` waits for a reading prompt instead
        self.seen = ""

    def wait(self, text: str) -> None:
        """Wait until ``text`` is on screen (the output since the last wait)."""
        try:
            self.child.expect_exact(text)
        except pexpect.TIMEOUT:  # pragma: no cover - shows what was on screen instead
            raise AssertionError(f"never saw {text!r}; last output:\n{self.child.before}") from None
        self.seen += (self.child.before or "") + text

    def reading(self) -> bool:
        """Whether a prompt is reading keys: prompt_toolkit's raw mode (no ICANON, no ISIG).

        Only then is a key a keystroke for the prompt. Between two prompts the terminal is
        in cooked mode: the line discipline turns Ctrl-C into SIGINT, echoes what is typed
        and makes Enter a newline, so a key sent then takes another path than a person's.
        (The pty master reports the slave's termios.)
        """
        lflag = termios.tcgetattr(self.child.child_fd)[3]
        return not lflag & (termios.ICANON | termios.ISIG)

    def press(self, keys: str) -> None:
        """Send ``keys`` once a prompt reads them, as a person types once it is drawn.

        prompt_toolkit enters raw mode before it draws a prompt, but a question's text is
        often on screen before its prompt runs (a menu pick is echoed as "Continue where you
        were (section 6: Hours per FTE and week?)"). A key sent on seeing the text then
        arrived in cooked mode: Ctrl-C as SIGINT, which Python drops when its handler runs
        inside a weakref callback or finalizer (only "Exception ignored" is printed), and
        the prompt came up and waited for ever. Output is read meanwhile (kept for
        ``wait``), so a process writing a full screen is never blocked on a full pty.
        """
        deadline = time.monotonic() + float(self.child.timeout or 20)
        while not self.reading():
            if time.monotonic() > deadline:  # pragma: no cover - shows what was on screen
                raise AssertionError(f"no prompt reads keys; last output:\n{self.child.before}")
            if self.child.expect([pexpect.TIMEOUT, pexpect.EOF], timeout=0.005) == 1:
                raise AssertionError(f"cc-rfp ended before reading {keys!r}: {self.child.before}")
        self.child.send(keys)

    def answer(self, prompt: str, keys: str) -> None:
        """Wait until ``prompt`` is on screen, then type ``keys`` into the prompt reading."""
        self.wait(prompt)
        self.press(keys)

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
