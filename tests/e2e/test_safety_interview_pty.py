"""Issue 8 in a real terminal: the installed ``cc-rfp interview`` in a pseudo-terminal.

The reported commands, keystroke by keystroke: Ctrl-C inside the opening hours of the example
file, a multi-paragraph paste in a terminal without bracketed paste, an ASCII-only terminal,
and a folder that stops being writable halfway through.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLE, run_cli
from interview_support import ENTER
from terminal import CTRL_C, Terminal

from cc_rfp.core.answers import load_answers

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs a pseudo-terminal")

CLEAR = "\x15"  # Ctrl-U: the pre-filled one-line text is gone
HELP_LINE = "Help for this question"  # the last line of every question menu

SMALL_BANK = """\
version: 1
guide_points: {}
keysets: []
kpi_catalogue: []
sections:
  - id: about
    title: {sv: Om, en: About}
    questions:
      - id: business_idea
        type: longtext
        text: {sv: "Beskriv affärsidén.", en: "Describe the business idea."}
      - id: buyer_name
        type: text
        text: {sv: "Vad heter företaget?", en: "What is the company called?"}
      - id: city
        type: text
        text: {sv: "Vilken stad?", en: "Which city?"}
"""


def example_copy(folder: Path) -> Path:
    path = folder / "e.yaml"
    shutil.copy(EXAMPLE, path)
    return path


def raw_answers(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["answers"]


# ----------------------------------------------------- 1. Ctrl-C inside the opening hours


def test_ctrl_c_at_the_second_channel_keeps_all_opening_hours(tmp_path: Path) -> None:
    """`cc-rfp interview e.yaml --section service`, Enter x3, Ctrl-C at the second channel."""
    path = example_copy(tmp_path)
    before = raw_answers(path)["opening_hours"]
    t = Terminal(tmp_path, "interview", "e.yaml", "--section", "service", "--lang", "en")
    for _ in range(3):
        t.answer(HELP_LINE, ENTER)
    t.wait("Which opening hours apply per channel? – Email")
    t.wait(HELP_LINE)
    t.press(CTRL_C)
    assert t.finish() == 130
    after = raw_answers(path)["opening_hours"]
    assert after == before
    assert set(after) == {"phone", "email", "chat"}


def test_staffing_still_counts_chat_after_that_ctrl_c(tmp_path: Path) -> None:
    """The report's consequence: chat's hours gone made staffing drop from 10.5 to 7.9 FTE."""
    path = example_copy(tmp_path)
    untouched = run_cli("staffing", str(path), "--lang", "en", cwd=tmp_path)
    t = Terminal(tmp_path, "interview", "e.yaml", "--section", "service", "--lang", "en")
    for _ in range(3):
        t.answer(HELP_LINE, ENTER)
    t.wait("Which opening hours apply per channel? – Email")
    t.wait(HELP_LINE)
    t.press(CTRL_C)
    assert t.finish() == 130
    again = run_cli("staffing", str(path), "--lang", "en", cwd=tmp_path)
    assert again.returncode == untouched.returncode
    assert again.stdout == untouched.stdout


# ------------------------------------------------ 3. a paste without bracketed paste


def _paste_session(tmp_path: Path) -> Terminal:
    (tmp_path / "bank.yaml").write_text(SMALL_BANK, encoding="utf-8")
    (tmp_path / "a.yaml").write_text(
        "cc_rfp:\n  format: 1\n  language: en\nanswers:\n"
        "  business_idea: Old idea.\n  buyer_name: Acme\n  city: Lund\n",
        encoding="utf-8",
    )
    t = Terminal(tmp_path, "interview", "a.yaml", "--questions", "bank.yaml", "--section", "about")
    # pexpect writes plain bytes, as a terminal without bracketed paste delivers a paste:
    # keystrokes in one read, newlines as Enter (CR).
    return t


def test_a_multi_paragraph_paste_stays_in_its_question(tmp_path: Path) -> None:
    t = _paste_session(tmp_path)
    t.wait("Describe the business idea.")
    t.wait("Old idea.")
    paste = "We sell shoes.\r\rOnline and in two shops.\r"
    t.press(CLEAR + paste)  # one write: how a terminal delivers a paste
    t.wait("two shops.")
    time.sleep(0.3)
    t.press(ENTER)  # the person's own Enter on the empty line finishes
    t.answer("What is the company called?", ENTER)  # kept
    t.answer("Which city?", CTRL_C)
    assert t.finish() == 130
    values = load_answers(tmp_path / "a.yaml").values
    assert values["business_idea"] == "We sell shoes.\n\nOnline and in two shops."
    assert values["buyer_name"] == "Acme"
    assert values["city"] == "Lund"


def test_a_paste_with_line_breaks_into_a_one_line_question_stays_there(
    tmp_path: Path,
) -> None:
    t = _paste_session(tmp_path)
    t.answer("Describe the business idea.", ENTER)  # kept
    t.wait("What is the company called?")
    t.press(CLEAR + "Acme AB\rNorth branch\r")  # a two-line paste into one line
    t.wait("branch")
    time.sleep(0.3)
    t.press(ENTER)
    t.answer("Which city?", CTRL_C)
    assert t.finish() == 130
    values = load_answers(tmp_path / "a.yaml").values
    assert values["city"] == "Lund"  # nothing spilled into the next question
    assert values["buyer_name"].startswith("Acme AB")
    assert "North branch" in values["buyer_name"]


# ------------------------------------------------------------ 6. an ASCII-only terminal


def test_an_ascii_terminal_degrades_instead_of_crashing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`PYTHONIOENCODING=ascii cc-rfp interview e.yaml`: å, ä, ö, table lines and chart bars."""
    monkeypatch.setenv("PYTHONIOENCODING", "ascii")
    path = example_copy(tmp_path)
    before = path.read_bytes()
    t = Terminal(tmp_path, "interview", "e.yaml", "--section", "volumes")  # Swedish file
    t.wait("Svarsfil: e.yaml")
    t.wait("volymerna?")  # the first question (a text prompt)
    t.press(ENTER)
    t.wait("samtal per m")  # the calls table: "Behåll" is offered, Enter keeps
    t.wait("Hj?lp")
    t.press(ENTER)
    t.wait("#")  # its bar chart, in ASCII
    t.wait("Hj?lp")  # the next question is shown: the interview goes on
    t.press(CTRL_C)
    assert t.finish() == 130
    assert "internal error" not in t.seen
    assert "UnicodeEncodeError" not in t.seen
    assert "Pausad." in t.seen
    assert load_answers(path).values == load_answers_bytes(before, tmp_path)


def load_answers_bytes(data: bytes, folder: Path) -> dict:
    copy = folder / "before.yaml"
    copy.write_bytes(data)
    return load_answers(copy).values
