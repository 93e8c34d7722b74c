"""Staffing's result: codes with figures, one phrasing function, a published JSON Schema.

The real ``cc-rfp staffing --json`` output (the example file and direct figures) must
validate against ``cc_rfp/staffing/schema.json``; every reader phrases the same codes; a
second language phrases a week sized once.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from cc_rfp.core.answers import load_answers
from cc_rfp.staffing import week
from cc_rfp.staffing.result import Finding, Num, Pct, Words, phrase
from cc_rfp.staffing.week import build_plan
from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "answers-example.yaml"
SCHEMA = json.loads((ROOT / "src" / "cc_rfp" / "staffing" / "schema.json").read_text("utf-8"))


def _validate(data: dict) -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_example_json_validates_and_carries_codes(lang: str) -> None:
    result = run_cli("staffing", str(EXAMPLE), "--json", "--lang", lang)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    _validate(data)
    assert data["schema_version"] == 2
    codes = {f["code"] for f in data["findings"]}
    assert {"f_patience", "f_binds", "f_no_effect"} <= codes
    assert all(a["code"].startswith("a_") for a in data["assumptions"])
    assert all(f["text"] for f in data["findings"] + data["assumptions"])


def test_direct_figures_json_validates() -> None:
    result = run_cli(
        "staffing", "--calls", "100", "--aht", "180", "--target", "80/20",
        "--max-abandon", "5", "--patience", "60", "--json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    _validate(data)
    assert data["schema_version"] == 2 and data["agents"] > 0


def test_schema_refuses_prose_findings() -> None:
    """The schema is not a rubber stamp: the old shape (findings as bare sentences) fails."""
    data = build_plan(None, load_answers(EXAMPLE).values, lang="en").to_dict()
    data["findings"] = [f["text"] for f in data["findings"]]
    with pytest.raises(jsonschema.ValidationError):
        _validate(data)


def test_one_phrasing_for_every_reader() -> None:
    """The report's findings, the interview note's and the annex's are the same sentences."""
    from cc_rfp.interview.staffing_note import staffing_parts

    plan = build_plan(None, load_answers(EXAMPLE), lang="sv")
    texts = plan.finding_texts()
    assert [f["text"] for f in plan.to_dict()["findings"]] == texts
    assert staffing_parts(plan)[0] == texts
    assert all(phrase(f, "sv", plan.labels) in texts for f in plan.findings)


def test_phrase_fills_terms_per_language() -> None:
    finding = Finding(
        "f_no_effect",
        "phone",
        "asa",
        {
            "subject": Words("subj_service_level", {"p": Pct(0.8), "s": Num(20)}),
            "gives": Words("gives_asa", {"s": Num(13.4)}),
            "object": Words("obj_asa", {"s": Num(60)}),
        },
    )
    en = phrase(finding, "en", {"phone": "Phone"})
    sv = phrase(finding, "sv", {"phone": "Telefon"})
    assert en == (
        "Phone: 80% in 20 s already gives an ASA of about 13 s,"
        " so the 60 s ASA target has no effect."
    )
    assert sv.startswith("Telefon: 80 % inom 20 s ger redan en snittsvarstid på omkring 13 s")
    assert finding.to_dict("en", {})["values"]["subject"] == {
        "code": "subj_service_level",
        "values": {"p": 0.8, "s": 20},
    }


def test_two_languages_size_the_week_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The second language phrases the cached sizing: ``_size`` runs once."""
    monkeypatch.setenv("CC_RFP_NO_CACHE", "1")  # the in-process cache is under test here
    calls: list[int] = []
    real = week._size

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(week, "_size", counting)
    monkeypatch.setattr(week, "_sized_cache", {})
    answers = load_answers(EXAMPLE)
    sv = build_plan(None, answers, lang="sv")
    en = build_plan(None, answers, lang="en")
    assert len(calls) == 1
    assert [f.code for f in sv.findings] == [f.code for f in en.findings]
    assert sv.total_fte == en.total_fte
    assert sv.channels[0].channel.label == "Telefon" and en.channels[0].channel.label == "Phone"
    build_plan(None, answers, lang="en", month="peak")
    assert len(calls) == 2  # other options size again
