"""A document quoting free text in the other language says so once (issue 11 item 7)."""

from __future__ import annotations

import pytest

from cc_rfp.core.answers import load_answers
from cc_rfp.core.bank import load_bank
from cc_rfp.document.render import render_document
from tests.conftest import EXAMPLE

EXAMPLE_EN = EXAMPLE.parent / "answers-example.en.yaml"
NOTE = {
    ("en", "sv"): "Quoted free-text answers are in Swedish.",
    ("sv", "en"): "Citerade fritextsvar står på engelska.",
}


@pytest.fixture(scope="module")
def bank():
    return load_bank(None)


@pytest.mark.parametrize(("lang", "source"), [("en", EXAMPLE), ("sv", EXAMPLE_EN)])
def test_the_other_language_is_named_once_before_the_first_part(bank, lang, source):
    answers = load_answers(source, announce=False)
    document = render_document(bank, answers, lang=lang)
    note = NOTE[(lang, answers.language)]
    assert document.count(note) == 1
    assert document.index(note) < document.index("\n## ")


@pytest.mark.parametrize(("lang", "source"), [("sv", EXAMPLE), ("en", EXAMPLE_EN)])
def test_no_note_when_the_languages_agree_or_nothing_is_quoted(bank, lang, source):
    answers = load_answers(source, announce=False)
    document = render_document(bank, answers, lang=lang)
    assert not any(note in document for note in NOTE.values())
    free_text = {q for q, spec in bank.questions.items() if spec.type in ("text", "longtext")}
    answers.values = {k: v for k, v in answers.values.items() if k not in free_text}
    answers.language = "sv" if lang == "en" else "en"
    other = render_document(bank, answers, lang=lang, draft=True)
    assert not any(note in other for note in NOTE.values())
