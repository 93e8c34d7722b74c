"""A text or longtext answer may be given in both languages (issue 11 item 7).

``{sv: "…", en: "…"}`` with one or both keys is valid; another key, an empty mapping, an empty
or non-text language is refused with a message in the user's language, and the line of the
answer. A cell of a ``records`` table stays one string. The JSON Schema says the same.
"""

from __future__ import annotations

import jsonschema
import pytest

from cc_rfp.core.answers import load_answers
from cc_rfp.core.bank import load_bank
from cc_rfp.core.schema import answers_schema
from cc_rfp.core.validate import validate_answers
from tests.conftest import EXAMPLE


@pytest.fixture(scope="module")
def bank():
    return load_bank(None)


def _write(tmp_path, extra: str):
    """The example's header with one answer (a small file: only that answer is checked)."""
    text = EXAMPLE.read_text(encoding="utf-8")
    head = text[: text.index("\nanswers:\n")]
    path = tmp_path / "answers.yaml"
    path.write_text(f"{head}\nanswers:\n{extra}", encoding="utf-8")
    return load_answers(path, announce=False)


def _problems_of(bank, answers, qid, lang="en"):
    problems = validate_answers(bank, answers, lang)
    return [p for p in problems if p.question and p.question.split(".")[0] == qid]


@pytest.mark.parametrize(
    "value",
    [
        '{sv: "Vi säljer el.", en: "We sell electricity."}',
        '{en: "We sell electricity."}',
        '{sv: "Vi säljer el."}',
    ],
)
def test_one_or_both_languages_are_valid(bank, tmp_path, value):
    answers = _write(tmp_path, f"  company_description: {value}\n")
    assert _problems_of(bank, answers, "company_description") == []


@pytest.mark.parametrize(
    ("value", "en", "sv"),
    [
        ('{de: "Strom"}', "has the key de", "har nyckeln de"),
        ("{}", "has no text", "saknar text"),
        ('{sv: "", en: "We sell."}', "is empty", "är tom"),
        ("{sv: 12}", "must be text", "måste vara text"),
    ],
)
def test_a_wrong_mapping_is_refused_in_both_languages_with_its_line(bank, tmp_path, value, en, sv):
    answers = _write(tmp_path, f"  company_description: {value}\n")
    for lang, expected in (("en", en), ("sv", sv)):
        problems = _problems_of(bank, answers, "company_description", lang)
        assert len(problems) == 1, problems
        assert expected in problems[0].message
        assert problems[0].line is not None


def test_each_language_keeps_the_question_s_own_checks(bank, tmp_path):
    answers = _write(tmp_path, '  contact_email: {sv: "a@b.se", en: "not an address"}\n')
    problems = _problems_of(bank, answers, "contact_email")
    assert len(problems) == 1
    assert "expected form" in problems[0].message
    assert problems[0].question == "contact_email.en"  # which language is wrong


def test_a_records_cell_stays_one_language(bank):
    from cc_rfp.core.values import check_scalar

    field = next(f for f in bank.questions["quality_criteria"].fields if f.id == "criterion")
    problems = check_scalar("text", field, {"sv": "Kvalitet", "en": "Quality"}, [], "en")
    assert problems and "one language" in problems[0][1]
    assert check_scalar("text", field, "Kvalitet", [], "en") == []


def test_the_schema_takes_a_string_or_a_mapping_by_language(bank):
    schema = answers_schema(bank)
    jsonschema.Draft202012Validator.check_schema(schema)
    text_schema = {**schema["properties"]["answers"]["properties"]["company_description"]}
    text_schema["$defs"] = schema.get("$defs", {})
    check = jsonschema.Draft202012Validator(text_schema)
    for good in ("We sell.", {"sv": "Vi säljer."}, {"sv": "Vi säljer.", "en": "We sell."}):
        assert check.is_valid(good), good
    for bad in ({}, {"de": "Strom"}, {"sv": 3}, ["a"]):
        assert not check.is_valid(bad), bad
    # a records cell is one string in the schema too
    records = str(schema["properties"]["answers"]["properties"]["quality_criteria"])
    assert "'criterion': {'type': ['string', 'number']}" in records
