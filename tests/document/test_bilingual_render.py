"""A free-text answer given in both languages: each document prints its own (issue 11 item 7).

The Swedish document prints the Swedish text and the English one the English text; a text
given in one language only is printed in both documents, and the document in the other
language then says once that quoted text is in that language. The committed English example
(``examples/answers-example.en.yaml`` and its document) has no Swedish free text left in it.
"""

from __future__ import annotations

import copy

import pytest

from cc_rfp.core.answers import load_answers
from cc_rfp.core.bank import load_bank
from cc_rfp.document.render import render_document, render_memo
from tests.conftest import EXAMPLE, REPO

NOTE = {
    "en": "Quoted free-text answers are in Swedish.",
    "sv": "Citerade fritextsvar står på engelska.",
}
SV = "Bolaget säljer fjärrvärme i tre kommuner."
EN = "The company sells district heating in three municipalities."
EXAMPLE_EN = REPO / "examples" / "answers-example.en.yaml"


@pytest.fixture(scope="module")
def bank():
    return load_bank(None)


@pytest.fixture(scope="module")
def example():
    return load_answers(EXAMPLE, announce=False)


def _only_text(bank, example, qid, value, language):
    """The example with one free-text answer, ``value``, and no other free text."""
    answers = copy.deepcopy(example)
    for k, v in list(answers.values.items()):
        if bank.questions[k].type not in ("text", "longtext"):
            continue
        if bank.questions[k].unknown == "buyer" and isinstance(v, str):
            answers.values[k] = {"sv": v, "en": v}  # names and contacts: the same in both
        else:
            del answers.values[k]
    answers.values[qid] = value
    answers.language = language
    return answers


def test_each_language_prints_its_own_text_and_no_note(bank, example):
    answers = copy.deepcopy(example)
    answers.values["company_description"] = {"sv": SV, "en": EN}
    for lang, own, other in (("sv", SV, EN), ("en", EN, SV)):
        document = render_document(bank, answers, lang=lang, draft=True)
        assert own in document
        assert other not in document
    # the file's own plain texts are Swedish: the English document still names that once
    english = render_document(bank, answers, lang="en", draft=True)
    assert english.count(NOTE["en"]) == 1


@pytest.mark.parametrize(("given", "lang"), [("sv", "en"), ("en", "sv")])
def test_one_language_only_is_printed_with_the_note_once(bank, example, given, lang):
    text = {"sv": SV, "en": EN}[given]
    # the file's header says the other language: the note must come from the mapping's key
    answers = _only_text(bank, example, "company_description", {given: text}, lang)
    answers.values["business_idea"] = {given: text + " (2)"}
    document = render_document(bank, answers, lang=lang, draft=True)
    assert text in document
    assert text + " (2)" in document
    assert document.count(NOTE[lang]) == 1


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_both_languages_given_needs_no_note(bank, example, lang):
    other = "en" if lang == "sv" else "sv"
    answers = _only_text(bank, example, "company_description", {"sv": SV, "en": EN}, other)
    document = render_document(bank, answers, lang=lang, draft=True)
    assert not any(note in document for note in NOTE.values())
    assert {"sv": SV, "en": EN}[lang] in document


def test_the_memo_and_the_cover_read_the_text_too(bank, example):
    answers = copy.deepcopy(example)
    answers.values["buyer_name"] = {"sv": "Värmebolaget AB", "en": "The Heating Company"}
    memo = render_memo(bank, answers, lang="en")
    assert "The Heating Company" in memo
    assert "Värmebolaget AB" not in memo
    from cc_rfp.document.convert import cover_for

    cover = cover_for(bank, answers, "sv", "# Title\n")
    assert cover.buyer == "Värmebolaget AB"


def test_the_english_example_has_no_swedish_free_text():
    """Every free-text answer of the Swedish example has its English in the English file."""

    import yaml_data

    swedish = yaml_data.load(EXAMPLE.read_text(encoding="utf-8"))["answers"]
    english = yaml_data.load(EXAMPLE_EN.read_text(encoding="utf-8"))["answers"]
    assert swedish.keys() == english.keys()

    def texts(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from texts(item)
        elif isinstance(value, list):
            for item in value:
                yield from texts(item)

    document = (REPO / "examples" / "spec-example.en.md").read_text(encoding="utf-8")
    for text in texts(english):
        assert not any(c in text.replace("Borås", "") for c in "åäöÅÄÖ"), text
    for text in texts(swedish):
        if len(text) > 30 and any(c in text for c in "åäö"):
            assert text not in document, text
