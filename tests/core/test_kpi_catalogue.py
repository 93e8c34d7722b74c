"""The KPI catalogue fits the field (issue 11 item 6): every KPI a contact-centre tender
sets targets for is in the catalogue with its unit; an index (NKI) is written as an index,
never as a percentage; today's result is optional and may be "don't know yet"."""

from __future__ import annotations

import copy

import pytest

from cc_rfp.core.answers import Unknown, load_answers
from cc_rfp.core.bank import load_bank
from cc_rfp.core.values import check_value
from cc_rfp.document.render import render_document
from tests.conftest import EXAMPLE

NKI = {"sv": "Nöjd-kund-index (NKI)", "en": "Customer satisfaction index (NKI)"}
BONUS = {"sv": "Bonus betalas", "en": "A bonus is paid"}


@pytest.fixture(scope="module")
def bank():
    return load_bank(None)


def with_nki(**row_extra):
    answers = load_answers(EXAMPLE, announce=False)
    answers.values = copy.deepcopy(answers.values)
    row = {"kpi": "nki", "index": 72, "level": "mandatory", "interval": "month"}
    answers.values["kpi_targets"].append({**row, **row_extra})
    answers.values["satisfaction_measures"] = ["nps", "nki"]
    answers.values["bonus_kpi"] = "nki"
    answers.values["bonus_threshold"] = 75
    return answers


def test_the_catalogue_holds_the_kpis_of_the_field(bank):
    wanted = {
        "service_level", "asa", "answer_rate", "abandon_rate", "email_response", "aht",
        "fcr", "nps", "csat", "ces", "nki", "qa_score", "transfer_rate", "error_rate",
        "hit_rate", "churn_rate",
    }  # fmt: skip
    assert wanted <= set(bank.kpis)
    assert bank.kpis["nki"].targets == ["index"] and bank.kpis["ces"].targets == ["index"]
    assert bank.kpis["nps"].targets == ["score"]
    for kpi_id in ("transfer_rate", "error_rate", "churn_rate", "abandon_rate"):
        assert bank.kpis[kpi_id].direction == "at_most", kpi_id
    for kpi in bank.kpis.values():  # each definition says what the figure is
        assert "index" in kpi.definition["en"] or any(
            word in kpi.definition["en"]
            for word in ("share", "per cent", "percentage", "%", "divided", "mean", "time")
        ), kpi.id


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_an_nki_target_renders_as_an_index_in_the_kpi_table_and_the_schedules(bank, lang):
    document = render_document(bank, with_nki(today=70), lang=lang)
    row = next(
        line for line in document.splitlines() if line.startswith("| ") and NKI[lang] in line
    )
    assert "72" in row and "%" not in row, row
    assert ("I dag: 70." if lang == "sv" else "Today: 70.") in row
    bonus = next(line for line in document.splitlines() if BONUS[lang] in line)
    assert "75" in bonus and "75 %" not in bonus and "75%" not in bonus, bonus
    assert "+75" not in bonus and "+78" not in bonus, bonus  # no NPS-like sign
    # The counting rules define NKI once, as an index.
    assert document.count("**" + NKI[lang] + ".**") == 1


def test_a_ces_mean_keeps_its_decimal_and_no_sign(bank):
    answers = with_nki()
    answers.values["kpi_targets"].append({"kpi": "ces", "index": 4.2, "level": "desirable"})
    document = render_document(bank, answers, lang="en")
    assert "at least 4.2 on the question's scale" in document


def test_todays_result_is_optional_and_may_be_unknown(bank):
    question = bank.questions["kpi_targets"]
    base = {"kpi": "nki", "index": 72, "level": "desirable"}
    values = load_answers(EXAMPLE, announce=False).values
    assert check_value(bank, question, [base], values, "en") == []
    unknown = {**base, "today": Unknown("measured from 2027").to_yaml()}
    assert check_value(bank, question, [unknown], values, "en") == []
    wrong = check_value(bank, question, [{**base, "today": 140}], values, "en")
    assert wrong and wrong[0][0] == (0, "today")
    document = render_document(bank, with_nki(today={"unknown": True}), lang="en")
    row = next(line for line in document.splitlines() if NKI["en"] in line and "| SL" in line)
    assert "Today's result is not known." in row


def test_an_index_target_outside_its_scale_is_refused(bank):
    question = bank.questions["kpi_targets"]
    values = load_answers(EXAMPLE, announce=False).values
    problems = check_value(
        bank, question, [{"kpi": "nki", "index": 172, "level": "desirable"}], values, "en"
    )
    assert problems and problems[0][0] == (0, "index")
