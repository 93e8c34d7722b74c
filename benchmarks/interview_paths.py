"""How long each interview path takes: prompts counted by driving the real ``cc-rfp interview``.

Runs the installed ``cc-rfp interview`` in a pseudo-terminal (pexpect, 40x80) on a new answers
file with the built-in bank, twice: the essentials path (``--essentials``, then write the
draft) and the full path (every question that applies, in order). A driver reads each prompt
off the screen, finds the question (or sub-prompt) it belongs to in the bank, and answers it
the way a consultant would with a client: a short realistic answer typed for text, figures
and dates, a row of figures for tables, Enter on a list whose default fits, one row for a
list of records, a KPI target. Every answered prompt is counted by kind.

A consultant's time is then estimated from those counts with a stated model (seconds per
prompt kind, below), because the interview's own time is negligible next to the
conversation: the machine time of each run is printed too, measured, to show that.

    .venv/bin/python benchmarks/interview_paths.py            # both paths
    .venv/bin/python benchmarks/interview_paths.py --keep DIR  # keep the answers files

Needs pexpect (a test dependency) and a POSIX terminal.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import termios
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pexpect

from cc_rfp.core.bank import Bank, load_bank, text

ENTER, DOWN, SPACE = "\r", "\x1b[B", " "
DRAWN = re.compile(r"\x1b\[\?7h(?:\x1b\[(?:0m|\?12[lh]|\?25[lh]))*$")
"""How prompt_toolkit's renderer ends a draw: autowrap back on, then at most the attributes
reset and the cursor's blink and visibility set."""
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[=>]|\x1b\][^\x07]*\x07")

SECONDS = {
    "select": 10,  # read the question and the options aloud, pick one
    "tick": 15,  # a list with several picks
    "short": 20,  # a name, a figure, a date typed
    "long": 75,  # a description agreed with the client and typed
    "row": 60,  # a row of figures read off a printout (12 months, 7 days, 24 hours)
    "sub": 8,  # a confirmation, a note, a menu step inside a question
}
"""The consultant-time model: seconds per prompt kind, talking with the client included.
Stated, not measured: it turns measured prompt counts into minutes."""

SUB_PROMPTS = {
    "Which KPI?": ("sub", ENTER),
    "For which channel?": ("sub", ENTER),
    "target in %": ("short", "80" + ENTER),
    "target in seconds": ("short", "20" + ENTER),
    "target in hours": ("short", "24" + ENTER),
    "Mandatory or desirable?": ("sub", ENTER),
    "Measurement interval?": ("sub", ENTER),
    "Reporting frequency?": ("sub", ENTER),
    "How is it measured?": ("sub", ENTER),
    "Is this right?": ("sub", ENTER),
    "Note (optional)": ("sub", ENTER),
}


PATTERN_EXAMPLES = {r"^\d{6}-\d{4}$": "556123-4567"}
"""Answers for text questions with a pattern; any other pattern is answered "don't know yet"."""


@dataclass
class Run:
    """One path driven to its end: prompts by kind, questions met, machine time."""

    name: str
    kinds: Counter[str] = field(default_factory=Counter)
    questions: set[str] = field(default_factory=set)
    wall: float = 0.0
    idle: float = 0.0
    exit_code: int | None = None

    @property
    def prompts(self) -> int:
        return sum(self.kinds.values())

    def minutes(self) -> float:
        return sum(SECONDS[k] * n for k, n in self.kinds.items()) / 60


def _executable() -> list[str]:
    script = Path(sys.executable).parent / "cc-rfp"
    if script.exists():
        return [str(script)]
    found = shutil.which("cc-rfp")
    return [found] if found else [sys.executable, "-m", "cc_rfp"]


class Driver:
    """Answers whatever the interview asks, by finding the prompt's text in the bank."""

    IDLE = 0.25
    """Seconds without output that mean the screen is idle, when the terminal cannot say more."""

    SETTLE = 0.02
    """Seconds without output after a prompt has drawn itself and reads keys: enough for the
    last write of the same draw, a tenth of ``IDLE`` (which cost a quarter second a prompt)."""

    def __init__(self, child: pexpect.spawn, bank: Bank, run: Run) -> None:
        self.child = child
        self.bank = bank
        self.run = run
        self.by_text = {
            text(q.text, "en"): q.id for q in bank.questions.values() if text(q.text, "en")
        }
        self.record: str | None = None
        self.rows_added: set[str] = set()
        self.table: str | None = None
        self.last: tuple[str, int] | None = None
        self.repeats = 0
        self.screen = ""

    def read(self, limit: float = 60) -> str:
        """Output until the screen is idle; raises EOFError when the program ended."""
        out = ""
        start = time.monotonic()
        while True:
            began = time.monotonic()
            quiet = self.SETTLE if self.prompt_drawn(out) else self.IDLE
            try:
                out += self.child.read_nonblocking(1 << 16, timeout=quiet)
            except pexpect.TIMEOUT:
                self.run.idle += time.monotonic() - began
                if out:
                    return ANSI.sub("", out)
                if time.monotonic() - start > limit:
                    raise AssertionError(
                        f"no prompt after {limit} s:\n{self.screen[-2000:]}"
                    ) from None
            except pexpect.EOF:
                self.screen += ANSI.sub("", out)
                raise EOFError from None

    def prompt_drawn(self, out: str) -> bool:
        """A prompt reads keys (prompt_toolkit's raw mode: no ICANON, no ISIG on the pty) and
        the output so far ends as a draw of prompt_toolkit's renderer ends (``DRAWN``)."""
        if not DRAWN.search(out):
            return False
        try:
            lflag = termios.tcgetattr(self.child.child_fd)[3]
        except (termios.error, OSError):
            return False
        return not lflag & (termios.ICANON | termios.ISIG)

    def where(self, screen: str) -> tuple[str, str, int]:
        """The last prompt on ``screen``: (kind of match, key, position)."""
        found: list[tuple[int, str, str]] = []
        for words, qid in self.by_text.items():
            at = screen.rfind(words)
            if at >= 0:
                found.append((at + len(words), "question", qid))
        for words in SUB_PROMPTS:
            at = screen.rfind(words)
            if at >= 0:
                found.append((at + len(words), "sub", words))
        for match in re.finditer(r"(\d+) values, ", screen):
            found.append((match.end(), "row", match.group(1)))
        if self.record:
            for f in self.bank.questions[self.record].fields or []:
                label = text(f.label, "en")
                at = screen.rfind(f"? {label}")
                if at >= 0:
                    found.append((at + len(label) + 2, "field", f.id))
        for words in ("What now?",):
            at = screen.rfind(words)
            if at >= 0:
                found.append((at + len(words), "review", words))
        if not found:
            return ("none", "", -1)
        at, kind, key = max(found)
        return (kind, key, at)

    def answer_loop(self, review_keys: str) -> None:
        """Answer prompts until the review menu; then send ``review_keys``; wait for the end."""
        while True:
            try:
                screen = self.read()
            except EOFError:
                return
            self.screen += screen
            kind, key, _ = self.where(screen)
            if kind == "review" and "Write the document" in screen:
                self.child.send(review_keys)
                self.run.kinds["sub"] += 1
                continue
            keys, counted = self.keys_for(kind, key, screen)
            mark = (kind, hash(key))
            self.repeats = self.repeats + 1 if mark == self.last and kind != "question" else 0
            if self.repeats > 4:
                raise AssertionError(f"stuck at {kind} {key}:\n{screen[-1500:]}")
            self.last = mark
            self.run.kinds[counted] += 1
            self.child.send(keys)

    def keys_for(self, kind: str, key: str, screen: str) -> tuple[str, str]:
        """The keys that answer this prompt, and the prompt kind they count as."""
        if kind == "sub":
            counted, keys = SUB_PROMPTS[key]
            return keys, counted
        if kind == "row":
            return self.row(int(key)), "row"
        if kind == "field":
            assert self.record is not None
            f = next(f for f in self.bank.questions[self.record].fields or [] if f.id == key)
            return self.scalar(f.type, f.id, getattr(f, "default", None), f.min, f.max, screen)
        if kind == "question":
            q = self.bank.questions[key]
            self.run.questions.add(key)
            if q.type in ("records", "kpis"):
                self.record = key if q.type == "records" else None
                # First the menu adds a row; once a row is in, its default is "Done".
                first = key not in self.rows_added
                self.rows_added.add(key)
                return ENTER, "select" if first else "sub"
            if q.type == "table":
                self.table = key
                return ENTER, "sub"  # "paste or type a row" (or keep)
            if q.type in ("ranking", "hours"):
                return ENTER, "select"
            return self.scalar(q.type, q.id, q.default, q.min, q.max, screen)
        # Something unrecognised: a list takes its default, a text prompt Enter.
        return ENTER, "sub"

    def row(self, count: int) -> str:
        q = self.bank.questions[self.table] if self.table else None
        if q is not None and q.sum is not None:
            if count == 24:
                shares = [0] * 8 + [10, 12, 12, 10, 9, 9, 9, 8, 8, 13] + [0] * 6  # 08-18
            elif count == 7:
                shares = [22, 20, 20, 19, 19, 0, 0]  # weekdays: the default hours close weekends
            else:
                shares = [1] * count
            return " ".join(map(str, shares[:count])) + ENTER
        months = [5200, 4800, 4600, 4100, 3900, 3500, 3000, 3300, 4200, 4600, 5600, 6400]
        return " ".join(map(str, months[:count] if count == 12 else [1000] * count)) + ENTER

    def scalar(
        self, kind: str, qid: str, default: Any, low: Any, high: Any, screen: str
    ) -> tuple[str, str]:
        if kind in ("choice", "yesno"):
            return ENTER, "select"
        if kind == "multichoice":
            ticked = "●" in screen.rsplit("?", 1)[-1] or default
            return (ENTER if ticked else SPACE + ENTER), "tick"
        if kind == "longtext":
            return "Described with the client in a few sentences." + ENTER + ENTER, "long"
        if kind == "date":
            return ("2027-09-30" if "deadline" in qid else "2028-01-01") + ENTER, "short"
        if kind == "text":
            pattern = getattr(self.bank.questions.get(qid), "pattern", None)
            if pattern:
                example = PATTERN_EXAMPLES.get(pattern)
                return (example + ENTER if example else "!" + ENTER), "short"
            if "email" in qid:
                return "anna.berg@example.se" + ENTER, "short"
            return "Example answer" + ENTER, "short"
        if kind in ("integer", "decimal", "percent"):
            if default is not None:
                return ENTER, "select"  # the suggested figure is prefilled; Enter keeps it
            figure = 300 if "aht" in qid else 50 if kind == "percent" else 10
            if low is not None:
                figure = max(figure, low)
            if high is not None:
                figure = min(figure, high)
            return f"{figure}{ENTER}", "short"
        return ENTER, "sub"


def drive(name: str, folder: Path, *args: str, review_keys: str = ENTER) -> Run:
    """Run ``cc-rfp interview ARGS`` in ``folder`` to its end; the counts and times."""
    run = Run(name)
    bank = load_bank(None)
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "80", "LINES": "40"}
    env["PROMPT_TOOLKIT_NO_CPR"] = "1"
    command, *rest = _executable()
    start = time.perf_counter()
    child = pexpect.spawn(
        command,
        [*rest, "interview", *args],
        cwd=str(folder),
        env=env,
        dimensions=(40, 80),
        encoding="utf-8",
        timeout=60,
    )
    child.delaybeforesend = None
    driver = Driver(child, bank, run)
    driver.answer_loop(review_keys)
    child.close()
    run.wall = time.perf_counter() - start
    run.exit_code = child.exitstatus
    return run


def report(runs: list[Run]) -> str:
    model = ", ".join(f"{k} {v} s" for k, v in SECONDS.items())
    lines = [f"consultant-time model (seconds per prompt): {model}"]
    for r in runs:
        by_kind = ", ".join(f"{k} {n}" for k, n in sorted(r.kinds.items()))
        lines.append(
            f"{r.name}: {len(r.questions)} questions, {r.prompts} prompts ({by_kind}); "
            f"estimated {r.minutes():.0f} min with a client; machine {r.wall:.1f} s wall "
            f"of which {r.idle:.1f} s the driver waiting for idle screens; exit {r.exit_code}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="copy the answers files here")
    args = parser.parse_args()
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, extra in (("essentials", ["--essentials"]), ("full", [])):
            folder = Path(tmp) / name
            folder.mkdir()
            runs.append(
                drive(name, folder, "answers.yaml", "--lang", "en", "-o", "tender.md", *extra)
            )
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                shutil.copy(folder / "answers.yaml", args.keep / f"{name}.yaml")
    print(report(runs))


if __name__ == "__main__":
    main()
