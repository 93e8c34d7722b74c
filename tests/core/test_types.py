"""The question-type registry (core/types): every type the bank may use is registered once,
with everything each layer asks of it."""

from __future__ import annotations

from typing import get_args

import pytest

from cc_rfp.core import types
from cc_rfp.core.bank import load_bank
from cc_rfp.core.bank_model import FieldType, QuestionType
from cc_rfp.document.view import Doc


def test_the_registry_holds_exactly_the_types_a_bank_may_use() -> None:
    assert set(types.REGISTRY) == set(get_args(QuestionType))


def test_every_field_type_checks_one_cell() -> None:
    for kind in get_args(FieldType):
        assert types.get(kind).cell is not None, kind


@pytest.mark.parametrize("kind", sorted(types.REGISTRY))
def test_every_type_names_a_prompt_that_exists(kind: str) -> None:
    from cc_rfp.interview.prompts import asker

    assert callable(asker(kind))


def test_types_shown_as_blocks_have_a_document_layout() -> None:
    """A block type without a ``_fmt_<type>`` would fall back to one inline value."""
    for kind, spec in types.REGISTRY.items():
        if spec.block and kind != "longtext":
            assert hasattr(Doc, f"_fmt_{kind}"), kind


def test_keysets_a_type_reads_are_required_of_a_bank(tmp_path) -> None:
    """What the contract checks at load comes from the registry, not a list of its own."""
    from cc_rfp.core.contract import _needed_keysets

    bank = load_bank(None)
    needed = {keyset for keyset, _ in _needed_keysets(bank, {})}
    for question in bank.questions.values():
        assert set(types.get(question.type).keysets) <= needed


def test_check_value_dispatches_by_type() -> None:
    bank = load_bank(None)
    by_type = {q.type: q for q in bank.questions.values()}
    assert types.check_value(bank, by_type["integer"], 3, {}, "en") == []
    assert types.check_value(bank, by_type["integer"], "x", {}, "en")
    assert types.check_value(bank, by_type["yesno"], True, {}, "en") == []
    assert types.check_value(bank, by_type["multichoice"], "not a list", {}, "en")
