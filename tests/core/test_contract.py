"""The ids, keysets and KPI kinds the code reads (core/contract.py), checked on every load.

A custom ``--questions`` bank that lacks what the code reads by name must stop every command
with one line that names the missing piece and what reads it (exit 2), never an internal error
(exit 70). The built-in bank and the deliberately small test bank must pass, and
docs/bank-ids.md must say exactly what contract.py declares.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml_data

from cc_rfp.core import contract
from cc_rfp.core.bank import load_bank, parse_bank
from cc_rfp.errors import BankError
from tests.conftest import REPO, assert_one_line_error, cc_rfp_executable, run_cli

MINI = REPO / "tests" / "data" / "mini-bank.yaml"
EXAMPLE = REPO / "examples" / "answers-example.yaml"
Bank = dict[str, Any]


def mini() -> Bank:
    return yaml_data.load(MINI.read_text(encoding="utf-8"))


def question(bank: Bank, qid: str) -> dict[str, Any]:
    for section in bank["sections"]:
        for q in section["questions"]:
            if q["id"] == qid:
                return q
    raise KeyError(qid)


def drop_question(bank: Bank, qid: str) -> None:
    for section in bank["sections"]:
        section["questions"] = [q for q in section["questions"] if q["id"] != qid]


def drop_keyset(bank: Bank, keyset_id: str) -> None:
    bank["keysets"] = [k for k in bank["keysets"] if k["id"] != keyset_id]


def retype(bank: Bank, qid: str, **changes: Any) -> None:
    q = question(bank, qid)
    for key in ("keys", "choices", "channels_from", "fields", "sum_field", "sum"):
        q.pop(key, None)
    q.update(changes)


def loaded(bank: Bank, name: str = "custom.yaml") -> None:
    """Load ``bank`` as a command does: parse, then check the contract."""
    contract.check(parse_bank(yaml_data.dump(bank, allow_unicode=True, sort_keys=False), name))


def no_weekdays(bank: Bank) -> None:
    """An hours question stays; the weekdays keyset (and the table over it) goes."""
    drop_question(bank, "weekday_share")
    drop_keyset(bank, "weekdays")


# ----- banks that pass ---------------------------------------------------------------------


def test_builtin_bank_keeps_the_contract():
    contract.check(load_bank())


def test_small_test_bank_keeps_the_contract():
    """mini-bank has no intraday_share and no hours keyset: nothing there needs one."""
    bank = load_bank(MINI)
    assert "intraday_share" not in bank.questions and "hours" not in bank.keysets
    contract.check(bank)


def test_a_bank_without_what_would_need_a_keyset_needs_none():
    bank = mini()
    no_weekdays(bank)
    drop_question(bank, "opening_hours")
    for keyset in ("requirement_levels", "measurement_intervals", "report_frequencies"):
        drop_keyset(bank, keyset)
    drop_question(bank, "kpi_targets")
    loaded(bank)


def test_numbers_may_be_any_numeric_type_and_other_channels_are_free():
    bank = mini()
    retype(bank, "chat_concurrency", type="integer")
    question(bank, "channels")["choices"].append(
        {"value": "video", "label": {"sv": "Video", "en": "Video"}}
    )
    section = bank["sections"][1]["questions"]
    section.append({"id": "aht_video", "type": "decimal", "text": {"sv": "Tid", "en": "Time"}})
    # volume_period is no channel's volume: the contract does not touch it.
    section.append({"id": "volume_period", "type": "text", "text": {"sv": "P", "en": "P"}})
    loaded(bank)


# ----- banks that break the contract: one line naming what is missing and what reads it ----

BROKEN: dict[str, tuple[Callable[[Bank], None], list[str]]] = {
    "no weekdays keyset": (no_weekdays, ["'opening_hours'", "keyset 'weekdays'", "staffing"]),
    "no KPI level keyset": (
        lambda b: drop_keyset(b, "requirement_levels"),
        ["'kpi_targets'", "keyset 'requirement_levels'"],
    ),
    "volume not a table": (
        lambda b: retype(b, "volume_phone", type="integer"),
        ["'volume_phone'", "type table", "not integer"],
    ),
    "weekday share over months": (
        lambda b: question(b, "weekday_share").update(keys="months", sum=None),
        ["'weekday_share'", "keyset 'weekdays'", "not 'months'"],
    ),
    "opening hours as text": (
        lambda b: retype(b, "opening_hours", type="text"),
        ["'opening_hours'", "type hours"],
    ),
    "case types without handling time": (
        lambda b: question(b, "case_types").update(
            fields=[f for f in question(b, "case_types")["fields"] if f["id"] != "aht_seconds"]
        ),
        ["'case_types'", "field 'aht_seconds'"],
    ),
    "case share as text": (
        lambda b: next(f for f in question(b, "case_types")["fields"] if f["id"] == "share").update(
            type="text"
        ),
        ["'case_types'", "field 'share'", "percent"],
    ),
    "months keyset with other keys": (
        lambda b: b["keysets"][0].update(keys=b["keysets"][0]["keys"][:11]),
        ["keyset 'months'", "jan feb", "dec"],
    ),
    "service level without seconds": (
        lambda b: b["kpi_catalogue"][0].update(targets=["percent"]),
        ["kpi 'service_level'", "seconds"],
    ),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_a_broken_bank_is_refused_in_one_line(name):
    change, words = BROKEN[name]
    bank = mini()
    change(bank)
    with pytest.raises(BankError) as caught:
        loaded(bank)
    message = str(caught.value)
    assert "\n" not in message and message.startswith("custom.yaml: ")
    for word in words:
        assert word in message, (word, message)


def test_a_custom_channel_id_is_checked_too():
    bank = mini()
    question(bank, "channels")["choices"].append(
        {"value": "video", "label": {"sv": "Video", "en": "Video"}}
    )
    bank["sections"][1]["questions"].append(
        {"id": "volume_video", "type": "integer", "text": {"sv": "V", "en": "V"}}
    )
    with pytest.raises(BankError, match="'volume_video' must be of type table"):
        loaded(bank)


# ----- every command, as a user runs it ----------------------------------------------------


@pytest.fixture(scope="module")
def broken_bank(tmp_path_factory) -> Path:
    bank = mini()
    no_weekdays(bank)
    path = tmp_path_factory.mktemp("bank") / "no-weekdays.yaml"
    path.write_text(yaml_data.dump(bank, allow_unicode=True, sort_keys=False), "utf-8")
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["validate", str(EXAMPLE)],
        ["render", str(EXAMPLE)],
        ["schema", "-o", "{tmp}"],
        ["staffing", str(EXAMPLE)],
        ["questions"],
    ],
    ids=["validate", "render", "schema", "staffing", "questions"],
)
def test_every_command_refuses_the_bank_in_one_line(args, broken_bank, tmp_path):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = run_cli(*args, "--questions", str(broken_bank))
    line = assert_one_line_error(result, 2)
    assert "no-weekdays.yaml" in line and "keyset 'weekdays'" in line, line


def test_render_still_names_the_template_for_an_id_only_templates_read(tmp_path):
    """An absent id is no contract breach; the built-in templates say which one they lack."""
    bank = yaml_data.load((REPO / "questions.yaml").read_text(encoding="utf-8"))
    drop_question(bank, "quality_criteria")
    path = tmp_path / "bank.yaml"
    path.write_text(yaml_data.dump(bank, allow_unicode=True, sort_keys=False), "utf-8")
    result = run_cli("render", str(EXAMPLE), "--questions", str(path))
    line = assert_one_line_error(result, 2)
    assert "quality_criteria" in line and ".j2" in line, line


@pytest.mark.skipif(os.name != "posix", reason="needs a pseudo-terminal")
def test_interview_refuses_the_bank_in_one_line(broken_bank, tmp_path):
    pexpect = pytest.importorskip("pexpect")
    command, *rest = cc_rfp_executable()
    child = pexpect.spawn(
        command,
        [*rest, "interview", "answers.yaml", "--questions", str(broken_bank)],
        cwd=str(tmp_path),
        env={**os.environ, "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"},
        dimensions=(40, 120),
        encoding="utf-8",
        timeout=30,
    )
    child.expect(pexpect.EOF)
    child.close()
    lines = [line for line in child.before.splitlines() if line.strip()]
    assert child.exitstatus == 2, child.before
    assert len(lines) == 1 and "keyset 'weekdays'" in lines[0], child.before
    assert not (tmp_path / "answers.yaml").exists()


# ----- the documentation is the declaration ------------------------------------------------


def test_bank_ids_doc_is_generated_from_the_contract():
    doc = (REPO / "docs" / "bank-ids.md").read_text(encoding="utf-8")
    assert doc == contract.markdown(load_bank()), (
        "docs/bank-ids.md is out of date: run "
        "`.venv/bin/python -m cc_rfp.core.contract > docs/bank-ids.md`"
    )


def test_every_declared_id_is_in_the_doc():
    doc = (REPO / "docs" / "bank-ids.md").read_text(encoding="utf-8")
    declared = [n.id for n in contract.QUESTIONS] + [k.id for k in contract.KEYSETS]
    declared += [k.id for k in contract.KPIS]
    assert [i for i in declared if f"`{i}`" not in doc] == []


def test_the_contract_declares_only_what_the_builtin_bank_has():
    """A declared id the built-in bank lacks would be a typo in contract.py."""
    bank = load_bank()
    assert [n.id for n in contract.QUESTIONS if n.id not in bank.questions] == []
    assert [k.id for k in contract.KEYSETS if k.id not in bank.keysets] == []
    assert [k.id for k in contract.KPIS if k.id not in bank.kpis] == []
    source = bank.questions[contract.CHANNELS]
    assert [c.value for c in bank.choices(source)] == list(contract.BUILTIN_CHANNELS)


def test_staffing_reads_the_declared_keys_and_kpis():
    """The reader and the declaration cannot drift: staffing's keys are the checked ones."""
    from cc_rfp.staffing import inputs

    assert inputs.DAYS == contract.WEEKDAY_KEYS and inputs.MONTHS == contract.MONTH_KEYS
    assert tuple(f"h{hour}" for hour in inputs.HOURS) == contract.HOUR_KEYS
    declared = {k.id for k in contract.KPIS}
    assert set(inputs.SIZING_KPIS) <= declared and "email_response" in declared
