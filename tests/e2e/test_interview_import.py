"""Issue 15's last point in a real pseudo-terminal: the interview offers the import where it
asks for volumes ("import a file instead"), shows the figures beside the answers, and on a
yes saves them with the sources record, as ``cc-rfp import`` would.

Same harness as ``test_interview_pty.py`` (TERM=xterm, 40x80, PROMPT_TOOLKIT_NO_CPR=1); the
export comes from ``import_generators`` so every figure is checked against the synthetic truth.
"""

from __future__ import annotations

import os
from pathlib import Path

import import_generators as gen
import pytest
import yaml
from interview_support import DOWN, ENTER, FULL_ANSWERS, write_renderable_bank
from terminal import Terminal

from cc_rfp.core.answers import Answers, load_answers, save_answers
from cc_rfp.core.bank import load_bank
from cc_rfp.core.validate import validate_answers

pytest.importorskip("pexpect")
pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs a pseudo-terminal")

CTRL_C = "\x03"
IMPORT = DOWN + DOWN + DOWN + ENTER  # keep, row, one at a time, import


@pytest.fixture(scope="module")
def phone_year() -> list[gen.Contact]:
    return gen.synthetic_year(seed=5, per_day=12, channels=("phone",))


def _file(folder: Path) -> Path:
    write_renderable_bank(folder)
    path = folder / "answers.yaml"
    save_answers(path, Answers(values=dict(FULL_ANSWERS), language="en"))
    return path


def test_importing_an_export_where_the_volumes_are_asked(phone_year, tmp_path: Path) -> None:
    path = _file(tmp_path)
    gen.write_genesys(tmp_path / "queues.csv", phone_year)
    t = Terminal(tmp_path, "interview", "answers.yaml", "--questions", "bank.yaml", "-s", "volumes")
    t.wait("Calls per month")
    t.answer("Import a file instead", IMPORT)
    t.answer("Which file (or files)?", "missing.csv" + ENTER)
    t.wait("missing.csv: no such file")  # refused in the prompt, asked again
    t.child.send("\x15" + "queues.csv" + ENTER)
    t.wait("Genesys Cloud")
    t.wait("Answers now → imported (* = changes):")
    t.wait("Calls per month: total 1,200, peak")  # beside the figures the file holds
    t.answer("Use the imported figures", ENTER)  # yes
    t.wait("answers imported and saved in answers.yaml")
    t.answer("Handling time per call?", CTRL_C)
    assert t.finish() == 130

    truth = gen.truth(phone_year)["phone"]
    loaded = load_answers(path)
    assert loaded.values["volume_phone"] == truth["monthly"]
    assert abs(loaded.values["aht_phone"] - truth["aht"]) <= 0.5
    assert abs(loaded.values["current_answer_rate"] - truth["answer_rate"]) <= 0.05
    assert sum(loaded.values["weekday_share"].values()) == pytest.approx(100, abs=1)
    assert loaded.values["buyer_name"] == FULL_ANSWERS["buyer_name"]  # nothing else touched
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    record = data["sources"]["contact_history"]  # kept by the save at Ctrl-C
    assert record["files"][0] == {**record["files"][0], "file": "queues.csv", "profile": "genesys"}
    assert record["channels"]["phone"]["offered"] == truth["offered"]
    assert "volume_phone" in record["filled"] and "aht_phone" in record["filled"]
    problems = validate_answers(load_bank(tmp_path / "bank.yaml"), loaded)
    assert not [p for p in problems if p.question in record["filled"]], problems


def test_an_unknown_queue_is_named_in_the_interview_and_a_no_changes_nothing(
    phone_year, tmp_path: Path
) -> None:
    path = _file(tmp_path)
    export = gen.write_iex(tmp_path / "log.csv", phone_year)  # a queue name without a channel
    export.write_bytes(export.read_bytes().replace(b"Support Tel", b"Kundservice"))
    t = Terminal(tmp_path, "interview", "answers.yaml", "--questions", "bank.yaml", "-s", "volumes")
    t.answer("Calls per month", IMPORT)
    t.answer("Which file (or files)?", "log.csv" + ENTER)
    t.wait('no channel known for queue "Kundservice"')
    t.answer("What now?", ENTER)  # say which channel
    t.answer("Queue=channel:", "Kundservice=telephone" + ENTER)
    t.wait("write Queue=channel")  # refused in the prompt: not a channel
    t.child.send("\x15" + "Kundservice=phone" + ENTER)
    t.wait("Answers now → imported")
    t.answer("Use the imported figures", DOWN + ENTER)  # no
    t.wait("Nothing was changed.")
    t.answer("Calls per month", ENTER)  # back at the menu: keep what the file holds
    t.answer("Handling time per call?", CTRL_C)
    assert t.finish() == 130
    assert load_answers(path).values == FULL_ANSWERS  # the declined import changed nothing
    assert "sources" not in yaml.safe_load(path.read_text(encoding="utf-8"))
