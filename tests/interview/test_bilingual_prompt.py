"""The interview offers a free-text answer in the other language too (issue 11 item 7).

When the client wants the tender in both languages (``tender_both_languages``), a text or
longtext prompt is followed by "The same text in …" (Enter skips); a revisit starts both on
what the file holds, and Enter, Enter keeps it exactly.
"""

from __future__ import annotations

from typing import Any

import pytest
from interview_support import ENTER, driven

from cc_rfp.core.bank import Bank, load_bank
from cc_rfp.core.values import check_value
from cc_rfp.interview.prompts import Asking, ask_question

BOTH = {"tender_both_languages": True}


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(None)


def ask(bank: Bank, qid: str, keys: str, *, lang: str = "en", current: Any = None, known=None):
    with driven(keys, lang) as (ui, screen):
        asking = Asking(ui, bank, bank.questions[qid], current=current, known=dict(known or {}))
        result = ask_question(asking)
    return result, screen.all


def test_the_second_language_is_offered_and_stored_as_a_mapping(bank: Bank) -> None:
    keys = "Acme Ltd" + ENTER + "Acme AB" + ENTER
    result, shown = ask(bank, "buyer_name", keys, known=BOTH)
    assert result == {"sv": "Acme AB", "en": "Acme Ltd"}
    assert "The same text in Swedish" in shown
    assert not check_value(bank, bank.questions["buyer_name"], result, BOTH, "en")


def test_swedish_interview_asks_for_english_and_longtext_ends_with_an_empty_line(bank) -> None:
    keys = "Vi säljer el." + ENTER + ENTER + "We sell power." + ENTER + ENTER
    result, shown = ask(bank, "business_idea", keys, lang="sv", known=BOTH)
    assert result == {"sv": "Vi säljer el.", "en": "We sell power."}
    assert "Samma text på engelska" in shown


def test_enter_skips_the_second_language(bank: Bank) -> None:
    result, _ = ask(bank, "buyer_name", "Acme Ltd" + ENTER + ENTER, known=BOTH)
    assert result == "Acme Ltd"


def test_not_offered_without_both_languages_or_for_a_fixed_form(bank: Bank) -> None:
    result, shown = ask(bank, "buyer_name", "Acme Ltd" + ENTER)
    assert result == "Acme Ltd"
    assert "The same text in" not in shown
    result, shown = ask(bank, "contact_email", "a@b.se" + ENTER, known=BOTH)
    assert result == "a@b.se"
    assert "The same text in" not in shown


@pytest.mark.parametrize(
    "held",
    [
        {"sv": "Acme AB", "en": "Acme Ltd"},
        {"sv": "Acme AB"},  # only the other language: this one may stay empty
        {"en": "Acme Ltd"},
    ],
)
def test_a_revisit_shows_both_and_enter_keeps_exactly_the_file(bank: Bank, held) -> None:
    # no yes to both languages needed: a mapping in the file is always shown as one
    result, shown = ask(bank, "buyer_name", ENTER + ENTER, current=dict(held))
    assert result == held
    assert "keep" not in shown.lower()  # no "cannot show this answer" notice
    for text in held.values():
        assert text in shown


def test_a_revisit_can_change_one_language(bank: Bank) -> None:
    held = {"sv": "Acme AB", "en": "Acme Ltd"}
    result, _ = ask(bank, "buyer_name", ENTER + "Acme Limited" + ENTER, lang="sv", current=held)
    assert result == {"sv": "Acme AB", "en": "Acme Limited"}
