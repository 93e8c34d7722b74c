"""The bank loader turns every kind of mistake into one line naming file, question and fix."""

from __future__ import annotations

import copy

import pytest

from cc_rfp.core.bank import load_bank, parse_bank
from cc_rfp.errors import BankError, InputError
from cc_rfp.io.yamlio import dump_yaml

L = {"sv": "x", "en": "x"}

BASE = {
    "version": 1,
    "guide_points": {"G1.1": {"sv": "Affärsidé", "en": "Business idea"}},
    "keysets": [
        {
            "id": "weekdays",
            "keys": [
                {"value": d, "label": L} for d in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
            ],
        }
    ],
    "sections": [
        {
            "id": "first",
            "title": L,
            "questions": [
                {"id": "name", "type": "text", "text": L, "guide": ["G1.1"]},
                {
                    "id": "channels",
                    "type": "multichoice",
                    "text": L,
                    "choices": [{"value": "phone", "label": L}, {"value": "chat", "label": L}],
                },
                {"id": "chat_count", "type": "integer", "text": L, "when": "'chat' in channels"},
            ],
        }
    ],
}


def load(data) -> None:
    parse_bank(dump_yaml(data), "bank.yaml")


def mutated(change):
    data = copy.deepcopy(BASE)
    change(data)
    return data


def questions(data):
    return data["sections"][0]["questions"]


def test_base_is_valid():
    bank = parse_bank(dump_yaml(BASE), "bank.yaml")
    assert bank.order == ["name", "channels", "chat_count"]
    assert bank.dependents["channels"] == {"chat_count"}


CASES = [
    ("duplicate id", lambda d: questions(d).append(dict(questions(d)[0])), "name", "used twice"),
    ("unknown type", lambda d: questions(d)[0].update(type="essay"), "name", "type"),
    (
        "when names a later question",
        lambda d: questions(d)[0].update(when="chat_count > 1"),
        "name",
        "later or unknown question 'chat_count'",
    ),
    (
        "when names an unknown question",
        lambda d: questions(d)[2].update(when="'chat' in chanels"),
        "chat_count",
        "'chanels'",
    ),
    ("missing language", lambda d: questions(d)[0].update(text={"sv": "x"}), "name", "'en'"),
    ("unknown guide id", lambda d: questions(d)[0].update(guide=["G9.9"]), "name", "G9.9"),
    ("misspelt key", lambda d: questions(d)[0].update(reqired=True), "name", "reqired"),
    ("bad id", lambda d: questions(d)[0].update(id="Name With Spaces"), "", "snake_case"),
    ("choice without choices", lambda d: questions(d)[0].update(type="choice"), "name", "choices"),
    (
        "a section name that is no id",
        lambda d: d["sections"][0].update(name={"sv": "Bad Name", "en": "first"}),
        "",
        "section 'first': name.sv: must be snake_case",
    ),
    (
        "a choice that is not a mapping",
        lambda d: questions(d)[1].update(choices=["phone"]),
        "channels",
        "choices.0: must be a mapping (indented 'key: value' lines)",
    ),
    (
        "bad when syntax",
        lambda d: questions(d)[2].update(when="channels ==="),
        "chat_count",
        "when",
    ),
]


@pytest.mark.parametrize(("label", "change", "qid", "needle"), CASES, ids=[c[0] for c in CASES])
def test_mistakes_are_one_line(label, change, qid, needle):
    with pytest.raises(BankError) as info:
        load(mutated(change))
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith("bank.yaml")
    assert needle in message
    if qid:
        assert f"'{qid}'" in message


def test_error_points_at_the_line():
    text = dump_yaml(mutated(lambda d: questions(d)[1].update(type="nope")))
    with pytest.raises(BankError) as info:
        parse_bank(text, "bank.yaml")
    line = int(str(info.value).split(":")[1])
    assert "channels" in text.splitlines()[line - 1] or "nope" in text.splitlines()[line - 1]


def test_not_a_mapping_and_missing_file(tmp_path):
    with pytest.raises(BankError, match="must be a mapping"):
        parse_bank("- a\n- b\n", "bank.yaml")
    with pytest.raises(InputError, match="no such"):
        load_bank(tmp_path / "missing.yaml")


def test_builtin_bank_loads():
    bank = load_bank()
    assert bank.questions
    assert len(bank.sha256) == 64
