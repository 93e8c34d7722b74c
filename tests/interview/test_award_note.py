"""The interview's note after the award questions (``interview/award_note.py``): the SEK values as
a share of the same yearly cost the memo uses, the points table with the rank reversal, the
warning when the cheap low-quality bid wins, and one dim line instead of a broken interview.

Sessions run in-process through the pipe input (as tests/interview/test_interview_session.py
does) on the example answers with the built-in bank, revisiting the evaluation section.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from interview_support import CTRL_C, ENTER, driven

from cc_rfp.core.answers import Answers, load_answers, save_answers
from cc_rfp.core.bank import Bank, load_bank
from cc_rfp.document.render import render_memo
from cc_rfp.errors import EXIT_INTERRUPTED
from cc_rfp.interview.award_note import award_lines, note_due
from cc_rfp.interview.session import Plan, Session
from tests.conftest import REPO

EXAMPLE_EN = REPO / "examples" / "answers-example.en.yaml"
POINTS = {
    "evaluation_model": "relative_points",
    "price_weight": 40,
    "quality_criteria": [{"criterion": "Quality", "weight": 60}],
}


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


@pytest.fixture(scope="module")
def example() -> dict[str, Any]:
    return dict(load_answers(EXAMPLE_EN).values)


def revisit_evaluation(
    folder: Path, bank: Bank, values: dict[str, Any], keys: str, lang: str = "en"
) -> tuple[int, str, dict[str, Any]]:
    """Revisit the evaluation section with ``keys``; the exit code, the screen, the saved file."""
    path = folder / "answers.yaml"
    save_answers(path, Answers(values=dict(values), language=lang), order=bank.order)
    plan = Plan(
        path=path,
        out=folder / "tender.md",
        resume_command="cc-rfp interview answers.yaml",
        section="evaluation",
        existed=True,
    )
    with driven(keys, lang) as (ui, screen):
        code = Session(ui, bank, load_answers(path), plan).run()
    return code, " ".join(screen.console.split()), load_answers(path).values


def test_the_note_follows_the_criteria_with_the_memo_share(
    tmp_path: Path, bank: Bank, example: dict[str, Any]
) -> None:
    # basis, model, criteria (kept with Enter), then Ctrl-C at the next question
    code, shown, saved = revisit_evaluation(tmp_path, bank, example, ENTER * 3 + CTRL_C)
    assert code == EXIT_INTERRUPTED  # Ctrl-C: paused, everything saved
    assert "Paused" in shown
    title = "What the award model does with fictitious bids:"
    assert title in shown
    assert shown.index("worth? ✓ Done") < shown.index(title)  # after the criteria, not before
    # the share is the memo's figure: the same function gives both
    memo = " ".join(render_memo(bank, load_answers(EXAMPLE_EN), lang="en").split())
    assert "14.9% of an estimated yearly cost of SEK 6.7 m" in shown
    assert "14.9% of an estimated yearly cost of SEK 6.7 m" in memo
    # C wins under the example's values: the warning and the total that would stop it
    assert "Warning: C, cheap with almost no quality, wins (without C, B wins)" in shown
    assert "more than SEK 3.6 m (54% of the yearly cost)" in shown
    assert saved["quality_criteria"] == example["quality_criteria"]


def test_a_points_model_shows_the_table_and_the_flip(
    tmp_path: Path, bank: Bank, example: dict[str, Any]
) -> None:
    # basis, model, criteria, price weight, then stop
    values = {**example, **POINTS}
    code, shown, saved = revisit_evaluation(tmp_path, bank, values, ENTER * 4 + CTRL_C)
    assert code == EXIT_INTERRUPTED  # Ctrl-C: paused, everything saved
    assert "Total points" in shown and "Without C" in shown
    # the guide's proportions give the guide's points: A 71.49, B 70.94, C 46.00
    assert "A 21.2 4.0 71.49 1 2" in shown
    assert "B 14.2 3.0 70.94 2 1" in shown
    assert "C 12.4 0.5 46.00 3 –" in shown
    assert "Warning: without C, B wins; with C, A wins." in shown
    assert saved["price_weight"] == 40


def test_the_note_in_swedish(bank: Bank, example: dict[str, Any]) -> None:
    answers = Answers(values=dict(example))
    lines = [text for style, text in award_lines(bank, answers, "sv") if style != "table"]
    assert lines[0].startswith("Kvalitetsvärdena är sammanlagt 1\u00a0000\u00a0000 kr, 14,9 %")
    assert any("överstiger 3,6 Mkr (54 % av årskostnaden)" in line for line in lines)


def test_a_model_that_cannot_be_computed_says_why(bank: Bank, example: dict[str, Any]) -> None:
    values = {**example, **POINTS, "price_weight": 30}  # 30 + 60 is not 100
    lines = award_lines(bank, Answers(values=values), "en")
    reason = "the price weight and the criteria's weights add up to 90, not 100; adjust them"
    assert lines == [("dim", f"(The model cannot be tried yet: {reason})")]


def test_a_failure_is_one_dim_line_and_the_interview_goes_on(
    tmp_path: Path, bank: Bank, example: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    import cc_rfp.pricing.example as px

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(px, "worked_example", broken)
    # basis, model, criteria, scoring method (kept), tie-break answered: the walk went on
    code, shown, saved = revisit_evaluation(tmp_path, bank, example, ENTER * 5 + CTRL_C)
    assert code == EXIT_INTERRUPTED  # Ctrl-C: paused, everything saved
    assert "(No award example: division by zero)" in shown
    assert "? How is a tie broken?" in shown
    assert saved == example


def test_the_note_is_due_after_the_last_award_question_that_applies(
    bank: Bank, example: dict[str, Any]
) -> None:
    value_added = Answers(values=dict(example))
    assert note_due(bank, value_added, "quality_criteria")
    assert not note_due(bank, value_added, "evaluation_model")  # criteria still to come
    points = Answers(values={**example, **POINTS})
    assert not note_due(bank, points, "quality_criteria")  # the price weight comes after
    assert note_due(bank, points, "price_weight")
    price_only = Answers(values={**example, "evaluation_basis": "price_only"})
    assert note_due(bank, price_only, "evaluation_basis")
    assert not note_due(bank, value_added, "tie_break")
