"""Issue 12 in a real pseudo-terminal, with the built-in bank: the pieces the other pty files
leave out.

- a one-option language list starts ticked (problem 8: it started empty, then said "needs at
  least 1 rows");
- ``--essentials`` from an empty file yields a complete draft: ``render --draft`` works on it
  and ``validate`` names no required question left open;
- on a partial file (monthly volumes, weekday split, opening hours and peak hours, no hourly
  curve) the interview's staffing note is computed, not "no channel can be computed"
  (problem 1 as the consultant sees it).

Selling defaulting to "no" once the client picked no selling among the revenue tasks is
checked in-process in ``tests/interview/test_interview_session.py``.

Same terminal as ``test_interview_pty.py`` (TERM=xterm, 40x80, PROMPT_TOOLKIT_NO_CPR=1). The
essentials path is driven by ``benchmarks/interview_paths.py``'s driver, which answers each
prompt by the type of the question it finds on the screen, so the bank can grow without
this test listing keys.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from conftest import REPO, run_cli
from interview_support import ENTER
from terminal import Terminal

from cc_rfp.core.answers import Answers, load_answers, save_answers
from cc_rfp.core.bank import load_bank

pytest.importorskip("pexpect")
pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs a pseudo-terminal")

CTRL_C = "\x03"
PARTIAL = REPO / "tests" / "data" / "partial-utility.yaml"


def test_a_one_option_language_list_starts_ticked(tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    answers = Answers(
        values={"buyer_name": "Norrkraft Energi AB", "channels": ["phone"]}, language="en"
    )
    answers.values["languages_served"] = ["sv"]
    answers.position = "service_languages"
    save_answers(path, answers, load_bank(None).order)
    t = Terminal(tmp_path, "interview", "answers.yaml", "--lang", "en")
    t.answer("Continue where you were", ENTER)
    t.wait("In which languages shall the supplier serve customers?")
    t.wait("● Swedish")  # ticked from the start: Enter takes it
    t.press(ENTER)
    t.answer("Shall calls be recorded?", CTRL_C)  # the next question: the list was taken
    assert t.finish() == 130
    assert "needs at least" not in t.seen
    assert load_answers(path).values["service_languages"] == ["sv"]


def test_essentials_give_a_complete_draft(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import interview_paths
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    run = interview_paths.drive(
        "essentials", tmp_path, "answers.yaml", "--lang", "en", "-o", "t.md", "--essentials"
    )
    assert run.exit_code == 0
    bank = load_bank(None)
    essential = {q.id for q in bank.questions.values() if q.required or q.essential}
    answered = set(load_answers(tmp_path / "answers.yaml").values)
    assert essential & run.questions == essential & answered
    assert (tmp_path / "t.md").exists()  # the review's "write the document"
    checked = run_cli("validate", str(tmp_path / "answers.yaml"))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "required" not in checked.stdout + checked.stderr
    out = str(tmp_path / "d.md")
    draft = run_cli("render", str(tmp_path / "answers.yaml"), "--draft", "-o", out)
    assert draft.returncode == 0, draft.stderr
    assert (tmp_path / "d.md").read_text(encoding="utf-8").strip()


def test_a_partial_file_gets_a_staffing_note(tmp_path: Path) -> None:
    shutil.copy(PARTIAL, tmp_path / "answers.yaml")
    values = load_answers(tmp_path / "answers.yaml").values
    assert not isinstance(values.get("intraday_share"), dict)  # no hourly curve
    assert values["peak_hours"] and values["weekday_share"] and values["volume_phone"]
    t = Terminal(tmp_path, "interview", "answers.yaml", "--lang", "en", "-s", "kpis")
    t.answer("Which targets shall the supplier meet?", ENTER)  # the rows as they are
    t.wait("What these targets imply:")
    t.wait("Phone: ")
    t.wait("FTE (Erlang")  # phone sized from monthly volumes, weekday split and peak hours
    t.wait("Busiest month: ")
    t.wait("The intraday or weekday curve is an assumption")
    t.answer("How did you arrive at the targets?", CTRL_C)
    assert t.finish() == 130
    assert "No staffing estimate" not in t.seen
    assert "no channel can be computed" not in t.seen
