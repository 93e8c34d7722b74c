"""End to end: the installed ``cc-rfp interview`` in a real pseudo-terminal (pexpect).

A person's session, keystroke by keystroke, in an 80-column terminal: answer across every
section and structured type of a compact bank, get interrupted with Ctrl-C, resume, finish,
and get the tender; then revisit one section; and a short run on the built-in bank.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from interview_support import (
    DOWN,
    ENTER,
    FULL_ANSWERS,
    INTRADAY,
    SPACE,
    UP,
    WEEK,
    write_renderable_bank,
)
from terminal import CTRL_C, Terminal, colours

from cc_rfp.core.answers import Unknown, load_answers
from cc_rfp.core.bank import load_bank
from cc_rfp.core.conditions import holds

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs a pseudo-terminal")


def test_interview_interrupt_resume_finish_and_revisit(tmp_path: Path) -> None:
    write_renderable_bank(tmp_path)
    answers_path = tmp_path / "answers.yaml"

    # --- first sitting: sections 1-3, then Ctrl-C in the middle of the volumes section
    t = Terminal(tmp_path, "interview", "--questions", "bank.yaml", "--lang", "en")
    t.wait("Answers file: answers.yaml (new)")
    t.wait("Section 1 of 11: About the tender")
    t.answer("What is the company called?", "?" + ENTER)
    t.wait("The legal name.")  # help on demand
    t.answer("What is the company called?", ENTER)  # empty: refused inline
    t.wait("needs an answer (! don't know)")
    t.press("Acme AB" + ENTER)
    t.answer("Bid deadline?", "2025-13-01" + ENTER)
    t.wait("must be a date as YYYY-MM-DD")
    t.press("\x15" + "2025-9-30" + ENTER)
    t.wait("Section 2 of 11: The company")
    t.answer("Describe the business idea.", "We sell shoes." + ENTER + ENTER)
    t.answer("Which channels?", SPACE + DOWN + DOWN + SPACE + ENTER)
    t.answer("Case types", ENTER)
    t.answer("Name", "Orders" + ENTER)
    t.answer("Share", "60" + ENTER)
    t.answer("Time", "180" + ENTER)
    t.answer("Channel", ENTER)
    t.wait("Orders")  # the rows so far, as a table
    t.answer("✓ Done", UP + UP + UP + ENTER)
    t.answer("Name", "Returns" + ENTER)
    t.answer("Share", "30" + ENTER)  # 60 + 30: offered to scale to 100
    t.answer("Time", ENTER)
    t.answer("Channel", DOWN + ENTER)
    t.answer("✓ Done", ENTER)
    t.answer("add up to 90, not 100. Scale them?", ENTER)
    t.answer("Is there a customer survey?", ENTER)
    t.answer("Which survey tool?", "Qualtrics" + ENTER)
    t.answer("Agents today?", "12" + ENTER)
    t.wait("Section 3 of 11: Volumes")
    t.answer("Calls per month", ENTER)
    row = "; ".join(["1 200"] * 6 + ["900"] * 6)
    t.answer("12 values,", row + ENTER)
    t.wait("1,200")  # the bar chart
    t.answer("Is this right?", ENTER)
    t.answer("Handling time per call?", "240" + ENTER)
    t.answer("Answer rate today?", CTRL_C)
    t.wait("Paused. Everything is saved in answers.yaml (answered so far: 10).")
    t.wait("To continue: cc-rfp interview answers.yaml --questions bank.yaml")
    assert t.finish() == 130
    first = load_answers(answers_path).values
    assert first["buyer_name"] == "Acme AB"
    assert first["bid_deadline"] == "2025-09-30"
    assert first["case_types"][1] == {"name": "Returns", "share": 33.3, "channel": "chat"}
    assert first["volume_phone"]["jan"] == 1200 and first["aht_phone"] == 240
    assert "current_answer_rate" not in first
    assert not (tmp_path / "answers.yaml.lock").exists()

    # --- second sitting: resume where it stopped, through every structured type, write
    t = Terminal(tmp_path, "interview", "answers.yaml", "--questions", "bank.yaml")
    t.wait("Answers file: answers.yaml (10 answers so far)")
    t.answer("Continue where you were (section 3: Answer rate today?)", ENTER)

    # While this interview is open, a second one on the same file is refused.
    other = Terminal(tmp_path, "interview", "answers.yaml", "--questions", "bank.yaml")
    other.wait("another interview is using this file")
    assert other.finish() == 2

    t.answer("Answer rate today?", "!" + ENTER)
    t.answer("Note (optional)", "From the new phone system in May" + ENTER)
    t.answer("Share per weekday", ENTER)
    t.answer("7 values", "500 450 400 420 380 100 50" + ENTER)
    t.wait("read as counts and scaled to 100")
    t.answer("Is this right?", ENTER)
    t.answer("Share per hour", ENTER)
    t.answer("24 values", " ".join(map(str, INTRADAY)) + ENTER)
    t.answer("Is this right?", ENTER)
    t.wait("Section 4 of 11: Purpose")
    t.answer("place 1 of 3", DOWN + ENTER)  # lower cost first
    t.answer("place 2 of 3", ENTER)
    t.wait("Section 5 of 11: The service")
    t.answer("Opening hours – Phone", ENTER)  # weekdays 08-17
    t.answer("Opening hours – Chat", DOWN * 5 + ENTER)  # custom
    t.answer("Chat: Monday", "\x15" + "17-9" + ENTER)
    t.wait("must start before it ends")
    t.press("\x15" + "9-16" + ENTER)
    for day in ("Tuesday", "Wednesday", "Thursday", "Friday"):
        t.answer(f"Chat: {day}", ENTER)
    t.answer("Chat: Saturday", "\x15" + "closed" + ENTER)
    t.answer("Chat: Sunday", ENTER)
    t.wait("Section 6 of 11: Targets and staffing")
    t.answer("KPI targets", ENTER)
    t.answer("Which KPI?", ENTER)
    t.answer("For which channel?", DOWN + ENTER)
    t.answer("target in %", "80" + ENTER)
    t.answer("target in seconds", "20" + ENTER)
    t.answer("Mandatory or desirable?", ENTER)
    t.answer("Measurement interval?", ENTER)
    t.answer("Reporting frequency?", ENTER)
    t.answer("How is it measured?", "Telephony reports" + ENTER)
    t.answer("✓ Done", ENTER)
    t.wait("What these targets imply:")
    t.answer("Concurrent chats per agent?", ENTER)
    t.answer("Hours per FTE and week?", ENTER)
    t.wait("Ways of working")
    t.answer("Partner or supplier?", DOWN + ENTER)
    t.wait("Review")
    t.answer("Write the document to tender.md", ENTER)
    t.wait("The tender is written to tender.md")
    assert t.finish() == 0

    values = load_answers(answers_path).values
    assert values["current_answer_rate"] == Unknown("From the new phone system in May")
    assert values["weekday_share"]["mon"] == 21.7
    assert sum(values["intraday_share"].values()) == pytest.approx(100)
    assert values["purpose_ranking"] == ["cost", "satisfaction", "growth"]
    assert values["opening_hours"]["phone"] == WEEK
    assert values["opening_hours"]["chat"]["mon"] == "09:00-16:00"
    assert values["opening_hours"]["chat"]["sat"] == "closed"
    assert values["kpi_targets"][0]["method"] == "Telephony reports"
    assert values["fte_hours_per_week"] == 37  # suggested from 12 agents
    assert values["sourcing_model"] == "supplier"
    assert not (set(values) ^ set(FULL_ANSWERS))
    tender = (tmp_path / "tender.md").read_text(encoding="utf-8")
    assert "Acme AB" in tender
    assert "09:00–16:00" in tender
    assert "Telephony reports" in tender

    # --- third sitting: revisit one section; a changed answer drops the stale one
    t = Terminal(tmp_path, "interview", "--questions", "bank.yaml", "--section", "company")
    t.answer("Describe the business idea.", ENTER)  # unchanged: one Enter keeps it
    t.answer("Which channels?", ENTER)
    t.answer("Case types", ENTER)
    t.answer("Is there a customer survey?", DOWN + ENTER)
    t.wait("Removed the answer to «Which survey tool?»: it no longer applies.")
    t.answer("Agents today?", ENTER)
    t.wait("Review")
    t.answer("What now?", DOWN + DOWN + ENTER)  # stop without writing
    assert t.finish() == 0
    revisited = load_answers(answers_path).values
    assert revisited["has_survey"] is False and "survey_tool" not in revisited
    assert {k: v for k, v in revisited.items() if k not in ("has_survey", "survey_tool")} == {
        k: v for k, v in values.items() if k not in ("has_survey", "survey_tool")
    }


def _first_open(bank, values):
    known = {k: v for k, v in values.items() if not isinstance(v, Unknown)}
    for qid in bank.order:
        question = bank.questions[qid]
        if qid not in values and holds(question.when, known):
            return question
    raise AssertionError("nothing left to ask")


def _dont_know(t: Terminal, question) -> None:
    """ "Don't know yet" on any question type: the ! key, then an empty note."""
    menu = question.type not in ("text", "longtext", "integer", "decimal", "percent", "date")
    t.press("!" if menu else "!" + ENTER)
    t.answer("varför, eller när blir det känt?", ENTER)


def _start_of(question) -> str:
    """The first words of a question: a long one wraps, and a wrap may fall mid-text."""
    return question.text["sv"][:30]


def test_built_in_bank_in_swedish_without_colour(tmp_path: Path) -> None:
    bank = load_bank()
    answers_path = tmp_path / "answers.yaml"
    t = Terminal(tmp_path, "interview", "--lang", "sv", no_color=True)
    t.wait("Svarsfil: answers.yaml (ny)")
    t.wait(f"Avsnitt 1 av {len(bank.sections)}")
    first = bank.questions[bank.order[0]]
    t.wait(_start_of(first))
    if first.type == "text" and not first.pattern:
        t.press("Acme AB" + ENTER)
        given = {first.id: "Acme AB"}
    else:
        _dont_know(t, first)
        given = {first.id: Unknown()}
    second = _first_open(bank, given)
    t.wait(_start_of(second))
    _dont_know(t, second)
    given[second.id] = Unknown()
    third = _first_open(bank, given)
    t.answer(_start_of(third), CTRL_C)
    t.wait("Pausad. Allt är sparat i answers.yaml (besvarade hittills: 2).")
    assert t.finish() == 130
    assert not colours(t.seen), colours(t.seen)[:5]
    assert load_answers(answers_path).values == given

    t = Terminal(tmp_path, "interview", no_color=True)
    t.wait("Svarsfil: answers.yaml (2 svar hittills)")  # the file's language is kept
    t.answer("Fortsätt ", ENTER)
    t.wait(_start_of(third))
    _dont_know(t, third)
    t.press(CTRL_C)
    t.wait("Fortsätt med: cc-rfp interview answers.yaml")
    assert t.finish() == 130
    saved = load_answers(answers_path)
    assert saved.language == "sv"
    assert saved.values == {**given, third.id: Unknown()}
