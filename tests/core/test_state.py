"""One answer state (state.py), and the four parts that use it agreeing on it.

The document's open items, validate's "required but not answered", the review's open count
and the interview's first open question once each had their own idea of "answered"; these
tests pin that they are now all read off the same states.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from cc_rfp.core.answers import Answers, load_answers, parse_answers
from cc_rfp.core.bank import Bank, load_bank
from cc_rfp.core.state import OPEN, PENDING, AnswerState, assess, state_of, states
from cc_rfp.core.validate import validate_answers
from cc_rfp.document.render import load_strings
from cc_rfp.document.view import Doc
from cc_rfp.interview.review import is_open, tally
from cc_rfp.interview.session import Session

REPO = Path(__file__).resolve().parents[2]
MINI = REPO / "tests" / "data" / "mini-bank.yaml"
ANSWER_FILES = [
    REPO / "examples" / "answers-example.yaml",
    REPO / "tests" / "data" / "draft-with-mistakes.yaml",
    REPO / "tests" / "data" / "v0.1.0" / "partial-interview.yaml",
    REPO / "tests" / "data" / "v0.1.0" / "answers-example.yaml",
]

SMALL = """\
answers:
  buyer_name: Nordlys Hem AB
  business_idea: {unknown: true, note: board decides in March}
  channels: [phone]
  chat_concurrency: 2
  agents_now: -3
"""


@pytest.fixture(scope="module")
def mini() -> Bank:
    return load_bank(MINI)


@pytest.fixture(scope="module")
def full() -> Bank:
    return load_bank()


def test_every_state_is_reached_on_a_small_bank(mini: Bank) -> None:
    answers = parse_answers(SMALL)
    found = states(mini, answers)
    assert found["buyer_name"] is AnswerState.ANSWERED
    assert found["channels"] is AnswerState.ANSWERED
    assert found["business_idea"] is AnswerState.UNKNOWN
    assert found["bid_deadline"] is AnswerState.NOT_ASKED
    assert found["chat_concurrency"] is AnswerState.NOT_APPLICABLE  # answered, but no chat
    assert found["agents_now"] is AnswerState.INVALID
    assert set(found.values()) == set(AnswerState)
    assert list(found) == mini.order


def test_the_condition_comes_first_and_problems_come_with_invalid(mini: Bank) -> None:
    answers = parse_answers(SMALL)
    state, problems = assess(mini, answers, mini.questions["agents_now"])
    assert state is AnswerState.INVALID and problems
    swedish = assess(mini, answers, mini.questions["agents_now"], lang="sv")
    assert swedish[0] is AnswerState.INVALID and swedish[1] != problems
    # An invalid answer to a question that does not apply is NOT_APPLICABLE (validate's
    # "does not apply" wins over the type check).
    answers.values["chat_concurrency"] = "lots"
    assert state_of(mini, answers, mini.questions["chat_concurrency"]) is (
        AnswerState.NOT_APPLICABLE
    )
    answers.values["channels"] = ["phone", "chat"]
    assert state_of(mini, answers, mini.questions["chat_concurrency"]) is AnswerState.INVALID
    answers.values["chat_concurrency"] = 2
    assert state_of(mini, answers, mini.questions["chat_concurrency"]) is AnswerState.ANSWERED


def _load(path: Path) -> Answers:
    return load_answers(path, announce=False)


def _cases(mini: Bank, full: Bank) -> list[tuple[Bank, Answers]]:
    return [(full, _load(path)) for path in ANSWER_FILES] + [(mini, parse_answers(SMALL))]


def test_the_document_the_review_validate_and_the_session_agree(mini: Bank, full: Bank) -> None:
    for bank, answers in _cases(mini, full):
        found = states(bank, answers)
        pending = [qid for qid, s in found.items() if s in PENDING]
        open_ids = [qid for qid, s in found.items() if s in OPEN]

        doc = Doc(bank, answers, "en", load_strings("en", None))
        # The open-items annex asks bidders only about what they may propose.
        proposable = [qid for qid in pending if bank.questions[qid].unknown == "propose"]
        assert [item["id"] for item in doc.open_items] == proposable
        for qid, answer_state in found.items():
            assert doc.has(qid) == (answer_state is AnswerState.ANSWERED)
            assert doc.applies(qid) == (answer_state is not AnswerState.NOT_APPLICABLE)

        required = [
            p.question
            for p in validate_answers(bank, answers)
            if p.message == "is required but not answered"
        ]
        assert required == [
            qid
            for qid, s in found.items()
            if s is AnswerState.NOT_ASKED and bank.questions[qid].required
        ]

        review_open: list[str] = []
        unknown = 0
        for section in bank.sections:
            counts = tally(bank, answers, section)
            review_open += counts.open_ids
            unknown += counts.unknown
        by_section = {s.id: [q.id for q in s.questions] for s in bank.sections}
        in_section_order = [qid for ids in by_section.values() for qid in ids if qid in open_ids]
        assert review_open == in_section_order
        assert unknown == sum(s is AnswerState.UNKNOWN for s in found.values())
        assert [qid for qid in found if is_open(bank, answers, bank.questions[qid])] == open_ids

        first = Session.first_open(SimpleNamespace(bank=bank, answers=answers))  # type: ignore[arg-type]
        assert first == (open_ids[0] if open_ids else None)


def test_the_cases_are_not_all_alike(mini: Bank, full: Bank) -> None:
    """The agreement test means something only if the files differ in what is open."""
    seen: set[AnswerState] = set()
    firsts = set()
    for bank, answers in _cases(mini, full):
        found = states(bank, answers)
        seen |= set(found.values())
        firsts.add(next((qid for qid, s in found.items() if s in OPEN), None))
    assert seen == set(AnswerState)
    assert len(firsts) >= 3, firsts


def test_the_label_of_a_choice_value(mini: Bank) -> None:
    """One lookup (values.choice_label) for what the document printed from eleven copies."""
    from cc_rfp.core.values import choice_label, choice_labels

    choices = mini.choices(mini.questions["sourcing_model"])
    assert choice_label(choices, "supplier", "sv") == "Leverantör"
    assert choice_label(choices, "supplier", "en") == "Supplier"
    assert choice_label(choices, "Supplier", "en") is None  # values, not labels, are looked up
    assert choice_label(choices, None, "en") is None
    assert choice_labels(choices, "sv") == {"partner": "Partner", "supplier": "Leverantör"}
    doc = Doc(mini, parse_answers(SMALL), "sv", load_strings("sv", None))
    assert doc.choice("sourcing_model", "supplier") == "Leverantör"
    assert doc.choice("sourcing_model", "not_a*choice") == r"not\_a\*choice"
