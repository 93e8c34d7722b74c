"""Issue 12 in a real pseudo-terminal: what a consultant types with a client in the room.

Each test reproduces one numbered problem of the issue and shows it fixed: a revisit that
changed an unknown into the default (2), a row typed onto the old one (3), figures refused
as people type them (4), resume starting over (5), help and "don't know yet" inside KPI rows
(6). Same harness as ``test_interview_pty.py``: TERM=xterm, 40x80, PROMPT_TOOLKIT_NO_CPR=1.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from interview_support import DOWN, ENTER, FULL_ANSWERS, UP, write_renderable_bank
from terminal import Terminal

from cc_rfp.core.answers import Answers, Unknown, load_answers, save_answers

pytest.importorskip("pexpect")
pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs a pseudo-terminal")

CTRL_C = "\x03"


def _file(folder: Path, **changes: object) -> Path:
    write_renderable_bank(folder)
    values = {**FULL_ANSWERS, **changes}
    path = folder / "answers.yaml"
    save_answers(path, Answers(values=values, language="en"))
    return path


def _stop_at_review(t: Terminal) -> int:
    t.answer("What now?", DOWN + DOWN + ENTER)  # stop without writing
    return t.finish()


def test_enter_on_a_revisited_unknown_keeps_it_unknown(tmp_path: Path) -> None:
    """Problem 2: the field was prefilled with the default and Enter saved it."""
    path = _file(tmp_path, chat_concurrency=Unknown("ask the vendor"), fte_hours_per_week=Unknown())
    t = Terminal(tmp_path, "interview", "answers.yaml", "--questions", "bank.yaml", "-s", "kpis")
    t.answer("KPI targets", ENTER)  # Done: the rows as they are
    t.wait("now: don't know yet, Enter keeps it, suggested: 2")
    t.press(ENTER)  # the unknown and its note, as they were
    t.answer("Hours per FTE and week?", ENTER)
    assert _stop_at_review(t) == 0
    values = load_answers(path).values
    assert values["chat_concurrency"] == Unknown("ask the vendor")
    assert values["fte_hours_per_week"] == Unknown()


def test_a_prefilled_row_is_replaced_and_one_figure_fills_the_year(tmp_path: Path) -> None:
    """Problem 3 (a row appended to the old one) and the flat 4,000 typed twelve times."""
    path = _file(tmp_path)
    t = Terminal(tmp_path, "interview", "answers.yaml", "--questions", "bank.yaml", "-s", "volumes")
    t.answer("Calls per month", DOWN + ENTER)  # paste or type a row
    t.answer("12 values,", "4 000/mån" + ENTER)
    t.answer("Is this right?", ENTER)
    t.answer("Handling time per call?", CTRL_C)
    assert t.finish() == 130
    assert set(load_answers(path).values["volume_phone"].values()) == {4000}


@pytest.mark.parametrize(("typed", "seconds"), [("5:30", 330), ("330 s", 330), ("5 min", 300)])
def test_handling_time_as_people_type_it(tmp_path: Path, typed: str, seconds: int) -> None:
    """Problem 4: "330 s" and "5:30" were refused; the answer line says how it was read."""
    path = _file(tmp_path)
    t = Terminal(tmp_path, "interview", "answers.yaml", "--questions", "bank.yaml", "-s", "volumes")
    t.answer("Calls per month", ENTER)  # keep
    t.answer("Handling time per call?", typed + ENTER)  # typing replaces the old 240
    if typed != f"{seconds} s":
        t.wait(f"→ {seconds} seconds")
    t.answer("Answer rate today?", "80 %" + ENTER)
    t.answer("Share per weekday", CTRL_C)
    assert t.finish() == 130
    values = load_answers(path).values
    assert values["aht_phone"] == seconds and values["current_answer_rate"] == 80


def test_service_level_as_80_60_and_help_and_dont_know_in_kpi_rows(tmp_path: Path) -> None:
    """Problems 4 and 6: "80/60" read as two targets; ``?`` and ``!`` work inside a row."""
    path = _file(tmp_path)
    t = Terminal(tmp_path, "interview", "answers.yaml", "--questions", "bank.yaml", "-s", "kpis")
    t.answer("KPI targets", UP + UP + UP + ENTER)  # add a row
    t.answer("Which KPI?", ENTER)  # service level
    t.answer("For which channel?", ENTER)  # all channels
    t.answer("Service level: target in %", "?" + ENTER)
    t.wait("The share of incoming contacts")  # the KPI's definition, not "must be a number"
    t.answer("Service level: target in %", "80/60" + ENTER)
    t.wait("80/60 → 80% within 60 s")
    t.answer("Mandatory or desirable?", ENTER)
    t.answer("Measurement interval?", ENTER)
    t.answer("Reporting frequency?", ENTER)
    t.answer("How is it measured?", ENTER)
    t.wait("≥ 80 % / 60 s")  # the new row in the table (saved before the menu shows)
    t.answer("KPI targets", "")
    rows = load_answers(path).values["kpi_targets"]
    assert rows[-1]["percent"] == 80 and rows[-1]["seconds"] == 60
    t.press(UP + UP + UP + ENTER)  # add another
    t.answer("Which KPI?", DOWN + ENTER)  # average speed of answer
    t.answer("For which channel?", ENTER)
    t.answer("target in seconds", "!" + ENTER)  # not decided yet
    t.answer("Note (optional)", ENTER)
    t.answer("Concurrent chats per agent?", CTRL_C)
    assert t.finish() == 130
    answer = load_answers(path).values["kpi_targets"]
    assert isinstance(answer, Unknown)
    assert "Average speed of answer" in answer.note and "80 % / 60 s" in answer.note
    assert "must be a number" not in t.seen


def test_resume_continues_where_the_consultant_was(tmp_path: Path) -> None:
    """Problem 5: questions skipped with Enter were asked again before the one at Ctrl-C."""
    path = _file(tmp_path)
    values = load_answers(path)
    for qid in ("chat_concurrency", "fte_hours_per_week", "sourcing_model"):
        values.values.pop(qid, None)
    values.skipped = ["chat_concurrency"]
    values.position = "fte_hours_per_week"
    save_answers(path, values)
    t = Terminal(tmp_path, "interview", "answers.yaml", "--questions", "bank.yaml")
    t.wait("Continue where you were (section 6: Hours per FTE and week?)")
    t.wait("Go through the questions you skipped (1)")
    t.press(ENTER)
    t.answer("Hours per FTE and week?", CTRL_C)  # not the skipped chat question first
    assert t.finish() == 130
    assert "Concurrent chats" not in t.seen.split("Continue where you were")[-1]
