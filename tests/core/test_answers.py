"""The answers file: readable YAML, unknown as a first-class answer, atomic writes."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from cc_rfp.core.answers import Answers, Unknown, load_answers, parse_answers, save_answers, to_yaml
from cc_rfp.errors import InputError, OutputError


def sample() -> Answers:
    return Answers(
        values={
            "buyer_name": "Nordlys Hem AB",
            "business_idea": "Möbler på nätet.\nSnabb leverans.\n",
            "bid_deadline": dt.date(2027, 2, 1),
            "answer_rate_now": Unknown("kommer i mars"),
            "agents_now": Unknown(),
            "channels": ["phone", "chat"],
        },
        language="sv",
    )


def test_round_trip(tmp_path):
    path = tmp_path / "answers.yaml"
    save_answers(path, sample(), order=["channels", "buyer_name"])
    text = path.read_text(encoding="utf-8")
    assert "Nordlys Hem AB" in text and "Möbler" in text  # å ä ö as themselves
    assert "business_idea: |" in text  # long text as a block scalar
    assert text.index("channels:") < text.index("buyer_name:")  # bank order first
    assert "unknown: true" in text
    loaded = load_answers(path)
    assert loaded.values["answer_rate_now"] == Unknown("kommer i mars")
    assert loaded.values["agents_now"] == Unknown()
    assert loaded.values["business_idea"] == "Möbler på nätet.\nSnabb leverans.\n"
    assert str(loaded.values["bid_deadline"]) == "2027-02-01"
    assert loaded.language == "sv"
    assert (
        loaded.line_of("buyer_name") == text.splitlines().index("  buyer_name: Nordlys Hem AB") + 1
    )


def test_unknown_is_not_missing():
    answers = parse_answers("answers:\n  a: {unknown: true}\n  b:\n")
    assert answers.values == {"a": Unknown()}
    assert answers.known() == {}


@pytest.mark.parametrize(
    "text", ["- just\n- a list\n", "answers: [1, 2]\n", "cc_rfp: 3\nanswers: {}\n"]
)
def test_wrong_shapes_are_refused(text):
    with pytest.raises(InputError):
        parse_answers(text)


def test_failed_write_keeps_old_file(tmp_path, monkeypatch):
    path = tmp_path / "answers.yaml"
    save_answers(path, sample())
    before = path.read_bytes()

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OutputError, match="nothing was changed"):
        save_answers(path, Answers(values={"buyer_name": "Other"}))
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["answers.yaml"]


def test_header_fields():
    text = to_yaml(sample())
    for key in ("format:", "version:", "bank_version:", "bank_sha256:", "language: sv", "created:"):
        assert key in text
