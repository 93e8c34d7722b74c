"""The internal memo (``cc-rfp render --memo``): every section, in both languages, with the
internal facts that the tender never shows."""

from __future__ import annotations

import re

import pytest

from cc_rfp.core.answers import Unknown, load_answers
from cc_rfp.core.bank import load_bank
from cc_rfp.document import catalog
from cc_rfp.document.render import render_document, render_memo
from cc_rfp.io import resources
from tests.conftest import EXAMPLE, run_cli

SECTIONS = (
    "memo.h_staffing",
    "memo.h_day_risk",
    "memo.h_costs",
    "memo.h_consistency",
    "memo.h_facts",
    "memo.h_questions",
    "memo.h_evaluation",
    "memo.h_internal",
)


def text(key: str, lang: str) -> str:
    return catalog.load(resources.templates_dir()).text(key, lang)


@pytest.fixture(scope="module")
def bank():
    return load_bank(None)


@pytest.fixture(scope="module")
def memos(bank):
    answers = load_answers(EXAMPLE)
    return {lang: render_memo(bank, answers, lang=lang) for lang in ("sv", "en")}


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_memo_holds_every_section_in_order(memos, lang):
    memo = memos[lang]
    headings = [line[3:] for line in memo.splitlines() if line.startswith("## ")]
    assert headings == [text(key, lang) for key in SECTIONS]
    assert memo.startswith(f"# {text('memo.title', lang)}")
    assert text("memo.marking", lang) in memo


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_memo_states_what_the_estimate_leaves_out_and_the_day_risk(memos, lang):
    memo = memos[lang]
    for key in (
        "memo.out_shift_fit",
        "memo.out_breaks",
        "memo.out_day_variation",
        "memo.out_peak_weeks",
        "memo.out_min_cover",
    ):
        assert f"**{text(key, lang)}**" in memo
    day_risk = memo.split(text("memo.h_day_risk", lang))[1].split("\n## ")[0]
    rows = [line for line in day_risk.splitlines() if line.startswith("| ") and "%" in line]
    assert len(rows) == 2  # phone and chat have per-day service-level targets in the example
    costs = memo.split(text("memo.h_costs", lang))[1].split("\n## ")[0]
    assert costs.count("\n| ") >= 6  # base case and its neighbours (the sensitivity table)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_memo_reports_the_example_contradiction_and_what_was_not_checked(memos, lang):
    memo = memos[lang]
    assert text("memo.contradictions_intro_one", lang) in memo
    assert "18:00–20:00" in memo  # the example's curve is 0 % in two open evening hours
    assert text("memo.not_checked", lang) in memo


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_evaluation_trial_and_the_value_share_are_computed(bank, memos, lang):
    memo = memos[lang]
    section = memo.split(text("memo.h_evaluation", lang))[1].split("\n## ")[0]
    assert re.search(r"^\| A \|", section, re.M) and re.search(r"^\| C \|", section, re.M)
    # The yearly cost is the worked example's bid A, the recurring rows per year over the
    # 36-month evaluation period: (28,860 phone hours × 500 + 46,800 emails × 50 + 35,280
    # chats × 50 + 36 months × 45,000) ÷ 3 = SEK 6,718,000; SEK 1,000,000 of values is 14.9 %.
    # C wins; it stops winning above SEK 3.6 m (see tests/pricing/test_pricing_example.py).
    share = "14,9 %" if lang == "sv" else "14.9%"
    yearly = "6,7" if lang == "sv" else "6.7"
    assert (
        text("memo.value_share", lang).format(
            total="1\u00a0000\u00a0000" if lang == "sv" else "1,000,000",
            share=share,
            yearly=yearly,
        )
        in section
    )
    assert (
        text("memo.values_needed", lang).format(
            needed="3,6" if lang == "sv" else "3.6", share="54 %" if lang == "sv" else "54%"
        )
        in section
    )


def test_internal_answers_reach_the_memo_and_never_the_tender(bank):
    answers = load_answers(EXAMPLE)
    answers.values["cost_target_percent"] = 17
    secret_note = "Styrelsens sparmål, hemligt"
    for lang in ("sv", "en"):
        label = text("label.cost_target_percent", lang)
        memo = render_memo(bank, answers, lang=lang)
        tender = render_document(bank, answers, lang=lang)
        assert f"**{label}:** 17" in memo
        assert label not in tender
    answers.values["cost_target_percent"] = Unknown(secret_note)
    for lang in ("sv", "en"):
        assert secret_note in render_memo(bank, answers, lang=lang)
        assert secret_note not in render_document(bank, answers, lang=lang)


def test_missing_buyer_facts_are_listed_with_a_question_bidders_would_ask(bank):
    answers = load_answers(EXAMPLE)
    answers.values["buyer_org_number"] = Unknown("Kommer från ekonomi")
    memo = render_memo(bank, answers, lang="en")
    facts = memo.split(text("memo.h_facts", "en"))[1].split("\n## ")[0]
    assert text("memo.facts_intro_one", "en") in facts
    assert "Kommer från ekonomi" in facts
    questions = memo.split(text("memo.h_questions", "en"))[1].split("\n## ")[0]
    assert "(a fact only the buyer has)" in questions


@pytest.mark.parametrize("suffix", [".md", ".docx"])
def test_render_memo_writes_a_file_even_while_buyer_facts_are_missing(tmp_path, suffix):
    answers = tmp_path / "a.yaml"
    text_ = EXAMPLE.read_text(encoding="utf-8")
    answers.write_text(re.sub(r"(?m)^  buyer_org_number: .*\n", "", text_), encoding="utf-8")
    out = tmp_path / f"memo{suffix}"
    result = run_cli("render", str(answers), "--memo", "--lang", "en", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 0
    if suffix == ".md":
        assert out.read_text(encoding="utf-8").startswith("# Internal memo")
    tender = run_cli("render", str(answers), "--lang", "en")
    assert tender.returncode == 1  # the tender itself is still refused
